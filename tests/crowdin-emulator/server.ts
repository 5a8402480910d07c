/**
 * A Crowdin-compatible HTTP server for tests: the routes the sync uses, Crowdin's response shapes, bearer
 * auth, pagination capped at 500, and a control API (HTTP under /__control, or the methods below) to seed
 * translations and arm faults. It listens on 127.0.0.1 only.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Zip, ZipDeflate, ZipPassThrough, zipSync, strToU8 } from 'fflate';
import { LANGUAGES, type EmulatedLanguage } from './languages.ts';

export interface Fault {
	method?: string;
	/** Matched against the path after /api/v2, e.g. `^/projects/1/files$`. */
	path: string;
	/** HTTP status, or 0 to drop the connection without answering. */
	status: number;
	body?: string;
	contentType?: string;
	headers?: Record<string, string>;
	/** How many matching requests fail; then the fault is spent. */
	times: number;
	/** Apply the request first, then fail (the client cannot tell whether it happened). */
	afterApplying?: boolean;
}

export type BuildMode = 'ok' | 'failed' | 'stuck';
export type ArchiveTamper =
	| { kind: 'truncated' }
	| { kind: 'extra'; name: string; content: string }
	| { kind: 'duplicate'; name: string; contents: [string, string] }
	| { kind: 'symlink'; name: string; target: string }
	| { kind: 'bomb'; name: string; bytes: number };

interface Directory {
	id: number;
	projectId: number;
	branchId: null;
	directoryId: number | null;
	name: string;
	title: null;
	exportPattern: string;
	path: string;
	priority: string;
	createdAt: string;
	updatedAt: string;
}

interface StoredFile {
	id: number;
	projectId: number;
	branchId: null;
	directoryId: number | null;
	name: string;
	title: null;
	context: null;
	type: string;
	path: string;
	status: string;
	revisionId: number;
	priority: string;
	importOptions: unknown;
	exportOptions: { exportPattern?: string };
	excludedTargetLanguages: null;
	parserVersion: number;
	createdAt: string;
	updatedAt: string;
	content: Buffer;
}

interface Translation {
	content: string;
	progress: number;
	approval: number;
}

interface Build {
	id: number;
	projectId: number;
	status: 'inProgress' | 'finished' | 'failed';
	progress: number;
	attributes: Record<string, unknown>;
	createdAt: string;
	updatedAt: string;
	finishedAt: string | null;
	polls: number;
	error?: { message: string };
}

const now = () => new Date().toISOString();
const words = (text: string) => text.split(/\s+/).filter(Boolean).length;

export class CrowdinEmulator {
	readonly token: string;
	readonly projectId = 4242;
	url = '';
	languages: EmulatedLanguage[] = structuredClone(LANGUAGES);
	targetLanguageIds = ['es-419', 'pt-BR', 'id', 'ru', 'zh-CN', 'zh-TW', 'pl', 'tr', 'ko', 'th', 'uz', 'ar'];
	directories = new Map<number, Directory>();
	files = new Map<number, StoredFile>();
	storages = new Map<number, { id: number; fileName: string; content: Buffer }>();
	translations = new Map<string, Translation>();
	builds = new Map<number, Build>();
	faults: Fault[] = [];
	buildMode: BuildMode = 'ok';
	archiveTampers: ArchiveTamper[] = [];
	expiredLinks = 0;
	requests: { method: string; path: string }[] = [];
	#nextId = 100;
	#server: Server | undefined;

	constructor(token = 'emulator-token') {
		this.token = token;
	}

	get apiUrl(): string {
		return `${this.url}/api/v2`;
	}

	async start(): Promise<this> {
		this.#server = createServer((request, response) => {
			this.#handle(request, response).catch((error: unknown) => {
				response.writeHead(500, { 'Content-Type': 'application/json' });
				response.end(JSON.stringify({ error: { code: 500, message: String(error) } }));
			});
		});
		await new Promise<void>((resolve) => this.#server!.listen(0, '127.0.0.1', resolve));
		this.url = `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}`;
		return this;
	}

	async stop(): Promise<void> {
		await new Promise<void>((resolve) => (this.#server ? this.#server.close(() => resolve()) : resolve()));
	}

	// Control API -------------------------------------------------------------------------------------

	seedTranslation(languageId: string, path: string, content: string, progress = 100, approval = 0): void {
		this.translations.set(`${languageId}\u0000${path}`, { content, progress, approval });
	}

	armFault(fault: Fault): void {
		this.faults.push({ ...fault });
	}

	/** Seeds `count` files directly (for pagination tests), under `/content/bulk/`. */
	seedManyFiles(count: number): void {
		const directory = this.#ensureDirectoryPath('/content/bulk');
		for (let index = 0; index < count; index++) {
			const name = `page-${String(index).padStart(4, '0')}.mdx`;
			this.#createFile({ name, directoryId: directory.id, type: 'mdx_v2', content: Buffer.from(`---\ntitle: ${name}\n---\n`) });
		}
	}

	fileByPath(path: string): StoredFile | undefined {
		return [...this.files.values()].find((file) => file.path === path);
	}

	// HTTP --------------------------------------------------------------------------------------------

	async #handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
		const url = new URL(request.url ?? '/', this.url);
		const body = await new Promise<Buffer>((resolve) => {
			const chunks: Buffer[] = [];
			request.on('data', (chunk: Buffer) => chunks.push(chunk));
			request.on('end', () => resolve(Buffer.concat(chunks)));
		});
		const method = request.method ?? 'GET';

		if (url.pathname.startsWith('/__control/')) return this.#control(url.pathname.slice('/__control/'.length), body, response);
		if (url.pathname.startsWith('/__downloads/')) return this.#serveArchive(url.pathname.slice('/__downloads/'.length), response);
		if (!url.pathname.startsWith('/api/v2/')) return this.#error(response, 404, 'Not Found');
		const path = url.pathname.slice('/api/v2'.length);
		this.requests.push({ method, path });

		if (request.headers.authorization !== `Bearer ${this.token}`) return this.#error(response, 401, 'Unauthorized');

		const fault = this.faults.find(
			(candidate) => candidate.times > 0 && (!candidate.method || candidate.method === method) && new RegExp(candidate.path).test(path),
		);
		if (fault && !fault.afterApplying) return this.#fail(response, fault);

		const json = () => (body.length > 0 ? (JSON.parse(body.toString('utf8')) as Record<string, unknown>) : {});
		const send = (status: number, payload: unknown) => {
			if (fault?.afterApplying) return this.#fail(response, fault);
			response.writeHead(status, { 'Content-Type': 'application/json' });
			response.end(status === 204 ? undefined : JSON.stringify(payload));
		};
		const list = <T>(items: T[]) => {
			const limit = Number(url.searchParams.get('limit') ?? 25);
			const offset = Number(url.searchParams.get('offset') ?? 0);
			if (limit > 500) return this.#validation(response, 'limit', 'lessThanOrEqual', 'The limit must be less than or equal to 500');
			send(200, { data: items.slice(offset, offset + limit).map((data) => ({ data })), pagination: { offset, limit } });
		};

		if (method === 'GET' && path === '/languages') return list(this.languages);
		if (method === 'POST' && path === '/storages') {
			const fileName = decodeURIComponent(String(request.headers['crowdin-api-filename'] ?? ''));
			if (!fileName) return this.#validation(response, 'fileName', 'isEmpty', 'Crowdin-API-FileName header is required');
			const storage = { id: this.#nextId++, fileName, content: body };
			this.storages.set(storage.id, storage);
			return send(201, { data: { id: storage.id, fileName } });
		}

		const projectMatch = /^\/projects\/(\d+)(\/.*)?$/.exec(path);
		if (!projectMatch) return this.#error(response, 404, 'Not Found');
		if (Number(projectMatch[1]) !== this.projectId) return this.#error(response, 404, 'Project Not Found');
		const rest = projectMatch[2] ?? '';

		if (method === 'GET' && rest === '') return send(200, { data: this.#project() });
		if (method === 'GET' && rest === '/directories') return list([...this.directories.values()].sort((a, b) => a.id - b.id));
		if (method === 'POST' && rest === '/directories') {
			const { name, directoryId } = json() as { name?: string; directoryId?: number };
			if (!name) return this.#validation(response, 'name', 'isEmpty', 'Value is required');
			const parent = directoryId ? this.directories.get(directoryId) : undefined;
			if (directoryId && !parent) return this.#validation(response, 'directoryId', 'notFound', 'Directory not found');
			const path = `${parent?.path ?? ''}/${name}`;
			if ([...this.directories.values()].some((directory) => directory.path === path)) {
				return this.#validation(response, 'name', 'notUnique', 'Name must be unique');
			}
			return send(201, { data: this.#stripped(this.#createDirectory(name, parent)) });
		}
		if (method === 'GET' && rest === '/files') {
			const directoryId = url.searchParams.get('directoryId');
			const files = [...this.files.values()].filter((file) => !directoryId || file.directoryId === Number(directoryId)).sort((a, b) => a.id - b.id);
			return list(files.map((file) => this.#stripped(file)));
		}
		if (method === 'POST' && rest === '/files') {
			const request = json() as {
				storageId?: number;
				name?: string;
				directoryId?: number;
				type?: string;
				importOptions?: unknown;
				exportOptions?: { exportPattern?: string };
			};
			const storage = request.storageId ? this.storages.get(request.storageId) : undefined;
			if (!storage) return this.#validation(response, 'storageId', 'notFound', 'Storage not found');
			if (!request.name) return this.#validation(response, 'name', 'isEmpty', 'Value is required');
			const parent = request.directoryId ? this.directories.get(request.directoryId) : undefined;
			const path = `${parent?.path ?? ''}/${request.name}`;
			if (this.fileByPath(path)) return this.#validation(response, 'name', 'notUnique', 'Name must be unique');
			const file = this.#createFile({
				name: request.name,
				directoryId: parent?.id ?? null,
				type: request.type ?? 'auto',
				content: storage.content,
				importOptions: request.importOptions,
				exportOptions: request.exportOptions ?? {},
			});
			return send(201, { data: this.#stripped(file) });
		}
		const fileMatch = /^\/files\/(\d+)$/.exec(rest);
		if (fileMatch) {
			const file = this.files.get(Number(fileMatch[1]));
			if (!file) return this.#error(response, 404, 'File Not Found');
			if (method === 'PUT') {
				const request = json() as { storageId?: number; updateOption?: string; importOptions?: unknown; exportOptions?: { exportPattern?: string } };
				const storage = request.storageId ? this.storages.get(request.storageId) : undefined;
				if (!storage) return this.#validation(response, 'storageId', 'notFound', 'Storage not found');
				file.content = storage.content;
				file.revisionId++;
				file.updatedAt = now();
				if (request.exportOptions) file.exportOptions = request.exportOptions;
				if (request.importOptions) file.importOptions = request.importOptions;
				if (request.updateOption === 'clear_translations_and_approvals' || !request.updateOption) {
					for (const key of [...this.translations.keys()]) if (key.endsWith(`\u0000${file.path}`)) this.translations.delete(key);
				}
				return send(200, { data: this.#stripped(file) });
			}
			if (method === 'DELETE') {
				this.files.delete(file.id);
				return send(204, undefined);
			}
			if (method === 'GET') return send(200, { data: this.#stripped(file) });
		}
		if (method === 'POST' && rest === '/translations/builds') {
			const request = json() as { targetLanguageIds?: string[]; skipUntranslatedStrings?: boolean; exportApprovedOnly?: boolean };
			const unknown = (request.targetLanguageIds ?? []).filter((id) => !this.targetLanguageIds.includes(id));
			if (unknown.length > 0) return this.#validation(response, 'targetLanguageIds', 'notInArray', `Unknown target languages: ${unknown.join(', ')}`);
			const build: Build = {
				id: this.#nextId++,
				projectId: this.projectId,
				status: 'inProgress',
				progress: 0,
				attributes: {
					branchId: null,
					directoryId: null,
					targetLanguageIds: request.targetLanguageIds ?? this.targetLanguageIds,
					skipUntranslatedStrings: Boolean(request.skipUntranslatedStrings),
					skipUntranslatedFiles: false,
					exportApprovedOnly: Boolean(request.exportApprovedOnly),
				},
				createdAt: now(),
				updatedAt: now(),
				finishedAt: null,
				polls: 0,
			};
			this.builds.set(build.id, build);
			return send(201, { data: this.#stripped(build) });
		}
		const buildMatch = /^\/translations\/builds\/(\d+)(\/download)?$/.exec(rest);
		if (buildMatch && method === 'GET') {
			const build = this.builds.get(Number(buildMatch[1]));
			if (!build) return this.#error(response, 404, 'Build Not Found');
			if (buildMatch[2]) {
				if (build.status !== 'finished') return this.#error(response, 409, 'Build is not finished');
				const expired = this.expiredLinks > 0;
				if (expired) this.expiredLinks--;
				return send(200, {
					data: { url: `${this.url}/__downloads/${build.id}${expired ? '-expired' : ''}.zip`, expireIn: new Date(Date.now() + 60_000).toISOString() },
				});
			}
			build.polls++;
			if (this.buildMode === 'failed' && build.polls >= 1) {
				build.status = 'failed';
				build.error = { message: 'Export failed: an internal error occurred' };
			} else if (this.buildMode === 'stuck') {
				build.progress = Math.min(95, build.polls * 5);
			} else {
				build.progress = Math.min(100, build.polls * 50);
				if (build.progress === 100) {
					build.status = 'finished';
					build.finishedAt = now();
				}
			}
			return send(200, { data: this.#stripped(build) });
		}
		if (method === 'GET' && rest === '/languages/progress') {
			return list(
				this.targetLanguageIds.map((languageId) => ({
					...this.#languageProgress(languageId),
					languageId,
					language: this.languages.find((l) => l.id === languageId),
				})),
			);
		}
		const languageProgress = /^\/languages\/([^/]+)\/progress$/.exec(rest);
		if (method === 'GET' && languageProgress) {
			const languageId = decodeURIComponent(languageProgress[1]!);
			if (!this.targetLanguageIds.includes(languageId)) return this.#error(response, 404, 'Language Not Found');
			return list(
				[...this.files.values()].map((file) => ({
					...this.#fileProgress(languageId, file),
					fileId: file.id,
					branchId: null,
					eTag: `${file.id}-${file.revisionId}`,
				})),
			);
		}
		return this.#error(response, 404, `No route ${method} ${path}`);
	}

	#project() {
		return {
			id: this.projectId,
			type: 0,
			userId: 1,
			sourceLanguageId: 'en',
			targetLanguageIds: this.targetLanguageIds,
			targetLanguages: this.targetLanguageIds.map((id) => this.languages.find((language) => language.id === id)),
			name: 'Kitebird',
			identifier: 'kitebird',
			createdAt: now(),
			updatedAt: now(),
		};
	}

	#fileProgress(languageId: string, file: StoredFile) {
		const total = words(file.content.toString('utf8'));
		const translation = this.translations.get(`${languageId}\u0000${file.path}`);
		const progress = translation?.progress ?? 0;
		const approval = translation?.approval ?? 0;
		const translated = Math.round((total * progress) / 100);
		const approved = Math.round((total * approval) / 100);
		return {
			words: { total, translated, approved, preTranslateAppliedTo: 0 },
			phrases: { total, translated, approved, preTranslateAppliedTo: 0 },
			translationProgress: progress,
			approvalProgress: approval,
		};
	}

	#languageProgress(languageId: string) {
		const files = [...this.files.values()].map((file) => this.#fileProgress(languageId, file));
		const total = files.reduce((sum, file) => sum + file.words.total, 0);
		const translated = files.reduce((sum, file) => sum + file.words.translated, 0);
		const approved = files.reduce((sum, file) => sum + file.words.approved, 0);
		const percent = (part: number) => (total === 0 ? 0 : Math.floor((part * 100) / total));
		return {
			words: { total, translated, approved, preTranslateAppliedTo: 0 },
			phrases: { total, translated, approved, preTranslateAppliedTo: 0 },
			translationProgress: percent(translated),
			approvalProgress: percent(approved),
			eTag: 'x',
		};
	}

	/** The archive Crowdin would build: one file per (language, file) at the file's export pattern. */
	archiveFor(build: Build): Buffer {
		const entries: [string, Uint8Array][] = [];
		const attributes = build.attributes as { targetLanguageIds: string[]; skipUntranslatedStrings: boolean; exportApprovedOnly: boolean };
		for (const languageId of attributes.targetLanguageIds) {
			const language = this.languages.find((candidate) => candidate.id === languageId)!;
			for (const file of this.files.values()) {
				const translation = this.translations.get(`${languageId}\u0000${file.path}`);
				const usable = translation && (!attributes.exportApprovedOnly || translation.approval >= 100);
				let content: string;
				if (usable) content = translation.content;
				else if (file.type === 'i18next_json' && attributes.skipUntranslatedStrings) content = '{}';
				else content = file.content.toString('utf8');
				const directory = file.path.slice(1, file.path.lastIndexOf('/'));
				const pattern = file.exportOptions.exportPattern ?? '/%locale%/%original_path%/%original_file_name%';
				const name = pattern
					.replace('%locale%', language.locale)
					.replace('%original_path%', directory)
					.replace('%original_file_name%', file.name)
					.replace(/\/+/g, '/')
					.replace(/^\//, '');
				entries.push([name, strToU8(content)]);
			}
		}
		return this.#zip(entries);
	}

	#zip(entries: [string, Uint8Array][]): Buffer {
		const tampers = this.archiveTampers;
		const simple = tampers.every((tamper) => tamper.kind === 'truncated');
		let archive: Uint8Array;
		if (simple) {
			archive = zipSync(Object.fromEntries(entries));
		} else {
			// Streaming zip: allows duplicate names and custom attributes, as a hostile server could send.
			const chunks: Uint8Array[] = [];
			const zip = new Zip((error, chunk) => {
				if (error) throw error;
				chunks.push(chunk);
			});
			const add = (name: string, data: Uint8Array, attrs?: number) => {
				const file = attrs === undefined ? new ZipDeflate(name, { level: 6 }) : new ZipPassThrough(name);
				if (attrs !== undefined) Object.assign(file, { os: 3, attrs });
				zip.add(file);
				file.push(data, true);
			};
			for (const [name, data] of entries) add(name, data);
			for (const tamper of tampers) {
				if (tamper.kind === 'extra') add(tamper.name, strToU8(tamper.content));
				if (tamper.kind === 'duplicate') for (const content of tamper.contents) add(tamper.name, strToU8(content));
				if (tamper.kind === 'symlink') add(tamper.name, strToU8(tamper.target), (0o120777 << 16) >>> 0);
				if (tamper.kind === 'bomb') add(tamper.name, new Uint8Array(tamper.bytes));
			}
			zip.end();
			archive = Buffer.concat(chunks);
		}
		const buffer = Buffer.from(archive);
		return tampers.some((tamper) => tamper.kind === 'truncated') ? buffer.subarray(0, Math.floor(buffer.length * 0.6)) : buffer;
	}

	#serveArchive(name: string, response: ServerResponse): void {
		const match = /^(\d+)(-expired)?\.zip$/.exec(name);
		const build = match ? this.builds.get(Number(match[1])) : undefined;
		if (!match || !build) return this.#error(response, 404, 'Not Found');
		if (match[2]) {
			response.writeHead(403, { 'Content-Type': 'application/xml' });
			response.end('<?xml version="1.0" encoding="UTF-8"?><Error><Code>AccessDenied</Code><Message>Request has expired</Message></Error>');
			return;
		}
		const archive = this.archiveFor(build);
		response.writeHead(200, { 'Content-Type': 'application/zip', 'Content-Length': String(archive.length) });
		response.end(archive);
	}

	#control(action: string, body: Buffer, response: ServerResponse): void {
		const payload = body.length > 0 ? (JSON.parse(body.toString('utf8')) as Record<string, unknown>) : {};
		switch (action) {
			case 'translations':
				this.seedTranslation(
					String(payload.languageId),
					String(payload.path),
					String(payload.content),
					Number(payload.progress ?? 100),
					Number(payload.approval ?? 0),
				);
				break;
			case 'faults':
				this.armFault(payload as unknown as Fault);
				break;
			case 'build':
				this.buildMode = payload.mode as BuildMode;
				break;
			case 'archive':
				this.archiveTampers.push(payload as unknown as ArchiveTamper);
				break;
			case 'state':
				response.writeHead(200, { 'Content-Type': 'application/json' });
				response.end(
					JSON.stringify({
						files: [...this.files.values()].map((file) => this.#stripped(file)),
						directories: [...this.directories.values()],
						requests: this.requests,
					}),
				);
				return;
			default:
				return this.#error(response, 404, `Unknown control action ${action}`);
		}
		response.writeHead(204);
		response.end();
	}

	#fail(response: ServerResponse, fault: Fault): void {
		fault.times--;
		// Status 0: the connection drops without an answer, as on a flaky network.
		if (fault.status === 0) {
			response.socket?.destroy();
			return;
		}
		response.writeHead(fault.status, { 'Content-Type': fault.contentType ?? 'application/json', ...fault.headers });
		response.end(fault.body ?? JSON.stringify({ error: { code: fault.status, message: `Emulated failure ${fault.status}` } }));
	}

	#error(response: ServerResponse, code: number, message: string): void {
		response.writeHead(code, { 'Content-Type': 'application/json' });
		response.end(JSON.stringify({ error: { code, message } }));
	}

	#validation(response: ServerResponse, key: string, code: string, message: string): void {
		response.writeHead(400, { 'Content-Type': 'application/json' });
		response.end(JSON.stringify({ errors: [{ error: { key, errors: [{ code, message }] } }] }));
	}

	#stripped<T extends object>(value: T): Omit<T, 'content' | 'polls'> {
		const { content: _content, polls: _polls, ...rest } = value as T & { content?: unknown; polls?: unknown };
		return rest as Omit<T, 'content' | 'polls'>;
	}

	#createDirectory(name: string, parent: Directory | undefined): Directory {
		const directory: Directory = {
			id: this.#nextId++,
			projectId: this.projectId,
			branchId: null,
			directoryId: parent?.id ?? null,
			name,
			title: null,
			exportPattern: '',
			path: `${parent?.path ?? ''}/${name}`,
			priority: 'normal',
			createdAt: now(),
			updatedAt: now(),
		};
		this.directories.set(directory.id, directory);
		return directory;
	}

	#ensureDirectoryPath(path: string): Directory {
		let parent: Directory | undefined;
		for (const name of path.split('/').filter(Boolean)) {
			const existing = [...this.directories.values()].find((directory) => directory.path === `${parent?.path ?? ''}/${name}`);
			parent = existing ?? this.#createDirectory(name, parent);
		}
		return parent!;
	}

	#createFile(input: {
		name: string;
		directoryId: number | null;
		type: string;
		content: Buffer;
		importOptions?: unknown;
		exportOptions?: { exportPattern?: string };
	}): StoredFile {
		const parent = input.directoryId ? this.directories.get(input.directoryId) : undefined;
		const file: StoredFile = {
			id: this.#nextId++,
			projectId: this.projectId,
			branchId: null,
			directoryId: input.directoryId,
			name: input.name,
			title: null,
			context: null,
			type: input.type,
			path: `${parent?.path ?? ''}/${input.name}`,
			status: 'active',
			revisionId: 1,
			priority: 'normal',
			importOptions: input.importOptions ?? null,
			exportOptions: input.exportOptions ?? {},
			excludedTargetLanguages: null,
			parserVersion: 1,
			createdAt: now(),
			updatedAt: now(),
			content: input.content,
		};
		this.files.set(file.id, file);
		return file;
	}
}

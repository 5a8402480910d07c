/**
 * A Crowdin-compatible HTTP server for tests: the routes the sync uses, Crowdin's response shapes, bearer
 * auth, pagination capped at 500, and a control API (HTTP under /__control, or the methods below) to seed
 * translations and arm faults. It listens on 127.0.0.1 only.
 */
import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Zip, ZipDeflate, ZipPassThrough, zipSync, strToU8 } from 'fflate';
import { seededRandom } from '../../scripts/shared/seeded-random.ts';
import webvtt from 'webvtt-parser';
import { flattenUiStrings, unflattenUiStrings } from '../../src/i18n/ui-checks.ts';
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

/**
 * The file types the emulator accepts, as Crowdin's API lists them (`SourceFilesModel.FileType`, plus the
 * types the client's list lags behind: `mdx_v2`, `i18next_json`); Crowdin refuses any other name.
 */
const FILE_TYPES = new Set([
	'auto',
	'android',
	'macosx',
	'resx',
	'properties',
	'gettext',
	'yaml',
	'php',
	'json',
	'xml',
	'ini',
	'rc',
	'resw',
	'resjson',
	'qtts',
	'joomla',
	'chrome',
	'dtd',
	'dklang',
	'flex',
	'nsh',
	'wxl',
	'xliff',
	'xliff_two',
	'html',
	'haml',
	'txt',
	'csv',
	'md',
	'flsnp',
	'fm_html',
	'fm_md',
	'mediawiki',
	'docx',
	'xlsx',
	'sbv',
	'properties_play',
	'properties_xml',
	'maxthon',
	'go_json',
	'dita',
	'mif',
	'idml',
	'stringsdict',
	'plist',
	'vtt',
	'vdf',
	'srt',
	'stf',
	'toml',
	'contentful_rt',
	'svg',
	'js',
	'coffee',
	'nestjs_i18n',
	'webxml',
	'mdx_v1',
	'mdx_v2',
	'i18next_json',
]);

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
	context: string | null;
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
	/** Stored per string (UI files): the archive is built from the file's current strings, as Crowdin does. */
	perString?: boolean;
}

/** A source string, as Crowdin parses it from a file (here: the leaf keys of an i18next JSON file). */
interface SourceString {
	id: number;
	projectId: number;
	branchId: null;
	identifier: string;
	/** A plural's forms, by CLDR category, as Crowdin's i18next parser makes one string of `key_one`, `key_other`. */
	text: string | Record<string, string>;
	type: 0;
	context: string;
	maxLength: number;
	isHidden: boolean;
	isDuplicate: boolean;
	masterStringId: null;
	hasPlurals: boolean;
	isIcu: boolean;
	labelIds: number[];
	webUrl: string;
	createdAt: string;
	updatedAt: string | null;
	fileId: number;
	directoryId: number | null;
	revision: number;
	fields: Record<string, never>;
}

interface Screenshot {
	id: number;
	userId: number;
	url: string;
	webUrl: string;
	name: string;
	size: { width: number; height: number };
	tagsCount: number;
	tags: ScreenshotTag[];
	labels: number[];
	labelIds: number[];
	createdAt: string;
	updatedAt: string;
	content: Buffer;
}

interface ScreenshotTag {
	id: number;
	screenshotId: number;
	stringId: number;
	position: { x: number; y: number; width: number; height: number };
	createdAt: string;
}

const PLURAL_FORM = /^(.*)_(zero|one|two|few|many|other)$/;

/** Crowdin's limits on string fields (OpenAPI: context and identifier lengths). */
const MAX_CONTEXT = 65_535;

/** The width and height of a PNG, from its IHDR chunk; undefined when it is not a PNG. */
function pngSize(data: Buffer): { width: number; height: number } | undefined {
	const signature = '89504e470d0a1a0a';
	if (data.length < 24 || data.subarray(0, 8).toString('hex') !== signature || data.subarray(12, 16).toString('latin1') !== 'IHDR') return undefined;
	return { width: data.readUInt32BE(16), height: data.readUInt32BE(20) };
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

/** A WebVTT file's cues as the W3C parser reads them; undefined when it is not WebVTT at all. */
function cuesOf(text: string): { startTime: number; endTime: number; text: string }[] | undefined {
	const body = text.replace(/^\uFEFF/, '');
	if (!/^WEBVTT(?:[ \t]|\r?\n|$)/.test(body)) return undefined;
	return new webvtt.WebVTTParser().parse(body, 'metadata').cues;
}

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
	strings = new Map<number, SourceString>();
	/** `<languageId>\u0000<stringId>` -> translated text. */
	stringTranslations = new Map<string, string>();
	screenshots = new Map<number, Screenshot>();
	/** Requests that arrive with a 429 at this rate (0..1), from a seeded sequence: the sync benchmark's rate limit. */
	rateLimitShare = 0;
	/** A fixed pseudo-random sequence, so a benchmark's 429s fall on the same requests every run. */
	#rateLimitDraws = seededRandom(20261201);
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
		// A UI file's translation is kept per string, as in Crowdin, when it names only the file's strings; anything
		// else (a hostile or broken file) is served as it was seeded.
		const file = this.fileByPath(path);
		if (file?.type === 'i18next_json') {
			let flat: Map<string, string> | undefined;
			const notStrings: string[] = [];
			try {
				flat = flattenUiStrings(JSON.parse(content), '', new Map(), notStrings);
			} catch {
				flat = undefined;
			}
			const slots = flat && notStrings.length === 0 ? [...flat.keys()].map((key) => this.#translationSlot(file, key)) : undefined;
			if (flat && slots && slots.every(Boolean)) {
				[...flat.values()].forEach((value, index) => this.stringTranslations.set(`${languageId}\u0000${slots[index]}`, value));
				this.translations.set(`${languageId}\u0000${path}`, { content: '', progress, approval, perString: true });
				return;
			}
		}
		// A WebVTT translation is kept per cue when it has the source's cues at the source's timings (as a translator's
		// work in Crowdin always has); anything else (a file that is not WebVTT, other timings) is served as it was seeded.
		if (file?.type === 'vtt') {
			const source = cuesOf(file.content.toString('utf8'));
			const translated = cuesOf(content);
			const sameCues =
				source !== undefined &&
				translated !== undefined &&
				translated.length === source.length &&
				translated.every((cue, index) => cue.startTime === source[index]!.startTime && cue.endTime === source[index]!.endTime);
			const strings = this.stringsOf(file);
			if (sameCues && strings.length === translated.length) {
				translated.forEach((cue, index) => this.stringTranslations.set(`${languageId}\u0000${strings[index]!.id}`, cue.text));
				this.translations.set(`${languageId}\u0000${path}`, { content: '', progress, approval, perString: true });
				return;
			}
		}
		this.translations.set(`${languageId}\u0000${path}`, { content, progress, approval });
	}

	/** Where a translated key goes: `<stringId>`, or `<stringId>\u0000<form>` for a form of a plural string. */
	#translationSlot(file: StoredFile, key: string): string | undefined {
		const strings = this.stringsOf(file);
		const plain = strings.find((string) => string.identifier === key && typeof string.text === 'string');
		if (plain) return String(plain.id);
		const match = PLURAL_FORM.exec(key);
		const plural = match && strings.find((string) => string.identifier === match[1] && typeof string.text === 'object');
		return plural ? `${plural.id}\u0000${match[2]}` : undefined;
	}

	#forgetTranslations(string: SourceString): void {
		for (const key of [...this.stringTranslations.keys()]) if (key.split('\u0000')[1] === String(string.id)) this.stringTranslations.delete(key);
	}

	stringsOf(file: { id: number }): SourceString[] {
		return [...this.strings.values()].filter((string) => string.fileId === file.id).sort((a, b) => a.id - b.id);
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
		if (this.rateLimitShare > 0 && this.#rateLimitDraws() < this.rateLimitShare) {
			response.writeHead(429, { 'Content-Type': 'application/json' });
			response.end(JSON.stringify({ error: { code: 429, message: 'Too Many Requests' } }));
			return;
		}

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
				context?: unknown;
				importOptions?: unknown;
				exportOptions?: { exportPattern?: string };
			};
			const storage = request.storageId ? this.storages.get(request.storageId) : undefined;
			if (!storage) return this.#validation(response, 'storageId', 'notFound', 'Storage not found');
			if (!request.name) return this.#validation(response, 'name', 'isEmpty', 'Value is required');
			if (request.type !== undefined && !FILE_TYPES.has(request.type))
				return this.#validation(response, 'type', 'notInArray', `"${request.type}" is not a file type Crowdin knows`);
			if (request.context !== undefined && (typeof request.context !== 'string' || request.context.length > MAX_CONTEXT))
				return this.#validation(response, 'context', 'stringLengthTooLong', `Context must be a string of at most ${MAX_CONTEXT} characters`);
			const parent = request.directoryId ? this.directories.get(request.directoryId) : undefined;
			const path = `${parent?.path ?? ''}/${request.name}`;
			if (this.fileByPath(path)) return this.#validation(response, 'name', 'notUnique', 'Name must be unique');
			const file = this.#createFile({
				name: request.name,
				directoryId: parent?.id ?? null,
				type: request.type ?? 'auto',
				content: storage.content,
				context: typeof request.context === 'string' ? request.context : null,
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
				const clear = request.updateOption === 'clear_translations_and_approvals' || !request.updateOption;
				if (clear) {
					for (const key of [...this.translations.keys()]) if (key.endsWith(`\u0000${file.path}`)) this.translations.delete(key);
				}
				this.#parseStrings(file, clear);
				return send(200, { data: this.#stripped(file) });
			}
			if (method === 'PATCH') {
				const operations = json() as unknown as { op?: string; path?: string; value?: unknown }[];
				if (!Array.isArray(operations)) return this.#validation(response, 'body', 'isArray', 'A JSON Patch array is required');
				for (const operation of operations) {
					if (operation.op !== 'replace' && operation.op !== 'test') return this.#validation(response, 'op', 'notInArray', 'op must be replace or test');
					if (!['/name', '/title', '/context', '/priority'].includes(operation.path ?? ''))
						return this.#validation(response, 'path', 'notInArray', `Unknown path ${operation.path}`);
					if (operation.path === '/context' && (typeof operation.value !== 'string' || operation.value.length > MAX_CONTEXT))
						return this.#validation(response, 'context', 'stringLengthTooLong', `Context must be a string of at most ${MAX_CONTEXT} characters`);
				}
				for (const operation of operations) if (operation.op === 'replace' && operation.path === '/context') file.context = operation.value as string;
				file.updatedAt = now();
				return send(200, { data: this.#stripped(file) });
			}
			if (method === 'DELETE') {
				this.files.delete(file.id);
				for (const string of this.stringsOf(file)) this.#deleteString(string);
				return send(204, undefined);
			}
			if (method === 'GET') return send(200, { data: this.#stripped(file) });
		}
		if (method === 'GET' && rest === '/strings') {
			const fileId = url.searchParams.get('fileId');
			if (fileId !== null && !this.files.has(Number(fileId))) return this.#validation(response, 'fileId', 'notFound', 'File not found');
			return list([...this.strings.values()].filter((string) => fileId === null || string.fileId === Number(fileId)).sort((a, b) => a.id - b.id));
		}
		if (method === 'PATCH' && rest === '/strings') {
			// Batch form: `/{stringId}/{field}` paths, all validated before any is applied.
			const operations = json() as unknown as { op?: string; path?: string; value?: unknown }[];
			if (!Array.isArray(operations)) return this.#validation(response, 'body', 'isArray', 'A JSON Patch array is required');
			const edits: { string: SourceString; field: string; value: unknown }[] = [];
			for (const operation of operations) {
				const match = /^\/(\d+)(\/[a-zA-Z]+)$/.exec(operation.path ?? '');
				if (operation.op !== 'replace' || !match)
					return this.#validation(response, 'path', 'notInArray', `Unsupported operation ${operation.op} ${operation.path}`);
				const string = this.strings.get(Number(match[1]));
				if (!string) return this.#validation(response, 'stringId', 'notFound', `String ${match[1]} not found`);
				const problem = this.#stringEditProblem(string, match[2]!, operation.value);
				if (problem) return this.#validation(response, problem.key, problem.code, problem.message);
				edits.push({ string, field: match[2]!, value: operation.value });
			}
			for (const edit of edits) this.#applyStringEdit(edit.string, edit.field, edit.value);
			return list([...new Set(edits.map((edit) => edit.string))]);
		}
		const stringMatch = /^\/strings\/(\d+)$/.exec(rest);
		if (stringMatch) {
			const string = this.strings.get(Number(stringMatch[1]));
			if (!string) return this.#error(response, 404, 'String Not Found');
			if (method === 'GET') return send(200, { data: string });
			if (method === 'PATCH') {
				const operations = json() as unknown as { op?: string; path?: string; value?: unknown }[];
				if (!Array.isArray(operations)) return this.#validation(response, 'body', 'isArray', 'A JSON Patch array is required');
				for (const operation of operations) {
					if (operation.op !== 'replace') return this.#validation(response, 'op', 'notInArray', 'op must be replace');
					const problem = this.#stringEditProblem(string, operation.path ?? '', operation.value);
					if (problem) return this.#validation(response, problem.key, problem.code, problem.message);
				}
				for (const operation of operations) this.#applyStringEdit(string, operation.path!, operation.value);
				return send(200, { data: string });
			}
		}
		if (method === 'GET' && rest === '/screenshots')
			return list([...this.screenshots.values()].sort((a, b) => a.id - b.id).map((shot) => this.#stripped(shot)));
		if (method === 'POST' && rest === '/screenshots') {
			const request = json() as { storageId?: number; name?: string; autoTag?: boolean };
			const upload = this.#screenshotUpload(request);
			if ('problem' in upload) return this.#validation(response, ...upload.problem);
			const { storage, size } = upload;
			if ([...this.screenshots.values()].some((shot) => shot.name === request.name))
				return this.#validation(response, 'name', 'notUnique', 'Name must be unique');
			const shot: Screenshot = {
				id: this.#nextId++,
				userId: 1,
				url: '',
				webUrl: '',
				name: upload.name,
				size,
				tagsCount: 0,
				tags: [],
				labels: [],
				labelIds: [],
				createdAt: now(),
				updatedAt: now(),
				content: storage.content,
			};
			shot.url = `${this.url}/__screenshots/${shot.id}.png`;
			shot.webUrl = `${this.url}/project/screenshots/${shot.id}`;
			this.screenshots.set(shot.id, shot);
			return send(201, { data: this.#stripped(shot) });
		}
		const screenshotMatch = /^\/screenshots\/(\d+)(\/tags)?$/.exec(rest);
		if (screenshotMatch) {
			const shot = this.screenshots.get(Number(screenshotMatch[1]));
			if (!shot) return this.#error(response, 404, 'Screenshot Not Found');
			if (!screenshotMatch[2]) {
				if (method === 'GET') return send(200, { data: this.#stripped(shot) });
				if (method === 'DELETE') {
					this.screenshots.delete(shot.id);
					return send(204, undefined);
				}
				if (method === 'PUT') {
					const request = json() as { storageId?: number; name?: string; usePreviousTags?: boolean };
					const upload = this.#screenshotUpload(request);
					if ('problem' in upload) return this.#validation(response, ...upload.problem);
					shot.content = upload.storage.content;
					shot.name = upload.name;
					shot.size = upload.size;
					if (!request.usePreviousTags) shot.tags = [];
					shot.tagsCount = shot.tags.length;
					shot.updatedAt = now();
					return send(200, { data: this.#stripped(shot) });
				}
			} else {
				if (method === 'GET') return list(shot.tags);
				if (method === 'DELETE') {
					shot.tags = [];
					shot.tagsCount = 0;
					return send(204, undefined);
				}
				if (method === 'PUT' || method === 'POST') {
					const tags = json() as unknown as { stringId?: unknown; position?: { x?: unknown; y?: unknown; width?: unknown; height?: unknown } }[];
					if (!Array.isArray(tags)) return this.#validation(response, 'body', 'isArray', 'An array of tags is required');
					for (const [index, tag] of tags.entries()) {
						if (typeof tag.stringId !== 'number' || !this.strings.has(tag.stringId))
							return this.#validation(response, `${index}.stringId`, 'notFound', `String ${String(tag.stringId)} not found`);
						const position = tag.position;
						if (position) {
							const values = [position.x, position.y, position.width, position.height];
							if (!values.every((value) => Number.isInteger(value) && (value as number) >= 0))
								return this.#validation(response, `${index}.position`, 'notInteger', 'Position values must be whole numbers, 0 or more');
							const [x, y, width, height] = values as number[];
							if (width === 0 || height === 0 || x! + width! > shot.size.width || y! + height! > shot.size.height)
								return this.#validation(
									response,
									`${index}.position`,
									'outOfBounds',
									`The tag must lie inside the ${shot.size.width}x${shot.size.height} screenshot`,
								);
						}
					}
					const created = tags.map((tag) => ({
						id: this.#nextId++,
						screenshotId: shot.id,
						stringId: tag.stringId as number,
						position: (tag.position as ScreenshotTag['position'] | undefined) ?? { x: 0, y: 0, width: shot.size.width, height: shot.size.height },
						createdAt: now(),
					}));
					shot.tags = method === 'PUT' ? created : [...shot.tags, ...created];
					shot.tagsCount = shot.tags.length;
					return send(method === 'PUT' ? 204 : 201, method === 'PUT' ? undefined : { data: created[0] });
				}
			}
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
					eTag: this.#progressETag(languageId, file),
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

	/** Like Crowdin's, the progress entry's eTag changes whenever the file or its translation in the language does. */
	#progressETag(languageId: string, file: StoredFile): string {
		const translation = this.translations.get(`${languageId}\u0000${file.path}`);
		const strings = this.stringsOf(file).map((string) => [
			string.identifier,
			string.revision,
			[...this.stringTranslations]
				.filter(([key]) => key === `${languageId}\u0000${string.id}` || key.startsWith(`${languageId}\u0000${string.id}\u0000`))
				.sort(),
		]);
		return createHash('md5')
			.update(JSON.stringify([file.id, file.revisionId, translation, strings]))
			.digest('hex');
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
				if (usable && translation.perString && file.type === 'vtt') content = this.#translatedCues(languageId, file);
				else if (usable && translation.perString) content = this.#translatedStrings(languageId, file, attributes.skipUntranslatedStrings);
				else if (usable) content = translation.content;
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
		context?: string | null;
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
			context: input.context ?? null,
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
		this.#parseStrings(file, false);
		return file;
	}

	/**
	 * Crowdin parses a UI file into strings keyed by identifier: an update keeps each string whose identifier
	 * is still there (with its context, edited in Crowdin or not, and its translations unless cleared), adds new
	 * ones and removes the rest.
	 */
	#parseStrings(file: StoredFile, clearTranslations: boolean): void {
		if (file.type !== 'i18next_json' && file.type !== 'vtt') return;
		const parsed = new Map<string, string | Record<string, string>>();
		// Crowdin makes a string of each WebVTT cue's text; here its identifier is the cue's place in the file.
		if (file.type === 'vtt') for (const [index, cue] of (cuesOf(file.content.toString('utf8')) ?? []).entries()) parsed.set(String(index + 1), cue.text);
		let flat: Map<string, string>;
		try {
			flat = file.type === 'i18next_json' ? flattenUiStrings(JSON.parse(file.content.toString('utf8'))) : new Map();
		} catch {
			flat = new Map();
		}
		// `key_one` and `key_other` (with no plain `key`) are one plural string, `key`, as Crowdin imports i18next JSON v4.
		for (const [key, value] of flat) {
			const match = PLURAL_FORM.exec(key);
			if (match && !flat.has(match[1]!)) {
				const forms = parsed.get(match[1]!);
				parsed.set(match[1]!, { ...(typeof forms === 'object' ? forms : {}), [match[2]!]: value });
			} else parsed.set(key, value);
		}
		const existing = new Map(this.stringsOf(file).map((string) => [string.identifier, string]));
		for (const [identifier, text] of parsed) {
			const string = existing.get(identifier);
			existing.delete(identifier);
			if (string) {
				if (JSON.stringify(string.text) !== JSON.stringify(text)) {
					string.text = text;
					string.hasPlurals = typeof text === 'object';
					string.revision++;
					string.updatedAt = now();
				}
				if (clearTranslations) this.#forgetTranslations(string);
				continue;
			}
			const id = this.#nextId++;
			this.strings.set(id, {
				id,
				projectId: this.projectId,
				branchId: null,
				identifier,
				text,
				type: 0,
				context: '',
				maxLength: 0,
				isHidden: false,
				isDuplicate: false,
				masterStringId: null,
				hasPlurals: typeof text === 'object',
				isIcu: false,
				labelIds: [],
				webUrl: `${this.url}/editor/${this.projectId}/${file.id}/en-es#${id}`,
				createdAt: now(),
				updatedAt: null,
				fileId: file.id,
				directoryId: file.directoryId,
				revision: 1,
				fields: {},
			});
		}
		for (const gone of existing.values()) this.#deleteString(gone);
	}

	/** What adding and replacing a screenshot both check: a storage holding a PNG, and a name. */
	#screenshotUpload(request: {
		storageId?: number;
		name?: string;
	}): { storage: { content: Buffer }; size: { width: number; height: number }; name: string } | { problem: [key: string, code: string, message: string] } {
		const storage = request.storageId ? this.storages.get(request.storageId) : undefined;
		if (!storage) return { problem: ['storageId', 'notFound', 'Storage not found'] };
		if (!request.name) return { problem: ['name', 'isEmpty', 'Value is required'] };
		const size = pngSize(storage.content);
		if (!size) return { problem: ['storageId', 'invalidImage', 'The file is not a supported image'] };
		return { storage, size, name: request.name };
	}

	#deleteString(string: SourceString): void {
		this.strings.delete(string.id);
		this.#forgetTranslations(string);
	}

	#stringEditProblem(string: SourceString, field: string, value: unknown): { key: string; code: string; message: string } | undefined {
		switch (field) {
			case '/context':
				return typeof value === 'string' && value.length <= MAX_CONTEXT
					? undefined
					: { key: 'context', code: 'stringLengthTooLong', message: `Context must be a string of at most ${MAX_CONTEXT} characters` };
			case '/maxLength':
				return Number.isInteger(value) && (value as number) >= 0
					? undefined
					: { key: 'maxLength', code: 'notInteger', message: 'maxLength must be a whole number, 0 or more' };
			case '/isHidden':
				return typeof value === 'boolean' ? undefined : { key: 'isHidden', code: 'notBoolean', message: 'isHidden must be true or false' };
			case '/text':
				return typeof value === 'string' && value !== '' ? undefined : { key: 'text', code: 'isEmpty', message: 'Value is required' };
			case '/identifier': {
				if (typeof value !== 'string' || value === '') return { key: 'identifier', code: 'isEmpty', message: 'Value is required' };
				const taken = [...this.strings.values()].some((other) => other.fileId === string.fileId && other.id !== string.id && other.identifier === value);
				return taken ? { key: 'identifier', code: 'notUnique', message: 'Identifier must be unique in its file' } : undefined;
			}
			default:
				return { key: 'path', code: 'notInArray', message: `Unknown path ${field}` };
		}
	}

	#applyStringEdit(string: SourceString, field: string, value: unknown): void {
		const key = field.slice(1) as 'context' | 'maxLength' | 'isHidden' | 'text' | 'identifier';
		(string as unknown as Record<string, unknown>)[key] = value;
		string.updatedAt = now();
	}

	/**
	 * A WebVTT file as Crowdin exports it: the source file line for line (header, notes, cue ids, timings and
	 * settings as they are), each cue's text replaced by its translation, or left in English when it has none
	 * (Crowdin's skipUntranslatedStrings does not apply to subtitle files).
	 */
	#translatedCues(languageId: string, file: StoredFile): string {
		const strings = this.stringsOf(file);
		const lines = file.content.toString('utf8').split(/\r\n|\r|\n/);
		const out: string[] = [];
		let cue = -1;
		for (let index = 0; index < lines.length; index++) {
			const line = lines[index]!;
			out.push(line);
			if (!line.includes('-->')) continue;
			cue++;
			// The cue's text: the lines up to the next blank line.
			let end = index + 1;
			while (end < lines.length && lines[end]!.trim() !== '') end++;
			const string = strings[cue];
			const translated = string && this.stringTranslations.get(`${languageId}\u0000${string.id}`);
			out.push(...(translated !== undefined && translated !== '' ? translated.split('\n') : lines.slice(index + 1, end)));
			index = end - 1;
		}
		return out.join('\n');
	}

	#translatedStrings(languageId: string, file: StoredFile, skipUntranslated: boolean): string {
		// A plural string is exported in the forms of the target language (Arabic's six, Japanese's one).
		const categories = this.languages.find((language) => language.id === languageId)?.pluralCategoryNames ?? ['other'];
		const entries: [string, string][] = [];
		for (const string of this.stringsOf(file)) {
			if (typeof string.text === 'string') {
				const translated = this.stringTranslations.get(`${languageId}\u0000${string.id}`);
				if (translated !== undefined) entries.push([string.identifier, translated]);
				else if (!skipUntranslated) entries.push([string.identifier, string.text]);
				continue;
			}
			for (const category of categories) {
				const translated = this.stringTranslations.get(`${languageId}\u0000${string.id}\u0000${category}`);
				const source = string.text[category] ?? string.text['other'];
				if (translated !== undefined) entries.push([`${string.identifier}_${category}`, translated]);
				else if (!skipUntranslated && source !== undefined) entries.push([`${string.identifier}_${category}`, source]);
			}
		}
		return JSON.stringify(unflattenUiStrings(entries), null, 2);
	}
}

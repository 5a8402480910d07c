/** `crowdin upload`: sends English sources to Crowdin, creating or updating only what changed. */
import path from 'node:path';
import pLimit from 'p-limit';
import type { SourceFilesModel } from '@crowdin/crowdin-api-client';
import { sha256 } from '../../src/content-model/hash.ts';
import { serializeTranslationState } from '../../src/content-model/translation-state.ts';
import type { RefusedFile } from '../../src/security/content-files.ts';
import { applyAtomically } from './apply.ts';
import type { SyncContext } from './client.ts';
import type { CrowdinSyncConfig, SourceGroup } from './config.ts';
import { createOnce } from './http.ts';
import { EXPORT_PATTERN, listSourceFiles, readProjectFile, readStateFile, sourceGlobOf, type SourceFile } from './project.ts';
import { indexTree, listAll, readRemoteTree } from './remote.ts';
import { contextInputs, describeSource, likelyRenames, listFileStrings, stringContextHash, syncStringContexts } from './source-context.ts';

/** The page parser loads only when a page's context must be made again (an unchanged project never needs it). */
const loadParser = () => import('../../src/content-model/content-document.ts');

export interface UploadOptions extends SyncContext {
	dryRun: boolean;
	prune: boolean;
}

export interface UploadSummary {
	created: string[];
	updated: string[];
	unchanged: string[];
	deleted: string[];
	failed: { path: string; reason: string }[];
	/** Context edits sent: file contexts, and UI strings whose context or length limit changed. */
	contextEdits: { files: number; strings: number };
	/** UI keys that look renamed (gone, with a new key of the same English text). */
	likelyRenames: { file: string; from: string; to: string }[];
}

function importOptions(group: SourceGroup, config: CrowdinSyncConfig): SourceFilesModel.ImportOptions | undefined {
	if (group.kind !== 'page') return undefined;
	return {
		excludedFrontMatterElements: config.mdx.excludedFrontMatterElements,
		excludeCodeBlocks: config.mdx.excludeCodeBlocks,
	} as SourceFilesModel.ImportOptions;
}

const exportOptions = { exportPattern: EXPORT_PATTERN } as SourceFilesModel.GeneralExportOptions;

export async function upload(options: UploadOptions): Promise<UploadSummary> {
	const { root, config, registry, client, projectId, output } = options;
	const summary: UploadSummary = {
		created: [],
		updated: [],
		unchanged: [],
		deleted: [],
		failed: [],
		contextEdits: { files: 0, strings: 0 },
		likelyRenames: [],
	};
	const refused: RefusedFile[] = [];
	const sources = await listSourceFiles(root, config, registry, refused);
	// A link is never followed: what it points at (a file outside the project, say) is not sent to Crowdin.
	for (const file of refused) output.warn(`${file.file} ${file.reason}; it is not uploaded`);
	output.info(`Found ${sources.length} source files in ${config.sources.map((group) => sourceGlobOf(group, registry.source.tag)).join(', ')}`);

	output.info('Reading the Crowdin project…');
	const remote = await readRemoteTree(client, projectId, (what, count) => output.progress(count, count, `listed ${count} ${what}`));
	const state = await readStateFile(root, config.stateFile);

	const plan = await Promise.all(
		sources.map(async (source) => {
			const text = (await readProjectFile(root, source.localPath))!;
			const hash = sha256(text);
			const existing = remote.fileByPath.get(source.crowdinPath);
			const recorded = state.uploads[source.localPath];
			const action: 'create' | 'update' | 'unchanged' = !existing
				? 'create'
				: recorded?.hash === hash && recorded.crowdinFileId === existing.id
					? 'unchanged'
					: 'update';
			// Context is decided locally, from what was last sent: an unchanged project makes no request for it,
			// and when nothing it is made from changed (text, context file, URLs), not even a parse.
			const sameFile = recorded?.crowdinFileId === existing?.id;
			const inputs = await contextInputs(root, source, text);
			if (action === 'unchanged' && sameFile && recorded?.contextInputs === inputs)
				return { source, text, hash, existing, action, inputs, document: undefined, described: undefined, fileContextStale: false, stringsStale: false };
			// One parse per source: its context now, its section snapshot once uploaded.
			const document = source.group.kind === 'page' ? (await loadParser()).parseContentDocument(source.localPath, text) : undefined;
			const described = await describeSource(root, source, text, document, registry, output);
			const fileContextStale = !sameFile || recorded?.contextHash !== described.fileHash;
			const stringsStale =
				described.strings !== undefined &&
				(!sameFile || [...described.strings].some(([key, value]) => recorded?.stringContexts?.[key] !== stringContextHash(value)));
			return { source, text, hash, existing, action, inputs, document, described, fileContextStale, stringsStale };
		}),
	);
	const localPaths = new Set(sources.map((source) => source.crowdinPath));
	const managedRoots = config.sources.map((group) => `/${group.root}/`);
	const orphans = remote.files.filter((file) => managedRoots.some((prefix) => file.path.startsWith(prefix)) && !localPaths.has(file.path));

	if (options.dryRun) {
		for (const item of plan) output.info(`  ${item.action.padEnd(9)} ${item.source.localPath} -> ${item.source.crowdinPath}`);
		for (const orphan of orphans)
			output.info(`  ${options.prune ? 'delete' : 'keep'.padEnd(9)} ${orphan.path} (no local source${options.prune ? '' : '; --prune deletes it'})`);
		for (const item of plan) summary[item.action === 'create' ? 'created' : item.action === 'update' ? 'updated' : 'unchanged'].push(item.source.localPath);
		if (options.prune) summary.deleted.push(...orphans.map((orphan) => orphan.path));
		return summary;
	}

	// Directories first, parents before children, each created once.
	const directoryIds = new Map(remote.directoryIdByPath);
	const ensureDirectory = async (directoryPath: string): Promise<number> => {
		const known = directoryIds.get(directoryPath);
		if (known !== undefined) return known;
		const parentPath = path.posix.dirname(directoryPath);
		const parentId = parentPath === '/' ? undefined : await ensureDirectory(parentPath);
		const name = path.posix.basename(directoryPath);
		const directory = await createOnce(
			async () => (await client.sourceFilesApi.createDirectory(projectId, { name, ...(parentId ? { directoryId: parentId } : {}) })).data,
			async () => {
				const all = await listAll((limit, offset) => client.sourceFilesApi.listProjectDirectories(projectId, { limit, offset }));
				return indexTree(all, []).directories.find((candidate) => candidate.path === directoryPath);
			},
		);
		output.info(`  created directory ${directoryPath}`);
		directoryIds.set(directoryPath, directory.id);
		return directory.id;
	};
	for (const item of plan.filter((entry) => entry.action === 'create')) await ensureDirectory(path.posix.dirname(item.source.crowdinPath));

	const limit = pLimit(config.network.concurrency);
	const work = plan.filter((item) => item.action !== 'unchanged' || item.fileContextStale || item.stringsStale);
	let done = 0;
	const uploaded = new Map<string, { hash: string; fileId: number; contextHash: string | undefined; stringContexts: Record<string, string> | undefined }>();
	await Promise.all(
		work.map((item) =>
			limit(async () => {
				const { source } = item;
				const described = item.described!;
				const recorded = state.uploads[source.localPath];
				try {
					let fileId: number;
					let contextHash = recorded?.contextHash;
					if (item.action === 'unchanged') {
						fileId = item.existing!.id;
					} else if (item.action === 'create') {
						const storage = await client.uploadStorageApi.addStorage(path.posix.basename(source.crowdinPath), item.text);
						const directoryId = directoryIds.get(path.posix.dirname(source.crowdinPath))!;
						const created = await createOnce(
							async () =>
								(
									await client.sourceFilesApi.createFile(projectId, {
										storageId: storage.data.id,
										name: path.posix.basename(source.crowdinPath),
										directoryId,
										context: described.file,
										type: source.group.crowdinType as SourceFilesModel.FileType,
										exportOptions,
										...(importOptions(source.group, config) ? { importOptions: importOptions(source.group, config)! } : {}),
									})
								).data,
							async () => {
								const files = await listAll((limitPage, offset) =>
									client.sourceFilesApi.listProjectFiles(projectId, { directoryId, limit: limitPage, offset }),
								);
								return files.find((file) => file.path === source.crowdinPath);
							},
						);
						fileId = created.id;
						contextHash = described.fileHash;
						summary.contextEdits.files++;
						summary.created.push(source.localPath);
					} else {
						fileId = item.existing!.id;
						if (described.english) {
							const before = await listFileStrings(client, projectId, fileId);
							for (const rename of likelyRenames(before, described.english)) {
								summary.likelyRenames.push({ file: source.localPath, ...rename });
								const namespace = path.posix.basename(source.relative, '.json');
								output.warn(
									`${source.localPath}: "${rename.from}" is gone and "${rename.to}" is new with the same English text. If it was renamed, its translations are lost in Crowdin on this upload; run \`npm run i18n -- rename-key ${namespace}:${rename.from} ${rename.to}\` instead, with the old key restored first.`,
								);
							}
						}
						const storage = await client.uploadStorageApi.addStorage(path.posix.basename(source.crowdinPath), item.text);
						await client.sourceFilesApi.updateOrRestoreFile(projectId, fileId, {
							storageId: storage.data.id,
							updateOption: config.updateOption as SourceFilesModel.UpdateOption,
							// Crowdin keeps string context edited there; Glossa's own goes through the strings API below.
							replaceModifiedContext: false,
							exportOptions,
							...(importOptions(source.group, config) ? { importOptions: importOptions(source.group, config)! } : {}),
						});
						summary.updated.push(source.localPath);
					}
					if (item.action !== 'create' && item.fileContextStale) {
						await client.sourceFilesApi.editFile(projectId, fileId, [{ op: 'replace', path: '/context', value: described.file }]);
						contextHash = described.fileHash;
						summary.contextEdits.files++;
					}
					let stringContexts = recorded?.crowdinFileId === fileId ? recorded.stringContexts : undefined;
					if (described.strings && (item.action !== 'unchanged' || item.stringsStale)) {
						const strings = await listFileStrings(client, projectId, fileId);
						const synced = await syncStringContexts(client, projectId, strings, described.strings, stringContexts);
						stringContexts = synced.recorded;
						summary.contextEdits.strings += synced.edited;
					}
					uploaded.set(source.localPath, { hash: item.hash, fileId, contextHash, stringContexts });
					const verb = item.action === 'create' ? 'created' : item.action === 'update' ? 'updated' : 'context updated for';
					output.progress(++done, work.length, `${verb} ${source.crowdinPath}`);
				} catch (error) {
					summary.failed.push({ path: source.localPath, reason: (error as Error).message });
					output.progress(++done, work.length, `FAILED ${source.crowdinPath}: ${(error as Error).message}`);
				}
			}),
		),
	);
	summary.unchanged.push(...plan.filter((item) => item.action === 'unchanged').map((item) => item.source.localPath));

	if (options.prune) {
		for (const orphan of orphans) {
			try {
				await client.sourceFilesApi.deleteFile(projectId, orphan.id);
				summary.deleted.push(orphan.path);
				output.info(`  deleted ${orphan.path}`);
			} catch (error) {
				summary.failed.push({ path: orphan.path, reason: (error as Error).message });
			}
		}
	} else if (orphans.length > 0) {
		output.info(`${orphans.length} file(s) in Crowdin have no local source; kept (use --prune to delete them)`);
	}

	const now = new Date().toISOString();
	for (const item of plan) {
		const done = uploaded.get(item.source.localPath);
		if (done) {
			const previous = state.uploads[item.source.localPath];
			const snapshot =
				item.document && item.action !== 'unchanged'
					? (await import('../../src/content-model/freshness.ts')).snapshotOf(item.document, config.mdx.translatableFrontMatterElements)
					: undefined;
			state.uploads[item.source.localPath] =
				item.action === 'unchanged' && previous
					? { ...previous, contextHash: done.contextHash, stringContexts: done.stringContexts, contextInputs: item.inputs }
					: {
							hash: done.hash,
							sections: snapshot?.sections,
							frontmatterHash: snapshot?.frontmatterHash,
							crowdinFileId: done.fileId,
							uploadedAt: now,
							contextHash: done.contextHash,
							stringContexts: done.stringContexts,
							contextInputs: item.inputs,
						};
		}
	}
	// Contexts found current by making them again: remember what they were made from, so the next upload need not.
	let remembered = 0;
	const failed = new Set(summary.failed.map((failure) => failure.path));
	for (const item of plan) {
		const record = state.uploads[item.source.localPath];
		// Only what was found current: a file whose context failed to go out is tried again next time.
		const current = !item.fileContextStale && !item.stringsStale && !failed.has(item.source.localPath);
		if (!uploaded.has(item.source.localPath) && record && item.described && current && record.contextInputs !== item.inputs) {
			record.contextInputs = item.inputs;
			remembered++;
		}
	}
	// A source that no longer exists locally has no upload to remember.
	const stale = Object.keys(state.uploads).filter((key) => !sources.some((source) => source.localPath === key));
	for (const key of stale) delete state.uploads[key];
	if (uploaded.size > 0 || stale.length > 0 || remembered > 0) {
		await applyAtomically(root, [{ path: config.stateFile, content: serializeTranslationState(state) }]);
	}
	return summary;
}

export function sourceForCrowdinPath(sources: readonly SourceFile[], crowdinPath: string): SourceFile | undefined {
	return sources.find((source) => source.crowdinPath === crowdinPath);
}

/** `crowdin upload`: sends English sources to Crowdin, creating or updating only what changed. */
import path from 'node:path';
import pLimit from 'p-limit';
import type { SourceFilesModel } from '@crowdin/crowdin-api-client';
import { parseContentDocument, sha256 } from '../../src/content-model/content-document.ts';
import { snapshotOf } from '../../src/content-model/freshness.ts';
import { readTranslationState, serializeTranslationState } from '../../src/content-model/translation-state.ts';
import { applyAtomically } from './apply.ts';
import type { SyncContext } from './client.ts';
import type { CrowdinSyncConfig, SourceGroup } from './config.ts';
import { createOnce } from './http.ts';
import { EXPORT_PATTERN, listSourceFiles, readProjectFile, type SourceFile } from './project.ts';
import { indexTree, listAll, readRemoteTree } from './remote.ts';

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
	const summary: UploadSummary = { created: [], updated: [], unchanged: [], deleted: [], failed: [] };
	const sources = await listSourceFiles(root, config, registry);
	output.info(`Found ${sources.length} source files in ${config.sources.map((group) => `${group.root}/${registry.source.tag}/${group.pattern}`).join(', ')}`);

	output.info('Reading the Crowdin project…');
	const remote = await readRemoteTree(client, projectId, (what, count) => output.progress(count, count, `listed ${count} ${what}`));
	const statePath = path.join(root, config.stateFile);
	const state = await readTranslationState(statePath);

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
			return { source, text, hash, existing, action };
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
	const work = plan.filter((item) => item.action !== 'unchanged');
	let done = 0;
	const uploaded = new Map<string, { hash: string; fileId: number }>();
	await Promise.all(
		work.map((item) =>
			limit(async () => {
				const { source } = item;
				try {
					const storage = await client.uploadStorageApi.addStorage(path.posix.basename(source.crowdinPath), item.text);
					let fileId: number;
					if (item.action === 'create') {
						const directoryId = directoryIds.get(path.posix.dirname(source.crowdinPath))!;
						const created = await createOnce(
							async () =>
								(
									await client.sourceFilesApi.createFile(projectId, {
										storageId: storage.data.id,
										name: path.posix.basename(source.crowdinPath),
										directoryId,
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
						summary.created.push(source.localPath);
					} else {
						fileId = item.existing!.id;
						await client.sourceFilesApi.updateOrRestoreFile(projectId, fileId, {
							storageId: storage.data.id,
							updateOption: config.updateOption as SourceFilesModel.UpdateOption,
							exportOptions,
							...(importOptions(source.group, config) ? { importOptions: importOptions(source.group, config)! } : {}),
						});
						summary.updated.push(source.localPath);
					}
					uploaded.set(source.localPath, { hash: item.hash, fileId });
					output.progress(++done, work.length, `${item.action === 'create' ? 'created' : 'updated'} ${source.crowdinPath}`);
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
			const snapshot =
				item.source.group.kind === 'page'
					? snapshotOf(parseContentDocument(item.source.localPath, item.text), config.mdx.translatableFrontMatterElements)
					: undefined;
			state.uploads[item.source.localPath] = {
				hash: done.hash,
				sections: snapshot?.sections,
				frontmatterHash: snapshot?.frontmatterHash,
				crowdinFileId: done.fileId,
				uploadedAt: now,
			};
		}
	}
	// A source that no longer exists locally has no upload to remember.
	const stale = Object.keys(state.uploads).filter((key) => !sources.some((source) => source.localPath === key));
	for (const key of stale) delete state.uploads[key];
	if (uploaded.size > 0 || stale.length > 0) {
		await applyAtomically(root, [{ path: config.stateFile, content: serializeTranslationState(state) }]);
	}
	return summary;
}

export function sourceForCrowdinPath(sources: readonly SourceFile[], crowdinPath: string): SourceFile | undefined {
	return sources.find((source) => source.crowdinPath === crowdinPath);
}

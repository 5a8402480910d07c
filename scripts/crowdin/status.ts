/** `crowdin status`: Crowdin's progress per locale, and per file for the locales asked for. */
import { table } from '../shared/report.ts';
import type { SyncContext } from './client.ts';
import { listSourceFiles } from './project.ts';
import { listAll, readRemoteTree } from './remote.ts';

export interface StatusOptions extends SyncContext {
	locales: string[];
}

export async function status(options: StatusOptions): Promise<void> {
	const { client, projectId, registry, output } = options;
	const progress = await listAll((limit, offset) => client.translationStatusApi.getProjectProgress(projectId, { limit, offset }));
	const rows: string[][] = [['locale', 'crowdin', 'translated', 'approved', 'words translated']];
	for (const locale of registry.all.filter((candidate) => !candidate.isSource && !candidate.pseudo)) {
		const entry = progress.find((candidate) => candidate.languageId === locale.crowdinId);
		rows.push(
			entry
				? [locale.tag, locale.crowdinId, `${entry.translationProgress}%`, `${entry.approvalProgress}%`, `${entry.words.translated}/${entry.words.total}`]
				: [locale.tag, locale.crowdinId, '-', '-', 'not in the Crowdin project'],
		);
	}
	output.info(table(rows));

	if (options.locales.length === 0) return;
	const sources = await listSourceFiles(options.root, options.config, registry);
	const remote = await readRemoteTree(client, projectId);
	for (const tag of options.locales) {
		const locale = registry.get(tag);
		const files = await listAll((limit, offset) => client.translationStatusApi.getLanguageProgress(projectId, locale.crowdinId, { limit, offset }));
		const fileRows: string[][] = [['file', 'translated', 'approved']];
		for (const source of sources) {
			const remoteFile = remote.fileByPath.get(source.crowdinPath);
			const entry = remoteFile && files.find((file) => file.fileId === remoteFile.id);
			fileRows.push([source.localPath, entry ? `${entry.translationProgress}%` : 'not uploaded', entry ? `${entry.approvalProgress}%` : '-']);
		}
		output.info(`\n${locale.tag} (${locale.endonym}):\n${table(fileRows)}`);
	}
}

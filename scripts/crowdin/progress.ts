/** Crowdin's translation progress, per locale and per file, as the state file records it. */
import type { Client } from '@crowdin/crowdin-api-client';
import pLimit from 'p-limit';
import type { LocaleProgress } from '../../src/content-model/translation-state.ts';
import type { Locale } from '../../src/i18n/registry.ts';
import type { Output } from './output.ts';
import type { SourceFile } from './project.ts';
import { listAll } from './remote.ts';

function progressForLocale(
	fileProgress: { fileId: number; translationProgress: number; approvalProgress: number; eTag?: string }[],
	sourcesById: Map<number, SourceFile>,
) {
	const files: LocaleProgress['files'] = {};
	for (const progress of fileProgress) {
		const source = sourcesById.get(progress.fileId);
		if (source)
			files[source.localPath] = {
				translationProgress: progress.translationProgress,
				approvalProgress: progress.approvalProgress,
				...(progress.eTag ? { eTag: progress.eTag } : {}),
			};
	}
	return files;
}

export async function readProgress(
	client: Client,
	projectId: number,
	locales: readonly Locale[],
	sourcesById: Map<number, SourceFile>,
	now: string,
	output: Output,
	concurrency = 4,
): Promise<Map<string, LocaleProgress>> {
	output.info(`Reading progress for ${locales.length} locale(s)…`);
	const projectProgress = await listAll((limit, offset) => client.translationStatusApi.getProjectProgress(projectId, { limit, offset }));
	const progress = new Map<string, LocaleProgress>();
	let done = 0;
	const limit = pLimit(concurrency);
	const read = await Promise.all(
		locales.map((locale) =>
			limit(async () => {
				const files = await listAll((pageLimit, offset) =>
					client.translationStatusApi.getLanguageProgress(projectId, locale.crowdinId, { limit: pageLimit, offset }),
				);
				const overall = projectProgress.find((entry) => entry.languageId === locale.crowdinId);
				output.progress(++done, locales.length, `${locale.tag}: ${overall?.translationProgress ?? 0}% translated`);
				return [locale, files, overall] as const;
			}),
		),
	);
	// In registry order, whatever order the answers came in.
	for (const [locale, files, overall] of read)
		progress.set(locale.tag, {
			translationProgress: overall?.translationProgress ?? 0,
			approvalProgress: overall?.approvalProgress ?? 0,
			words: overall ? { total: overall.words.total, translated: overall.words.translated, approved: overall.words.approved } : undefined,
			files: progressForLocale(files, sourcesById),
			checkedAt: now,
		});
	return progress;
}

/**
 * The status figures for video subtitles: per locale, how many of the videos with English subtitles have
 * the locale's own, and their English words, as the status page and `npm run i18n -- status` show them.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ScannedTrack, ScannedVideo } from '../../src/content-model/content-videos.ts';
import type { ProjectScan } from '../../src/content-model/project-scan.ts';
import { emptyState } from '../../src/content-model/translation-state.ts';
import { localeDefinitions, locales, SOURCE_LOCALE } from '../../src/i18n/locales.ts';
import { createUiStrings } from '../../src/i18n/ui.ts';
import { loadUiResources } from '../../src/i18n/ui-resources.ts';
import { readSubtitles } from '../../src/security/subtitles.ts';
import { statusPageModel, subtitleProgress } from '../../src/site/locale-page-model.ts';
import { createSiteModel } from '../../src/site/site-model.ts';

/** A track as the project scan makes it: read through the WebVTT parser. */
function track(file: string, lines: readonly string[]): ScannedTrack {
	const text = ['WEBVTT', '', ...lines.flatMap((line, index) => [`00:00:0${index}.000 --> 00:00:0${index + 1}.000`, line, ''])].join('\n');
	const read = readSubtitles(file, text);
	return { tag: file.split('.').at(-2)!, file, cues: read.cues, words: read.words, published: read.published! };
}

const video = (name: string, tracks: ScannedTrack[]): [string, ScannedVideo] => [
	`content/videos/${name}.webm`,
	{ file: `content/videos/${name}.webm`, tracks },
];

/** Four kite-club lessons: two with English subtitles (9 and 7 words), one only with Spanish; and one with none. */
const videos: Record<string, ScannedVideo> = Object.fromEntries([
	video('bridle', [
		track('content/videos/bridle.en.vtt', ['Tie the bridle above the spars.', 'Pull it <b>tight</b>.']),
		track('content/videos/bridle.es-419.vtt', ['Ata la brida sobre las varillas.', 'Tira <b>fuerte</b>.']),
		track('content/videos/bridle.ar.vtt', ['اربط اللجام فوق العودين.', 'اسحبه <b>بقوة</b>.']),
	]),
	video('tail', [
		track('content/videos/tail.en.vtt', ['A long tail keeps it steady.', 'Fly!']),
		track('content/videos/tail.ar.vtt', ['الذيل الطويل يثبّتها.', 'طِر!']),
	]),
	video('spool', [track('content/videos/spool.es-419.vtt', ['Enrolla el hilo despacio.'])]),
	video('launch', []),
]);

describe('subtitle status figures', () => {
	it('count, per locale, the videos with English subtitles that have the locale’s own, in videos and English words', () => {
		expect(subtitleProgress(videos, 'es-419', 'en')).toEqual({
			videos: 2,
			subtitled: 1,
			words: { total: 16, subtitled: 9 },
			label: '1 of 2 videos with English subtitles (9 of 16 English words)',
		});
		expect(subtitleProgress(videos, 'ar', 'en')).toMatchObject({ videos: 2, subtitled: 2, words: { total: 16, subtitled: 16 } });
		// Korean has no subtitles of its own: another language's (a fallback's) are not counted as the locale's.
		expect(subtitleProgress(videos, 'ko', 'en')).toMatchObject({ subtitled: 0, label: '0 of 2 videos with English subtitles (0 of 16 English words)' });
	});

	it('are what the status page prints, with a subtitles column only when some video has English subtitles', () => {
		const scan: ProjectScan = {
			pages: [],
			translations: [],
			uiStrings: {},
			ui: { resources: {}, findings: [] },
			images: {},
			localizedImages: [],
			videos: { videos, pages: {}, problems: [] },
			state: emptyState(),
		};
		const input = {
			definitions: localeDefinitions,
			sourceTag: SOURCE_LOCALE,
			scan,
			entries: [],
			ui: createUiStrings(
				locales,
				loadUiResources(path.resolve('locales'), locales, () => {}),
			),
			siteUrl: 'https://glossa.example.org',
			contentTree: () => ({ type: 'root' as const, children: [] }),
		};
		const page = statusPageModel(createSiteModel(input));
		expect(page.subtitledVideos).toBe(2);
		expect(page.translations.find((entry) => entry.locale.tag === 'es-419')!.subtitles.label).toBe(
			'1 of 2 videos with English subtitles (9 of 16 English words)',
		);
		const withoutVideos = statusPageModel(createSiteModel({ ...input, scan: { ...scan, videos: { videos: {}, pages: {}, problems: [] } } }));
		expect(withoutVideos.subtitledVideos).toBe(0);
	});
});

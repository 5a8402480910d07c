/**
 * The project's videos as the status report, the pages and the subtitle routes need them: each video file
 * under `content/videos/` with the subtitle files next to it that can be published (read through the
 * WebVTT parser, `src/security/subtitles.ts`), and the video files each page plays. Found again on every
 * sync: a subtitle file changes pages without changing any source file.
 */
import path from 'node:path';
import type { LocaleRegistry } from '../i18n/registry.ts';
import { listFiles, readInside, withUpperCase } from '../security/content-files.ts';
import { MAX_SUBTITLE_BYTES, readSubtitles } from '../security/subtitles.ts';
import { CONTENT_VIDEOS, readSubtitleName, resolvePageVideos, SUBTITLE_EXTENSION, VIDEO_EXTENSIONS, videoStem, type VideoScan } from './content-videos.ts';
import type { ContentReference } from './content-render.ts';
import { byCodeUnits } from '../build/reproducible-order.ts';

/** A video can be a long lesson: the site copies it as it is, up to this size. */
export const MAX_VIDEO_BYTES = 512 * 1024 * 1024;

export async function scanVideos(
	root: string,
	registry: LocaleRegistry,
	documents: Iterable<{ id: string; file: string; videos: readonly ContentReference[] }>,
	contentDir = 'content',
): Promise<VideoScan> {
	const folder = `${contentDir}/${CONTENT_VIDEOS}`;
	const listing = listFiles(path.join(root, folder), { root, extensions: withUpperCase(VIDEO_EXTENSIONS), maxBytes: MAX_VIDEO_BYTES });
	const subtitleListing = listFiles(path.join(root, folder), { root, extensions: [SUBTITLE_EXTENSION], maxBytes: MAX_SUBTITLE_BYTES });
	const scan: VideoScan = { videos: {}, pages: {}, problems: [] };
	for (const refused of [...listing.refused, ...subtitleListing.refused])
		scan.problems.push({ file: refused.file, severity: 'error', message: refused.reason });
	const byStem = new Map<string, string>();
	for (const file of listing.files) {
		const relative = `${folder}/${file}`;
		scan.videos[relative] = { file: relative, tracks: [] };
		byStem.set(videoStem(relative), relative);
	}
	const tags = new Set(registry.all.map((locale) => locale.tag));
	for (const file of subtitleListing.files) {
		const relative = `${folder}/${file}`;
		const name = readSubtitleName(relative, tags);
		const video = name && byStem.get(name.stem);
		if (!name || !video) {
			scan.problems.push({
				file: relative,
				severity: 'warning',
				message: `is not named after a video and a language (<video name>.<tag>.vtt, next to <video name>.webm or .mp4, with a tag from src/i18n/locales.ts); it is not published`,
			});
			continue;
		}
		const subtitles = readSubtitles(relative, (await readInside(root, relative)).toString('utf8'));
		scan.problems.push(...subtitles.problems);
		if (subtitles.published === undefined) continue;
		scan.videos[video]!.tracks.push({ tag: name.tag, file: relative, cues: subtitles.cues, words: subtitles.words, published: subtitles.published });
	}
	for (const video of Object.values(scan.videos)) video.tracks.sort(byCodeUnits((track) => track.tag));
	for (const document of documents) {
		if (document.videos.length === 0) continue;
		const found: Record<string, string | null> = {};
		for (const video of resolvePageVideos(root, document, contentDir)) found[video.written] = video.file && scan.videos[video.file] ? video.file : null;
		scan.pages[document.id] = found;
	}
	return scan;
}

/**
 * Videos in content, in the forms pages, translations and tests agree on (README, "Video"):
 *
 * - MDX: `<Video title="…" youtube="<id>" file="../videos/<name>.webm" poster="../images/<…>.png" />`
 *   (`vimeo="<id>"` too); `youtube`, `vimeo` and `file` are each optional, but one is required.
 * - Markdown: a YouTube or Vimeo `<iframe>`, or `<video src="../videos/<name>.webm">` (MP4 too).
 * - Subtitles next to the file: `content/videos/<name>.<tag>.vtt`, `<name>.en.vtt` the source.
 *
 * Each becomes one placeholder in the stored tree, `<figure class="video">` with the video's ids and
 * paths in data attributes (each value held to a pattern by the allowlist) and its title as the caption;
 * the page then prints the player (`placeVideos` in `content-html.ts`). No other iframe is ever kept.
 */
import path from 'node:path';
import type { Element, ElementContent } from 'hast';
import type { ContentReference } from './content-render.ts';
import type { ContentProblem } from './problems.ts';
import { isFileInside } from '../security/content-files.ts';
import { CONTENT_VIDEOS, SUBTITLE_EXTENSION } from './video-files.ts';

export { CONTENT_VIDEOS, isVideoFile, SUBTITLE_EXTENSION, VIDEO_EXTENSIONS, VIDEO_TYPES } from './video-files.ts';

/** A YouTube video id: 11 characters of the URL-safe base64 alphabet. */
export const YOUTUBE_ID = /^[\w-]{11}$/;
/** A Vimeo video id: digits. */
export const VIMEO_ID = /^\d{1,12}$/;
/** A video file as content writes it: a relative path to a `.webm` or `.mp4` (resolved into `content/videos/` by the scan). */
// One leading `./` or `../`, then folders (`..` among them): each path is read one way only, where
// `(?:\.\.?\/)+(?:[\w.-]+\/)*` could split a run of `../` between its two groups (quadratic). Same paths accepted.
export const VIDEO_FILE = /^\.\.?\/(?:[\w.-]+\/)*[\w.-]+\.(?:webm|mp4)$/i;
/** A poster as content writes it: a local path (relative or root), never a scheme or another host. */
export const POSTER_PATH = /^(?![a-z][a-z\d+.-]*:)(?!\/\/)[^\s\\\u0000-\u001f\u007f"'<>]+$/i;

export type VideoHost = 'youtube' | 'vimeo';

/** The frames a page with an online-only video may load: the hosts' privacy-enhanced players, nothing else. */
export const VIDEO_FRAME_SOURCES = ['https://www.youtube-nocookie.com', 'https://player.vimeo.com'] as const;

const YOUTUBE_HOSTS = new Set(['youtube.com', 'www.youtube.com', 'm.youtube.com', 'youtube-nocookie.com', 'www.youtube-nocookie.com', 'youtu.be']);
const VIMEO_HOSTS = new Set(['vimeo.com', 'www.vimeo.com', 'player.vimeo.com']);

/**
 * The video an embed or watch URL shows (`https://www.youtube.com/embed/<id>`, `https://youtu.be/<id>`,
 * `https://player.vimeo.com/video/<id>`), or undefined for any other URL: only https on these hosts.
 */
export function videoFromUrl(src: string): { host: VideoHost; id: string } | undefined {
	let url: URL;
	try {
		url = new URL(src.trim().startsWith('//') ? `https:${src.trim()}` : src.trim());
	} catch {
		return undefined;
	}
	if (url.protocol !== 'https:' && url.protocol !== 'http:') return undefined;
	const host = url.hostname.toLowerCase();
	const parts = url.pathname.split('/').filter(Boolean);
	if (YOUTUBE_HOSTS.has(host)) {
		const id =
			host === 'youtu.be' ? parts[0] : parts[0] === 'embed' || parts[0] === 'shorts' ? parts[1] : parts[0] === 'watch' ? url.searchParams.get('v') : undefined;
		return id && YOUTUBE_ID.test(id) ? { host: 'youtube', id } : undefined;
	}
	if (VIMEO_HOSTS.has(host)) {
		const id = host === 'player.vimeo.com' ? (parts[0] === 'video' ? parts[1] : undefined) : parts[0];
		return id && VIMEO_ID.test(id) ? { host: 'vimeo', id } : undefined;
	}
	return undefined;
}

/** Where a video is on its host's site: the address a pack prints for a video it cannot carry. */
export function watchUrl(host: VideoHost, id: string): string {
	return host === 'youtube' ? `https://www.youtube.com/watch?v=${id}` : `https://vimeo.com/${id}`;
}

/** The host's privacy-enhanced player, loaded only when the visitor presses play; captions in `lang` where it has them. */
export function playerUrl(host: VideoHost, id: string, lang: string): string {
	if (host === 'youtube')
		return `https://www.youtube-nocookie.com/embed/${id}?autoplay=1&rel=0&hl=${encodeURIComponent(lang)}&cc_lang_pref=${encodeURIComponent(lang)}`;
	return `https://player.vimeo.com/video/${id}?autoplay=1&dnt=1&texttrack=${encodeURIComponent(lang)}`;
}

export interface VideoDescription {
	title?: string | undefined;
	youtube?: string | undefined;
	vimeo?: string | undefined;
	file?: string | undefined;
	poster?: string | undefined;
}

/** The placeholder the stored tree keeps for a video: the allowlist judges each value (`content-allowlist.ts`). */
export function videoPlaceholder(video: VideoDescription): Element {
	return {
		type: 'element',
		tagName: 'figure',
		properties: {
			className: ['video'],
			dataVideoYoutube: video.youtube,
			dataVideoVimeo: video.vimeo,
			dataVideoFile: video.file,
			dataVideoPoster: video.poster,
		},
		children: video.title ? [{ type: 'element', tagName: 'figcaption', properties: {}, children: [{ type: 'text', value: video.title }] }] : [],
	};
}

/** A placeholder's description, read back from the stored tree; undefined for any other element. */
export function readVideoPlaceholder(element: Element): (VideoDescription & { caption: ElementContent[] }) | undefined {
	const classes = element.properties['className'];
	if (element.tagName !== 'figure' || !Array.isArray(classes) || !classes.includes('video')) return undefined;
	const value = (name: string) => (typeof element.properties[name] === 'string' ? (element.properties[name] as string) : undefined);
	const video = { youtube: value('dataVideoYoutube'), vimeo: value('dataVideoVimeo'), file: value('dataVideoFile'), poster: value('dataVideoPoster') };
	if (!video.youtube && !video.vimeo && !video.file) return undefined;
	const caption = element.children.find((child): child is Element => child.type === 'element' && child.tagName === 'figcaption');
	return { ...video, caption: caption?.children ?? [] };
}

/** `content/en/learn.md` + `../videos/intro.webm` → `content/videos/intro.webm`; undefined outside `content/videos/`. */
export function locateVideo(file: string, written: string, contentDir = 'content'): string | undefined {
	if (!VIDEO_FILE.test(written)) return undefined;
	const resolved = path.posix.normalize(path.posix.join(path.posix.dirname(file), written));
	const folder = `${contentDir}/${CONTENT_VIDEOS}/`;
	return resolved.startsWith(folder) && !resolved.slice(folder.length).includes('..') ? resolved : undefined;
}

/** `content/videos/intro.webm` → `content/videos/intro`: the stem its subtitles share. */
export function videoStem(file: string): string {
	return file.slice(0, -path.posix.extname(file).length);
}

/** `content/videos/intro.es-419.vtt` → `{ video: 'content/videos/intro', tag: 'es-419' }`, for any tag the registry has. */
export function readSubtitleName(file: string, tags: ReadonlySet<string>): { stem: string; tag: string } | undefined {
	if (!file.toLowerCase().endsWith(SUBTITLE_EXTENSION)) return undefined;
	const withoutExtension = file.slice(0, -SUBTITLE_EXTENSION.length);
	const dot = withoutExtension.lastIndexOf('.');
	if (dot <= withoutExtension.lastIndexOf('/')) return undefined;
	const tag = withoutExtension.slice(dot + 1);
	return tags.has(tag) ? { stem: withoutExtension.slice(0, dot), tag } : undefined;
}

/** A video file of a page, resolved: undefined `file` when it is missing (the build says so once). */
export interface PageVideo {
	written: string;
	file: string | undefined;
	line?: number | undefined;
	column?: number | undefined;
}

export function resolvePageVideos(root: string, document: { file: string; videos: readonly ContentReference[] }, contentDir = 'content'): PageVideo[] {
	return document.videos.map((reference) => {
		const located = locateVideo(document.file, reference.value, contentDir);
		return { written: reference.value, file: located && isFileInside(root, located) ? located : undefined, line: reference.line, column: reference.column };
	});
}

export function missingVideoMessage(document: { file: string }, written: string, contentDir = 'content'): string {
	const located = locateVideo(document.file, written, contentDir);
	return located
		? `video ${written} is missing (${located} does not exist); the page shows its title without a player`
		: `video ${written} is not in ${contentDir}/${CONTENT_VIDEOS}/; put the .webm or .mp4 there and write a relative path to it`;
}

/** The subtitle track a visitor sees first: the first language along their chain that the video has. */
export function preselectedTrack(tags: readonly string[], fallbackChain: readonly string[]): string | undefined {
	return fallbackChain.find((tag) => tags.includes(tag));
}

/** One subtitle file the site publishes: its language, its file, and how much it says. */
export interface ScannedTrack {
	tag: string;
	/** Relative to the project root: `content/videos/<name>.<tag>.vtt`. */
	file: string;
	cues: number;
	words: number;
	/** The file as the site publishes it: written again from its parsed cues (`src/security/subtitles.ts`). */
	published: string;
}

/** A video file of the project, with its subtitles in every language that has a publishable file. */
export interface ScannedVideo {
	/** Relative to the project root: `content/videos/<name>.webm`. */
	file: string;
	tracks: ScannedTrack[];
}

/** The project's videos, what each page plays, and what is wrong with their subtitles. */
export interface VideoScan {
	/** Per video file. */
	videos: Record<string, ScannedVideo>;
	/** Per entry id (`es-419/learn`): each video file its file plays, as written; null when it is missing. */
	pages: Record<string, Record<string, string | null>>;
	/** Subtitle files not published (not WebVTT) and what was left out of others, with file and line. */
	problems: (ContentProblem & { severity: 'error' | 'warning' })[];
}

/// <reference types="astro/client" />

// Lets plain `tsc` type-check TypeScript modules that import components; Astro's own tooling checks .astro files.
declare module '*.astro' {
	const component: import('astro/runtime/server/index.js').AstroComponentFactory;
	export default component;
}

// The content images the build may load, listed without following links (src/site/content-image-modules.ts).
declare module 'virtual:glossa/content-images' {
	/** Raster images by root path (`/content/images/…`); `undefined` for a damaged one (src/site/unreadable-images.ts). */
	export const rasterImages: Record<string, () => Promise<import('astro').ImageMetadata | undefined>>;
	/** SVG and GIF by root path, as the URL they are published at. */
	export const copiedImages: Record<string, () => Promise<string>>;
}

// w3c/webvtt.js ships no types: the parts Glossa uses (src/security/subtitles.ts).
declare module 'webvtt-parser' {
	export type CueNode =
		| { type: 'text'; value: string }
		| { type: 'timestamp'; value: number }
		| { type: 'object'; name: string; classes?: string[]; value?: string; children: CueNode[] };
	export interface Cue {
		/** Optional in the file; undefined is written as no id line. */
		id: string | undefined;
		startTime: number;
		endTime: number;
		text: string;
		tree: { children: CueNode[] };
		[setting: string]: unknown;
	}
	export interface ParseResult {
		cues: Cue[];
		errors: { message: string; line: number; col?: number }[];
		styles: string[];
	}
	export class WebVTTParser {
		/** `entities`: the named character references to decode (the package's html-entities.json, for all of HTML's). */
		constructor(entities?: Record<string, string>);
		parse(input: string, mode?: 'metadata' | 'chapters'): ParseResult;
	}
	export class WebVTTSerializer {
		serialize(cues: Cue[], styles?: string[]): string;
	}
	const webvtt: { WebVTTParser: typeof WebVTTParser; WebVTTSerializer: typeof WebVTTSerializer };
	export default webvtt;
}

// The content videos the build may publish, listed without following links (src/site/content-video-modules.ts).
declare module 'virtual:glossa/content-videos' {
	/** By root path (`/content/videos/…`): the URL the video is published at. */
	export const videoFiles: Record<string, () => Promise<string>>;
}

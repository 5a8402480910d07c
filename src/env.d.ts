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

/**
 * Content images (`content/images/…`) through Astro's image pipeline (`astro:assets`, sharp): each raster
 * image gets WebP variants and variants in its own format (the fallback) at the widths the content column
 * needs, from a 360 px phone to twice the desktop column; SVG and GIF are copied as they are. Made once
 * per build for the images pages use, so the URLs (named by the image's content hash) are part of each
 * page's model, and so of its cache key.
 */
import { getImage } from 'astro:assets';
import type { ImageMetadata } from 'astro';
import type { DisplayImage } from '../content-model/content-html.ts';

// Listed without following links (src/site/content-image-modules.ts); Vite loads every one while it bundles,
// and a damaged one resolves to `undefined` (src/site/unreadable-images.ts), so it cannot fail the build.
import { copiedImages, rasterImages } from 'virtual:glossa/content-images';
import { videoFiles } from 'virtual:glossa/content-videos';

/** The content column is at most 42rem (672 px) wide; phones from 360 px; twice that for dense screens. */
export const CONTENT_IMAGE_WIDTHS = [360, 720, 1080, 1440] as const;
/**
 * The content column's width, as `main` in src/styles/global.css lays it out (at most 46rem, with
 * `clamp(1rem, 4vw, 2rem)` of padding each side): `100vw - 2rem` up to 400 px, `92vw` up to 46rem,
 * `46rem - 8vw` up to 50rem, then 42rem. The browser picks a variant from it before any layout, so an
 * estimate wider than the column (the old `100vw - 2rem` up to 46rem) fetches more than is shown.
 */
export const CONTENT_IMAGE_SIZES = '(max-width: 25rem) calc(100vw - 2rem), (max-width: 46rem) 92vw, (max-width: 50rem) calc(46rem - 8vw), 42rem';
/** The `src` of the fallback `<img>`, for browsers that read no `srcset`. */
const FALLBACK_WIDTH = 720;

function widthsFor(image: ImageMetadata): number[] {
	const smaller = CONTENT_IMAGE_WIDTHS.filter((width) => width < image.width);
	// Never wider than the file itself: its own width is the largest variant.
	return image.width <= CONTENT_IMAGE_WIDTHS.at(-1)! ? [...smaller, image.width] : [...CONTENT_IMAGE_WIDTHS];
}

async function optimized(image: ImageMetadata): Promise<DisplayImage> {
	const widths = widthsFor(image);
	const format = image.format === 'jpeg' ? 'jpg' : image.format;
	const [modern, fallback, fallbackSrc] = await Promise.all([
		getImage({ src: image, widths, format: 'webp' }),
		getImage({ src: image, widths, format }),
		getImage({ src: image, width: Math.min(FALLBACK_WIDTH, image.width), format }),
	]);
	const largest = fallback.srcSet.values.reduce<{ url: string; width: number } | undefined>((widest, value) => {
		const width = Number(value.transform['width'] ?? 0);
		return !widest || width > widest.width ? { url: value.url, width } : widest;
	}, undefined);
	return {
		href: largest?.url ?? fallbackSrc.src,
		src: fallbackSrc.src,
		width: image.width,
		height: image.height,
		srcset: fallback.srcSet.attribute,
		sizes: CONTENT_IMAGE_SIZES,
		sources: format === 'webp' ? undefined : [{ type: 'image/webp', srcset: modern.srcSet.attribute }],
	};
}

/** The images in `files` (project-relative paths under `content/images/`), as the pages show them. */
export async function pipelineImages(files: Iterable<string>): Promise<Map<string, DisplayImage>> {
	const images = new Map<string, DisplayImage>();
	for (const file of [...new Set(files)].sort()) {
		const key = `/${file}`;
		const raster = rasterImages[key];
		const copied = copiedImages[key];
		const metadata = raster && (await raster());
		if (metadata) images.set(file, await optimized(metadata));
		else if (copied) images.set(file, { src: await copied() });
	}
	return images;
}

/** The URL each video file a page plays (`content/videos/…`) is published at: Vite copies it to `/_astro/`. */
export async function publishedVideos(files: Iterable<string>): Promise<Map<string, string>> {
	const videos = new Map<string, string>();
	for (const file of [...new Set(files)].sort()) {
		const load = videoFiles[`/${file}`];
		if (load) videos.set(file, await load());
	}
	return videos;
}

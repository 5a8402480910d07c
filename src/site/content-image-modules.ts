/**
 * The content images the build may load, as a module (`virtual:glossa/content-images`) generated from the
 * safe file listing (`src/security/content-files.ts`), instead of `import.meta.glob`: Vite's glob follows
 * symbolic links, and loads every match while it bundles, so an image in a linked folder (or a linked file)
 * under `content/images/` was published at `/_astro/…` even though no page could show it. Here a link, at
 * any depth, is never listed, so nothing behind it is ever loaded.
 */
import path from 'node:path';
import type { AstroIntegration } from 'astro';
import { folderModuleIntegration, lazyImport } from '../build/folder-module.ts';
import { CONTENT_IMAGES, IMAGE_EXTENSIONS, isOptimizedImage } from '../content-model/content-images.ts';
import { listFiles, withUpperCase } from '../security/content-files.ts';

export const CONTENT_IMAGES_MODULE = 'virtual:glossa/content-images';
/** A content image may be a large photograph; the pipeline makes the small variants pages use. */
const MAX_IMAGE_BYTES = 64 * 1024 * 1024;

/** The module's text: each listed image, by its root path, as a function that loads it. */
export function contentImagesModule(root: string, contentDir = 'content'): string {
	const folder = `${contentDir}/${CONTENT_IMAGES}`;
	const { files } = listFiles(path.join(root, folder), { root, extensions: withUpperCase(IMAGE_EXTENSIONS), maxBytes: MAX_IMAGE_BYTES });
	const entry = (file: string, query: string) => lazyImport(`/${folder}/${file}`, query);
	return [
		'export const rasterImages = {',
		...files.filter(isOptimizedImage).map((file) => entry(file, '')),
		'};',
		'export const copiedImages = {',
		...files.filter((file) => !isOptimizedImage(file)).map((file) => entry(file, '?url')),
		'};',
		'',
	].join('\n');
}

// `npm run dev`: an image added or removed is in the list at the next reload.
export function contentImageModulesIntegration(): AstroIntegration {
	return folderModuleIntegration({
		name: 'glossa-content-images',
		id: CONTENT_IMAGES_MODULE,
		folder: CONTENT_IMAGES,
		events: ['add', 'unlink'],
		load: (root) => contentImagesModule(root),
	});
}

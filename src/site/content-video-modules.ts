/**
 * The content videos the build may publish, as a module (`virtual:glossa/content-videos`) generated from the
 * safe file listing (`src/security/content-files.ts`), as the content images are
 * (`content-image-modules.ts`): a linked file or folder under `content/videos/` is never listed, so nothing
 * behind a link is ever copied. Vite copies each video used to `/_astro/<name>.<hash>.<ext>`.
 */
import path from 'node:path';
import type { AstroIntegration } from 'astro';
import { folderModuleIntegration, lazyImport } from '../build/folder-module.ts';
import { CONTENT_VIDEOS, VIDEO_EXTENSIONS } from '../content-model/content-videos.ts';
import { MAX_VIDEO_BYTES } from '../content-model/video-scan.ts';
import { listFiles, withUpperCase } from '../security/content-files.ts';

export const CONTENT_VIDEOS_MODULE = 'virtual:glossa/content-videos';

/** The module's text: each listed video, by its root path, as a function that gives its published URL. */
export function contentVideosModule(root: string, contentDir = 'content'): string {
	const folder = `${contentDir}/${CONTENT_VIDEOS}`;
	const { files } = listFiles(path.join(root, folder), { root, extensions: withUpperCase(VIDEO_EXTENSIONS), maxBytes: MAX_VIDEO_BYTES });
	return ['export const videoFiles = {', ...files.map((file) => lazyImport(`/${folder}/${file}`, '?url')), '};', ''].join('\n');
}

export function contentVideoModulesIntegration(): AstroIntegration {
	return folderModuleIntegration({
		name: 'glossa-content-videos',
		id: CONTENT_VIDEOS_MODULE,
		folder: CONTENT_VIDEOS,
		events: ['add', 'unlink'],
		load: (root) => contentVideosModule(root),
	});
}

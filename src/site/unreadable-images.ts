/**
 * Keeps a damaged image in `content/images/` from failing the build. `src/site/content-images.ts` globs every
 * raster there, and Vite loads each match while it bundles (its `load` reads the image's size, whether or not a
 * page shows it), so one damaged JPEG no page uses threw `NoImageMetadata` and stopped every page. This Vite
 * plugin checks each content image before Astro's loader sees it, with the same readers
 * (`unreadableImageReason`), and resolves an unreadable one to a module whose value is `undefined`: the
 * pipeline then has no such image, a warning names the file, and a page that shows it gets an error naming
 * the page from the content loader, and is built without it (strict mode refuses the build there).
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import type { Plugin } from 'vite';
import { CONTENT_IMAGES, imageReadability, isOptimizedImage } from '../content-model/content-images.ts';

const UNREADABLE_PREFIX = '\0glossa-unreadable-image:';
/** Ends in `.js`, so no image loader claims the module. */
const UNREADABLE_SUFFIX = '.js';

function unreadableImagesPlugin(root: string, warn: (message: string) => void): Plugin {
	const imagesFolder = path.join(root, 'content', CONTENT_IMAGES) + path.sep;
	let readability = imageReadability(root);
	const warned = new Set<string>();
	return {
		name: 'glossa:unreadable-content-images',
		enforce: 'pre',
		buildStart() {
			// Every build (and every `astro dev` restart) reads the files again.
			readability = imageReadability(root);
		},
		async resolveId(source, importer, options) {
			if (source.startsWith(UNREADABLE_PREFIX) || !isOptimizedImage(source.split('?')[0]!)) return null;
			const resolved = await this.resolve(source, importer, { ...options, skipSelf: true });
			const file = resolved?.id.split('?')[0];
			if (!file || !file.startsWith(imagesFolder)) return null;
			const relative = path.relative(root, file).split(path.sep).join('/');
			const reason = await readability(relative);
			if (!reason) return null;
			if (!warned.has(relative)) {
				warned.add(relative);
				warn(`${relative} ${reason}: it is left out of the build (a page that shows it gets an error). Replace it with a working image, or remove it`);
			}
			return `${UNREADABLE_PREFIX}${relative}${UNREADABLE_SUFFIX}`;
		},
		load(id) {
			return id.startsWith(UNREADABLE_PREFIX) ? 'export default undefined;' : null;
		},
	};
}

export function unreadableImagesIntegration(): AstroIntegration {
	return {
		name: 'glossa-unreadable-images',
		hooks: {
			'astro:config:setup': ({ config, updateConfig, logger }) => {
				updateConfig({ vite: { plugins: [unreadableImagesPlugin(fileURLToPath(config.root), (message) => logger.warn(message))] } });
			},
		},
	};
}

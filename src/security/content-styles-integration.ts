/**
 * Content stylesheets reach the site as the site's own CSS does: a module (`virtual:glossa/content-styles.css`)
 * that the layout imports, whose text is the accepted stylesheets, scoped (`content-styles.ts`). Vite
 * bundles it with `src/styles/global.css` into a file under `/_astro/`, so it passes the policy's
 * `style-src 'self'` with no inline style, and the offline packs and ZIMs carry it as they carry the rest
 * of the site's CSS. Problems are reported by the content loader, once per build; here a refused file is
 * simply not in the text.
 */
import type { AstroIntegration } from 'astro';
import { folderModuleIntegration } from '../build/folder-module.ts';
import { CONTENT_STYLES_FOLDER, readContentStyles } from './content-styles.ts';

export const CONTENT_STYLES_MODULE = 'virtual:glossa/content-styles.css';

export function contentStylesIntegration(): AstroIntegration {
	return folderModuleIntegration({
		name: 'glossa-content-styles',
		id: CONTENT_STYLES_MODULE,
		folder: CONTENT_STYLES_FOLDER,
		events: ['add', 'change', 'unlink'],
		load: async (root) => (await readContentStyles(root)).css,
	});
}

/**
 * Content stylesheets reach the site as the site's own CSS does: a module (`virtual:glossa/content-styles.css`)
 * that the layout imports, whose text is the accepted stylesheets, scoped (`content-styles.ts`). Vite
 * bundles it with `src/styles/global.css` into a file under `/_astro/`, so it passes the policy's
 * `style-src 'self'` with no inline style, and the offline packs and ZIMs carry it as they carry the rest
 * of the site's CSS. Problems are reported by the content loader, once per build; here a refused file is
 * simply not in the text.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import type { Plugin, ViteDevServer } from 'vite';
import { CONTENT_STYLES_FOLDER, readContentStyles } from './content-styles.ts';

export const CONTENT_STYLES_MODULE = 'virtual:glossa/content-styles.css';
const RESOLVED_ID = `\0${CONTENT_STYLES_MODULE}`;

function contentStylesPlugin(root: string): Plugin {
	const stylesFolder = path.join(root, 'content', CONTENT_STYLES_FOLDER) + path.sep;
	const refresh = (server: ViteDevServer) => (file: string) => {
		if (!file.startsWith(stylesFolder)) return;
		const module = server.moduleGraph.getModuleById(RESOLVED_ID);
		if (module) server.moduleGraph.invalidateModule(module);
	};
	return {
		name: 'glossa:content-styles',
		resolveId: (source) => (source === CONTENT_STYLES_MODULE ? RESOLVED_ID : null),
		load: async (id) => (id === RESOLVED_ID ? (await readContentStyles(root)).css : null),
		configureServer(server) {
			for (const event of ['add', 'change', 'unlink']) server.watcher.on(event, refresh(server));
		},
	};
}

export function contentStylesIntegration(): AstroIntegration {
	return {
		name: 'glossa-content-styles',
		hooks: {
			'astro:config:setup': ({ config, updateConfig }) => {
				updateConfig({ vite: { plugins: [contentStylesPlugin(fileURLToPath(config.root))] } });
			},
		},
	};
}

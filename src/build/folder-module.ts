/**
 * A Vite module whose text is made from a folder under `content/` (`virtual:glossa/content-images`,
 * `virtual:glossa/content-styles.css`), as an Astro integration. In `npm run dev`, the watched file events
 * in the folder drop the module, so the next reload makes it again.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import type { Plugin, ViteDevServer } from 'vite';

export interface FolderModule {
	/** The integration's name; the Vite plugin's is derived from it. */
	name: string;
	/** The module's id, as pages and layouts import it (`virtual:glossa/…`). */
	id: string;
	/** The folder below `content/` the module is made from. */
	folder: string;
	/** The watcher events that change the module: a list only changes on `add` and `unlink`, contents also on `change`. */
	events: readonly ('add' | 'change' | 'unlink')[];
	/** The module's text, for the project at `root`. */
	load(root: string): string | Promise<string>;
}

/** One file of a folder module's list: its root path, as a function that imports it (`?url`: as its published URL). */
export function lazyImport(key: string, query = ''): string {
	return `\t${JSON.stringify(key)}: () => import(${JSON.stringify(`${key}${query}`)}).then((module) => module.default),`;
}

function folderModulePlugin(root: string, module: FolderModule): Plugin {
	const resolvedId = `\0${module.id}`;
	const folder = path.join(root, 'content', module.folder) + path.sep;
	const refresh = (server: ViteDevServer) => (file: string) => {
		if (!file.startsWith(folder)) return;
		const loaded = server.moduleGraph.getModuleById(resolvedId);
		if (loaded) server.moduleGraph.invalidateModule(loaded);
	};
	return {
		name: module.name.replace(/^glossa-/, 'glossa:'),
		resolveId: (source) => (source === module.id ? resolvedId : null),
		load: (id) => (id === resolvedId ? module.load(root) : null),
		configureServer(server) {
			for (const event of module.events) server.watcher.on(event, refresh(server));
		},
	};
}

export function folderModuleIntegration(module: FolderModule): AstroIntegration {
	return {
		name: module.name,
		hooks: {
			'astro:config:setup': ({ config, updateConfig }) => {
				updateConfig({ vite: { plugins: [folderModulePlugin(fileURLToPath(config.root), module)] } });
			},
		},
	};
}

/**
 * The root page's language table computed while the content syncs. The table asks the CLDR matcher about
 * every language, script and region (about 2 s on a cold build: listing the subtags, then matching), and the
 * root page used to do that while pages render, when search indexing keeps the other core busy. Astro syncs
 * the content on one core; a worker thread computes the table on the other meanwhile and keeps it in the
 * build's cache folder (`cachedLocaleTable`), where the root page finds it.
 *
 * Which locales the root page lists is known only after the sync (an `auto` locale is listed once enough is
 * translated): the worker computes the table for those the registry lists before any progress is measured,
 * which is every locale on a site whose locales have all reached their threshold. When the page lists others,
 * it computes its own table as before: a missed guess costs time on the idle core, never a different page.
 */
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { Piscina } from 'piscina';
import { glossaConfig } from '../config/glossa-config.ts';
import { offeredAtRoot } from './locale-table.ts';
import type { LocaleTableTask } from './locale-table-worker.ts';
import type { LocaleRegistry } from './registry.ts';

const LOCALE_TABLE_WORKER = fileURLToPath(new URL('./locale-table-worker.ts', import.meta.url));

/** Computes and keeps the table `registry`'s listed locales would give, in a worker thread; settles when it is kept. */
export async function keepLocaleTableAside(registry: LocaleRegistry, cacheDir: string): Promise<void> {
	const pool = new Piscina<LocaleTableTask, void>({ filename: LOCALE_TABLE_WORKER, maxThreads: 1 });
	try {
		await pool.run({ offered: offeredAtRoot(registry.listed), fallback: registry.source.tag, cacheDir });
	} finally {
		await pool.destroy();
	}
}

export function localeTableIntegration(registry: LocaleRegistry): AstroIntegration {
	let building = false;
	let aside: Promise<void> | undefined;
	return {
		name: 'glossa-locale-table',
		hooks: {
			'astro:config:setup': ({ command }) => {
				building = command === 'build';
			},
			'astro:config:done': ({ config }) => {
				// GLOSSA_FULL=1 computes the table where the page is rendered, as it computes everything again.
				if (!building || glossaConfig.full) return;
				aside = keepLocaleTableAside(registry, fileURLToPath(config.cacheDir));
				// A table the worker could not make is made by the root page, which reports why.
				aside.catch(() => undefined);
			},
			'astro:build:done': async () => {
				await aside?.catch(() => undefined);
			},
		},
	};
}

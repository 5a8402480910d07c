/**
 * Builds the Pagefind search index while Astro renders the pages, instead of re-reading the whole output
 * afterwards. The middleware hands each rendered page that has a searchable body to Pagefind's indexer,
 * which runs in its own process and uses the machine's other core; the index is written when the build is
 * done. One index per `<html lang>`, with the extended binary's CJK segmentation. Fallback pages have no
 * `data-pagefind-body`, so English text is never found under another language.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import * as pagefind from 'pagefind';

interface BuildIndexer {
	index: pagefind.PagefindIndex;
	pending: Promise<unknown>[];
	pages: number;
}

/** The build's indexer lives in the process, shared by the integration and the bundled middleware. */
const INDEXER = Symbol.for('glossa.search.build-indexer');
type IndexerHolder = { [INDEXER]?: BuildIndexer | undefined };
const holder = globalThis as IndexerHolder;

/** Adds a rendered page to the build's index; does nothing outside `astro build`. */
export function indexRenderedPage(url: string, html: string): void {
	const indexer = holder[INDEXER];
	if (!indexer || !html.includes('data-pagefind-body')) return;
	indexer.pages++;
	indexer.pending.push(
		indexer.index.addHTMLFile({ url, content: html }).then(({ errors }) => {
			if (errors.length > 0) throw new Error(`Pagefind could not index ${url}: ${errors.join('; ')}`);
		}),
	);
}

export function searchIndexIntegration(): AstroIntegration {
	return {
		name: 'glossa-search-index',
		hooks: {
			'astro:build:start': async () => {
				const { index, errors } = await pagefind.createIndex({});
				if (!index) throw new Error(`Pagefind could not start: ${errors.join('; ')}`);
				holder[INDEXER] = { index, pending: [], pages: 0 };
			},
			'astro:build:done': async ({ dir, logger }) => {
				const indexer = holder[INDEXER];
				holder[INDEXER] = undefined;
				if (!indexer) return;
				const started = performance.now();
				try {
					await Promise.all(indexer.pending);
					const outputPath = path.join(fileURLToPath(dir), 'pagefind');
					const written = await indexer.index.writeFiles({ outputPath });
					if (written.errors.length > 0) throw new Error(`Pagefind could not write its index: ${written.errors.join('; ')}`);
					logger.info(`${indexer.pages} pages indexed for search; index written in ${((performance.now() - started) / 1000).toFixed(1)} s`);
				} finally {
					await pagefind.close();
				}
			},
		},
	};
}

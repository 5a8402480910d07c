/**
 * The search index, built in parallel with the rest of `astro build`.
 *
 * Every entry in the content collection is the body of exactly one page, in its own locale (fallback pages
 * reuse English text and are not searchable). When the build starts, the content is synced and the loader
 * has listed those documents; a worker thread (`index-worker.ts`) hands them to Pagefind, which indexes in
 * its own process while Astro bundles and renders pages and the offline packs are made, and the index is
 * moved into the output when the build is done. One index per language (with the extended binary's
 * segmentation for Chinese, Japanese and Thai), cached by the hash of that language's documents, so a
 * rebuild re-indexes only the languages that changed (`index-worker.ts`).
 */
import { lstatSync, renameSync, rmSync } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { Piscina } from 'piscina';
import { ownLocales } from '../build/shards.ts';
import { locales } from '../i18n/locales.ts';
import type { IndexResult, IndexTask } from './index-worker.ts';
import { glossaConfig } from '../config/glossa-config.ts';

const OUTPUT_WORDS: Record<IndexResult['output'], string> = {
	kept: 'the last output kept',
	updated: "the last output kept, with those languages' files swapped",
	written: 'output written',
};

const INDEX_WORKER = fileURLToPath(new URL('./index-worker.ts', import.meta.url));

/**
 * The search index's two integrations, one on each side of the rest of the build. `indexing` starts the
 * index when the build starts; it is listed before the kept output's sweep, so the last build's index is
 * set aside before the sweep would remove it. `output` waits for the index and moves it into the output; it
 * is listed after the offline outputs, which do not carry it, so that Pagefind finishes indexing while the
 * packs are made instead of before (on 200 x 15, a cold build took 31.0 s this way against 31.8 s,
 * three each, alternating: Pagefind's last seconds and the pack workers share the two cores).
 */
export function searchIndexIntegrations(): { indexing: AstroIntegration; output: AstroIntegration } {
	let indexing: Promise<IndexResult> | undefined;
	let pool: Piscina<IndexTask, IndexResult> | undefined;
	let root = '';
	let staging = '';
	let previous = '';
	let cacheDir = '';
	let outDir = '';
	let renderedAt = 0;
	let readyAt = 0;
	return {
		indexing: {
			name: 'glossa-search-index',
			hooks: {
				'astro:config:done': ({ config }) => {
					root = fileURLToPath(config.root);
					cacheDir = fileURLToPath(config.cacheDir);
					staging = path.join(cacheDir, 'glossa-search');
					previous = path.join(cacheDir, 'glossa-search-previous');
					outDir = fileURLToPath(config.outDir);
				},
				'astro:build:start': async () => {
					// In a sharded build each shard indexes the languages it renders; the merge joins the indexes.
					const languages = glossaConfig.shard ? ownLocales(locales.all, root).map((locale) => locale.tag) : undefined;
					await rm(staging, { recursive: true, force: true });
					const previousOutput = setAsidePreviousOutput(path.join(outDir, 'pagefind'), previous);
					pool = new Piscina({ filename: INDEX_WORKER, maxThreads: 1 });
					indexing = pool.run({ root, cacheDir, outputPath: staging, previousOutput, force: glossaConfig.full, languages } satisfies IndexTask);
					readyAt = 0;
					// Awaited by `output`, which reports a failure; until then it must not surface as an unhandled rejection.
					indexing.then(
						() => (readyAt = performance.now()),
						() => undefined,
					);
				},
				'astro:build:generated': () => {
					renderedAt = performance.now();
				},
			},
		},
		output: {
			name: 'glossa-search-output',
			hooks: {
				'astro:build:done': async ({ dir, logger }) => {
					if (!indexing) return;
					try {
						const { pages, languages, reindexed, output } = await indexing;
						const target = path.join(fileURLToPath(dir), 'pagefind');
						await rm(target, { recursive: true, force: true });
						await rename(staging, target);
						const fresh = reindexed.length === 0 ? 'none' : reindexed.length === languages ? 'all' : reindexed.join(', ');
						const after = Math.max(0, readyAt - renderedAt) / 1000;
						logger.info(
							`${pages} pages indexed for search, ${reindexed.length} of ${languages} languages re-indexed (${fresh}), ${OUTPUT_WORDS[output]}; ready ${after.toFixed(1)} s after the last page was rendered`,
						);
					} finally {
						indexing = undefined;
						await pool?.destroy();
					}
				},
			},
		},
	};
}

/**
 * Moves the last build's index (`output`, a real folder, never a link) to `aside`, before the kept output's
 * sweep would remove its 10,000 files one by one (`kept-output.ts`; this integration is listed before it):
 * the worker takes it back if it is what this build writes, and removes it if not. Undefined when there is
 * none, or it cannot be moved (another file system): then the sweep removes it as before.
 */
function setAsidePreviousOutput(output: string, aside: string): string | undefined {
	rmSync(aside, { recursive: true, force: true });
	try {
		if (!lstatSync(output).isDirectory()) return undefined;
		renameSync(output, aside);
		return aside;
	} catch {
		return undefined;
	}
}

/** The benchmark's Glossa adapter: writes the corpus as a Glossa site; with --shards, builds it in shards and merges them. */
import { appendFile, cp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { COMPILE_CACHE_FOLDER, compileCacheEnvironment } from '../../../src/build/compile-cache.ts';
import { localesModuleSource, type Corpus } from '../corpus.ts';
import { median } from '../../shared/report.ts';
import { ASTRO_VERSION, astroPageTimes, measure, projectRoot, work, type BenchSite, type Measured, type SiteRuns, type ToolResult } from '../measure.ts';

async function writeGlossaSite(corpus: Corpus): Promise<string> {
	const site = path.join(work, 'glossa');
	await rm(site, { recursive: true, force: true });
	await mkdir(site, { recursive: true });
	// `scripts/` too: the build rolls back an interrupted Crowdin download with the sync's own code.
	for (const entry of ['src', 'scripts', 'crowdin.config.ts', 'public', 'astro.config.mjs', 'tsconfig.json', 'package.json'])
		await cp(path.join(projectRoot, entry), path.join(site, entry), { recursive: true });
	await cp(path.join(projectRoot, 'locales/en'), path.join(site, 'locales/en'), { recursive: true });
	// Every locale listed, as a launched site's would be.
	await writeFile(path.join(site, 'src/i18n/locales.ts'), localesModuleSource(corpus.locales, { listAll: true }));
	for (const page of corpus.pages) {
		const file = path.join(site, 'content', page.locale, `${page.slug}.mdx`);
		await mkdir(path.dirname(file), { recursive: true });
		await writeFile(file, page.mdx);
	}
	return site;
}

/** Pages Astro rendered in a build, as against those an incremental build restored, and the languages it re-indexed for search. */
function rebuildWork(log: string): { rendered: number; restored: number; reindexed: string } {
	const restored = log.match(/\((?:restored|cached)\)/g)?.length ?? 0;
	const reindexed = /languages re-indexed \(([^)]*)\)/.exec(log)?.[1] ?? '?';
	return { rendered: astroPageTimes(log).size, restored, reindexed };
}

const average = (values: number[]) => (values.length ? values.reduce((sum, value) => sum + value, 0) / values.length : undefined);

/** Render times of translated and of fallback pages, from a cold build's log and its output. */
async function renderTimes(site: string, cold: Measured): Promise<Partial<ToolResult>> {
	const fallbackTimes: number[] = [];
	const translatedTimes: number[] = [];
	for (const [page, ms] of astroPageTimes(cold.output)) {
		if (!page.endsWith('/index.html') || page.split('/').length < 4) continue;
		const html = await readFile(path.join(site, 'dist', page), 'utf8').catch(() => '');
		(html.includes('data-notice="fallback"') ? fallbackTimes : translatedTimes).push(ms);
	}
	return { msPerTranslatedPage: average(translatedTimes), msPerFallbackPage: average(fallbackTimes) };
}

// A cold build starts without Node's compile cache too, as on a fresh clone: only rebuilds use it.
const CACHES = ['node_modules/.astro', 'node_modules/.vite', COMPILE_CACHE_FOLDER, 'dist', 'dist-offline'];

export async function prepareGlossa(corpus: Corpus): Promise<BenchSite> {
	const site = await writeGlossaSite(corpus);
	const astro = path.join(projectRoot, 'node_modules/astro/bin/astro.mjs');
	const translation = corpus.pages.find((page) => page.locale !== 'en')!;
	return {
		tool: 'Glossa',
		version: `astro ${ASTRO_VERSION}`,
		outputDir: path.join(site, 'dist'),
		fallbacks: { marker: 'data-notice="fallback"' },
		makeCold: async () => {
			for (const folder of CACHES) await rm(path.join(site, folder), { recursive: true, force: true });
		},
		// `astro build` includes the search index (src/search/build-index.ts), as Starlight's build includes its
		// own, and the offline packs, which no peer writes: their share is reported on its own. Run as
		// `npm run build` runs it (scripts/build/build.ts), with Node's compile cache.
		build: () => measure(process.execPath, [astro, 'build'], site, compileCacheEnvironment(site)),
		editEnglish: () => appendFile(path.join(site, 'content/en', `${corpus.slugs[0]}.mdx`), '\nOne more English sentence for the rebuild benchmark.\n'),
		editTranslation: () => appendFile(path.join(site, 'content', translation.locale, `${translation.slug}.mdx`), '\nOne more translated sentence.\n'),
		details: async ({ cold, rebuildEnglish, rebuildTranslation, rebuildNothing }: SiteRuns) => {
			const offline = cold.map((run) => Number(/offline outputs written in ([\d.]+) s/.exec(run.output)?.[1] ?? Number.NaN)).filter(Number.isFinite);
			return {
				...(await renderTimes(site, cold.at(-1)!)),
				offlineSeconds: offline.length ? median(offline) : undefined,
				rerendered: {
					english: rebuildWork(rebuildEnglish.output),
					translation: rebuildWork(rebuildTranslation.output),
					nothing: rebuildWork(rebuildNothing.output),
				},
			};
		},
	};
}

/**
 * The site built as N shards, one after another (on CI each runs on its own machine, with no cache), each
 * cold, then merged by `npm run merge`: the shard plan's time and memory (one job, before the shards), each
 * shard's wall time and peak memory, and the merge's time.
 */
export async function benchShards(corpus: Corpus, count: number, log: (line: string) => void): Promise<NonNullable<ToolResult['shards']> | { failed: string }> {
	const site = await writeGlossaSite(corpus);
	const astro = path.join(projectRoot, 'node_modules/astro/bin/astro.mjs');
	const runs: { shard: string; wallSeconds: number; peakRssMb: number }[] = [];
	const outputs: string[] = [];
	const planFile = path.join(site, 'shard-plan.v8');
	for (const folder of [...CACHES, 'shard-plan.v8']) await rm(path.join(site, folder), { recursive: true, force: true });
	log('Shard plan…');
	// What `npm run build -- --plan FILE` runs: the content sync alone, which writes the plan.
	const planned = measure(process.execPath, [astro, 'sync'], site, { ...compileCacheEnvironment(site), GLOSSA_SHARD_PLAN: planFile });
	if (!planned.ok) return { failed: `shard plan: ${planned.output.slice(-1500)}` };
	log(`  ${planned.wallSeconds.toFixed(1)} s, peak ${planned.peakRssMb.toFixed(0)} MB`);
	for (let index = 1; index <= count; index++) {
		const shard = `${index}/${count}`;
		const out = path.join(site, `shard-${index}`);
		for (const folder of [...CACHES, `shard-${index}`, `shard-${index}-offline`]) await rm(path.join(site, folder), { recursive: true, force: true });
		log(`Shard ${shard}…`);
		// What `npm run build -- --shard K/N --plan FILE --out DIR` runs (scripts/build/build.ts).
		const built = measure(process.execPath, [astro, 'build', '--outDir', out], site, {
			...compileCacheEnvironment(site),
			GLOSSA_SHARD: shard,
			GLOSSA_SHARD_PLAN: planFile,
			GLOSSA_OFFLINE_DIR: `${out}-offline`,
		});
		if (!built.ok) return { failed: `shard ${shard}: ${built.output.slice(-1500)}` };
		log(`  ${built.wallSeconds.toFixed(1)} s, peak ${built.peakRssMb.toFixed(0)} MB`);
		runs.push({ shard, wallSeconds: built.wallSeconds, peakRssMb: built.peakRssMb });
		outputs.push(out);
	}
	await rm(path.join(site, 'merged'), { recursive: true, force: true });
	const merged = measure(process.execPath, [path.join(projectRoot, 'scripts/build/merge.ts'), '--out', path.join(site, 'merged'), ...outputs], site);
	if (!merged.ok) return { failed: `merge: ${merged.output.slice(-1500)}` };
	log(`Merge: ${merged.wallSeconds.toFixed(1)} s`);
	return { count, plan: { wallSeconds: planned.wallSeconds, peakRssMb: planned.peakRssMb }, runs, mergeSeconds: merged.wallSeconds };
}

/** The benchmark's Glossa adapter: writes the corpus as a Glossa site, builds it cold and again after an edit. */
import { appendFile, cp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Corpus } from '../corpus.ts';
import { median } from '../../shared/report.ts';
import { ASTRO_VERSION, astroPageTimes, measure, okResult, outputFigures, projectRoot, work, type Measured, type ToolResult } from '../measure.ts';

async function writeGlossaSite(corpus: Corpus): Promise<string> {
	const site = path.join(work, 'glossa');
	await rm(site, { recursive: true, force: true });
	await mkdir(site, { recursive: true });
	for (const entry of ['src', 'public', 'astro.config.mjs', 'tsconfig.json', 'package.json'])
		await cp(path.join(projectRoot, entry), path.join(site, entry), { recursive: true });
	await cp(path.join(projectRoot, 'locales/en'), path.join(site, 'locales/en'), { recursive: true });
	const definitions = corpus.locales.map((locale) => ({
		tag: locale.tag,
		crowdinId: locale.crowdinId,
		endonym: locale.endonym,
		englishName: locale.englishName,
		...(locale.tag === 'en' ? {} : { publish: 'listed' }),
	}));
	await writeFile(
		path.join(site, 'src/i18n/locales.ts'),
		`import { createLocaleRegistry, type LocaleDefinition } from './registry.ts';\nexport const SOURCE_LOCALE = 'en';\nexport const localeDefinitions = ${JSON.stringify(definitions, null, 1)} as const satisfies readonly LocaleDefinition[];\nexport const locales = createLocaleRegistry(localeDefinitions, { source: SOURCE_LOCALE });\n`,
	);
	for (const page of corpus.pages) {
		const file = path.join(site, 'content', page.locale, `${page.slug}.mdx`);
		await mkdir(path.dirname(file), { recursive: true });
		await writeFile(file, page.mdx);
	}
	return site;
}

/** Pages Astro rendered in a build, as against those an incremental build restored from the last one. */
function renderedPages(log: string): { rendered: number; restored: number } {
	const restored = log.match(/\((?:restored|cached)\)/g)?.length ?? 0;
	return { rendered: astroPageTimes(log).size, restored };
}

/** Builds `runs` times from nothing (no cache, no output) after the first: the median and the range are reported. */
async function coldRuns(site: string, build: () => Measured, runs: number): Promise<Measured[]> {
	const measured: Measured[] = [];
	for (let run = 1; run < runs; run++) {
		for (const folder of ['node_modules/.astro', 'dist', 'dist-offline']) await rm(path.join(site, folder), { recursive: true, force: true });
		measured.push(build());
	}
	return measured;
}

export async function benchGlossa(corpus: Corpus, runs = 1): Promise<ToolResult> {
	const site = await writeGlossaSite(corpus);
	const astro = path.join(projectRoot, 'node_modules/astro/bin/astro.mjs');
	// `astro build` includes the search index (src/search/build-index.ts), as Starlight's build includes its own,
	// and the offline packs, which no peer writes: their share is reported on its own.
	const build = () => measure(process.execPath, [astro, 'build'], site);
	const cold = build();
	if (!cold.ok) return { tool: 'Glossa', version: `astro ${ASTRO_VERSION}`, status: 'failed', reason: cold.output.slice(-2000) };
	const figures = await outputFigures(path.join(site, 'dist'), 'data-notice="fallback"');
	const times = astroPageTimes(cold.output);
	const fallbackTimes: number[] = [];
	const translatedTimes: number[] = [];
	for (const [page, ms] of times) {
		if (!page.endsWith('/index.html') || page.split('/').length < 4) continue;
		const html = await readFile(path.join(site, 'dist', page), 'utf8').catch(() => '');
		(html.includes('data-notice="fallback"') ? fallbackTimes : translatedTimes).push(ms);
	}
	const repeats = await coldRuns(site, build, runs);
	const coldSeconds = [cold, ...repeats].map((run) => run.wallSeconds);
	const average = (values: number[]) => (values.length ? values.reduce((sum, value) => sum + value, 0) / values.length : undefined);

	const english = path.join(site, 'content/en', `${corpus.slugs[0]}.mdx`);
	await appendFile(english, '\nOne more English sentence for the rebuild benchmark.\n');
	const rebuildEnglish = build();
	const translation = corpus.pages.find((page) => page.locale !== 'en')!;
	await appendFile(path.join(site, 'content', translation.locale, `${translation.slug}.mdx`), '\nOne more translated sentence.\n');
	const rebuildTranslation = build();
	const rebuildNothing = build();
	return {
		...okResult('Glossa', `astro ${ASTRO_VERSION}`, { ...cold, wallSeconds: median(coldSeconds) }, figures, rebuildEnglish, rebuildTranslation),
		coldRange: coldSeconds.length > 1 ? [Math.min(...coldSeconds), Math.max(...coldSeconds)] : undefined,
		noopRebuildSeconds: rebuildNothing.wallSeconds,
		rerendered: {
			english: renderedPages(rebuildEnglish.output),
			translation: renderedPages(rebuildTranslation.output),
			nothing: renderedPages(rebuildNothing.output),
		},
		msPerTranslatedPage: average(translatedTimes),
		msPerFallbackPage: average(fallbackTimes),
		offlineSeconds: Number(/offline outputs written in ([\d.]+) s/.exec(cold.output)?.[1] ?? Number.NaN) || undefined,
	};
}

/**
 * npm run bench -- [--quick | --preset default|large] [--pages N --locales L --share T --seed S] [--skip-peers]
 * Builds Glossa, Astro Starlight and Hugo on one generated multilingual corpus, in one run, and reports
 * wall time, ms per output page, CPU seconds, peak memory, output bytes and rebuild times, as a table and
 * as JSON and Markdown under bench/results/. Peers are installed into bench/work/ (never as project
 * dependencies); a peer that cannot be installed is reported as skipped, with the reason.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { appendFile, cp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { parseArgs } from 'node:util';
import { glob } from 'tinyglobby';
import { median, table } from '../shared/report.ts';
import { generateCorpus, type Corpus } from './corpus.ts';

const PRESETS = {
	quick: { pages: 30, locales: 5, share: 0.4 },
	default: { pages: 200, locales: 15, share: 0.4 },
	large: { pages: 300, locales: 70, share: 0.4 },
} as const;

const STARLIGHT_VERSION = '0.42.4';
const ASTRO_VERSION = '7.3.5';

const projectRoot = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');
const work = path.join(projectRoot, 'bench/work');
const resultsDir = path.join(projectRoot, 'bench/results');

interface Measured {
	wallSeconds: number;
	cpuSeconds: number;
	peakRssMb: number;
	output: string;
	ok: boolean;
}

interface ToolResult {
	tool: string;
	version: string;
	status: 'ok' | 'skipped' | 'failed';
	reason?: string | undefined;
	outputPages?: number;
	translatedPages?: number;
	fallbackPages?: number;
	coldWallSeconds?: number;
	msPerPage?: number;
	msPerTranslatedPage?: number | undefined;
	msPerFallbackPage?: number | undefined;
	cpuSeconds?: number;
	peakRssMb?: number;
	htmlMedianBytes?: number;
	htmlMedianGzipBytes?: number;
	jsBytesPerPage?: number;
	rebuildEnglishSeconds?: number;
	rebuildTranslationSeconds?: number;
}

/**
 * CPU time the whole machine has spent so far, in seconds (/proc/stat). The benchmark runs alone, so the
 * difference over a build counts every process it started, including helpers it does not wait for
 * (Pagefind's indexer), which GNU time's own figure leaves out.
 */
function machineCpuSeconds(): number | undefined {
	try {
		const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
		const [user = 0, nice = 0, system = 0, , , irq = 0, softirq = 0, steal = 0] = fields;
		return (user + nice + system + irq + softirq + steal) / 100;
	} catch {
		return undefined;
	}
}

/** Runs a command under GNU time: wall and CPU seconds, and the peak resident memory of its largest process. */
function measure(command: string, args: string[], cwd: string, env: Record<string, string> = {}): Measured {
	const timeFile = path.join(os.tmpdir(), `glossa-bench-time-${process.pid}`);
	const cpuBefore = machineCpuSeconds();
	const result = spawnSync('/usr/bin/time', ['-o', timeFile, '-f', '%e %U %S %M', command, ...args], {
		cwd,
		env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1', NO_COLOR: '1', ...env },
		encoding: 'utf8',
		maxBuffer: 512 * 1024 * 1024,
	});
	const cpuAfter = machineCpuSeconds();
	const timing = readFileSync(timeFile, 'utf8').trim().split('\n').at(-1)!.split(' ').map(Number);
	const [wall = 0, user = 0, system = 0, rssKb = 0] = timing;
	const cpuSeconds = cpuBefore !== undefined && cpuAfter !== undefined ? cpuAfter - cpuBefore : user + system;
	return { wallSeconds: wall, cpuSeconds, peakRssMb: rssKb / 1024, output: `${result.stdout}${result.stderr}`, ok: result.status === 0 };
}

async function outputFigures(dir: string, fallbackMarker: string | undefined) {
	const files = (await glob('**/*.html', { cwd: dir, ignore: ['pagefind/**', '**/404.html', '404/**', '*/404/**'] })).sort();
	const raw: number[] = [];
	const gzip: number[] = [];
	let js = 0;
	let fallback = 0;
	const jsFiles = new Map<string, number>();
	for (const file of files) {
		const html = await readFile(path.join(dir, file));
		const text = html.toString('utf8');
		raw.push(html.length);
		gzip.push(gzipSync(html).length);
		if (fallbackMarker && text.includes(fallbackMarker)) fallback++;
		for (const match of text.matchAll(/<script\b[^>]*\bsrc="([^"]+)"/g)) {
			const src = match[1]!;
			if (!jsFiles.has(src)) {
				const local = path.join(dir, src.replace(/^\//, '').split('?')[0]!);
				jsFiles.set(src, existsSync(local) ? (await readFile(local)).length : 0);
			}
			js += jsFiles.get(src)!;
		}
		for (const match of text.matchAll(/<script\b(?![^>]*\bsrc=)(?![^>]*type="application\/json")[^>]*>([\s\S]*?)<\/script>/g))
			js += Buffer.byteLength(match[1]!);
	}
	return {
		pages: files.length,
		fallback,
		htmlMedianBytes: median(raw),
		htmlMedianGzipBytes: median(gzip),
		jsBytesPerPage: files.length ? Math.round(js / files.length) : 0,
	};
}

type OutputFigures = Awaited<ReturnType<typeof outputFigures>>;

/** The figures every tool reports, from its cold build, its output and its two rebuilds. */
function okResult(tool: string, version: string, cold: Measured, figures: OutputFigures, rebuildEnglish: Measured, rebuildTranslation: Measured): ToolResult {
	return {
		tool,
		version,
		status: 'ok',
		outputPages: figures.pages,
		translatedPages: figures.pages - figures.fallback,
		fallbackPages: figures.fallback,
		coldWallSeconds: cold.wallSeconds,
		msPerPage: (cold.wallSeconds * 1000) / figures.pages,
		cpuSeconds: cold.cpuSeconds,
		peakRssMb: cold.peakRssMb,
		htmlMedianBytes: figures.htmlMedianBytes,
		htmlMedianGzipBytes: figures.htmlMedianGzipBytes,
		jsBytesPerPage: figures.jsBytesPerPage,
		rebuildEnglishSeconds: rebuildEnglish.wallSeconds,
		rebuildTranslationSeconds: rebuildTranslation.wallSeconds,
	};
}

/** Astro prints each page with its render time: `├─ /ar/topic-0001/index.html (+3ms)`. */
function astroPageTimes(log: string): Map<string, number> {
	const times = new Map<string, number>();
	for (const match of log.matchAll(/[├└]─ (\/\S+) \(\+(\d+)ms\)/g)) times.set(match[1]!, Number(match[2]));
	return times;
}

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

async function benchGlossa(corpus: Corpus): Promise<ToolResult> {
	const site = await writeGlossaSite(corpus);
	const astro = path.join(projectRoot, 'node_modules/astro/bin/astro.mjs');
	// `astro build` includes the search index (src/search/build-index.ts), as Starlight's build includes its own.
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
	const average = (values: number[]) => (values.length ? values.reduce((sum, value) => sum + value, 0) / values.length : undefined);

	const english = path.join(site, 'content/en', `${corpus.slugs[0]}.mdx`);
	await appendFile(english, '\nOne more English sentence for the rebuild benchmark.\n');
	const rebuildEnglish = build();
	const translation = corpus.pages.find((page) => page.locale !== 'en')!;
	await appendFile(path.join(site, 'content', translation.locale, `${translation.slug}.mdx`), '\nOne more translated sentence.\n');
	const rebuildTranslation = build();
	return {
		...okResult('Glossa', `astro ${ASTRO_VERSION}`, cold, figures, rebuildEnglish, rebuildTranslation),
		msPerTranslatedPage: average(translatedTimes),
		msPerFallbackPage: average(fallbackTimes),
	};
}

async function benchStarlight(corpus: Corpus): Promise<ToolResult> {
	const site = path.join(work, 'starlight');
	await mkdir(site, { recursive: true });
	if (!existsSync(path.join(site, 'node_modules/@astrojs/starlight/package.json'))) {
		await writeFile(
			path.join(site, 'package.json'),
			JSON.stringify(
				{
					name: 'bench-starlight',
					private: true,
					type: 'module',
					dependencies: { astro: ASTRO_VERSION, '@astrojs/starlight': STARLIGHT_VERSION },
					allowScripts: { esbuild: true, sharp: true },
				},
				null,
				2,
			),
		);
		console.log('  installing Astro Starlight into bench/work/starlight (npm registry)…');
		const install = spawnSync('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error'], {
			cwd: site,
			encoding: 'utf8',
			env: { ...process.env, PATH: `${path.dirname(process.execPath)}:${process.env.PATH}` },
		});
		if (install.status !== 0)
			return {
				tool: 'Starlight',
				version: STARLIGHT_VERSION,
				status: 'skipped',
				reason: `npm install failed: ${(install.stderr || install.stdout).trim().split('\n').slice(-3).join(' ')}`,
			};
	}
	// A cold build: no output and none of Astro's or Vite's caches from an earlier run.
	for (const leftover of ['src', 'dist', '.astro', 'node_modules/.astro', 'node_modules/.vite', 'node_modules/.cache']) {
		await rm(path.join(site, leftover), { recursive: true, force: true });
	}
	const key = (tag: string) => tag.toLowerCase();
	const locales = Object.fromEntries(
		corpus.locales.map((locale) => [key(locale.tag), { label: locale.endonym, lang: locale.tag, ...(locale.dir === 'rtl' ? { dir: 'rtl' } : {}) }]),
	);
	await writeFile(
		path.join(site, 'astro.config.mjs'),
		`import { defineConfig } from 'astro/config';\nimport starlight from '@astrojs/starlight';\nexport default defineConfig({ site: 'https://bench.example.org', integrations: [starlight({ title: 'Bench', defaultLocale: 'en', locales: ${JSON.stringify(locales)} })] });\n`,
	);
	await mkdir(path.join(site, 'src'), { recursive: true });
	await writeFile(
		path.join(site, 'src/content.config.ts'),
		"import { defineCollection } from 'astro:content';\nimport { docsLoader } from '@astrojs/starlight/loaders';\nimport { docsSchema } from '@astrojs/starlight/schema';\nexport const collections = { docs: defineCollection({ loader: docsLoader(), schema: docsSchema() }) };\n",
	);
	for (const page of corpus.pages) {
		const file = path.join(site, 'src/content/docs', key(page.locale), `${page.slug}.md`);
		await mkdir(path.dirname(file), { recursive: true });
		await writeFile(file, page.markdown);
	}
	const astro = path.join(site, 'node_modules/astro/bin/astro.mjs');
	const cold = measure(process.execPath, [astro, 'build'], site);
	if (!cold.ok) return { tool: 'Starlight', version: STARLIGHT_VERSION, status: 'failed', reason: cold.output.slice(-1500) };
	const figures = await outputFigures(path.join(site, 'dist'), undefined);
	// Starlight's fallback notice is in the reader's language: count from the corpus instead.
	figures.fallback = Math.max(0, corpus.slugs.length * corpus.locales.length - corpus.pages.length);
	await appendFile(path.join(site, 'src/content/docs/en', `${corpus.slugs[0]}.md`), '\nOne more English sentence for the rebuild benchmark.\n');
	const rebuildEnglish = measure(process.execPath, [astro, 'build'], site);
	const translation = corpus.pages.find((page) => page.locale !== 'en')!;
	await appendFile(path.join(site, 'src/content/docs', key(translation.locale), `${translation.slug}.md`), '\nOne more translated sentence.\n');
	const rebuildTranslation = measure(process.execPath, [astro, 'build'], site);
	return okResult('Starlight', STARLIGHT_VERSION, cold, figures, rebuildEnglish, rebuildTranslation);
}

function hugoVersion(): string | undefined {
	const version = spawnSync('hugo', ['version'], { encoding: 'utf8' });
	return version.status === 0 ? version.stdout.trim().split(' ')[1] : undefined;
}

async function benchHugo(corpus: Corpus): Promise<ToolResult> {
	let version = hugoVersion();
	if (!version && process.getuid?.() === 0) {
		console.log("  installing Hugo (Debian's hugo package)…");
		spawnSync('apt-get', ['install', '-y', '-qq', 'hugo'], { encoding: 'utf8', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
		version = hugoVersion();
	}
	if (!version)
		return { tool: 'Hugo', version: '-', status: 'skipped', reason: "hugo is not installed and could not be installed (needs root and Debian's hugo package)" };
	const site = path.join(work, 'hugo');
	await rm(site, { recursive: true, force: true });
	await mkdir(path.join(site, 'layouts/_default'), { recursive: true });
	const languages = corpus.locales
		.map(
			(locale, index) =>
				`[languages.${JSON.stringify(locale.hugoKey)}]\n  languageCode = ${JSON.stringify(locale.tag)}\n  languageName = ${JSON.stringify(locale.endonym)}\n  languageDirection = ${JSON.stringify(locale.dir)}\n  contentDir = "content/${locale.hugoKey}"\n  weight = ${index + 1}\n`,
		)
		.join('\n');
	await writeFile(
		path.join(site, 'hugo.toml'),
		`baseURL = "https://bench.example.org/"\ntitle = "Bench"\ndefaultContentLanguage = "en"\ndefaultContentLanguageInSubdir = true\ndisableKinds = ["taxonomy", "term", "RSS"]\n[markup.goldmark.renderer]\n  unsafe = false\n\n${languages}`,
	);
	await writeFile(
		path.join(site, 'layouts/_default/baseof.html'),
		'<!doctype html><html lang="{{ .Language.Lang }}" dir="{{ .Language.LanguageDirection | default "ltr" }}"><head><meta charset="utf-8"><title>{{ .Title }}</title><meta name="description" content="{{ .Description }}">{{ range .Translations }}<link rel="alternate" hreflang="{{ .Language.Lang }}" href="{{ .Permalink }}">{{ end }}</head><body><header><a href="{{ "/" | relLangURL }}">{{ site.Title }}</a><nav><ul>{{ range .AllTranslations }}<li><a href="{{ .RelPermalink }}" lang="{{ .Language.Lang }}">{{ .Language.LanguageName }}</a></li>{{ end }}</ul></nav></header><main>{{ block "main" . }}{{ end }}</main></body></html>',
	);
	await writeFile(path.join(site, 'layouts/_default/single.html'), '{{ define "main" }}<article><h1>{{ .Title }}</h1>{{ .Content }}</article>{{ end }}');
	await writeFile(
		path.join(site, 'layouts/_default/list.html'),
		'{{ define "main" }}<h1>{{ .Title }}</h1><ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>{{ end }}',
	);
	const hugoKeys = new Map(corpus.locales.map((locale) => [locale.tag, locale.hugoKey]));
	for (const page of corpus.pages) {
		const file = path.join(site, 'content', hugoKeys.get(page.locale)!, `${page.slug}.md`);
		await mkdir(path.dirname(file), { recursive: true });
		// Links in the corpus name the English page; Hugo's pages live under their language too.
		await writeFile(file, page.markdown);
	}
	const build = () => measure('hugo', ['--quiet', '--destination', 'public'], site);
	const cold = build();
	if (!cold.ok) return { tool: 'Hugo', version, status: 'failed', reason: cold.output.slice(-1500) };
	const figures = await outputFigures(path.join(site, 'public'), undefined);
	await appendFile(path.join(site, 'content/en', `${corpus.slugs[0]}.md`), '\nOne more English sentence.\n');
	const rebuildEnglish = build();
	const translation = corpus.pages.find((page) => page.locale !== 'en')!;
	await appendFile(path.join(site, 'content', hugoKeys.get(translation.locale)!, `${translation.slug}.md`), '\nOne more translated sentence.\n');
	const rebuildTranslation = build();
	return okResult('Hugo', version, cold, figures, rebuildEnglish, rebuildTranslation);
}

function formatTable(results: ToolResult[]): string[][] {
	const glossa = results.find((result) => result.tool === 'Glossa' && result.status === 'ok');
	const n = (value: number | undefined, digits = 1) => (value === undefined ? '-' : value.toFixed(digits));
	const header = [
		'tool',
		'pages out',
		'translated / fallback',
		'cold build s',
		'ms/page',
		'ms/page transl. / fallb. (render)',
		'CPU s',
		'peak RSS MB',
		'HTML median (gzip) kB',
		'JS B/page',
		'rebuild EN s',
		'rebuild tr. s',
		'ms/page vs Glossa',
	];
	const rows = results.map((result) =>
		result.status !== 'ok'
			? [
					`${result.tool} ${result.version}`,
					`${result.status}: ${result.reason?.split('\n')[0]?.slice(0, 100) ?? ''}`,
					'',
					'',
					'',
					'',
					'',
					'',
					'',
					'',
					'',
					'',
					'',
				]
			: [
					`${result.tool} ${result.version}`,
					String(result.outputPages),
					`${result.translatedPages} / ${result.fallbackPages}`,
					n(result.coldWallSeconds),
					n(result.msPerPage, 2),
					result.msPerTranslatedPage === undefined ? '-' : `${n(result.msPerTranslatedPage, 2)} / ${n(result.msPerFallbackPage, 2)}`,
					n(result.cpuSeconds),
					n(result.peakRssMb, 0),
					`${n((result.htmlMedianBytes ?? 0) / 1024)} (${n((result.htmlMedianGzipBytes ?? 0) / 1024)})`,
					String(result.jsBytesPerPage),
					n(result.rebuildEnglishSeconds),
					n(result.rebuildTranslationSeconds),
					glossa && result.msPerPage ? `${(result.msPerPage / glossa.msPerPage!).toFixed(2)}x` : '-',
				],
	);
	return [header, ...rows];
}

async function main(): Promise<number> {
	const { values } = parseArgs({
		options: {
			quick: { type: 'boolean' },
			preset: { type: 'string' },
			pages: { type: 'string' },
			locales: { type: 'string' },
			share: { type: 'string' },
			seed: { type: 'string', default: '20261125' },
			'skip-peers': { type: 'boolean' },
			help: { type: 'boolean', short: 'h' },
		},
	});
	if (values.help) {
		console.log(`Usage: npm run bench -- [--quick | --preset default|large] [--pages N] [--locales L] [--share T] [--seed S] [--skip-peers]

Presets: quick ${JSON.stringify(PRESETS.quick)}, default ${JSON.stringify(PRESETS.default)}, large ${JSON.stringify(PRESETS.large)}.
Results go to bench/results/<name>.json and .md. Peers are installed into bench/work/.`);
		return 0;
	}
	const presetName = values.quick ? 'quick' : (values.preset ?? 'default');
	const preset = PRESETS[presetName as keyof typeof PRESETS];
	if (!preset) {
		console.error(`Unknown preset "${presetName}"`);
		return 2;
	}
	const options = {
		pages: Number(values.pages ?? preset.pages),
		locales: Number(values.locales ?? preset.locales),
		translatedShare: Number(values.share ?? preset.share),
		seed: Number(values.seed),
	};
	const name = values.pages || values.locales || values.share ? `${options.pages}x${options.locales}` : presetName;
	console.log(
		`Corpus: ${options.pages} English pages x ${options.locales} locales, ${Math.round(options.translatedShare * 100)}% translated, seed ${options.seed}`,
	);
	const corpus = generateCorpus(options);
	const words = corpus.pages.reduce((sum, page) => sum + page.words, 0);
	console.log(
		`  ${corpus.pages.length} source files (${corpus.pages.length - options.pages} translations), ${words.toLocaleString('en')} words; ${options.pages * options.locales} URLs expected`,
	);
	await mkdir(work, { recursive: true });

	const results: ToolResult[] = [];
	const steps: [string, (corpus: Corpus) => Promise<ToolResult>][] = [['Glossa', benchGlossa]];
	if (!values['skip-peers']) steps.push(['Starlight', benchStarlight], ['Hugo', benchHugo]);
	for (const [tool, run] of steps) {
		console.log(`Building with ${tool}…`);
		const result = await run(corpus);
		results.push(result);
		console.log(
			result.status === 'ok'
				? `  ${result.outputPages} pages in ${result.coldWallSeconds?.toFixed(1)} s (${result.msPerPage?.toFixed(2)} ms/page), peak ${result.peakRssMb?.toFixed(0)} MB`
				: `  ${result.status}: ${result.reason?.split('\n')[0]}`,
		);
	}

	const rows = formatTable(results);
	console.log(`\n${table(rows)}`);

	const machine = `${os.cpus().length} cores (${os.cpus()[0]?.model.trim()}), ${Math.round(os.totalmem() / 1024 ** 3)} GiB, Node ${process.version}`;
	await mkdir(resultsDir, { recursive: true });
	const report = { date: new Date().toISOString(), machine, corpus: { ...options, sourceFiles: corpus.pages.length, words }, results };
	await writeFile(path.join(resultsDir, `${name}.json`), `${JSON.stringify(report, null, 2)}\n`);
	const markdown = [
		`# Build benchmark: ${options.pages} pages x ${options.locales} locales, ${Math.round(options.translatedShare * 100)}% translated`,
		'',
		`${report.date.slice(0, 10)} on ${machine}. Corpus seed ${options.seed}: ${corpus.pages.length} source files, ${words.toLocaleString('en')} words.`,
		'',
		`| ${rows[0]!.join(' | ')} |`,
		`| ${rows[0]!.map(() => '---').join(' | ')} |`,
		...rows.slice(1).map((row) => `| ${row.join(' | ')} |`),
		'',
	].join('\n');
	await writeFile(path.join(resultsDir, `${name}.md`), markdown);
	console.log(`\nWrote bench/results/${name}.json and bench/results/${name}.md`);
	return results.some((result) => result.status === 'failed') ? 1 : 0;
}

process.exitCode = await main();

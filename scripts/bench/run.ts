/**
 * npm run bench -- [--quick | --preset default|large] [--pages N --locales L --share T --seed S] [--skip-peers] [--runs N] [--shards N]
 * npm run bench -- --sync [--pages N --locales L]   (the Crowdin sync: sync.ts)
 * Builds Glossa, Astro Starlight and Hugo on one generated multilingual corpus, interleaved over several
 * rounds (`rounds.ts`), and reports medians and ranges of wall time, ms per output page, CPU seconds and
 * peak memory, output bytes and rebuild times, as a table and as JSON and Markdown under bench/results/.
 * Peers are installed into bench/work/ (never as project dependencies); a peer that cannot be installed is
 * reported as skipped, with the reason.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { table } from '../shared/report.ts';
import { generateCorpus } from './corpus.ts';
import { projectRoot, work, type BenchSite, type ToolResult } from './measure.ts';
import { benchShards, prepareGlossa } from './peers/glossa.ts';
import { prepareHugo } from './peers/hugo.ts';
import { prepareStarlight } from './peers/starlight.ts';
import { formatShardTable, formatTable } from './report.ts';
import { runRounds } from './rounds.ts';
import { benchSync, formatSyncTable } from './sync.ts';

const PRESETS = {
	quick: { pages: 30, locales: 5, share: 0.4, shards: 0 },
	default: { pages: 200, locales: 15, share: 0.4, shards: 0 },
	large: { pages: 300, locales: 70, share: 0.4, shards: 4 },
} as const;

const resultsDir = path.join(projectRoot, 'bench/results');

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
			runs: { type: 'string', default: '3' },
			shards: { type: 'string' },
			sync: { type: 'boolean' },
			help: { type: 'boolean', short: 'h' },
		},
	});
	if (values.help) {
		console.log(`Usage: npm run bench -- [--quick | --preset default|large] [--pages N] [--locales L] [--share T] [--seed S] [--skip-peers] [--runs N] [--shards N]

Presets: quick ${JSON.stringify(PRESETS.quick)}, default ${JSON.stringify(PRESETS.default)}, large ${JSON.stringify(PRESETS.large)}.
--runs N    cold builds per tool after one warm-up (default 3), interleaved across tools; the median and
            the range are reported, and the ratios are between medians (the machine is noisy)
--shards N  also build Glossa as N shards, one after another, and merge them (large preset: 4; 0: none)
--sync      the Crowdin sync instead of the build, against the emulator: first upload of 200 pages and
            4 UI files, download of 15 locales x 204 files with 429s on 5% of requests, then a sync with
            no change (results in bench/results/sync.json and .md)
Results go to bench/results/<name>.json and .md. Peers are installed into bench/work/.`);
		return 0;
	}
	if (values.sync) return runSyncBench(Number(values.pages ?? 200), Number(values.locales ?? 15), Number(values.seed));
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

	const sites: BenchSite[] = [await prepareGlossa(corpus)];
	const skipped: ToolResult[] = [];
	if (!values['skip-peers'])
		for (const prepare of [prepareStarlight, prepareHugo]) {
			const prepared = await prepare(corpus);
			if ('build' in prepared) sites.push(prepared);
			else skipped.push(prepared);
		}
	const runs = Math.max(1, Number(values.runs) || 1);
	const expectedFallbackPages = Math.max(0, options.pages * options.locales - corpus.pages.length);
	const built = await runRounds(sites, { runs, expectedFallbackPages, log: (line) => console.log(line) });
	const results = [...sites.map((site) => built.get(site)!), ...skipped];
	const glossa = results[0]!;
	const shardCount = Number(values.shards ?? preset.shards);
	if (glossa.status === 'ok' && shardCount > 1) {
		const shards = await benchShards(corpus, shardCount, (line) => console.log(line));
		if ('failed' in shards) results[0] = { ...glossa, status: 'failed', reason: shards.failed };
		else glossa.shards = shards;
	}

	const rows = formatTable(results);
	console.log(`\n${table(rows)}`);
	const shardRows = glossa.shards ? formatShardTable(glossa) : undefined;
	if (shardRows) console.log(`\n${table(shardRows)}`);

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
		`Cold builds: one warm-up, then ${runs} per tool, interleaved; medians, with the range in brackets. Ratios are between medians.`,
		'',
		...(shardRows
			? [
					`## Glossa in ${glossa.shards!.count} shards (one after another, each cold)`,
					'',
					`| ${shardRows[0]!.join(' | ')} |`,
					`| ${shardRows[0]!.map(() => '---').join(' | ')} |`,
					...shardRows.slice(1).map((row) => `| ${row.join(' | ')} |`),
					'',
				]
			: []),
	].join('\n');
	await writeFile(path.join(resultsDir, `${name}.md`), markdown);
	console.log(`\nWrote bench/results/${name}.json and bench/results/${name}.md`);
	return results.some((result) => result.status === 'failed') ? 1 : 0;
}

async function runSyncBench(pages: number, locales: number, seed: number): Promise<number> {
	const result = await benchSync({ pages, locales, seed, rateLimitShare: 0.05 });
	const rows = formatSyncTable(result);
	console.log(`\n${rows}\nLocal files changed by the no-change sync: ${result.localChangesOnNoChange}`);
	const machine = `${os.cpus().length} cores (${os.cpus()[0]?.model.trim()}), ${Math.round(os.totalmem() / 1024 ** 3)} GiB, Node ${process.version}`;
	await mkdir(resultsDir, { recursive: true });
	const report = { date: new Date().toISOString(), machine, ...result };
	await writeFile(path.join(resultsDir, 'sync.json'), `${JSON.stringify(report, null, 2)}\n`);
	const markdown = [
		`# Sync benchmark: ${pages} pages + ${result.uiFiles} UI files, ${locales} locales`,
		'',
		`${report.date.slice(0, 10)} on ${machine}. The real CLI and @crowdin/crowdin-api-client against the Crowdin emulator on 127.0.0.1; the download answers 429 to ${Math.round(result.rateLimitShare * 100)}% of requests (a fixed sequence).`,
		'',
		'```',
		rows,
		'```',
		'',
		`"writes": requests that change something in Crowdin (every method but GET; the translation build, an export, is not counted). Local files changed by the no-change sync: ${result.localChangesOnNoChange}.`,
		'',
	].join('\n');
	await writeFile(path.join(resultsDir, 'sync.md'), markdown);
	console.log('Wrote bench/results/sync.json and bench/results/sync.md');
	return result.phases.every((phase) => phase.ok) && result.localChangesOnNoChange === 0 ? 0 : 1;
}

process.exitCode = await main();

/**
 * Timing and output figures for one tool's build: wall time, the whole machine's CPU, peak memory (GNU time),
 * pages, HTML and JavaScript sizes. Every peer adapter (scripts/bench/peers/) reports through these.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { glob } from 'tinyglobby';
import { median } from '../shared/report.ts';

export const projectRoot = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');
export const work = path.join(projectRoot, 'bench/work');

/** What the peers are built with (installed into bench/work/, never as project dependencies). */
export const STARLIGHT_VERSION = '0.42.4';
export const ASTRO_VERSION = '7.3.5';

export interface Measured {
	wallSeconds: number;
	cpuSeconds: number;
	peakRssMb: number;
	output: string;
	ok: boolean;
}

/**
 * One tool's copy of the corpus, ready to build: all the benchmark's rounds need from a tool
 * (`rounds.ts` runs them interleaved across tools).
 */
export interface BenchSite {
	tool: string;
	version: string;
	/** The folder a build writes its pages to. */
	outputDir: string;
	/**
	 * Fallback pages: found in the output by a marker, counted from the corpus (the tool builds them, but its
	 * notice is in each reader's language), or none (the tool builds translated pages only).
	 */
	fallbacks: { marker: string } | 'counted' | 'none';
	/** Removes the output and every cache the tool keeps, so the next build is cold. */
	makeCold(): Promise<void>;
	build(): Measured;
	editEnglish(): Promise<void>;
	editTranslation(): Promise<void>;
	/** Figures only this tool has, from its cold builds and its rebuilds. */
	details?(runs: SiteRuns): Promise<Partial<ToolResult>>;
}

/** Every build of one site in a benchmark run. */
export interface SiteRuns {
	site: BenchSite;
	cold: Measured[];
	figures: OutputFigures;
	rebuildEnglish: Measured;
	rebuildTranslation: Measured;
	rebuildNothing: Measured;
}

export interface Range {
	median: number;
	min: number;
	max: number;
}

export interface ToolResult {
	tool: string;
	version: string;
	status: 'ok' | 'skipped' | 'failed';
	reason?: string | undefined;
	outputPages?: number;
	translatedPages?: number;
	fallbackPages?: number;
	/** The cold builds' wall time, CPU time and peak memory: medians, with the range in `cold`. */
	coldWallSeconds?: number;
	cold?: { runs: number; wallSeconds: Range; cpuSeconds: Range; peakRssMb: Range } | undefined;
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
	noopRebuildSeconds?: number | undefined;
	/** Glossa: the part of the cold build spent writing offline packs and the service worker (peers write none); median. */
	offlineSeconds?: number | undefined;
	/** Glossa: pages rendered and restored, and languages re-indexed for search, by each incremental rebuild. */
	rerendered?: Record<'english' | 'translation' | 'nothing', { rendered: number; restored: number; reindexed: string }> | undefined;
	/** Glossa with --shards N: each shard built cold, one after another, then merged. */
	shards?:
		| {
				count: number;
				plan: { wallSeconds: number; peakRssMb: number };
				runs: { shard: string; wallSeconds: number; peakRssMb: number }[];
				mergeSeconds: number;
		  }
		| undefined;
}

export function range(values: readonly number[]): Range {
	return { median: median(values), min: Math.min(...values), max: Math.max(...values) };
}

/**
 * CPU time the whole machine has spent so far, in seconds (/proc/stat). The benchmark runs alone, so the
 * difference over a build counts every process it started, including helpers it does not wait for
 * (Pagefind's indexer), which GNU time's own figure leaves out.
 */
export function machineCpuSeconds(): number | undefined {
	try {
		const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
		const [user = 0, nice = 0, system = 0, , , irq = 0, softirq = 0, steal = 0] = fields;
		return (user + nice + system + irq + softirq + steal) / 100;
	} catch {
		return undefined;
	}
}

/** Runs a command under GNU time: wall and CPU seconds, and the peak resident memory of its largest process. */
export function measure(command: string, args: string[], cwd: string, env: Record<string, string> = {}): Measured {
	const timeFile = timeFileFor();
	const cpuBefore = machineCpuSeconds();
	const result = spawnSync('/usr/bin/time', ['-o', timeFile, '-f', TIME_FORMAT, command, ...args], {
		cwd,
		env: benchEnv(env),
		encoding: 'utf8',
		maxBuffer: 512 * 1024 * 1024,
	});
	return measured(timeFile, cpuBefore, `${result.stdout}${result.stderr}`, result.status === 0);
}

/**
 * `measure`, without blocking this process: for commands that talk to a server running here (the sync
 * benchmark's Crowdin emulator).
 */
export function measureAsync(command: string, args: string[], cwd: string, env: Record<string, string> = {}): Promise<Measured> {
	const timeFile = timeFileFor();
	const cpuBefore = machineCpuSeconds();
	return new Promise((resolve, reject) => {
		const child = spawn('/usr/bin/time', ['-o', timeFile, '-f', TIME_FORMAT, command, ...args], { cwd, env: benchEnv(env), stdio: ['ignore', 'pipe', 'pipe'] });
		let output = '';
		child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
		child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
		child.on('error', reject);
		child.on('close', (code) => resolve(measured(timeFile, cpuBefore, output, code === 0)));
	});
}

const TIME_FORMAT = '%e %U %S %M';
const timeFileFor = () => path.join(os.tmpdir(), `glossa-bench-time-${process.pid}`);
const benchEnv = (env: Record<string, string>) => ({ ...process.env, ASTRO_TELEMETRY_DISABLED: '1', NO_COLOR: '1', ...env });

function measured(timeFile: string, cpuBefore: number | undefined, output: string, ok: boolean): Measured {
	const cpuAfter = machineCpuSeconds();
	const timing = readFileSync(timeFile, 'utf8').trim().split('\n').at(-1)!.split(' ').map(Number);
	const [wall = 0, user = 0, system = 0, rssKb = 0] = timing;
	const cpuSeconds = cpuBefore !== undefined && cpuAfter !== undefined ? cpuAfter - cpuBefore : user + system;
	return { wallSeconds: wall, cpuSeconds, peakRssMb: rssKb / 1024, output, ok };
}

export async function outputFigures(dir: string, fallbackMarker: string | undefined) {
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

export type OutputFigures = Awaited<ReturnType<typeof outputFigures>>;

/** The figures every tool reports: medians of its cold builds, its output, and its rebuilds. */
export function okResult({ site, cold, figures, rebuildEnglish, rebuildTranslation, rebuildNothing }: SiteRuns): ToolResult {
	const wall = range(cold.map((run) => run.wallSeconds));
	const cpu = range(cold.map((run) => run.cpuSeconds));
	const rss = range(cold.map((run) => run.peakRssMb));
	return {
		tool: site.tool,
		version: site.version,
		status: 'ok',
		outputPages: figures.pages,
		translatedPages: figures.pages - figures.fallback,
		fallbackPages: figures.fallback,
		coldWallSeconds: wall.median,
		cold: { runs: cold.length, wallSeconds: wall, cpuSeconds: cpu, peakRssMb: rss },
		msPerPage: (wall.median * 1000) / figures.pages,
		cpuSeconds: cpu.median,
		peakRssMb: rss.median,
		htmlMedianBytes: figures.htmlMedianBytes,
		htmlMedianGzipBytes: figures.htmlMedianGzipBytes,
		jsBytesPerPage: figures.jsBytesPerPage,
		rebuildEnglishSeconds: rebuildEnglish.wallSeconds,
		rebuildTranslationSeconds: rebuildTranslation.wallSeconds,
		noopRebuildSeconds: rebuildNothing.wallSeconds,
	};
}

/** Astro prints each page with its render time: `├─ /ar/topic-0001/index.html (+3ms)`. */
export function astroPageTimes(log: string): Map<string, number> {
	const times = new Map<string, number>();
	for (const match of log.matchAll(/[├└]─ (\/\S+) \(\+(\d+)ms\)/g)) times.set(match[1]!, Number(match[2]));
	return times;
}

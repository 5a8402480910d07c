/** The benchmark's tables: one row per tool, and one per shard, as printed and as written to bench/results/<name>.md. */
import type { Range, ToolResult } from './measure.ts';

const n = (value: number | undefined, digits = 1) => (value === undefined ? '-' : value.toFixed(digits));
/** A median with its range: `18.4 (17.9–19.6)`. */
const withRange = (value: Range | undefined, digits = 1) =>
	value === undefined
		? '-'
		: value.min === value.max
			? n(value.median, digits)
			: `${n(value.median, digits)} (${n(value.min, digits)}–${n(value.max, digits)})`;
const share = (part: number | undefined, whole: number | undefined) => (part === undefined || !whole ? '-' : `${Math.round((part / whole) * 100)}%`);

export function formatTable(results: ToolResult[]): string[][] {
	const glossa = results.find((result) => result.tool === 'Glossa' && result.status === 'ok');
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
		'rebuild EN s (of cold)',
		'rebuild tr. s',
		'no-op rebuild s',
		'pages rendered on rebuild EN / tr. / no-op',
		'languages re-indexed EN / tr. / no-op',
		'of which offline packs s',
		'ms/page vs Glossa',
	];
	const rows = results.map((result) =>
		result.status !== 'ok'
			? [
					`${result.tool} ${result.version}`,
					`${result.status}: ${result.reason?.split('\n')[0]?.slice(0, 100) ?? ''}`,
					// The rest of the row is empty, however many columns the table has.
					...Array.from({ length: header.length - 2 }, () => ''),
				]
			: [
					`${result.tool} ${result.version}`,
					String(result.outputPages),
					`${result.translatedPages} / ${result.fallbackPages}`,
					withRange(result.cold?.wallSeconds),
					n(result.msPerPage, 2),
					result.msPerTranslatedPage === undefined ? '-' : `${n(result.msPerTranslatedPage, 2)} / ${n(result.msPerFallbackPage, 2)}`,
					withRange(result.cold?.cpuSeconds),
					withRange(result.cold?.peakRssMb, 0),
					`${n((result.htmlMedianBytes ?? 0) / 1024)} (${n((result.htmlMedianGzipBytes ?? 0) / 1024)})`,
					String(result.jsBytesPerPage),
					`${n(result.rebuildEnglishSeconds)} (${share(result.rebuildEnglishSeconds, result.coldWallSeconds)})`,
					n(result.rebuildTranslationSeconds),
					n(result.noopRebuildSeconds),
					result.rerendered ? `${result.rerendered.english.rendered} / ${result.rerendered.translation.rendered} / ${result.rerendered.nothing.rendered}` : '-',
					result.rerendered
						? `${result.rerendered.english.reindexed} / ${result.rerendered.translation.reindexed} / ${result.rerendered.nothing.reindexed}`
						: '-',
					n(result.offlineSeconds),
					glossa && result.msPerPage ? `${(result.msPerPage / glossa.msPerPage!).toFixed(2)}x` : '-',
				],
	);
	return [header, ...rows];
}

/**
 * The shard plan and each shard against the single build's medians: the targets are at most 35% of its wall
 * time and 45% of its peak memory for each shard.
 */
export function formatShardTable(glossa: ToolResult): string[][] | undefined {
	if (!glossa.shards) return undefined;
	const single = glossa.cold;
	return [
		['shard', 'wall s', 'of single build', 'peak RSS MB', 'of single build'],
		[
			'plan (once)',
			n(glossa.shards.plan.wallSeconds),
			share(glossa.shards.plan.wallSeconds, single?.wallSeconds.median),
			n(glossa.shards.plan.peakRssMb, 0),
			share(glossa.shards.plan.peakRssMb, single?.peakRssMb.median),
		],
		...glossa.shards.runs.map((run) => [
			run.shard,
			n(run.wallSeconds),
			share(run.wallSeconds, single?.wallSeconds.median),
			n(run.peakRssMb, 0),
			share(run.peakRssMb, single?.peakRssMb.median),
		]),
		['merge', n(glossa.shards.mergeSeconds), share(glossa.shards.mergeSeconds, single?.wallSeconds.median), '-', '-'],
	];
}

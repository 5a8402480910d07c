/** The benchmark's table: one row per tool, as printed and as written to bench/results/<name>.md. */
import type { ToolResult } from './measure.ts';

export function formatTable(results: ToolResult[]): string[][] {
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
		'no-op rebuild s',
		'pages rendered on rebuild EN / tr. / no-op',
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
					result.coldRange ? `${n(result.coldWallSeconds)} (${n(result.coldRange[0])}–${n(result.coldRange[1])})` : n(result.coldWallSeconds),
					n(result.msPerPage, 2),
					result.msPerTranslatedPage === undefined ? '-' : `${n(result.msPerTranslatedPage, 2)} / ${n(result.msPerFallbackPage, 2)}`,
					n(result.cpuSeconds),
					n(result.peakRssMb, 0),
					`${n((result.htmlMedianBytes ?? 0) / 1024)} (${n((result.htmlMedianGzipBytes ?? 0) / 1024)})`,
					String(result.jsBytesPerPage),
					n(result.rebuildEnglishSeconds),
					n(result.rebuildTranslationSeconds),
					n(result.noopRebuildSeconds),
					result.rerendered ? `${result.rerendered.english.rendered} / ${result.rerendered.translation.rendered} / ${result.rerendered.nothing.rendered}` : '-',
					n(result.offlineSeconds),
					glossa && result.msPerPage ? `${(result.msPerPage / glossa.msPerPage!).toFixed(2)}x` : '-',
				],
	);
	return [header, ...rows];
}

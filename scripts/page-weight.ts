/**
 * Page weight of the built site: gzipped HTML per page (median and worst, per kind of page) and the
 * JavaScript a page needs to be read, to switch language and to show translation status, which is none:
 * the only scripts are enhancements (remembering the picked language; search results on the search page).
 * With `--page`, also what one page transfers in Chromium at 360 and 1280 px, against what it would
 * transfer with its original images (`scripts/weight/transfer.ts`).
 */
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { parseArgs } from 'node:util';
import { glob } from 'tinyglobby';
import { median, table } from './shared/report.ts';
import { readBuildManifest } from '../src/content-model/build-manifest.ts';
import { measureTransfer } from './weight/transfer.ts';
import { glossaConfig } from '../src/config/glossa-config.ts';

export interface PageWeight {
	file: string;
	kind: 'translated' | 'fallback' | 'search' | 'other';
	htmlBytes: number;
	gzipBytes: number;
	/** External scripts the page loads. */
	scriptFiles: string[];
	/** Bytes of inline script. */
	inlineScriptBytes: number;
	/** The page offers "keep this language offline", an enhancement with its own script. */
	offersKeepOffline: boolean;
}

export async function measurePages(dist: string): Promise<PageWeight[]> {
	const files = (await glob('**/*.html', { cwd: dist, ignore: ['pagefind/**'] })).sort();
	return Promise.all(
		files.map(async (file) => {
			const html = await readFile(path.join(dist, file));
			const text = html.toString('utf8');
			const scriptFiles = [...text.matchAll(/<script\b[^>]*\bsrc="([^"]+)"/g)].map((match) => match[1]!);
			const inlineScriptBytes = [...text.matchAll(/<script\b(?![^>]*\bsrc=)(?![^>]*type="application\/json")[^>]*>([\s\S]*?)<\/script>/g)].reduce(
				(sum, match) => sum + Buffer.byteLength(match[1]!),
				0,
			);
			const kind: PageWeight['kind'] = text.includes('data-notice="fallback"')
				? 'fallback'
				: file.endsWith('search/index.html')
					? 'search'
					: text.includes('data-pagefind-body')
						? 'translated'
						: 'other';
			const offersKeepOffline = text.includes('data-keep-locale');
			return { file, kind, htmlBytes: html.length, gzipBytes: gzipSync(html, { level: 9 }).length, scriptFiles, inlineScriptBytes, offersKeepOffline };
		}),
	);
}

export { median };

async function main() {
	const { values } = parseArgs({
		options: { dir: { type: 'string', default: 'dist' }, page: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
	});
	if (values.help) {
		console.log(`Usage: npm run weight -- [--dir dist] [--page /en/stories/field-visit/]

Prints the gzipped HTML weight of the built site per kind of page, and the scripts pages load.
--page  also opens that page in Chromium (/usr/bin/chromium, or CHROMIUM_PATH) at 360 and 1280 px and
        prints what it transfers (text gzipped, images as they are) at first view and for the whole page,
        against the page with its original images (no srcset, no lazy loading).`);
		return;
	}
	const pages = await measurePages(path.resolve(values.dir));
	const kinds = ['translated', 'fallback', 'search', 'other', 'all'] as const;
	const rows = kinds.map((kind) => {
		const selected = kind === 'all' ? pages : pages.filter((page) => page.kind === kind);
		if (selected.length === 0) return [kind, '0', '-', '-', '-', '-'];
		return [
			kind,
			String(selected.length),
			`${(median(selected.map((page) => page.gzipBytes)) / 1024).toFixed(2)} kB`,
			`${(Math.max(...selected.map((page) => page.gzipBytes)) / 1024).toFixed(2)} kB`,
			`${(median(selected.map((page) => page.htmlBytes)) / 1024).toFixed(1)} kB`,
			String(Math.max(...selected.map((page) => page.scriptFiles.length))),
		];
	});
	console.log(table([['pages', 'count', 'median gzip', 'max gzip', 'median raw', 'max script files'], ...rows]));
	const heaviest = [...pages].sort((a, b) => b.gzipBytes - a.gzipBytes).slice(0, 3);
	console.log(`\nheaviest: ${heaviest.map((page) => `${page.file} (${(page.gzipBytes / 1024).toFixed(2)} kB)`).join(', ')}`);
	if (values.page) await printTransfer(path.resolve(values.dir), values.page);
}

const kB = (bytes: number) => `${(bytes / 1024).toFixed(1)} kB`;

async function printTransfer(dist: string, urlPath: string) {
	console.log(`\n${urlPath} in Chromium…`);
	const transfers = await measureTransfer(dist, urlPath, [360, 1280]);
	// Before optimization: the page with each of its images as the file is, all loaded at once.
	const entryId = urlPath.replace(/^\/|\/$/g, '');
	const scan = (await readBuildManifest(path.resolve(glossaConfig.cacheDir))).scan;
	const files = Object.values(scan.images[entryId] ?? {}).flatMap((image) => (image ? [image.file] : []));
	const originals = (await Promise.all([...new Set(files)].map(async (file) => (await stat(file)).size))).reduce((sum, size) => sum + size, 0);
	const rows = transfers.map((transfer) => {
		const text = (transfer.byKind['html'] ?? 0) + (transfer.byKind['css'] ?? 0) + (transfer.byKind['scripts'] ?? 0);
		return [
			`${transfer.viewport} px`,
			kB(transfer.firstViewBytes),
			kB(transfer.wholePageBytes),
			String(transfer.images.length),
			kB(text + originals),
			`${Math.round((1 - transfer.firstViewBytes / (text + originals)) * 100)}%`,
		];
	});
	console.log(table([['viewport', 'first view', 'whole page', 'images loaded', 'before (original images)', 'first view saved'], ...rows]));
}

if (import.meta.url === `file://${process.argv[1]}`) await main();

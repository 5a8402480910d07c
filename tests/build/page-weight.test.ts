import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { measurePages, median } from '../../scripts/page-weight.ts';
import { demoDist } from '../support/paths.ts';
import { loadPage } from '../support/site.ts';

describe('page weight of the built demo', () => {
	it('keeps the median page at or under 7 kB of gzipped HTML', async () => {
		const pages = await measurePages(demoDist);
		expect(pages.length).toBeGreaterThan(100);
		expect(median(pages.map((page) => page.gzipBytes))).toBeLessThanOrEqual(7 * 1024);
	});

	it('needs no JavaScript to read, switch language or see translation status', async () => {
		const pages = await measurePages(demoDist);
		const readable = pages.filter(
			(page) => page.kind === 'translated' || page.kind === 'fallback' || page.file === 'status/index.html' || page.file.endsWith('404/index.html'),
		);
		expect(readable.length).toBeGreaterThan(100);
		for (const page of readable) {
			expect(page.scriptFiles, page.file).toEqual([]);
			// Two small inline enhancements: remembering the picked language and registering the service
			// worker. Links, notices and the picker work without either.
			// Pages offering "keep this language offline" carry that enhancement's script too, and only they do.
			expect(page.inlineScriptBytes, page.file).toBeLessThan(page.offersKeepOffline ? 4096 : 1024);
		}
	});
});

describe('the language chooser at /', () => {
	it('loads no script file, and its table and script are at most 2 kB gzipped', () => {
		const $ = loadPage(demoDist, '/');
		const scripts = $('script').toArray();
		expect(scripts.filter((script) => $(script).attr('src'))).toEqual([]);
		expect($('script[type="application/json"][data-glossa-data="locale-table"]')).toHaveLength(1);
		const inline = scripts.map((script) => $.html(script)).join('');
		expect(gzipSync(inline).length).toBeLessThanOrEqual(2048);
		// Without script, the page is the list of languages.
		expect($('.root-languages a[hreflang]').length).toBeGreaterThan(5);
	});
});

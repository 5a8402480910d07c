/**
 * A pack's copy of a page is made by splicing the page as built, from one pass of htmlparser2's tokenizer
 * (src/offline/packer.ts). These pages have the shapes where a splice could go wrong: elements a browser
 * closes without an end tag, attributes written twice or with character references, markup inside attribute
 * values, comments and scripts. Each copy is read back with parse5, as a browser reads it (the pack scan and
 * cheerio's main entry), and must need no network and say what the page said.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as cheerio from 'cheerio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildPack, type Pack } from '../../src/offline/packer.ts';
import { scanPack } from '../../src/offline/pack-scan.ts';

const page = (body: string, head = '') =>
	`<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><meta http-equiv="content-security-policy" content="default-src 'self'; media-src 'self'">${head}<link rel="canonical" href="https://glossa.example.org/en/shapes/"><link rel="stylesheet" href="/_astro/site.css"></head><body>${body}</body></html>`;

const PAGES: Record<string, string> = {
	'en/index.html': page('<h1>Home</h1><a href="/en/shapes/">Shapes</a>'),
	'en/other-languages/index.html': page('<h1>Other languages</h1>'),
	'en/about/index.html': page('<h1>About</h1>'),
	'en/shapes/index.html': page(
		[
			// Left out with everything in it, however deep the same element nests.
			'<div data-pack-omit><div>online only <a href="/en/offline/">get the pack</a></div></div><p id="after-omit">after</p>',
			// A browser closes this paragraph at the <div>: only the paragraph goes.
			'<p data-pack-omit>closed by the next block<div id="implied-close">kept block</div>',
			// Character references in attributes, and markup inside an attribute value.
			'<a id="escaped" href="/en/about/?a=1&amp;b=2" title="Tom &amp; &quot;Jerry&quot; <a href=\'https://tracker.example/\'>">About</a>',
			// Written twice: a browser takes the first; the pack must not print the second.
			'<img id="twice" src="/images/dot.png" src="https://tracker.example/pixel.png" alt="dot">',
			// Upper case, as an old site's HTML may have it.
			'<A ID="upper" HREF="/en/about/">Upper</A>',
			// A link to a page the site lacks: its text stays, with its markup.
			'<p id="unserved">Read <a href="/en/missing/">the <b>missing</b> page</a> later.</p>',
			// Tags in a comment and in a script are not elements.
			'<!-- <a href="https://tracker.example/comment"> -->',
			'<script type="application/json" id="data">{"html":"<a href=\\"/en/about/\\">"}</script>',
			'<img id="set" src="/images/dot.png" srcset="/images/dot.png 360w, /images/dot-1440.png 1440w" alt="">',
		].join(''),
	),
};

let dist: string;
let pack: Pack;

beforeAll(async () => {
	dist = mkdtempSync(path.join(tmpdir(), 'glossa-pack-rewrite-'));
	for (const [file, html] of Object.entries(PAGES)) {
		mkdirSync(path.dirname(path.join(dist, file)), { recursive: true });
		writeFileSync(path.join(dist, file), html);
	}
	mkdirSync(path.join(dist, 'images'));
	mkdirSync(path.join(dist, '_astro'));
	writeFileSync(path.join(dist, 'images/dot.png'), 'png');
	writeFileSync(path.join(dist, 'images/dot-1440.png'), 'png');
	writeFileSync(path.join(dist, '_astro/site.css'), 'body { margin: 0 }');
	pack = await buildPack({
		dist,
		locale: { segment: 'en', tag: 'en', dir: 'ltr', endonym: 'English' },
		localeSegments: new Set(['en', 'fr']),
		siteUrl: 'https://glossa.example.org',
	});
});

afterAll(() => rmSync(dist, { recursive: true, force: true }));

const packed = (file: string) => cheerio.load(pack.files.get(file)!.toString('utf8'));

describe('a pack page spliced from the page as built', () => {
	it('needs no network, read as a browser reads it', () => {
		expect(scanPack(pack.files, 'glossa.example.org')).toEqual([]);
		expect(pack.files.get('en/shapes/index.html')!.toString()).not.toContain('tracker.example/pixel');
	});

	it('leaves out what is for the online site, with everything in it, and only that', () => {
		const $ = packed('en/shapes/index.html');
		expect($('[data-pack-omit]')).toHaveLength(0);
		expect($.text()).not.toContain('online only');
		expect($.text()).not.toContain('closed by the next block');
		expect($('#after-omit').text()).toBe('after');
		expect($('#implied-close').text()).toBe('kept block');
		expect($('link[rel="canonical"]')).toHaveLength(0);
		expect($('link[rel="stylesheet"]').attr('href')).toBe('../../_astro/site.css');
	});

	it('rewrites links and images relative to the page, keeping what their attributes say', () => {
		const $ = packed('en/shapes/index.html');
		expect($('#escaped').attr('href')).toBe('../about/index.html');
		expect($('#escaped').attr('title')).toBe(`Tom & "Jerry" <a href='https://tracker.example/'>`);
		expect($('#upper').attr('href')).toBe('../about/index.html');
		expect($('#twice').attr('src')).toBe('../../images/dot.png');
		expect($('#set').attr('srcset')).toBe('../../images/dot.png 360w');
		expect(pack.assets).toEqual(['_astro/site.css', 'images/dot.png']);
	});

	it('keeps the text of a link the pack cannot serve, without the link', () => {
		const $ = packed('en/shapes/index.html');
		expect($('#unserved').text()).toBe('Read the missing page later.');
		expect($('#unserved a')).toHaveLength(0);
		expect($('#unserved b').text()).toBe('missing');
		expect(pack.unserved).toEqual([{ page: 'en/shapes/index.html', href: '/en/missing/', replacement: undefined }]);
	});

	it('leaves comments, scripts and unchanged tags as they were built', () => {
		const html = pack.files.get('en/shapes/index.html')!.toString('utf8');
		expect(html).toContain('<!-- <a href="https://tracker.example/comment"> -->');
		expect(html).toContain('{"html":"<a href=\\"/en/about/\\">"}');
		expect(html).toContain(`<meta http-equiv="content-security-policy" content="default-src 'self'; media-src 'self'">`);
		expect(html).toContain('<p id="after-omit">after</p>');
	});
});

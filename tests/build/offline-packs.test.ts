import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { scanPack } from '../../scripts/offline/packer.ts';
import { demoDist, demoPacks } from '../support/paths.ts';
import { readPack } from '../support/packs.ts';
import { loadPage } from '../support/site.ts';

const SEGMENTS = ['en', 'es-419', 'pt-br', 'id', 'ru', 'zh-hans', 'zh-hant', 'pl', 'tr', 'ko', 'th', 'uz', 'ar'];

describe('offline packs', () => {
	it.each(SEGMENTS)('%s: nothing in the pack needs a server', async (segment) => {
		const files = await readPack(path.join(demoPacks, `${segment}.zip`));
		expect(scanPack(files, 'glossa.example.org')).toEqual([]);
		expect(files.has('index.html')).toBe(true);
		expect(files.has(`${segment}/index.html`)).toBe(true);
		expect([...files.keys()].some((file) => file.endsWith('.css'))).toBe(true);
		// Only this locale's pages (and the shared assets).
		for (const file of files.keys()) if (file.endsWith('.html') && file !== 'index.html') expect(file.startsWith(`${segment}/`), file).toBe(true);
	});

	it('holds the locale pages, fallback pages with their English content, and the images they show', async () => {
		const files = await readPack(path.join(demoPacks, 'ar.zip'));
		expect(files.get('ar/values/index.html')!.toString()).toContain('قيمنا');
		const fallback = files.get('ar/learn/loops/index.html')!.toString();
		expect(fallback).toContain('Loops: doing things again');
		expect(fallback).toContain('data-notice="fallback"');
		expect(files.has('images/offline-pack.svg')).toBe(true);
		expect(files.get('ar/other-languages/index.html')!.toString()).toContain('https://glossa.example.org/offline/es-419.zip');
	});

	it('finds what would need a network', () => {
		const files = new Map([
			[
				'a/index.html',
				Buffer.from(
					'<link rel="stylesheet" href="/_astro/x.css"><img src="https://glossa.example.org/i.png"><a href="https://example.net/">ok</a><a href="../missing/index.html">x</a><a href="//cdn.example/x.js">y</a>',
				),
			],
			['x.css', Buffer.from('body { background: url(/bg.png) }')],
		]);
		expect(
			scanPack(files, 'glossa.example.org')
				.map((problem) => `${problem.file} ${problem.reference} ${problem.reason}`)
				.sort(),
		).toEqual(
			[
				'a/index.html //cdn.example/x.js absolute URL',
				'a/index.html ../missing/index.html points to a file the pack does not have',
				'a/index.html /_astro/x.css root-relative path (needs a server)',
				'a/index.html https://glossa.example.org/i.png absolute URL',
				'x.css /bg.png root-relative path (needs a server)',
			].sort(),
		);
	});

	it('is offered on each locale offline-access page with its size, and served by the site', () => {
		for (const segment of ['ar', 'es-419', 'th']) {
			const $ = loadPage(demoDist, `/${segment}/offline-access/`);
			expect($('[data-pack-link]').attr('href')).toBe(`/offline/${segment}.zip`);
			expect(Number($('[data-pack-details]').attr('data-pack-bytes'))).toBeGreaterThan(10_000);
			expect(existsSync(path.join(demoDist, `offline/${segment}.zip`))).toBe(true);
		}
		expect(loadPage(demoDist, '/es-419/offline-access/')('[data-pack-details]').text()).toMatch(/^Archivo ZIP, [\d.,]+ kB\./);
	});
});

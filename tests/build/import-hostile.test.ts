/**
 * `npm run import` on an old site that is hostile or just odd: images that are symbolic links (to a file,
 * and through a linked folder), frontmatter whose YAML aliases stand for 9⁹ values, an image name with a
 * bare `%`, a non-ASCII image name, an SVG with script, and pages at the routes of the site's own pages.
 * Nothing from outside the folder is copied, one page never stops the import, every finding names its
 * file (and line), and the site built afterwards lists no content page at a reserved route.
 */
import { existsSync } from 'node:fs';
import { mkdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { astroBuild, type BuildResult } from '../support/astro-build.ts';
import { createFixtureProject } from '../support/fixture-project.ts';
import { tmpRoot } from '../support/paths.ts';
import { runScript } from '../support/run-script.ts';
import { walkInside } from '../../src/security/content-files.ts';

/** Nine levels of nine aliases: 9⁹ values when expanded, in a few hundred bytes. */
const aliasBomb = [
	'---',
	'title: Bomb',
	'a0: &a0 [x, x, x, x, x, x, x, x, x]',
	...Array.from({ length: 8 }, (_, level) => `a${level + 1}: &a${level + 1} [${Array(9).fill(`*a${level}`).join(', ')}]`),
	'---',
	'',
	'Text.',
	'',
].join('\n');

const OLD_PAGES: Record<string, string> = {
	'linked.md': '---\ntitle: Linked images\n---\n\n![A linked file](images/linked.png)\n\n![Through a linked folder](images/linked-folder/inside.png)\n',
	'bomb.md': aliasBomb,
	'percent.md': '---\ntitle: Percent\n---\n\nIntro.\n\n<img src="images/100%.svg" alt="Full">\n',
	'accents.md': '---\ntitle: Accents\n---\n\n![A café](images/café.png)\n\n<img src="images/café.png" alt="Again">\n',
	'drawing.md': '---\ntitle: Drawing\n---\n\n![A kite](images/kite.svg)\n',
	'404.md': '---\ntitle: Old not found\n---\n\nGone.\n',
	'search.html': '<html><head><title>Old search</title></head><body><main><p>Search.</p></main></body></html>',
	'offline/index.md': '---\ntitle: Old offline\n---\n\nOffline.\n',
	'other-languages.md': '---\ntitle: Old languages\n---\n\nLanguages.\n',
	'kept.md': '---\ntitle: Kept\n---\n\nThis page is imported.\n',
};

const OUTSIDE_MARKER = 'outside-the-folder-marker';

let root: string;
let folder: string;
let outside: string;
let dryRun: { code: number | null; output: string };
let run: { code: number | null; output: string };
let build: BuildResult;

beforeAll(async () => {
	root = await createFixtureProject('import-hostile', {});
	folder = path.join(tmpRoot, 'import-hostile-old-site');
	outside = path.join(tmpRoot, 'import-hostile-outside');
	for (const place of [folder, outside]) await rm(place, { recursive: true, force: true });
	for (const [file, text] of Object.entries(OLD_PAGES)) {
		await mkdir(path.dirname(path.join(folder, file)), { recursive: true });
		await writeFile(path.join(folder, file), text);
	}
	await mkdir(path.join(folder, 'images'), { recursive: true });
	await mkdir(outside, { recursive: true });
	// Outside files carry a marker after the PNG's end (readers ignore it), so any copy can be found by its bytes.
	const png = async (color: string, marker = '') =>
		Buffer.concat([
			await sharp({ create: { width: 40, height: 30, channels: 3, background: color } })
				.png()
				.toBuffer(),
			Buffer.from(marker),
		]);
	await writeFile(path.join(outside, 'secret.png'), await png('#111111', OUTSIDE_MARKER));
	await writeFile(path.join(outside, 'inside.png'), await png('#222222', OUTSIDE_MARKER));
	await symlink(path.join(outside, 'secret.png'), path.join(folder, 'images/linked.png'));
	await symlink(outside, path.join(folder, 'images/linked-folder'));
	await writeFile(path.join(folder, 'images/café.png'), await png('#c0ffee'));
	await writeFile(
		path.join(folder, 'images/kite.svg'),
		'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 8 8" onload="alert(1)"><script>alert(2)</script><circle r="4" cx="4" cy="4"/></svg>',
	);
	dryRun = await runScript(root, 'scripts/import/cli.ts', [folder, '--dry-run']);
	run = await runScript(root, 'scripts/import/cli.ts', [folder]);
	build = await astroBuild(root, path.join(root, 'dist'), { GLOSSA_OFFLINE: '0' });
}, 300_000);

/** The report's "Needs attention" lines (not the progress lines before them). */
const findings = () => run.output.slice(run.output.indexOf('Needs attention')).split('\n');
const findingsAbout = (file: string) => findings().filter((line) => line.includes(file));

describe('npm run import with hostile or odd pages', () => {
	it('finishes, with a dry run too, and imports the pages it can', () => {
		expect(dryRun.code, dryRun.output).toBe(0);
		expect(run.code, run.output).toBe(0);
		expect(existsSync(path.join(root, 'content/en/kept.md'))).toBe(true);
		expect(existsSync(path.join(root, 'content/en/percent.md'))).toBe(true);
	});

	it('copies nothing through a symbolic link, and says so for each', async () => {
		const images = await walkInside(path.join(root, 'content/images'));
		expect(images.files.filter((file) => /linked|secret|inside\.png/.test(file))).toEqual([]);
		for (const file of images.files) expect((await readFile(path.join(root, 'content/images', file))).includes(OUTSIDE_MARKER), file).toBe(false);
		expect(findingsAbout('images/linked.png').join('\n')).toMatch(/^\s*linked\.md:5: image images\/linked\.png goes through a symbolic link/m);
		expect(findingsAbout('linked-folder').join('\n')).toMatch(/^\s*linked\.md:7: image images\/linked-folder goes through a symbolic link/m);
		// The linked folder is also reported as a folder of the old site (it could hold pages).
		expect(findingsAbout('images/linked-folder: is a symbolic link')).toHaveLength(1);
		// No claim that a linked image was imported, or is merely missing.
		expect(findingsAbout('was not found')).toEqual([]);
		expect(run.output).not.toMatch(/content\/images\/linked/);
	});

	it('refuses frontmatter whose aliases stand for 9⁹ values, naming the file', () => {
		for (const output of [dryRun.output, run.output]) expect(output).toMatch(/bomb\.md:1: frontmatter holds more than 2000 values.*not imported/);
		expect(existsSync(path.join(root, 'content/en/bomb.md'))).toBe(false);
	});

	it('reports an image name with a bare % with file and line, and goes on', () => {
		expect(run.output).toMatch(/percent\.md:7: image images\/100%\.svg has a "%" that is not an escape/);
	});

	it('copies a non-ASCII image name, and the page points at the file it copied', async () => {
		expect(existsSync(path.join(root, 'content/images/café.png'))).toBe(true);
		const page = await readFile(path.join(root, 'content/en/accents.md'), 'utf8');
		expect(page).toContain('![A café](../images/café.png)');
		expect(page).toContain('<img src="../images/café.png" alt="Again">');
		expect(findingsAbout('café')).toEqual([]);
	});

	it('warns that an imported SVG with script will be sanitized', () => {
		expect(run.output).toMatch(/content\/images\/kite\.svg: SVG is active content; removed <script>/);
	});

	it('refuses pages at the routes of the site own pages, with a message', () => {
		for (const [file, slug] of [
			['404.md', '404'],
			['search.html', 'search'],
			['offline/index.md', 'offline'],
			['other-languages.md', 'other-languages'],
		] as const) {
			expect(run.output).toContain(`${file}: is at /${slug}/, a route of the site's own pages`);
			expect(existsSync(path.join(root, 'content/en', file.replace(/\.html$/, '.md')))).toBe(false);
		}
	});
});

describe('the site built after the import', () => {
	it('builds, shows the imported images, and lists no content page at a reserved route', async () => {
		expect(build.code, build.output).toBe(0);
		const accents = await readFile(path.join(root, 'dist/en/accents/index.html'), 'utf8');
		expect(accents).toMatch(/<img[^>]+src="\/_astro\/caf[^"]+"/);
		const sitemap = await readFile(path.join(root, 'dist/sitemap.xml'), 'utf8');
		expect(sitemap).not.toMatch(/\/en\/(?:404|search|offline|other-languages)\//);
	});

	it('refuses a content page at a reserved route in the build too, with a warning', async () => {
		await writeFile(path.join(root, 'content/en/search.md'), '---\ntitle: A search page of our own\n---\n\nText.\n');
		const again = await astroBuild(root, path.join(root, 'dist-reserved'), { GLOSSA_OFFLINE: '0' });
		expect(again.code, again.output).toBe(0);
		expect(again.output).toMatch(/content\/en\/search\.md: is at \/search\/, a route of the site's own pages/);
		const sitemap = await readFile(path.join(root, 'dist-reserved/sitemap.xml'), 'utf8');
		expect(sitemap).not.toContain('/en/search/');
		expect(await readFile(path.join(root, 'dist-reserved/en/search/index.html'), 'utf8')).not.toContain('A search page of our own');
	});
});

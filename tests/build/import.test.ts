/**
 * `npm run import` on a folder of old-style pages written for this test: a Markdown page with keys of its
 * old system, a nested div grid, an unclosed <img>, <br>, mojibake and a dead link; a page without a title;
 * an HTML page; images beside them; a page whose path is taken. The report names each thing with file and
 * line, the images land in content/images/, and the site builds with the imported pages.
 */
import { existsSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { astroBuild, type BuildResult } from '../support/astro-build.ts';
import { createFixtureProject } from '../support/fixture-project.ts';
import { tmpRoot } from '../support/paths.ts';
import { runScript } from '../support/run-script.ts';
import { loadPage } from '../support/site.ts';

const OLD_PAGES: Record<string, string> = {
	'field/notes.md': `---
title: Notes from the field
date: 2019-03-04
lastmod: 2021-06-01
nav: main
theme: dark
---

Weâ€™ve kept these notes since 2019.

<div class="row">
<div class="col">

Our first lab.<br>It had four computers.
<img src="../images/lab.png" alt="The first lab">

</div>
</div>

See the [old archive](/archive/2018.html) and the [setup guide](../guides/setup.md).
`,
	'guides/setup.md': `# Setting up a lab

![Wiring diagram](../images/diagram.png)

<img src="../images/missing.png" alt="Missing picture">
`,
	'about-us.html': `<!doctype html><html><head><title>About the old site</title><meta name="description" content="Who we were."></head>
<body><main><div class="row"><p>We started small.</p><img src="images/team.png" alt="The team"></div></main></body></html>`,
	'index.md': '---\ntitle: Old home\n---\n\nThe old home page.\n',
};

let root: string;
let folder: string;
let output: string;
let code: number | null;
let build: BuildResult;

beforeAll(async () => {
	root = await createFixtureProject('import', {});
	folder = path.join(tmpRoot, 'import-old-site');
	await rm(folder, { recursive: true, force: true });
	for (const [file, text] of Object.entries(OLD_PAGES)) {
		await mkdir(path.dirname(path.join(folder, file)), { recursive: true });
		await writeFile(path.join(folder, file), text);
	}
	await mkdir(path.join(folder, 'images'), { recursive: true });
	for (const [name, color] of [
		['lab', '#2a9d8f'],
		['diagram', '#e9c46a'],
		['team', '#e76f51'],
	] as const)
		await sharp({ create: { width: 900, height: 600, channels: 3, background: color } })
			.png()
			.toFile(path.join(folder, 'images', `${name}.png`));
	({ code, output } = await runScript(root, 'scripts/import/cli.ts', [folder]));
	build = await astroBuild(root, path.join(root, 'dist'));
}, 300_000);

describe('npm run import', () => {
	it('imports the pages at their paths, as Markdown, with mapped frontmatter', async () => {
		expect(code, output).toBe(0);
		const notes = await readFile(path.join(root, 'content/en/field/notes.md'), 'utf8');
		expect(notes).toMatch(/^---\ntitle: "Notes from the field"\npublished: 2019-03-04\nupdated: 2021-06-01\n---\n/);
		expect(notes).not.toMatch(/theme|nav:/);
		const about = await readFile(path.join(root, 'content/en/about-us.md'), 'utf8');
		expect(about).toMatch(/^---\ntitle: "About the old site"\ndescription: "Who we were."\n---\n/);
		expect(await readFile(path.join(root, 'content/en/guides/setup.md'), 'utf8')).toMatch(/^---\ntitle: "Setting up a lab"\n---/);
	});

	it('moves the images into content/images/ and rewrites the references', async () => {
		for (const name of ['lab', 'diagram', 'team']) expect(existsSync(path.join(root, `content/images/${name}.png`)), name).toBe(true);
		expect(await readFile(path.join(root, 'content/en/field/notes.md'), 'utf8')).toContain('<img src="../../images/lab.png" alt="The first lab">');
		expect(await readFile(path.join(root, 'content/en/guides/setup.md'), 'utf8')).toContain('![Wiring diagram](../../images/diagram.png)');
	});

	it('prints one report of what needs attention, each with file and line', () => {
		const report = output.slice(output.indexOf('Needs attention'));
		for (const line of [
			/content\/en\/field\/notes\.md:1: frontmatter `nav`, `theme` left out/,
			/content\/en\/field\/notes\.md:7:3: "â€™" looks like UTF-8 text that was read as Windows-1252/,
			/content\/en\/field\/notes\.md:9:1: <div> class "row" is not allowed in content/,
			/content\/en\/field\/notes\.md:18:\d+: link to \/archive\/2018\.html leads to no page/,
			/content\/en\/guides\/setup\.md:2: no title; "Setting up a lab" was taken from the first heading/,
			/content\/en\/guides\/setup\.md:\d+:1: image \.\.\/images\/missing\.png was not found in the folder/,
			/content\/en\/index\.mdx: already exists; index\.md is not imported over it/,
		])
			expect(report).toMatch(line);
		expect(report).not.toMatch(/link to \.\.\/guides\/setup\.md/);
	});

	it('leaves the site building, with the imported pages and their optimized images', () => {
		expect(build.code, build.output).toBe(0);
		const $ = loadPage(path.join(root, 'dist'), '/en/field/notes/');
		expect($('article h1').text()).toBe('Notes from the field');
		expect($('article picture source[type="image/webp"]')).toHaveLength(1);
		expect(loadPage(path.join(root, 'dist'), '/en/about-us/')('article div p').first().text()).toBe('We started small.');
		// The missing image is one error, naming the file and line, and the page builds without it.
		expect(build.output.split('\n').filter((line) => line.includes('missing.png'))).toHaveLength(1);
		expect(loadPage(path.join(root, 'dist'), '/en/guides/setup/')('article img[alt="Missing picture"]')).toHaveLength(0);
	});
});

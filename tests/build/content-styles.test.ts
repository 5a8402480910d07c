/**
 * Content stylesheets in a real build (issue 27): the values page keeps its old classes, styled by the
 * stylesheet written for them, bundled under /_astro/ like the site's own CSS (no inline style), and carried
 * by the offline pack. A stylesheet that styles the header, and one with @import, are refused with file and
 * line and left out; the rest builds. A translation may not add a class its English source lacks.
 */
import { execFileSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { astroBuild, type BuildResult } from '../support/astro-build.ts';
import { createFixtureProject } from '../support/fixture-project.ts';
import { readPack } from '../support/packs.ts';
import { builtPages, loadPage } from '../support/site.ts';
import { makeZims } from '../support/zims.ts';
import { valuesFixtureFiles } from '../support/values-fixture.ts';

let root: string;
let build: BuildResult;
const dist = () => path.join(root, 'dist');
const offline = () => path.join(root, 'dist-offline');

/** The stylesheets a built page links, with their text. */
async function linkedStyles(url: string): Promise<{ href: string; css: string }[]> {
	const $ = loadPage(dist(), url);
	const hrefs = $('link[rel="stylesheet"]')
		.map((_, element) => $(element).attr('href'))
		.get();
	return Promise.all(hrefs.map(async (href) => ({ href, css: await readFile(path.join(dist(), href), 'utf8') })));
}

beforeAll(async () => {
	root = await createFixtureProject('content-styles', {
		...valuesFixtureFiles,
		// A backdrop drawn by a content image, named relative to the stylesheet.
		'content/styles/paper.css': '.paper-backdrop {\n  background: #fff url(../images/values/classroom.svg) no-repeat;\n}\n',
		// A translation that gives a paragraph a class the English page does not use.
		'content/pt-BR/careers-values.md': valuesFixtureFiles['content/es-419/careers-values.md']!.replace(
			'<p>Una lección',
			'<p class="careers__values-icon">Una lección',
		),
	});
	build = await astroBuild(root, dist(), { GLOSSA_OFFLINE_DIR: offline() });
}, 600_000);

describe('content stylesheets in a build', () => {
	it('builds, refusing the stylesheet that styles the header and the one with @import, each with file and line', () => {
		expect(build.code, build.output).toBe(0);
		expect(build.output).toMatch(
			/\[ERROR\] \[glossa-content\] content\/styles\/header\.css:4:1: selector "\.site-header" uses the site's own class \.site-header: .*rename the class/,
		);
		expect(build.output).toMatch(/\[ERROR\] \[glossa-content\] content\/styles\/import\.css:1:1: @import is not allowed/);
		expect(build.output).toContain('content/styles/header.css is left out of the site');
		expect(build.output).not.toMatch(/values\.css/);
	});

	it('keeps the classes the accepted stylesheet defines, and still drops those of a refused one', () => {
		const $ = loadPage(dist(), '/en/careers-values/');
		expect($('.content-body .careers__values-group > .careers__values-tile')).toHaveLength(6);
		expect($('.content-body img.careers__values-icon')).toHaveLength(6);
		expect(build.output).not.toMatch(/content\/en\/careers-values\.md.*class "careers__values/);
	});

	it('links the scoped CSS as a file under /_astro/, with no inline style anywhere', async () => {
		const styles = await linkedStyles('/en/careers-values/');
		expect(styles.every((style) => style.href.startsWith('/_astro/') && style.href.endsWith('.css'))).toBe(true);
		const all = styles.map((style) => style.css).join('\n');
		expect(all).toContain('.content-body .careers__values-group');
		for (const refused of ['careers__banner', 'careers__imported', 'cdn.example', '@import']) expect(all).not.toContain(refused);
		for (const page of await builtPages(dist())) {
			const html = await readFile(path.join(dist(), page), 'utf8');
			expect(html, page).not.toContain('<style');
		}
		const policy = loadPage(dist(), '/en/careers-values/')('meta[http-equiv="content-security-policy"]').attr('content') ?? '';
		expect(policy).not.toContain('unsafe-inline');
	});

	it('serves a translation that keeps its source classes, and falls back where one adds a class', () => {
		const es = loadPage(dist(), '/es-419/careers-values/');
		expect(es('article').attr('lang')).not.toBe('en');
		expect(es('.careers__values-tile')).toHaveLength(6);
		expect(build.output).toMatch(/content\/pt-BR\/careers-values\.md: class "careers__values-icon" is on more elements than in the English source/);
		expect(loadPage(dist(), '/pt-br/careers-values/')('article').attr('lang')).toBe('en');
	});

	it('publishes a content image a stylesheet names with url(), and the pack carries it', async () => {
		const styles = await linkedStyles('/en/careers-values/');
		const css = styles.map((style) => style.css).join('\n');
		const url = /\.content-body \.paper-backdrop\{background:#fff url\((\/_astro\/classroom\.[\w-]+\.svg)\) no-repeat\}/.exec(css)?.[1];
		expect(url, css.slice(0, 400)).toBeDefined();
		const svg = await readFile(path.join(dist(), url!), 'utf8');
		expect(svg).toContain('<circle');
		const pack = await readPack(path.join(offline(), 'en.zip'));
		const packedCss = [...pack].filter(([name]) => name.endsWith('.css')).map(([name, data]) => ({ name, text: data.toString() }));
		const withBackdrop = packedCss.find((file) => file.text.includes('.paper-backdrop'))!;
		const relative = /\.paper-backdrop\{background:#fff url\(([^)]+)\)/.exec(withBackdrop.text)![1]!;
		expect(relative.startsWith('/')).toBe(false);
		expect(pack.has(path.posix.normalize(path.posix.join(path.posix.dirname(withBackdrop.name), relative)))).toBe(true);
	});

	it('puts the content stylesheet in the offline pack, linked from the page', async () => {
		const pack = await readPack(path.join(offline(), 'en.zip'));
		const page = pack.get('en/careers-values/index.html')!.toString();
		const css = [...pack].filter(([name]) => name.endsWith('.css')).map(([name, data]) => ({ name, text: data.toString() }));
		const scoped = css.find((file) => file.text.includes('.content-body .careers__values-group'));
		expect(scoped).toBeDefined();
		expect(page).toContain(path.posix.basename(scoped!.name));
		expect(page).not.toContain('<style');
	});

	it('puts the content stylesheet in the ZIM, linked from the page', async () => {
		const zims = await makeZims('content-styles-zim', ['en'], { dist: dist(), packs: offline() });
		expect(zims.code, zims.output).toBe(0);
		const zim = path.join(zims.out, 'kitebird_en_all.zim');
		const entries = execFileSync('zimdump', ['list', zim], { encoding: 'utf8' }).split('\n');
		const styles = entries.filter((entry) => entry.endsWith('.css'));
		const scoped = styles.find((entry) =>
			execFileSync('zimdump', ['show', `--url=${entry}`, zim], { encoding: 'utf8' }).includes('.content-body .careers__values-group'),
		);
		expect(scoped, styles.join(', ')).toBeDefined();
		const page = execFileSync('zimdump', ['show', '--url=en/careers-values/index.html', zim], { encoding: 'utf8' });
		expect(page).toContain(path.posix.basename(scoped!));
	}, 300_000);
});

/**
 * Markdown pages (`.md`) through the whole site: an English page brought from an old system (keys of that
 * system, no description, a `<div>` grid, an unclosed `<img>`, `<br>`, mojibake) builds with one warning per
 * thing to look at; its translation with the same markup is served; and hostile HTML in `.md` translations
 * (script, handlers, `javascript:` links, iframe, `style` with `url()`, `<base>`, `<meta http-equiv>`) falls
 * back to English with a warning naming the file. Real Chromium opens each page online, from its zip pack,
 * from its ZIM in kiwix-serve and from the classroom server: no dialog, no request leaving the site.
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { astroBuild, type BuildResult } from '../support/astro-build.ts';
import { launchChromium, serveSite, startClassroom, startKiwixServe, visitWatchingRequests, type RunningServer } from '../support/browser.ts';
import { createFixtureProject } from '../support/fixture-project.ts';
import { extractPack } from '../support/packs.ts';
import { loadPage } from '../support/site.ts';
import { makeZims, type ZimFixture } from '../support/zims.ts';

const EVIL = 'https://evil.example';

const FIELD_NOTES = `---
title: Field notes
nav: main
theme: dark
---

Weâ€™re back from three schools, and each one taught us something about how pupils learn to code when the internet is slow, expensive or missing altogether, and what teachers need from us next year.

<div class="grid">
<div class="cell">

### The first school

The lab had six computers.<br>Two worked.
<img src="/images/offline-pack.svg" alt="A pack on a table">

</div>
</div>

Read [our values](/en/values/).
`;

/** The same page in es-419, with the same markup: it is served. */
const FIELD_NOTES_ES = FIELD_NOTES.replace('title: Field notes', 'title: Notas de campo')
	.replace('Weâ€™re back from three schools', 'Volvimos de tres escuelas')
	.replace('The lab had six computers.', 'El laboratorio tenía seis computadoras.')
	.replace('Two worked.', 'Dos funcionaban.');

interface HostileCase {
	file: string;
	/** What replaces the Spanish sentence "Dos funcionaban." in the translation. */
	html: string;
	url: string;
	warning: RegExp;
}

const hostileCases: HostileCase[] = [
	{ file: 'ar/field-notes.md', html: 'Dos.<script>alert(1)</script>', url: '/ar/field-notes/', warning: /<script> is not allowed in content/ },
	{
		file: 'pt-BR/field-notes.md',
		html: 'Dos.<img src="/favicon.svg" alt="" onerror="alert(1)">',
		url: '/pt-br/field-notes/',
		warning: /<img> attribute onerror="alert\(1\)" is not allowed in content/,
	},
	{
		file: 'ru/field-notes.md',
		html: '<a href="javascript:alert(1)">Dos</a>',
		url: '/ru/field-notes/',
		warning: /<a> attribute href="javascript:alert\(1\)" is not allowed in content/,
	},
	{
		file: 'zh-Hans/field-notes.md',
		html: `Dos.<iframe src="${EVIL}/frame"></iframe>`,
		url: '/zh-hans/field-notes/',
		warning: /<iframe> is not allowed in content/,
	},
	{
		file: 'ko/field-notes.md',
		html: `<span style="background:url(${EVIL}/bg.png)">Dos</span>`,
		url: '/ko/field-notes/',
		warning: /<span> attribute style="background:url\(https:\/\/evil\.example/,
	},
	{ file: 'tr/field-notes.md', html: `Dos.<base href="${EVIL}/">`, url: '/tr/field-notes/', warning: /<base> is not allowed in content/ },
	{
		file: 'id/field-notes.md',
		html: `Dos.<meta http-equiv="refresh" content="0;url=${EVIL}/">`,
		url: '/id/field-notes/',
		warning: /<meta> is not allowed in content/,
	},
	{ file: 'pl/field-notes.md', html: '<b>Dos</b> funcionaban.', url: '/pl/field-notes/', warning: /its HTML differs from the English source's: <b> where/ },
];

let root: string;
let dist: string;
let packs: string;
let build: BuildResult;

beforeAll(async () => {
	const files: Record<string, string> = {
		'content/en/field-notes.md': FIELD_NOTES,
		'content/es-419/field-notes.md': FIELD_NOTES_ES,
		// Two files for one page: neither is chosen silently.
		'content/uz/field-notes.md': FIELD_NOTES_ES,
		'content/uz/field-notes.mdx': '---\ntitle: Dala yozuvlari\n---\n\nMatn.\n',
	};
	for (const entry of hostileCases) files[`content/${entry.file}`] = FIELD_NOTES_ES.replace('Dos funcionaban.', entry.html);
	root = await createFixtureProject('markdown-pages', files);
	dist = path.join(root, 'dist');
	packs = path.join(root, 'dist-offline');
	build = await astroBuild(root, dist, { GLOSSA_OFFLINE_DIR: packs });
}, 300_000);

const page = (urlPath: string) => loadPage(dist, urlPath);
const linesAbout = (file: string) => build.output.split('\n').filter((line) => line.includes(file));

describe('a Markdown page brought from another site', () => {
	it('builds, HTML parsed as HTML: the grid, the unclosed image and the line break', () => {
		expect(build.code, build.output).toBe(0);
		const $ = page('/en/field-notes/');
		expect($('article h1').text()).toBe('Field notes');
		expect($('article div > div > h3#the-first-school').text()).toBe('The first school');
		expect($('article p br')).toHaveLength(1);
		expect($('article img[alt="A pack on a table"]').attr('src')).toBe('/images/offline-pack.svg');
	});

	it('warns once, with file and line, about each class dropped, each unknown key and the mojibake', () => {
		const warnings = linesAbout('content/en/field-notes.md');
		const once = (pattern: RegExp) =>
			expect(
				warnings.filter((line) => pattern.test(line)),
				pattern.source,
			).toHaveLength(1);
		once(/content\/en\/field-notes\.md:9:1: <div> class "grid" is not allowed in content; it is left out of the page/);
		once(/content\/en\/field-notes\.md:10:1: <div> class "cell" is not allowed in content/);
		once(/content\/en\/field-notes\.md:3: unknown frontmatter key `nav`: ignored; declare it in src\/content-model\/frontmatter\.ts to use it/);
		once(/content\/en\/field-notes\.md:4: unknown frontmatter key `theme`: ignored/);
		once(/content\/en\/field-notes\.md:7:3: "â€™" looks like UTF-8 text that was read as Windows-1252 \(mojibake\); it was most likely "’"/);
		// A key Crowdin copies into every translation is reported for the English file only.
		expect(build.output).not.toMatch(/content\/es-419\/field-notes\.md:\d+: unknown frontmatter key/);
	});

	it('takes its description from the first paragraph', () => {
		const description = page('/en/field-notes/')('meta[name=description]').attr('content')!;
		expect(description.startsWith('Weâ€™re back from three schools, and each one taught us')).toBe(true);
		expect([...description].length).toBeLessThanOrEqual(160);
		expect(description.endsWith('…')).toBe(true);
	});

	it('serves its translation with the same markup, and the fallback elsewhere', () => {
		const es = page('/es-419/field-notes/');
		expect(es('article h1').text()).toBe('Notas de campo');
		expect(es('[data-notice=fallback]')).toHaveLength(0);
		expect(es('meta[name=description]').attr('content')).toMatch(/^Volvimos de tres escuelas/);
		const th = page('/th/field-notes/');
		expect(th('article').attr('lang')).toBe('en');
		expect(th('[data-notice=fallback]')).toHaveLength(1);
	});

	it('refuses a .md and a .mdx of the same page, naming both', () => {
		expect(build.output).toContain('content/uz/field-notes.md and content/uz/field-notes.mdx are the same page; keep one of them');
		expect(page('/uz/field-notes/')('article').attr('lang')).toBe('en');
	});
});

describe('hostile HTML in Markdown translations', () => {
	it.each(hostileCases.map((entry) => [entry.file, entry] as const))('%s: warns naming the file, and serves the English page', (_, entry) => {
		const file = `content/${entry.file}`.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
		expect(build.output).toMatch(new RegExp(`${file}:\\d+(?::\\d+)?: ${entry.warning.source}`));
		const $ = page(entry.url);
		expect($('article').attr('lang')).toBe('en');
		expect($('article h1').text()).toBe('Field notes');
		expect($('[data-notice=fallback]')).toHaveLength(1);
		expect($('article script, article iframe, article base, article meta, [onerror], [style]')).toHaveLength(0);
	});
});

const ZIM_LOCALES = ['ar', 'ru', 'id'];

describe('hostile Markdown translations in Chromium', () => {
	let browser: Browser;
	let server: RunningServer;
	let zims: ZimFixture;
	let kiwix: RunningServer;
	let classroom: RunningServer;
	const urls = ['/en/field-notes/', '/es-419/field-notes/', ...hostileCases.map((entry) => entry.url)];
	const noLeaks = { dialogs: [], leaving: [], visible: true };

	beforeAll(async () => {
		browser = await launchChromium();
		server = await serveSite(dist);
		zims = await makeZims('markdown-pages-zims', ZIM_LOCALES, { dist, packs });
		expect(zims.code, zims.output).toBe(0);
		kiwix = await startKiwixServe(ZIM_LOCALES.map((tag) => path.join(zims.out, `kitebird_${tag}_all.zim`)));
		classroom = await startClassroom(packs);
	}, 180_000);
	afterAll(async () => {
		await browser?.close();
		await server?.stop();
		await kiwix?.stop();
		await classroom?.stop();
	});

	it('online: no dialog, no request to another origin, and the page is shown', async () => {
		for (const urlPath of urls) {
			const result = await visitWatchingRequests(
				browser,
				`${server.url}${urlPath}`,
				(request) => request.startsWith(server.url) || request.startsWith('data:'),
			);
			expect(result, urlPath).toEqual(noLeaks);
		}
	});

	it('from the zip packs: no dialog, no request that leaves the pack', async () => {
		for (const urlPath of urls) {
			const segment = urlPath.split('/')[1]!;
			const folder = path.join(root, 'packs-opened', segment);
			await extractPack(path.join(packs, `${segment}.zip`), folder);
			const file = path.join(folder, segment, 'field-notes', 'index.html');
			const result = await visitWatchingRequests(browser, pathToFileURL(file).href, (request) => request.startsWith('file:') || request.startsWith('data:'));
			expect(result, urlPath).toEqual(noLeaks);
		}
	});

	it('from the ZIMs in kiwix-serve: no dialog, no request that leaves it', async () => {
		for (const tag of ZIM_LOCALES) {
			const segment = tag.toLowerCase();
			const result = await visitWatchingRequests(browser, `${kiwix.url}/kitebird_${tag}_all/${segment}/field-notes/index.html`, (request) =>
				request.startsWith(`${kiwix.url}/`),
			);
			expect(result, tag).toEqual(noLeaks);
		}
	});

	it('from the classroom server: no dialog, no request that leaves it', async () => {
		for (const urlPath of urls) {
			const result = await visitWatchingRequests(browser, `${classroom.url}${urlPath}index.html`, (request) => request.startsWith(`${classroom.url}/`));
			expect(result, urlPath).toEqual(noLeaks);
		}
	});
});

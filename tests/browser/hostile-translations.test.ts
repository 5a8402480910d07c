/**
 * Translations are hostile input. One fixture holds every way a volunteer's file could try to run script,
 * load from another site, hide the page, escape the tree or stop the build. For each: the build passes, a
 * warning names the file, the reader gets English (or the source string), and real Chromium opening the
 * built page, online and from the offline pack, sees no dialog and no request to another origin.
 */
import { execFileSync } from 'node:child_process';
import { mkdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { astroBuild, type BuildResult } from '../support/astro-build.ts';
import { launchChromium, serveSite, visitWatchingRequests, type RunningServer } from '../support/browser.ts';
import { createFixtureProject } from '../support/fixture-project.ts';
import { extractPack, readPack } from '../support/packs.ts';
import { tmpRoot } from '../support/paths.ts';
import { builtPages, loadPage } from '../support/site.ts';

const frontmatter = (title: string, extra = '') => `---\ntitle: ${title}\ndescription: Una página.\n${extra}---\n\n`;
const EVIL = 'https://evil.example';

interface ContentCase {
	/** The translation's path under content/. */
	file: string;
	body: string;
	/** The English page the reader gets instead. */
	url: string;
	englishTitle: string;
	/** What the warning says, after the file name. */
	warning: RegExp;
}

/** One translation per (locale, page): each must fall back to English with a warning naming it. */
const contentCases: ContentCase[] = [
	// Raw-text and script elements: a closing tag inside an attribute would end them in the browser.
	{
		file: 'ar/about.mdx',
		body: '<noscript><b title="</noscript><img src=/x.png onerror=alert(1)>">z</b></noscript>',
		url: '/ar/about/',
		englishTitle: 'About Kitebird',
		warning: /<noscript> is not allowed/,
	},
	{
		file: 'ar/help-translate.mdx',
		body: '<textarea><b title="</textarea><img src=/x.png onerror=alert(1)>">z</b></textarea>',
		url: '/ar/help-translate/',
		englishTitle: 'Help translate',
		warning: /<textarea> is not allowed/,
	},
	{
		file: 'ar/index.mdx',
		body: '<title><b title="</title><img src=/x.png onerror=alert(1)>">z</b></title>',
		url: '/ar/',
		englishTitle: 'Computer science for every classroom',
		warning: /<title> is not allowed/,
	},
	{
		file: 'ar/offline-access.mdx',
		body: '<noembed><b title="</noembed><img src=/x.png onerror=alert(1)>">z</b></noembed>',
		url: '/ar/offline-access/',
		englishTitle: 'Offline access',
		warning: /<noembed> is not allowed/,
	},
	{
		file: 'ar/learn/index.mdx',
		body: '<noframes><b title="</noframes><img src=/x.png onerror=alert(1)>">z</b></noframes>',
		url: '/ar/learn/',
		englishTitle: 'Learn',
		warning: /<noframes> is not allowed/,
	},
	{
		file: 'ar/stories/riverside-school.mdx',
		body: '<plaintext>the rest of the page</plaintext>',
		url: '/ar/stories/riverside-school/',
		englishTitle: 'Partner story: a school by the river',
		warning: /<plaintext> is not allowed/,
	},
	{
		file: 'es-419/about.mdx',
		body: `<style>@import url(${EVIL}/x.css);</style>`,
		url: '/es-419/about/',
		englishTitle: 'About Kitebird',
		warning: /<style> is not allowed/,
	},
	{
		file: 'es-419/help-translate.mdx',
		body: '<script>alert(1)</script>',
		url: '/es-419/help-translate/',
		englishTitle: 'Help translate',
		warning: /<script> is not allowed/,
	},
	{
		file: 'es-419/index.mdx',
		body: `<iframe src="${EVIL}/frame" />`,
		url: '/es-419/',
		englishTitle: 'Computer science for every classroom',
		warning: /<iframe> is not allowed/,
	},
	{
		file: 'es-419/learn/index.mdx',
		body: '<template><img src="/x.png" onError="alert(1)" /></template>',
		url: '/es-419/learn/',
		englishTitle: 'Learn',
		warning: /<template> is not allowed/,
	},
	{
		file: 'es-419/learn/loops.mdx',
		body: '<body style="display:none">hidden</body>',
		url: '/es-419/learn/loops/',
		englishTitle: 'Loops: doing things again',
		warning: /<body> is not allowed/,
	},
	{
		file: 'es-419/stories/riverside-school.mdx',
		body: '<svg onload="alert(1)"><circle r="4" /></svg>',
		url: '/es-419/stories/riverside-school/',
		englishTitle: 'Partner story: a school by the river',
		warning: /<svg> is not allowed/,
	},
	{
		file: 'es-419/offline-access.mdx',
		body: `<math><a href="${EVIL}">m</a></math>`,
		url: '/es-419/offline-access/',
		englishTitle: 'Offline access',
		warning: /<math> is not allowed/,
	},
	// URL attributes: schemes other than http(s), mailto, relative and fragment; attributes that load or send.
	{
		file: 'pt-BR/index.mdx',
		body: '[clique](jav&#x61;script:alert(1))',
		url: '/pt-br/',
		englishTitle: 'Computer science for every classroom',
		warning: /<a> attribute href="javascript:alert\(1\)" is not allowed/,
	},
	{
		file: 'pt-BR/values.mdx',
		body: '<a href="java\tscript:alert(1)">x</a>',
		url: '/pt-br/values/',
		englishTitle: 'Our values',
		warning: /<a> attribute href="java\tscript:alert\(1\)" is not allowed/,
	},
	{
		file: 'pt-BR/learn/index.mdx',
		body: '<img src="data:image/svg+xml,<svg onload=alert(1)>" alt="" />',
		url: '/pt-br/learn/',
		englishTitle: 'Learn',
		warning: /<img> attribute src="data:image\/svg\+xml/,
	},
	{
		file: 'pt-BR/about.mdx',
		body: `<p style="background:url(${EVIL}/bg.png)">x</p>`,
		url: '/pt-br/about/',
		englishTitle: 'About Kitebird',
		warning: /<p> attribute style=/,
	},
	{
		file: 'pt-BR/help-translate.mdx',
		body: `<table background="${EVIL}/t.png"><tbody><tr><td>x</td></tr></tbody></table>`,
		url: '/pt-br/help-translate/',
		englishTitle: 'Help translate',
		warning: /<table> attribute background=/,
	},
	{
		file: 'pt-BR/offline-access.mdx',
		body: `<a href="#top" ping="${EVIL}/ping">x</a>`,
		url: '/pt-br/offline-access/',
		englishTitle: 'Offline access',
		warning: /<a> attribute ping=/,
	},
	{
		file: 'pt-BR/learn/loops.mdx',
		body: `<img src="/images/offline-pack.svg" srcSet="${EVIL}/a.png 2x" alt="" />`,
		url: '/pt-br/learn/loops/',
		englishTitle: 'Loops: doing things again',
		warning: /<img> attribute srcset=/,
	},
	{
		file: 'pt-BR/stories/riverside-school.mdx',
		body: `<video poster="${EVIL}/p.png" />`,
		url: '/pt-br/stories/riverside-school/',
		englishTitle: 'Partner story: a school by the river',
		warning: /<video> is not allowed/,
	},
	{
		file: 'ru/index.mdx',
		body: `<form action="${EVIL}/"><button formAction="${EVIL}/">go</button></form>`,
		url: '/ru/',
		englishTitle: 'Computer science for every classroom',
		warning: /<form> is not allowed/,
	},
	{
		file: 'ru/values.mdx',
		body: '<img src="/favicon.svg" alt="" onError="alert(1)" />',
		url: '/ru/values/',
		englishTitle: 'Our values',
		warning: /<img> attribute onerror="alert\(1\)" is not allowed/,
	},
	{
		file: 'ru/about.mdx',
		body: '<a href="JAVASCRIPT:alert(1)">x</a>',
		url: '/ru/about/',
		englishTitle: 'About Kitebird',
		warning: /<a> attribute href="JAVASCRIPT:alert\(1\)" is not allowed/,
	},
	{
		file: 'ru/help-translate.mdx',
		body: `<meta httpEquiv="refresh" content="0;url=${EVIL}/" />`,
		url: '/ru/help-translate/',
		englishTitle: 'Help translate',
		warning: /<meta> is not allowed/,
	},
	{
		file: 'ru/offline-access.mdx',
		body: `<link rel="stylesheet" href="${EVIL}/x.css" />`,
		url: '/ru/offline-access/',
		englishTitle: 'Offline access',
		warning: /<link> is not allowed/,
	},
	{
		file: 'ru/learn/index.mdx',
		body: `<object data="${EVIL}/x.swf" /><embed src="${EVIL}/y.swf" />`,
		url: '/ru/learn/',
		englishTitle: 'Learn',
		warning: /<object> is not allowed/,
	},
	{
		file: 'ru/stories/riverside-school.mdx',
		body: `<base href="${EVIL}/" />`,
		url: '/ru/stories/riverside-school/',
		englishTitle: 'Partner story: a school by the river',
		warning: /<base> is not allowed/,
	},
	// Titles that reorder text, and input nested deeper than any page (it used to exhaust the stack).
	{
		file: 'zh-Hans/about.mdx',
		body: '',
		url: '/zh-hans/about/',
		englishTitle: 'About Kitebird',
		warning: /frontmatter `title` must not contain bidi control characters/,
	},
	{
		file: 'zh-Hans/help-translate.mdx',
		body: `${'>'.repeat(300)} deep`,
		url: '/zh-hans/help-translate/',
		englishTitle: 'Help translate',
		warning: /quotes or lists are nested more than 64 levels deep here/,
	},
	// Paths: a translation only at its English source's exact path.
	{
		file: 'ko/about/index.mdx',
		body: 'Alias.',
		url: '/ko/about/',
		englishTitle: 'About Kitebird',
		warning: /is not at the path of its English source; translate content\/en\/about\.mdx as content\/ko\/about\.mdx/,
	},
	// Found by red-teaming: input whose parse cost or output grows faster than its size, and site classes.
	{
		file: 'ko/values.mdx',
		body: `|${'a|'.repeat(3000)}\n|${'-|'.repeat(3000)}\n${'x\n'.repeat(3000)}`,
		url: '/ko/values/',
		englishTitle: 'Our values',
		warning: /a table of 3000 columns and \d+ rows has more than 20000 cells/,
	},
	{
		file: 'id/about.mdx',
		body: `${'<b>'.repeat(32_000)}x${'</b>'.repeat(32_000)}`,
		url: '/id/about/',
		englishTitle: 'About Kitebird',
		warning: /tags are nested more than 64 levels deep here/,
	},
	{
		file: 'ru/learn/loops.mdx',
		body: `{${'['.repeat(10_000)}${']'.repeat(10_000)}}`,
		url: '/ru/learn/loops/',
		englishTitle: 'Loops: doing things again',
		warning: /brackets are nested more than 64 levels deep here/,
	},
	{
		file: 'uz/values.mdx',
		body: 'Matn.',
		url: '/uz/values/',
		englishTitle: 'Our values',
		warning: /frontmatter `title` must be at most 200 characters/,
	},
	{
		file: 'zh-Hant/values.mdx',
		body: '<div class="skip-link">\n\n# This site has moved\n\nCall us and give your school password.\n\n</div>',
		url: '/zh-hant/values/',
		englishTitle: 'Our values',
		warning: /<div> class "skip-link" is not allowed in content/,
	},
];

const TITLES: Record<string, string> = { 'zh-Hans/about.mdx': 'Über\u202euns', 'uz/values.mdx': 'Sarlavha '.repeat(40) };

/** Every UI string of a file set to `value`: English keys, same nesting. */
function everyString(strings: unknown, value: string): unknown {
	if (typeof strings === 'string') return value;
	return Object.fromEntries(Object.entries(strings as Record<string, unknown>).map(([key, child]) => [key, everyString(child, value)]));
}

let root: string;
let dist: string;
let packs: string;
let build: BuildResult;
let pack: { code: number | null; output: string };
let english: Record<string, unknown>;

beforeAll(async () => {
	const outside = path.join(tmpRoot, 'hostile-outside');
	await rm(outside, { recursive: true, force: true });
	await mkdir(outside, { recursive: true });
	await writeFile(path.join(outside, 'secret.mdx'), `${frontmatter('Secret from outside')}Not part of the site.\n`);

	const files: Record<string, string> = {};
	for (const entry of contentCases) files[`content/${entry.file}`] = `${frontmatter(TITLES[entry.file] ?? 'Traducción')}${entry.body}\n`;
	// A second file for a page that has a real translation, and a regional page no one allowed, with a menu entry.
	files['content/zh-Hans/values/index.mdx'] = `${frontmatter('影子')}Shadow.\n`;
	files['content/pl/promo.mdx'] = `${frontmatter('Promocja', 'navOrder: 0\n')}Kup teraz.\n`;
	root = await createFixtureProject('hostile-translations', files);
	dist = path.join(root, 'dist');
	packs = path.join(root, 'dist-offline');

	// English that needs sanitizing builds, without what the allowlist lacks.
	const enLoops = path.join(root, 'content/en/learn/loops.mdx');
	await writeFile(enLoops, `${await readFile(enLoops, 'utf8')}\n<div onClick="alert(1)" style="color: red">Kept text.</div>\n`);
	// The exact payload from the security review, appended to a real translation.
	const arValues = path.join(root, 'content/ar/values.mdx');
	await writeFile(arValues, `${await readFile(arValues, 'utf8')}\n<xmp><b title="</xmp><img src=/x.png onerror=alert(1) hidden>">z</b></xmp>\n`);
	// An English edit, so that es-419/values gets outdated-section markers, and a translation whose attribute
	// holds a heading and an image: markers must never be put inside it.
	const enValues = path.join(root, 'content/en/values.mdx');
	await writeFile(
		enValues,
		(await readFile(enValues, 'utf8')).replace('Schools should never\nhave to choose', 'Schools, families and pupils should never\nhave to choose'),
	);
	const esValues = path.join(root, 'content/es-419/values.mdx');
	await writeFile(
		esValues,
		(await readFile(esValues, 'utf8')).replace(
			'## Gratis significa gratis\n',
			'## Gratis significa gratis\n\n<span title="<h2></h2><img src=/x.png onerror=alert(1) hidden>">Nota.</span>\n',
		),
	);
	// Keys only English may set, and a comment for translators (which is fine).
	const trIndex = path.join(root, 'content/tr/index.mdx');
	await writeFile(trIndex, (await readFile(trIndex, 'utf8')).replace(/^---\n/, '---\nofflinePack: true\n').replace('navOrder: 0\n', 'navOrder: 9\n'));
	const zhHant = path.join(root, 'content/zh-Hant/index.mdx');
	await writeFile(zhHant, `${await readFile(zhHant, 'utf8')}\n{/* 給譯者的說明 */}\n`);
	// A translation over the 1 MB limit.
	await writeFile(path.join(root, 'content/th/values.mdx'), `${frontmatter('ใหญ่')}${'ข้อความ '.repeat(60_000)}\n`);
	// Symbolic links: to a file outside the repository, a folder loop, and the filesystem root.
	await symlink(path.join(outside, 'secret.mdx'), path.join(root, 'content/es-419/secret.mdx'));
	await symlink('..', path.join(root, 'content/pl/loop'));
	await mkdir(path.join(root, 'content/uz'), { recursive: true });
	await symlink('/', path.join(root, 'content/uz/root'));
	await symlink(path.join(root, 'locales/en'), path.join(root, 'locales/xx-link'));

	// UI strings.
	english = JSON.parse(await readFile(path.join(root, 'locales/en/common.json'), 'utf8')) as Record<string, unknown>;
	const editStrings = async (tag: string, edit: (strings: Record<string, Record<string, unknown>>) => void) => {
		const file = path.join(root, `locales/${tag}/common.json`);
		const strings = JSON.parse(await readFile(file, 'utf8')) as Record<string, Record<string, unknown>>;
		edit(strings);
		await writeFile(file, `${JSON.stringify(strings, null, 2)}\n`);
	};
	await editStrings('tr', (strings) => (strings['search']!['searching'] = 'x</script><script>alert(1)</script>'));
	await editStrings('pl', (strings) => {
		strings['nav']!['label'] = '$t(nav.skipToContent)';
		strings['nav']!['skipToContent'] = '$t(picker.label)';
		strings['picker']!['label'] = '$t(nav.label)';
	});
	await editStrings('ko', (strings) => {
		const chain = ['site.tagline', 'nav.label', 'nav.skipToContent', 'picker.label', 'picker.fallback', 'picker.missing', 'picker.remember', 'picker.outdated'];
		chain.forEach((key, index) => {
			const [group, name] = key.split('.') as [string, string];
			strings[group]![name] = index + 1 < chain.length ? `$t(${chain[index + 1]}) `.repeat(10) : 'x'.repeat(1000);
		});
	});
	await editStrings('id', (strings) => {
		strings['site']!['tagline'] = 12345;
		strings['nav']!['label'] = true;
	});
	// YAML aliases that stand for a billion values, in dates a schema would have joined into one string.
	const laughs = [
		'&a [x, x, x, x, x, x, x, x, x, x]',
		...'bcdefghi'.split('').map((name, index) => `&${name} [${Array(10).fill(`*${'abcdefgh'[index]}`).join(', ')}]`),
	];
	await writeFile(path.join(root, 'content/pl/about.mdx'), `---\ntitle: O nas\ndescription: Opis.\nupdated: [${laughs.join(', ')}]\n---\n\nTekst.\n`);
	// A regional page with paths that leave the output folder, and a malformed escape, for the offline packer.
	const becas = path.join(root, 'content/es-419/becas-docentes.mdx');
	await writeFile(
		becas,
		`${await readFile(becas, 'utf8')}\n[config](/../astro.config.mjs) [estado](/../translation-state.json) [roto](/es-419/%FF/)\n\n<Figure src="/../package.json" alt="x" />\n`,
	);
	// UI strings nested deeper than any file needs, and a locale file that is a link to a FIFO (reading it would hang).
	const deep = `{"nav":${'{"a":'.repeat(20_000)}"x"${'}'.repeat(20_001)}`;
	await writeFile(path.join(root, 'locales/th/common.json'), deep);
	await mkdir(path.join(root, 'locales/uz'), { recursive: true });
	await rm(path.join(root, 'locales/uz/common.json'), { force: true });
	execFileSync('mkfifo', [path.join(outside, 'strings.fifo')]);
	await symlink(path.join(outside, 'strings.fifo'), path.join(root, 'locales/uz/common.json'));
	// A description that holds `</head>`: Astro keeps `<` in the attribute, and the served policy header must survive it.
	const zhIndex = path.join(root, 'content/zh-Hans/index.mdx');
	await writeFile(zhIndex, (await readFile(zhIndex, 'utf8')).replace(/^description: (.*)$/m, 'description: "$1 </head><meta http-equiv=x>"'));
	await writeFile(
		path.join(root, 'locales/zh-Hant/common.json'),
		`${JSON.stringify(everyString(english, '</script><!--<script>alert(1)</script>'), null, 2)}\n`,
	);

	// A plain `astro build`: its offline integration writes the packs.
	build = await astroBuild(root, dist, { GLOSSA_OFFLINE_DIR: packs });
	pack = build;
}, 300_000);

const page = (urlPath: string) => loadPage(dist, urlPath);

describe('a build with hostile translations', () => {
	it('passes, and writes every offline pack', () => {
		expect(build.code, build.output).toBe(0);
		expect(pack.code, pack.output).toBe(0);
		for (const segment of ['ar', 'es-419', 'pt-br', 'ru', 'tr', 'zh-hans', 'zh-hant', 'pl', 'ko', 'id', 'th', 'uz'])
			expect(pack.output).toContain(`${segment}.zip`);
	});

	it.each(contentCases.map((entry) => [entry.file, entry] as const))('%s: warns naming the file, and serves the English page', (_, entry) => {
		const file = `content/${entry.file}`.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
		expect(build.output).toMatch(new RegExp(`${file}(?::\\d+(?::\\d+)?)?: ${entry.warning.source}`));
		const $ = page(entry.url);
		expect($('article').attr('lang')).toBe('en');
		expect($('article h1').text()).toBe(entry.englishTitle);
		expect($('[data-notice=fallback]')).toHaveLength(1);
	});

	it('builds English that needs sanitizing, with one warning per dropped attribute, once', () => {
		const warnings = build.output.split('\n').filter((line) => line.includes('content/en/learn/loops.mdx'));
		expect(warnings).toHaveLength(2);
		expect(warnings[0]).toMatch(
			/content\/en\/learn\/loops\.mdx:\d+:1: <div> attribute onclick="alert\(1\)" is not allowed in content; it is left out of the page/,
		);
		expect(warnings[1]).toMatch(/<div> attribute style="color: red" is not allowed in content/);
		for (const urlPath of ['/en/learn/loops/', '/th/learn/loops/']) {
			const $ = page(urlPath);
			const div = $('article div').filter((_, element) => $(element).text() === 'Kept text.');
			expect(div.text()).toBe('Kept text.');
			expect(div.attr('onclick') ?? div.attr('style')).toBeUndefined();
		}
	});

	it('drops the raw-text element from the reviewed Arabic page and serves English with a warning', () => {
		expect(build.output).toMatch(/content\/ar\/values\.mdx:\d+:1: <xmp> is not allowed in content/);
		const $ = page('/ar/values/');
		expect($('article').attr('lang')).toBe('en');
		expect($('img[onerror], xmp')).toHaveLength(0);
	});

	it('puts outdated markers after headings, never inside a translated attribute', () => {
		const $ = page('/es-419/values/');
		expect($('article h1').text()).toBe('Nuestros valores');
		expect($('[data-outdated-section]').first().prev('h2').text()).toBe('Gratis significa gratis');
		expect($('article img')).toHaveLength(0);
		expect($('span[title]').attr('title')).toBe('<h2></h2><img src=/x.png onerror=alert(1) hidden>');
	});

	it('keeps a second file for a translated page out, and the real translation in', () => {
		expect(build.output).toContain('content/zh-Hans/values/index.mdx: is not at the path of its English source');
		expect(page('/zh-hans/values/')('article').attr('lang')).toBeUndefined();
		expect(page('/zh-hans/values/')('article h1').text()).not.toBe('影子');
	});

	it('refuses a regional page the registry does not list, and its menu entry', async () => {
		expect(build.output).toMatch(/content\/pl\/promo\.mdx: is a regional page with no English source, and pl does not list "promo" in localPages/);
		expect((await builtPages(dist)).some((file) => file.startsWith('pl/promo/'))).toBe(false);
		expect(
			page('/pl/')('.site-nav a')
				.map((_, link) => page('/pl/')(link).attr('href'))
				.get(),
		).not.toContain('/pl/promo/');
	});

	it('ignores frontmatter only English may set, with a warning naming file and line', () => {
		expect(build.output).toMatch(/content\/tr\/index\.mdx:2: frontmatter offlinePack is not translatable; it is ignored/);
		expect(build.output).toMatch(/content\/tr\/index\.mdx:5: frontmatter navOrder is not translatable; it is ignored/);
		const $ = page('/tr/');
		expect($('article').attr('lang')).toBeUndefined();
		expect($('[data-offline-pack]')).toHaveLength(0);
		expect($('.site-nav a').first().attr('href')).toBe('/tr/');
	});

	it('accepts a comment for translators', () => {
		expect(build.output).not.toContain('content/zh-Hant/index.mdx');
		expect(page('/zh-hant/')('article').attr('lang')).toBeUndefined();
	});

	it('refuses files over the size limit and symbolic links, without following them', async () => {
		expect(build.output).toMatch(/content\/th\/values\.mdx is \d+ bytes, over the 1048576-byte limit/);
		expect(page('/th/values/')('article').attr('lang')).toBe('en');
		expect(build.output).toContain('content/es-419/secret.mdx is a symbolic link; links are not followed');
		expect(build.output).toContain('content/pl/loop is a symbolic link; links are not followed');
		expect(build.output).toContain('content/uz/root is a symbolic link; links are not followed');
		expect(build.output).toContain('locales/xx-link: is a symbolic link; links are not followed');
		const pages = await builtPages(dist);
		expect(pages.filter((file) => /secret|\/loop\/|\/root\//.test(file))).toEqual([]);
		expect(pages.length).toBeLessThan(200);
	});

	it('refuses frontmatter whose YAML aliases stand for a billion values, quickly', () => {
		expect(build.output).toMatch(/content\/pl\/about\.mdx:1: frontmatter holds more than 2000 values/);
		expect(page('/pl/about/')('article').attr('lang')).toBe('en');
	});

	it('keeps the offline packs inside their folder, whatever a page links to', async () => {
		const entries = [...(await readPack(path.join(packs, 'es-419.zip'))).keys()];
		expect(entries.filter((entry) => entry.includes('..') || entry.endsWith('package.json') || entry.endsWith('astro.config.mjs'))).toEqual([]);
	});

	it('refuses UI-string files nested too deep, and does not read a linked one', () => {
		expect(build.output).toContain('locales/th/common.json: nests more than 16 levels deep');
		expect(build.output).toContain('locales/uz/common.json: is a symbolic link; links are not followed');
		expect(page('/th/')('.site-nav').attr('aria-label')).toBe((english['nav'] as Record<string, string>)['label']);
	});

	it('falls back per UI string, with a warning naming file, line and key, each once', () => {
		const warnings = build.output.split('\n').filter((line) => line.includes('locales/'));
		const once = (pattern: RegExp) => expect(warnings.filter((line) => pattern.test(line))).toHaveLength(1);
		once(/locales\/tr\/common\.json:\d+: search\.searching: contains markup the English string does not have; tr uses the en string instead/);
		once(/locales\/pl\/common\.json:\d+: nav\.label: placeholders/);
		once(/locales\/ko\/common\.json:\d+: site\.tagline: placeholders/);
		once(/locales\/id\/common\.json:\d+: site\.tagline: expected a string/);
		once(/locales\/id\/common\.json:\d+: nav\.label: expected a string/);
		expect(page('/id/')('.brand-tagline').text()).toBe((english['site'] as Record<string, string>)['tagline']);
		expect(page('/pl/')('.site-nav').attr('aria-label')).toBe((english['nav'] as Record<string, string>)['label']);
		// Every zh-Hant string held `</script><!--`: all fall back, and the search data is still one JSON block.
		const search = page('/zh-hant/search/');
		expect(search('script[data-glossa-data="search-strings"]')).toHaveLength(1);
		expect(JSON.parse(search('script[data-glossa-data="search-strings"]').text()).searching).toBe('Searching…');
	});
});

/**
 * Each of the two visit loops opens every page in a fresh browser context, one after another: about a second
 * a page on 2 loaded cores, so the project's 60 s per test is too close (a loop of ~50 pages took 58 s
 * beside other suites). A time per page, not per loop.
 */
const VISIT_TIMEOUT_PER_PAGE = 4_000;
const visitedPages = [
	...contentCases.map((entry) => entry.url),
	'/ar/values/',
	'/es-419/values/',
	'/tr/',
	'/tr/search/?q=kod',
	'/pl/',
	'/ko/',
	'/id/',
	'/zh-hant/',
	'/zh-hant/search/?q=x',
	'/th/values/',
];
const VISITS_TIMEOUT = visitedPages.length * VISIT_TIMEOUT_PER_PAGE;

describe('hostile translations in Chromium', () => {
	let browser: Browser;
	let server: RunningServer;
	beforeAll(async () => {
		browser = await launchChromium();
		server = await serveSite(dist);
	});
	afterAll(async () => {
		await browser?.close();
		await server?.stop();
	});

	it(
		'online: no dialog, no request to another origin, and the page is shown',
		async () => {
			for (const urlPath of visitedPages) {
				const result = await visitWatchingRequests(
					browser,
					`${server.url}${urlPath}`,
					(request) => request.startsWith(server.url) || request.startsWith('data:'),
				);
				expect(result, urlPath).toEqual({ dialogs: [], leaving: [], visible: true });
			}
		},
		VISITS_TIMEOUT,
	);

	it(
		'offline packs: no dialog, no request that leaves the pack',
		async () => {
			const opened = new Set<string>();
			for (const urlPath of visitedPages) {
				const [segment = '', ...rest] = urlPath.split('?')[0]!.split('/').filter(Boolean);
				const folder = path.join(root, 'packs-opened', segment);
				if (!opened.has(segment)) {
					await extractPack(path.join(packs, `${segment}.zip`), folder);
					opened.add(segment);
				}
				const file = path.join(folder, segment, ...rest, 'index.html');
				const result = await visitWatchingRequests(browser, pathToFileURL(file).href, (request) => request.startsWith('file:') || request.startsWith('data:'));
				expect(result, urlPath).toEqual({ dialogs: [], leaving: [], visible: true });
			}
		},
		VISITS_TIMEOUT,
	);

	it('enforces the Content-Security-Policy: an injected inline handler or script does not run', async () => {
		const tab = await browser.newPage();
		const violations: string[] = [];
		tab.on('console', (message) => {
			if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
		});
		const response = await tab.goto(`${server.url}/en/values/`);
		expect(response?.headers()['content-security-policy']).toContain("script-src 'self'");
		// A translated description holding `</head>` does not hide the policy from the server.
		const zh = await tab.goto(`${server.url}/zh-hans/`);
		expect(zh?.headers()['content-security-policy']).toContain("script-src 'self'");
		await tab.goto(`${server.url}/en/values/`);
		expect(await tab.locator('meta[http-equiv=content-security-policy]').getAttribute('content')).not.toContain('unsafe-inline');
		// No fixed wait: the inline handler is tried when the image's load event is dispatched, before the
		// listener added after it; an appended inline script is tried (or refused) as it is appended.
		await tab.evaluate(
			() =>
				new Promise<void>((tried) => {
					document.body.insertAdjacentHTML('beforeend', '<img src="/favicon.svg" onload="window.handlerRan = true" alt="">');
					const image = document.body.lastElementChild;
					image?.addEventListener('load', () => tried(), { once: true });
					image?.addEventListener('error', () => tried(), { once: true });
					const script = document.createElement('script');
					script.textContent = 'window.scriptRan = true';
					document.body.append(script);
				}),
		);
		expect(await tab.evaluate(() => ({ handler: 'handlerRan' in window, script: 'scriptRan' in window }))).toEqual({ handler: false, script: false });
		await expect.poll(() => violations.length).toBeGreaterThan(0);
		await tab.close();
	});
});

/**
 * `npm run import` on a whole old site with its translations (tests/fixtures/old-site/: the fictional
 * Kitebird): `.md.partial` pages, a HAML page, a text file, placeholders, ERB turned into text by a rules
 * file, root-path images and a PDF in a separate public folder, root links to pages imported and not, and
 * translations in folders named `la`, `cn`, `zh` (and an unknown `xx`), into a project with no content yet.
 * Every file is imported or reported, the translations are placed and recorded as current, the images and
 * files are copied and found, the links lead somewhere, and `npm run check` finds no dead link.
 */
import { existsSync } from 'node:fs';
import { cp, mkdir, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import * as cheerio from 'cheerio';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { locales } from '../../src/i18n/locales.ts';
import { walkInside } from '../../src/security/content-files.ts';
import { astroBuild, type BuildResult } from '../support/astro-build.ts';
import { createFixtureProject } from '../support/fixture-project.ts';
import { projectRoot, tmpRoot } from '../support/paths.ts';
import { runScript } from '../support/run-script.ts';

const FIXTURE = path.join(projectRoot, 'tests/fixtures/old-site');
const SITE_URL = 'https://kitebird.example.org';
const importArgs = (...extra: string[]) => [
	path.join(FIXTURE, 'site'),
	'--translations',
	path.join(FIXTURE, 'translations'),
	'--locale-map',
	'la=es-419,cn=zh-Hans,zh=zh-Hant',
	'--public',
	path.join(FIXTURE, 'public'),
	'--site-url',
	SITE_URL,
	'--rules',
	path.join(FIXTURE, 'rules.json'),
	...extra,
];

let root: string;
let dryRun: { code: number | null; output: string };
let run: { code: number | null; output: string };
let check: { code: number | null; output: string };

const read = (file: string) => readFile(path.join(root, file), 'utf8');
/** The lines of one section of the report, from its title to the next blank line. */
const section = (title: string) => {
	const start = run.output.indexOf(title);
	expect(start, `${title} in\n${run.output}`).toBeGreaterThan(-1);
	return run.output.slice(start).split('\n\n')[0]!.split('\n').slice(1);
};

beforeAll(async () => {
	root = await createFixtureProject('import-site', {});
	// A site that is just starting: no pages and no translation records of its own yet.
	await rm(path.join(root, 'content'), { recursive: true, force: true });
	await rm(path.join(root, 'translation-state.json'), { force: true });
	await mkdir(path.join(root, 'content/en'), { recursive: true });
	dryRun = await runScript(root, 'scripts/import/cli.ts', importArgs('--dry-run'));
	run = await runScript(root, 'scripts/import/cli.ts', importArgs());
	check = await runScript(root, 'scripts/i18n/cli.ts', ['check']);
}, 300_000);

describe('npm run import of a whole old site', () => {
	it('writes nothing on a dry run, and reports the same', async () => {
		expect(dryRun.code, dryRun.output).toBe(0);
		expect(dryRun.output).toContain('Dry run: nothing was written.');
		expect(dryRun.output).toMatch(/Would import: 10 file\(s\)/);
		expect(run.code, run.output).toBe(0);
	});

	it('imports or reports every file of the site and its translations, and ends with the counts', async () => {
		const site = (await walkInside(path.join(FIXTURE, 'site'))).files;
		const translations = (await walkInside(path.join(FIXTURE, 'translations'))).files;
		const notImported = section('Files not imported');
		expect(notImported).toEqual([
			'  about.html.haml: template language HAML (.haml): not imported (turn it into Markdown or HTML first)',
			'  images/old-logo.png: image no page refers to: not copied',
			'  notes.txt: not a page: not imported',
			'  xx/learn.md.partial: unknown locale code "xx": not imported (map it: --locale-map xx=<tag>)',
			'  zh/README.txt: not a page: not imported',
		]);
		const summary = run.output.slice(run.output.lastIndexOf('Imported:'));
		expect(summary).toMatch(
			/^Imported: 10 file\(s\) \(4 page\(s\), 5 translation\(s\), 1 image\(s\) and file\(s\) of the folder; 4 file\(s\) copied in all\); reported: 5 file\(s\)/,
		);
		expect(10 + notImported.length).toBe(site.length + translations.length);
		expect(summary).toContain('2 × not a page');
		expect(summary).toContain('1 × template language HAML (.haml)');
		expect(summary).toContain('1 × unknown locale code "…"');
		expect(summary).toContain('1 file(s) of the public folder (--public) no page refers to: not copied');
	});

	it('imports .md.partial pages as .md at their paths, with their frontmatter mapped and ERB rewritten by the rules', async () => {
		for (const file of ['index', 'learn', 'how-to', 'promote/resources']) expect(existsSync(path.join(root, `content/en/${file}.md`)), file).toBe(true);
		expect(await read('content/en/learn.md')).toMatch(/^---\ntitle: "Learn to build a kite"\n---\n/);
		expect(await read('content/en/how-to.md')).toMatch(
			/^---\ntitle: "How to run a kite day"\ndescription: "A morning of building and an afternoon of flying."\n---\n/,
		);
		const howTo = await read('content/en/how-to.md');
		// The per-country `if` keeps the branch for everyone else; the MX branch is gone.
		expect(howTo).toContain('Order the kits from your regional office.');
		expect(howTo).not.toContain('Pide los kits');
		expect(section('Rewrite rules')).toEqual([
			expect.stringMatching(/^ {2}rule 1 \/<%= resolve_url.*: 2 hit\(s\)$/),
			expect.stringMatching(/^ {2}rule 2 \/<%= hoc_s.*: 2 hit\(s\)$/),
			expect.stringMatching(/^ {2}rule 3 \/<% if request.*: 2 hit\(s\)$/),
		]);
		for (const page of ['index', 'learn', 'how-to', 'promote/resources']) expect(await read(`content/en/${page}.md`)).not.toMatch(/<%|%>/);
	});

	it('keeps {{ variables }} as written, lists them with their counts, and reports leftover template code with file and line', async () => {
		expect(await read('content/en/index.md')).toContain('{{ signup_button }}');
		expect(await read('content/en/index.md')).toContain('[Find a club near you]({{ urls/volunteer_local }})');
		expect(await read('content/en/learn.md')).toContain('[start learning]({{ urls/learn }})');
		expect(await read('content/en/promote/resources.md')).toContain('![Clubs map]({{ images/clubs_map }})');
		expect(section('Content variables')).toEqual([
			'  {{ images/clubs_map }}: 1 in English pages, 1 in translations',
			'  {{ signup_button }}: 1 in English pages, 1 in translations',
			'  {{ urls/learn }}: 1 in English pages, 2 in translations',
			'  {{ urls/volunteer_local }}: 1 in English pages, 1 in translations',
		]);
		expect(run.output).toMatch(/content\/en\/how-to\.md:12:1: template code \{% include footer\.html %\} is left in the page/);
		expect(run.output).not.toMatch(/link to \{\{|image \{\{|leads to no page.*\{\{/);
	});

	it('places each translation at its English page path in its locale, with no per-translation key warnings', async () => {
		expect(await read('content/es-419/learn.md')).toMatch(/^---\ntitle: "Learn to build a kite"\n---\n\nEmpieza con dos varillas/);
		expect(await read('content/es-419/index.md')).toMatch(/^---\ntitle: "Kitebird"\ndescription: "Cometas, hilo y un cielo para cada escuela."\n---\n/);
		expect(existsSync(path.join(root, 'content/es-419/promote/resources.md'))).toBe(true);
		expect(await read('content/zh-Hans/learn.md')).toMatch(/^---\ntitle: "学做风筝"\n---\n/);
		expect(existsSync(path.join(root, 'content/zh-Hant/how-to.md'))).toBe(true);
		expect(existsSync(path.join(root, 'content/xx'))).toBe(false);
		// `layout`, `nav` and `social` are reported once, on the English file.
		expect(run.output.match(/left out \(Glossa does not use them\)/g)).toHaveLength(2);
		expect(check.output).not.toMatch(/frontmatter key|not translatable/);
	});

	it('reports per locale what was imported and what would fall back, with the first reason', () => {
		expect(section('Translations')).toEqual([
			'  es-419 (from la/): 3 imported, 0 would fall back',
			'  zh-Hans (from cn/): 1 imported, 0 would fall back',
			'  zh-Hant (from zh/): 1 imported, 1 would fall back: content/zh-Hant/how-to.md:10: link target "https://example.com/kites" is not in the English source (nor the same page in zh-Hant)',
		]);
	});

	it('records the translations as made from the English they were imported with: i18n status calls them current', async () => {
		const state = JSON.parse(await read('translation-state.json')) as { translations: Record<string, { source: string; origin: string }> };
		expect(Object.keys(state.translations).sort()).toEqual([
			'content/es-419/index.md',
			'content/es-419/learn.md',
			'content/es-419/promote/resources.md',
			'content/zh-Hans/learn.md',
			'content/zh-Hant/how-to.md',
		]);
		expect(state.translations['content/es-419/learn.md']).toMatchObject({ source: 'content/en/learn.md', origin: 'manual' });
		const status = await runScript(root, 'scripts/i18n/cli.ts', ['status', '--json', '--locale', 'es-419', '--locale', 'zh-Hans']);
		expect(status.code, status.output).toBe(0);
		const locales = JSON.parse(status.output) as { locale: string; pages: { slug: string; state: string }[] }[];
		const states = Object.fromEntries(locales.flatMap((entry) => entry.pages.map((page) => [`${entry.locale}/${page.slug}`, page.state])));
		expect(states).toMatchObject({ 'es-419/': 'current', 'es-419/learn': 'current', 'es-419/promote/resources': 'current', 'zh-Hans/learn': 'current' });
		const table = await runScript(root, 'scripts/i18n/cli.ts', ['status']);
		expect(table.output).not.toMatch(/no record of their English version/);
	});

	it('copies root-path images from the public folder into content/images/, keeping their path, and points the pages at them', async () => {
		for (const file of ['content/images/hero.png', 'content/images/fit-700/poster-kite.png', 'content/images/kite-sketch.png', 'public/files/kite-plan.pdf'])
			expect(existsSync(path.join(root, file)), file).toBe(true);
		expect(existsSync(path.join(root, 'content/images/unused-banner.png'))).toBe(false);
		expect(await read('content/en/index.md')).toContain('![A red kite over a school yard](../images/hero.png)');
		expect(await read('content/en/promote/resources.md')).toContain('![A poster of three kites](../../images/fit-700/poster-kite.png)');
		expect(await read('content/es-419/promote/resources.md')).toContain('![Un cartel con tres cometas](../../images/fit-700/poster-kite.png)');
		expect(await read('content/en/learn.md')).toContain('![Sketch of the frame](../images/kite-sketch.png)');
		// A PDF is published as it is, from public/, at the root path the page already has.
		expect(await read('content/en/promote/resources.md')).toContain('[building plan](/files/kite-plan.pdf)');
		expect(run.output).not.toMatch(/was not found/);
	});

	it('maps the [col-NN] shortcodes to columns and removes the clear after them, counting both', async () => {
		expect(section('Layout')).toEqual([
			'  [col-NN] shortcodes: 4 column(s) in 2 <div class="columns"> box(es)',
			'  empty clear elements removed: 2',
			'  floated elements left as they are (see Needs attention): 0',
		]);
		for (const file of ['content/en/promote/resources.md', 'content/es-419/promote/resources.md']) {
			const text = await read(file);
			expect(text, file).toContain('<div class="columns">\n<div class="column">');
			expect(text, file).not.toMatch(/\[\/?col-|clear:\s*both/);
		}
	});

	it('points root links at the imported pages, and links to pages not imported at the old site, listing them', async () => {
		const home = await read('content/en/index.md');
		expect(home).toContain('[Learn to build a kite](/en/learn/)');
		expect(home).toContain('[Get the posters](/en/promote/resources/#posters)');
		expect(await read('content/es-419/index.md')).toContain('[Consigue los carteles](/en/promote/resources/#posters)');
		expect(await read('content/en/how-to.md')).toContain('check the [lessons](/en/learn/)');
		expect(await read('content/en/how-to.md')).toContain(`[our story](${SITE_URL}/about) or [give a kite](${SITE_URL}/donate)`);
		expect(await read('content/en/promote/resources.md')).toContain('[the start](/en/)');
		expect(section('Links to old-site pages that were not imported')).toEqual([
			`  content/en/how-to.md:10: /about -> ${SITE_URL}/about`,
			`  content/en/how-to.md:10: /donate -> ${SITE_URL}/donate`,
			`  content/zh-Hant/how-to.md:10: /about -> ${SITE_URL}/about`,
			`  content/zh-Hant/how-to.md:10: /donate -> ${SITE_URL}/donate`,
		]);
	});

	it('leaves npm run check with no dead link and no missing image; its errors are what the import listed for the editor', () => {
		expect(check.output).not.toMatch(/leads nowhere|is missing|missing from public/);
		const errors = check.output.split('\n').filter((line) => /^\s*error\b/.test(line));
		// The template code the import reported, and the variables it listed, until variables.yml defines them.
		expect(errors, check.output).toEqual([
			expect.stringContaining('content/en/how-to.md:12:1: template code {% include footer.html %} (Liquid) is not run'),
			expect.stringContaining('content/en/index.md:8:91: unknown variable {{ signup_button }}'),
			expect.stringContaining('content/en/index.md:12:3: unknown variable {{ urls/volunteer_local }}'),
			expect.stringContaining('content/en/learn.md:9:70: unknown variable {{ urls/learn }}'),
			expect.stringContaining('content/en/promote/resources.md:22:81: unknown variable {{ images/clubs_map }}'),
		]);
		expect(check.code).toBe(1);
	});
});

/**
 * The whole path an editor takes: the import above, then the values of its placeholders in
 * `content/en/variables.yml` (and a label of es-419's own), `npm run check`, and a build with its packs.
 */
describe('the imported site, with its variables defined, built with its offline packs', () => {
	let checked: { code: number | null; output: string };
	let build: BuildResult;
	let dist: string;
	let packs: string;
	let pages: string[];

	beforeAll(async () => {
		// The editor does what the report says: the leftover `{% include %}` line goes.
		const howTo = await read('content/en/how-to.md');
		await writeFile(path.join(root, 'content/en/how-to.md'), howTo.replace('{% include footer.html %}\n', ''));
		await writeFile(
			path.join(root, 'content/en/variables.yml'),
			[
				'signup_button: Join a kite club',
				'urls:',
				'  learn: /en/learn/',
				`  volunteer_local: ${SITE_URL}/clubs`,
				'images:',
				'  clubs_map: /images/clubs-map.png',
				'',
			].join('\n'),
		);
		await writeFile(path.join(root, 'content/es-419/variables.yml'), 'signup_button: Únete a un club de cometas\n');
		await mkdir(path.join(root, 'public/images'), { recursive: true });
		await cp(path.join(FIXTURE, 'public/images/hero.png'), path.join(root, 'public/images/clubs-map.png'));
		checked = await runScript(root, 'scripts/i18n/cli.ts', ['check']);
		dist = path.join(root, 'dist');
		packs = path.join(root, 'dist-offline');
		build = await astroBuild(root, dist, { GLOSSA_OFFLINE_DIR: packs });
		pages = (await walkInside(dist)).files.filter((file) => file.endsWith('.html'));
	}, 600_000);

	it('checks clean: no dead link, no missing image, no unknown variable', () => {
		expect(checked.code, checked.output).toBe(0);
		expect(checked.output).not.toMatch(/leads nowhere|is missing|missing from public|unknown variable|template code/);
		expect(checked.output).toMatch(/^0 error\(s\)/m);
	});

	it('builds, and no page prints a placeholder or template code', async () => {
		expect(build.code, build.output).toBe(0);
		expect(pages.length).toBeGreaterThan(10);
		for (const file of pages) {
			const $ = cheerio.load(await readFile(path.join(dist, file), 'utf8'));
			$('script, style').remove();
			const shown = `${$('title').text()} ${$('body').text()} ${$('[href], [src]')
				.map((_, element) => `${$(element).attr('href') ?? ''} ${$(element).attr('src') ?? ''}`)
				.get()
				.join(' ')}`;
			expect(shown, file).not.toMatch(/\{\{|\}\}|<%|%>|%3C%25|%25%3E/i);
		}
	});

	it('shows each variable’s value, in English and in es-419 (its own label, the rest from English)', async () => {
		const english = cheerio.load(await readFile(path.join(dist, 'en/index.html'), 'utf8'));
		expect(english('main').text()).toContain('Join a kite club');
		expect(english(`main a[href="${SITE_URL}/clubs"]`).text()).toBe('Find a club near you');
		const spanish = cheerio.load(await readFile(path.join(dist, 'es-419/index.html'), 'utf8'));
		expect(spanish('[data-notice=fallback]')).toHaveLength(0);
		expect(spanish('main').text()).toContain('Únete a un club de cometas');
		expect(spanish(`main a[href="${SITE_URL}/clubs"]`)).toHaveLength(1);
		const learn = cheerio.load(await readFile(path.join(dist, 'en/learn/index.html'), 'utf8'));
		expect(learn('main a:contains("start learning")').attr('href')).toBe('/en/learn/');
	});

	it('lays the shortcode columns out as columns, in English and in the translation', async () => {
		for (const file of ['en/promote/resources/index.html', 'es-419/promote/resources/index.html']) {
			const $ = cheerio.load(await readFile(path.join(dist, file), 'utf8'));
			expect($('[data-notice=fallback]'), file).toHaveLength(0);
			expect($('main .columns > .column'), file).toHaveLength(2);
			expect($('main .columns > .column').first().find('img'), file).toHaveLength(1);
		}
	});

	it('finds every image: each one a page shows is a file of the build', async () => {
		let shown = 0;
		for (const file of pages) {
			const $ = cheerio.load(await readFile(path.join(dist, file), 'utf8'));
			for (const element of $('main img').toArray()) {
				const src = $(element).attr('src') ?? '';
				expect(src, `${file}: ${$.html(element)}`).toMatch(/^\//);
				expect(existsSync(path.join(dist, decodeURIComponent(src.split(/[?#]/)[0]!))), `${file}: ${src}`).toBe(true);
				shown++;
			}
		}
		const resources = cheerio.load(await readFile(path.join(dist, 'en/promote/resources/index.html'), 'utf8'));
		expect(resources('main img[alt="Clubs map"]').attr('src')).toBe('/images/clubs-map.png');
		expect(resources('main img[alt="A poster of three kites"]')).toHaveLength(1);
		expect(shown).toBeGreaterThanOrEqual(8);
	});

	it('writes every published locale’s pack', async () => {
		const segments = new Set(locales.all.map((locale) => locale.segment));
		const published = (await readdir(dist, { withFileTypes: true }))
			.filter((entry) => entry.isDirectory() && segments.has(entry.name) && existsSync(path.join(dist, entry.name, 'index.html')))
			.map((entry) => entry.name)
			.sort();
		expect(published).toEqual(expect.arrayContaining(['en', 'es-419', 'zh-hans', 'zh-hant']));
		const written = (await readdir(packs)).filter((file) => file.endsWith('.zip')).map((file) => file.slice(0, -'.zip'.length));
		expect(written.sort()).toEqual(published);
		expect(build.output).not.toMatch(/pack.*(refused|not written)/i);
	});
});

describe('npm run import reports what it cannot resolve, and refuses bad options', () => {
	let folder: string;
	let project: string;
	beforeAll(async () => {
		project = await createFixtureProject('import-site-problems', {});
		folder = path.join(tmpRoot, 'import-site-problems-old');
		await rm(folder, { recursive: true, force: true });
		await mkdir(path.join(folder, 'site'), { recursive: true });
		await mkdir(path.join(folder, 'public'), { recursive: true });
		await writeFile(
			path.join(folder, 'site/kites.md.partial'),
			'---\ntitle: Kites\n---\n\nSee [the archive](/archive) and [old notes](../../notes.md).\n\n![Banner](/images/banner.png)\n',
		);
	});

	it('reports a link to a page not imported (no --site-url), a link out of the folder and an image not in --public, with file and line', async () => {
		const result = await runScript(project, 'scripts/import/cli.ts', [path.join(folder, 'site'), '--public', path.join(folder, 'public'), '--dry-run']);
		expect(result.code, result.output).toBe(0);
		expect(result.output).toMatch(
			/content\/en\/kites\.md:5:5: link to \/archive leads to no page: \/archive was not imported; import that page too, give --site-url/,
		);
		expect(result.output).toMatch(/content\/en\/kites\.md:5:\d+: link to \.\.\/\.\.\/notes\.md leads outside the old site/);
		expect(result.output).toMatch(/content\/en\/kites\.md:7:1: image \/images\/banner\.png was not found in the old site's public folder \(--public\)/);
	});

	it('refuses a rules file that is not a list of valid rewrites, naming the file, the line and the fix', async () => {
		const rules = path.join(folder, 'rules.json');
		for (const [text, expected] of [
			['{ "pattern": "a" }', /rules\.json:1: the rules must be a JSON list/],
			['[\n  { "pattern": "(unclosed", "replace": "" }\n]', /rules\.json:2: rule 1: "\(unclosed" is not a JavaScript regular expression/],
			['[\n  { "pattern": "x*", "replace": "y" }\n]', /rules\.json:2: rule 1: "x\*" matches empty text/],
			['[\n  { "pattern": "a", "replace": 1 }\n]', /rules\.json:2: rule 1 needs "replace"/],
			['[\n  { "pattern": "a", "replace": "", "flags": "i" }\n]', /rules\.json:2: rule 1 has "flags"/],
		] as const) {
			await writeFile(rules, text);
			const result = await runScript(project, 'scripts/import/cli.ts', [path.join(folder, 'site'), '--rules', rules, '--dry-run']);
			expect(result.code, result.output).toBe(2);
			expect(result.output).toMatch(expected);
			expect(result.output).toContain('Nothing was changed.');
		}
	});

	it('stops a rule that backtracks catastrophically, naming it, instead of hanging', async () => {
		const rules = path.join(folder, 'slow-rules.json');
		await writeFile(rules, '[{ "pattern": "(\\\\w+\\\\s?)+$", "replace": "" }]');
		await writeFile(path.join(folder, 'site/long.md'), `---\ntitle: Long\n---\n\n${'word '.repeat(40)}!\n`);
		const result = await runScript(project, 'scripts/import/cli.ts', [path.join(folder, 'site'), '--rules', rules]);
		await rm(path.join(folder, 'site/long.md'));
		expect(result.code, result.output).toBe(2);
		expect(result.output).toMatch(/slow-rules\.json:1: rule 1 \("\(\\w\+\\s\?\)\+\$"\) ran over 1000 ms on long\.md: the pattern backtracks catastrophically/);
		expect(existsSync(path.join(project, 'content/en/kites.md'))).toBe(false);
	});

	it('refuses a --locale-map to a locale the site does not have, listing the ones it has', async () => {
		const result = await runScript(project, 'scripts/import/cli.ts', [
			path.join(folder, 'site'),
			'--translations',
			folder,
			'--locale-map',
			'la=es-MX',
			'--dry-run',
		]);
		expect(result.code, result.output).toBe(2);
		expect(result.output).toMatch(/--locale-map: "es-MX" \(for la\) is not a locale of the site; use one of en, es-419,/);
	});

	it('follows no symbolic link in the public or translations folder, and copies nothing from outside them', async () => {
		const outside = path.join(tmpRoot, 'import-site-problems-outside');
		await rm(outside, { recursive: true, force: true });
		await mkdir(outside, { recursive: true });
		await writeFile(path.join(outside, 'secret.png'), 'outside-the-folders');
		await writeFile(path.join(outside, 'kites.md.partial'), '---\ntitle: Secret\n---\n\nFrom outside.\n');
		await mkdir(path.join(folder, 'public/images'), { recursive: true });
		await symlink(path.join(outside, 'secret.png'), path.join(folder, 'public/images/linked.png'));
		await mkdir(path.join(folder, 'translations/la'), { recursive: true });
		await symlink(path.join(outside, 'kites.md.partial'), path.join(folder, 'translations/la/kites.md.partial'));
		await writeFile(
			path.join(folder, 'site/hostile.md'),
			'---\ntitle: Hostile\n---\n\n![Linked](/images/linked.png)\n\n![Escape](/../import-site-problems-outside/secret.png)\n',
		);
		const args = [
			path.join(folder, 'site'),
			'--public',
			path.join(folder, 'public'),
			'--translations',
			path.join(folder, 'translations'),
			'--locale-map',
			'la=es-419',
		];
		const result = await runScript(project, 'scripts/import/cli.ts', args);
		expect(result.code, result.output).toBe(0);
		expect(result.output).toMatch(/^\s*hostile\.md:5: image images\/linked\.png goes through a symbolic link/m);
		expect(result.output).toMatch(
			/content\/en\/hostile\.md:7:1: image \/\.\.\/import-site-problems-outside\/secret\.png was not found in the old site's public folder/,
		);
		expect(result.output).toMatch(/^\s*la\/kites\.md\.partial: a symbolic link: never followed/m);
		expect(existsSync(path.join(project, 'content/es-419/kites.md'))).toBe(false);
		const images = await walkInside(path.join(project, 'content/images'));
		for (const file of images.files)
			expect((await readFile(path.join(project, 'content/images', file), 'utf8')).includes('outside-the-folders'), file).toBe(false);
	});
});

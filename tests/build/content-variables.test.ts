import { readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { astroBuild, type BuildResult } from '../support/astro-build.ts';
import { createFixtureProject } from '../support/fixture-project.ts';
import { runScript } from '../support/run-script.ts';
import { loadPage } from '../support/site.ts';

/**
 * A site brought from an older system: Markdown pages with content variables in text, links and images,
 * an es-419 translation with its own `variables.yml` (and values it leaves to English), hostile values,
 * an unknown variable, and ERB/Liquid left in the text. Built, checked, edited and rebuilt, then built cold.
 */
const ENGLISH_VARIABLES = `# Values the old site substituted
signup_button: Sign up now
urls:
  learn: /en/values/
  volunteer_local: https://example.org/volunteer
images:
  logo: /images/offline-pack.svg
hostile:
  markup: "<script>alert(1)</script><b>bold</b>"
  link: "javascript:alert(1)"
`;

const files = {
	'content/en/variables.yml': ENGLISH_VARIABLES,
	'content/es-419/variables.yml': '---\nsignup_button: Inscríbete ya\nurls:\n  volunteer_local: https://example.org/es/voluntarios\n',
	'content/en/join.md': [
		'---',
		'title: Join us',
		'description: How to take part.',
		'---',
		'',
		'Press **{{ signup_button }}** to start, read [our values]({{ urls/learn }}) or [volunteer near you]({{ urls/volunteer_local }}).',
		'',
		'![The logo]({{ images/logo }})',
		'',
		'Hostile: {{ hostile/markup }} and [a trap]({{ hostile/link }}).',
		'',
		'<% if country == "us" %>Only in the US.<% end %> Hello {{ user.name | upcase }}.',
		'',
	].join('\n'),
	'content/es-419/join.md': [
		'---',
		'title: Únete',
		'description: Cómo participar.',
		'---',
		'',
		'Pulsa **{{ signup_button }}** para empezar, lee [nuestros valores]({{ urls/learn }}) o [sé voluntario cerca]({{ urls/volunteer_local }}).',
		'',
		'![El logo]({{ images/logo }})',
		'',
		'Hostil: {{ hostile/markup }} y [una trampa]({{ hostile/link }}).',
		'',
		'<% if country == "us" %>Solo en EE. UU.<% end %> Hola {{ user.name | upcase }}.',
		'',
	].join('\n'),
	// A translation that drops a variable falls back to English.
	'content/pt-BR/join.md': '---\ntitle: Participe\n---\n\nClique no botão.\n',
	// A title that is only template code: reported, and the page takes its first heading.
	'content/en/erb-title.md': "---\ntitle: <%= t('erb.title') %>\n---\n\n# Old system page\n\nText.\n",
	'content/en/unknown.md': '---\ntitle: Unknown\n---\n\nFirst line.\n\nPress {{ nowhere/button }} here.\n',
	'content/en/components.mdx':
		'---\ntitle: Components\n---\n\nPress <Var name="signup_button" />, or go to <VarLink name="urls/volunteer_local">your local group</VarLink>.\n',
};

let root: string;
let check: { code: number | null; output: string };
let first: BuildResult;
let second: BuildResult;
const dist = () => path.join(root, 'dist');
const article = (dir: string, url: string) => loadPage(dir, url)('article');

beforeAll(async () => {
	root = await createFixtureProject('content-variables', files);
	check = await runScript(root, 'scripts/i18n/cli.ts', ['check']);
	first = await astroBuild(root, dist(), { GLOSSA_OFFLINE: '0' });
});

describe('content variables in a build', () => {
	it('fills text, links and images in English', () => {
		expect(first.code, first.output).toBe(0);
		const $ = article(dist(), '/en/join/');
		expect($.find('strong').first().text()).toBe('Sign up now');
		expect($.find('a:contains("our values")').attr('href')).toBe('/en/values/');
		expect($.find('a:contains("volunteer near you")').attr('href')).toBe('https://example.org/volunteer');
		expect($.find('img[alt="The logo"]').attr('src')).toBe('/images/offline-pack.svg');
		expect($.text()).not.toContain('{{');
	});

	it('gives a translation its own values, and the next ones along its chain for the rest', () => {
		const $ = article(dist(), '/es-419/join/');
		expect($.attr('lang')).not.toBe('en');
		expect($.find('strong').first().text()).toBe('Inscríbete ya');
		expect($.find('a:contains("sé voluntario cerca")').attr('href')).toBe('https://example.org/es/voluntarios');
		// Not defined for es-419: the English value. Links to English pages are localised as usual.
		expect($.find('a:contains("nuestros valores")').attr('href')).toBe('/es-419/values/');
		expect($.find('img[alt="El logo"]').attr('src')).toBe('/images/offline-pack.svg');
	});

	it('renders hostile values as text, and never a javascript: link', async () => {
		for (const url of ['/en/join/', '/es-419/join/']) {
			const html = await readFile(path.join(dist(), url, 'index.html'), 'utf8');
			const $ = article(dist(), url);
			expect($.text()).toContain('<script>alert(1)</script><b>bold</b>');
			expect($.find('script, b')).toHaveLength(0);
			expect(html).not.toContain('javascript:');
		}
		expect(first.output).toMatch(/content\/en\/join\.md:10:\d+: .*href.*left out of the page/);
	});

	it('never prints template code, and says so once, on the English file, with its line', () => {
		for (const url of ['/en/join/', '/es-419/join/', '/ar/join/']) {
			const text = article(dist(), url).text();
			expect(text).not.toMatch(/<%|%>|\{\{|\}\}/);
		}
		expect(article(dist(), '/en/join/').text()).toContain('Only in the US. Hello .');
		expect(first.output).toMatch(/\[WARN\] \[glossa-content\] content\/en\/join\.md:12:1: template code <% if country == "us" %> \(ERB\) is not run/);
		expect(first.output.match(/template code <% if country/g)).toHaveLength(1);
		expect(first.output.match(/template code \{\{ user\.name \| upcase \}\}/g)).toHaveLength(1);
	});

	it('never prints a title that is template code', async () => {
		const html = await readFile(path.join(dist(), 'en/erb-title/index.html'), 'utf8');
		expect(html).not.toContain('erb.title');
		expect(loadPage(dist(), '/en/erb-title/')('title').text()).toContain('Old system page');
		expect(first.output).toMatch(/content\/en\/erb-title\.md:2: title: template code <%= t\('erb\.title'\) %> \(ERB\) is not run/);
	});

	it('builds an English page with an unknown variable without it, with an error naming file and line', () => {
		expect(first.output).toMatch(
			/\[ERROR\] \[glossa-content\] content\/en\/unknown\.md:7:7: unknown variable \{\{ nowhere\/button \}\}: .*define nowhere → button in content\/en\/variables\.yml/,
		);
		expect(article(dist(), '/en/unknown/').text()).toContain('Press  here.');
	});

	it('falls back to English where a translation drops a variable', () => {
		expect(first.output).toMatch(/content\/pt-BR\/join\.md: content variables none differ from the English source's .*\{\{ signup_button \}\}/);
		const $ = loadPage(dist(), '/pt-br/join/');
		expect($('[data-notice=fallback]')).toHaveLength(1);
		expect($('article strong').first().text()).toBe('Sign up now');
	});

	it('gives MDX pages the same values through <Var> and <VarLink>', () => {
		const $ = article(dist(), '/en/components/');
		expect($.find('p:contains("Press")').text()).toBe('Press Sign up now, or go to your local group.');
		expect($.find('a:contains("your local group")').attr('href')).toBe('https://example.org/volunteer');
	});

	it('variables.yml is not a page', () => {
		expect(first.output).not.toMatch(/variables\.yml.*(not built|left out)/);
	});
});

describe('npm run check', () => {
	it('reports unknown variables and template code as errors in English, warnings in a translation', () => {
		expect(check.code, check.output).toBe(1);
		expect(check.output).toMatch(/^error\s+content\/en\/unknown\.md:7:7: unknown variable \{\{ nowhere\/button \}\}/m);
		expect(check.output).toMatch(/^error\s+content\/en\/join\.md:12:1: template code <% if country == "us" %> \(ERB\)/m);
		expect(check.output).toMatch(/^error\s+content\/en\/join\.md:12:\d+: template code \{\{ user\.name \| upcase \}\} \(template expression\)/m);
		expect(check.output).toMatch(/^warning\s+content\/pt-BR\/join\.md: content variables .* \(the page falls back to English\)/m);
		// The translation's template code is its source's: reported once, on the English file.
		expect(check.output).not.toMatch(/content\/es-419\/join\.md:\d+:\d+: template code/);
	});
});

describe('after editing variables.yml', () => {
	beforeAll(async () => {
		await writeFile(path.join(root, 'content/en/variables.yml'), ENGLISH_VARIABLES.replace('Sign up now', 'Join today').replace('/en/values/', '/en/learn/'));
		second = await astroBuild(root, dist(), { GLOSSA_OFFLINE: '0' });
	});

	it('a rebuild shows the new values on every page that uses them', () => {
		expect(second.code, second.output).toBe(0);
		const english = article(dist(), '/en/join/');
		expect(english.find('strong').first().text()).toBe('Join today');
		expect(english.find('a:contains("our values")').attr('href')).toBe('/en/learn/');
		const spanish = article(dist(), '/es-419/join/');
		expect(spanish.find('strong').first().text()).toBe('Inscríbete ya');
		expect(spanish.find('a:contains("nuestros valores")').attr('href')).toBe('/es-419/learn/');
		expect(article(dist(), '/en/components/').find('p:contains("Press")').text()).toBe('Press Join today, or go to your local group.');
	});

	it('gives the same pages as a cold build', async () => {
		const cold = path.join(root, 'dist-cold');
		await rm(path.join(root, 'node_modules/.astro'), { recursive: true, force: true });
		const result = await astroBuild(root, cold, { GLOSSA_OFFLINE: '0' });
		expect(result.code, result.output).toBe(0);
		for (const url of ['/en/join/', '/es-419/join/', '/ar/join/', '/en/components/', '/en/unknown/'])
			expect(article(dist(), url).html(), url).toBe(article(cold, url).html());
	});
});

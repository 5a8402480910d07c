import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { astroBuild, type BuildResult } from '../support/astro-build.ts';
import { createFixtureProject } from '../support/fixture-project.ts';
import { loadPage } from '../support/site.ts';

/** The demo plus a new English page nobody has translated yet and two translations that cannot be built. */
const fixtureFiles = {
	'content/en/news.mdx': '---\ntitle: Term news\ndescription: What changed this term.\nupdated: 2026-11-20\n---\n\nThree new lessons arrived this term.\n',
	// An unclosed component on line 9.
	'content/ar/learn/index.mdx': '---\ntitle: تعلّم\ndescription: دروس\n---\n\nنص أول.\n\nنص ثان.\n<Callout title="x">\nلا يُغلق أبدًا\n',
	// Frontmatter without the required title.
	'content/pt-BR/values.mdx': '---\ndescription: Nossos valores\n---\n\nTexto.\n',
};

let root: string;
let result: BuildResult;

beforeAll(async () => {
	root = await createFixtureProject('broken-translations', fixtureFiles);
	result = await astroBuild(root, path.join(root, 'dist'));
});

const page = (urlPath: string) => loadPage(path.join(root, 'dist'), urlPath);

describe('a build with broken translations', () => {
	it('succeeds and warns, naming the file and the line', () => {
		expect(result.code, result.output).toBe(0);
		expect(result.output).toMatch(
			/\[WARN\] \[glossa-content\] content\/ar\/learn\/index\.mdx:9:1: MDX does not compile: Expected a closing tag for `<Callout>`/,
		);
		expect(result.output).toMatch(/\[WARN\] \[glossa-content\] content\/pt-BR\/values\.mdx:1: frontmatter `title` is required/);
		expect(result.output).toContain('content/ar/learn/index.mdx is left out');
	});

	it('serves the English page with the Arabic notice where the Arabic translation is broken', () => {
		const $ = page('/ar/learn/');
		expect($('html').attr('lang')).toBe('ar');
		expect($('article').attr('lang')).toBe('en');
		expect($('article h1').text()).toBe('Learn');
		// A translation exists but cannot be shown: its own notice (issue 26, item 4), not "not translated yet".
		expect($('[data-notice=fallback]').text()).toContain('توجد ترجمة لهذه الصفحة لكن لا يمكن عرضها بعد');
	});

	it('serves the English page with the Portuguese notice where the frontmatter is broken', () => {
		const $ = page('/pt-br/values/');
		expect($('article h1').text()).toBe('Our values');
		expect($('[data-notice=fallback]').text()).toContain('Existe uma tradução desta página, mas ela ainda não pode ser exibida');
	});

	it('shows a new English page in es-419 with the notice in Spanish', () => {
		const $ = page('/es-419/news/');
		expect($('html').attr('lang')).toBe('es-419');
		expect($('article').attr('lang')).toBe('en');
		expect($('[data-notice=fallback]').text()).toContain('Esta página todavía no está traducida');
		expect($('[data-notice=fallback] a[data-link=original]').attr('href')).toBe('/en/news/');
		expect($('[data-notice=fallback] a[data-link=help-translate]').attr('href')).toBe('/es-419/help-translate/');
	});
});

describe('strict mode', () => {
	it('fails the same build', async () => {
		const strict = await astroBuild(root, path.join(root, 'dist-strict'), { GLOSSA_STRICT: '1' });
		expect(strict.code).not.toBe(0);
		expect(strict.output).toContain('strict mode: 2 translation(s) cannot be built');
	});
});

describe('an English source that breaks', () => {
	it('fails the build, naming the file and the field', async () => {
		const englishRoot = await createFixtureProject('broken-english', { 'content/en/values.mdx': '---\ndescription: What we stand for.\n---\n\nText.\n' });
		const broken = await astroBuild(englishRoot, path.join(englishRoot, 'dist'));
		expect(broken.code).not.toBe(0);
		expect(broken.output).toContain('content/en/values.mdx:1: frontmatter `title` is required: add `title: …` to the frontmatter');
		// One sentence per field, never the schema library's own dump.
		expect(broken.output).not.toMatch(/\*\*|invalid_type|Required/);
	});

	it('fails the build on code in content, naming the file and the line', async () => {
		const englishRoot = await createFixtureProject('broken-english-code', {
			'content/en/values.mdx': '---\ntitle: Our values\ndescription: What we stand for.\n---\n\nThis year is {new Date().getFullYear()}.\n',
		});
		const broken = await astroBuild(englishRoot, path.join(englishRoot, 'dist'));
		expect(broken.code).not.toBe(0);
		expect(broken.output).toMatch(/content\/en\/values\.mdx:6:\d+: JavaScript expression \{new Date\(\)\.getFullYear\(\)\} is not supported in content/);
	});
});

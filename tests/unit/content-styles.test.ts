/**
 * Content stylesheets (`src/security/content-styles.ts`): each selector scoped to the page body, the
 * classes they define allowed in content (and only those), and every refusal named with file and line.
 */
import { mkdir, mkdtemp, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseContentDocument } from '../../src/content-model/content-document.ts';
import { formatProblem } from '../../src/content-model/problems.ts';
import { judgeTranslation } from '../../src/content-model/translation-checks.ts';
import { locales } from '../../src/i18n/locales.ts';
import { compileContentStylesheet, readContentStyles, siteFrameClasses } from '../../src/security/content-styles.ts';
import { projectRoot } from '../support/paths.ts';

const frame = await siteFrameClasses(projectRoot);
const compile = (text: string) => compileContentStylesheet('content/styles/values.css', text, frame);
const refusals = (text: string) => compile(text).problems.map(formatProblem);

describe("the site's frame classes", () => {
	it("are read from the site's stylesheet, components and layout, with the layout vocabulary", () => {
		for (const name of [
			'site-header',
			'skip-link',
			'picker-list',
			'notice',
			'notice-fallback',
			'page-meta',
			'callout',
			'content',
			'content-body',
			'tiles',
			'icon',
		])
			expect(frame.has(name), name).toBe(true);
		expect(frame.has('careers__values-tile')).toBe(false);
	});
});

describe('compileContentStylesheet', () => {
	it('scopes every selector of a list to the page body, inside @media too, and names the classes it defines', () => {
		const sheet = compile(
			'/* the old site */\n.careers__values-group { display: grid }\n.careers__values-tile > img, p.lead:not(.quiet)::first-line { color: #333 }\n@media (max-width: 40rem) {\n  .careers__values-group { display: block }\n}\n',
		);
		expect(sheet.problems).toEqual([]);
		expect(sheet.classes).toEqual(['careers__values-group', 'careers__values-tile', 'lead', 'quiet']);
		expect(sheet.css).toBe(
			'.content-body .careers__values-group { display: grid }\n.content-body .careers__values-tile > img, .content-body p.lead:not(.quiet)::first-line { color: #333 }\n@media (max-width: 40rem) {\n  .content-body .careers__values-group { display: block }\n}',
		);
	});

	it('publishes a content image a url() names, as the root path Vite resolves', () => {
		const sheet = compileContentStylesheet(
			'content/styles/values.css',
			'.hero { background: #fff url( "../images/values/paper.png" ) no-repeat }\n',
			new Set(),
			{
				imageExists: (file) => file === 'content/images/values/paper.png',
			},
		);
		expect(sheet.problems).toEqual([]);
		expect(sheet.css).toBe('.content-body .hero { background: #fff url("/content/images/values/paper.png") no-repeat }');
	});

	it('gives the same bytes for the same text', () => {
		const text = '.a { color: red }\n.b .c { margin: 0 }\n';
		expect(compile(text).css).toBe(compile(text).css);
	});

	it.each([
		['@import', '@import "theme.css";\n', 1, /@import is not allowed/],
		[
			'an external url()',
			'.hero {\n  background: url(https://cdn.example/x.png);\n}\n',
			2,
			/"background" url\(https:\/\/cdn\.example\/x\.png\) is not a relative path to an image/,
		],
		['a data: url()', '.hero { background: url("data:image/svg+xml,<svg onload=alert(1)>") }\n', 1, /is not a relative path to an image/],
		['a root-path url()', '.hero { background: url(/favicon.svg) }\n', 1, /is not a relative path to an image/],
		[
			'a url() of a missing image',
			'.hero { background-image: url("../images/missing.png") }\n',
			1,
			/resolves to content\/images\/missing\.png, which does not exist/,
		],
		[
			'a url() outside content/images/',
			'.hero { background-image: url("../en/values.md") }\n',
			1,
			/resolves to content\/en\/values\.md, which is not an image in content\/images\//,
		],
		['a url() that climbs out', '.hero { background-image: url("../images/../../package.json") }\n', 1, /which is not an image/],
		['a url() hidden behind an escape', '.hero { background: \\75 rl(https://cdn.example/x.png) }\n', 1, /CSS escape/],
		['image-set()', '.hero { background: image-set("x.png" 1x) }\n', 1, /image-set\(\)/],
		['expression()', '.a { width: expression(alert(1)) }\n', 1, /expression\(\)/],
		['behavior', '.a { behavior: something }\n', 1, /"behavior" runs code/],
		['-moz-binding', '.a { -moz-binding: none }\n', 1, /"-moz-binding" runs code/],
		['@font-face', '@font-face { font-family: x; src: local(x) }\n', 1, /@font-face is not allowed/],
		['position: fixed', '.banner { position: fixed; top: 0 }\n', 1, /position: fixed/],
		['position: sticky', '.banner { position: sticky }\n', 1, /position: sticky/],
		['a selector for <body>', 'body .a { color: red }\n', 1, /cannot be scoped to the page body: <body>/],
		[':root', ':root { --x: 1 }\n', 1, /:root is outside the page body/],
		['a nested rule', '.a {\n  .b { color: red }\n}\n', 2, /nested rules are not supported/],
		['CSS that does not parse', '.a { color: red\n', 1, /does not parse as CSS/],
	])('refuses %s with the file and line', (_name, text, line, message) => {
		const sheet = compile(text);
		expect(sheet.css).toBeUndefined();
		expect(sheet.classes).toEqual([]);
		expect(sheet.problems[0]!.line).toBe(line);
		expect(formatProblem(sheet.problems[0]!)).toMatch(new RegExp(`^content/styles/values\\.css:${line}:\\d+: `));
		expect(sheet.problems[0]!.message).toMatch(message);
	});

	it("refuses a rule that styles the site's frame (the header, the picker, a notice), naming the class and the fix", () => {
		expect(refusals('.tile { padding: 0 }\n\n.site-header, .careers__values-tile { display: none }\n.x .picker-list { opacity: 0 }\n')).toEqual([
			expect.stringMatching(/^content\/styles\/values\.css:1:1: selector "\.tile" uses the site's own class \.tile: .*rename the class/),
			expect.stringMatching(/^content\/styles\/values\.css:3:1: selector "\.site-header, \.careers__values-tile" uses the site's own class \.site-header/),
			expect.stringMatching(/^content\/styles\/values\.css:4:1: .*\.picker-list/),
		]);
	});

	it('refuses the whole file for one refusal: none of its classes are allowed', () => {
		const sheet = compile('.careers__values-tile { color: red }\n@import "x.css";\n');
		expect(sheet.css).toBeUndefined();
		expect(sheet.classes).toEqual([]);
	});
});

describe('readContentStyles', () => {
	it('keeps the good stylesheets when one is refused, in name order, and refuses a linked file', async () => {
		const root = await mkdtemp(path.join(os.tmpdir(), 'glossa-styles-'));
		await mkdir(path.join(root, 'content/styles'), { recursive: true });
		await writeFile(path.join(root, 'content/styles/b-values.css'), '.careers__values-tile { color: #333 }\n');
		await writeFile(path.join(root, 'content/styles/a-header.css'), '.note { color: red }\n.site-header { display: none }\n');
		await writeFile(path.join(root, 'outside.css'), '.outside { color: red }\n');
		await symlink(path.join(root, 'outside.css'), path.join(root, 'content/styles/c-link.css'));
		const styles = await readContentStyles(root, 'content', frame);
		expect(styles.classes).toEqual(['careers__values-tile']);
		expect(styles.css).toBe('/* content/styles/b-values.css */\n.content-body .careers__values-tile { color: #333 }\n');
		expect(styles.problems.map(formatProblem)).toEqual([
			expect.stringMatching(/^content\/styles\/a-header\.css:2:1: .*\.site-header/),
			expect.stringMatching(/^content\/styles\/c-link\.css: is a symbolic link/),
		]);
	});
});

describe('classes in content', () => {
	const page = (file: string, body: string) =>
		parseContentDocument(file, `---\ntitle: Values\n---\n\n${body}\n`, 'content', { classes: ['careers__values-tile'] });

	it('allows a class a content stylesheet defines, in Markdown raw HTML and on MDX HTML elements, and still drops the others', () => {
		const markdown = page('content/en/values.md', '<div class="careers__values-tile old-grid">Kites</div>');
		expect(markdown.dropped.map((problem) => problem.message)).toEqual(['<div> class "old-grid" is not allowed in content']);
		const mdx = page('content/en/values.mdx', '<div className="careers__values-tile">Kites</div>');
		expect(mdx.dropped).toEqual([]);
		const without = parseContentDocument('content/en/values.md', '---\ntitle: Values\n---\n\n<div class="careers__values-tile">Kites</div>\n');
		expect(without.dropped.map((problem) => problem.message)).toEqual(['<div> class "careers__values-tile" is not allowed in content']);
	});

	it('allows the layout vocabulary without a stylesheet, as MDX components and as classes', () => {
		const mdx = parseContentDocument(
			'content/en/grid.mdx',
			'---\ntitle: Grid\n---\n\n<Tiles>\n<Tile>One</Tile>\n</Tiles>\n\n<Columns>\n<Column>A</Column>\n<Column>B</Column>\n</Columns>\n',
		);
		expect(mdx.problems).toEqual([]);
		expect(mdx.dropped).toEqual([]);
		const markdown = parseContentDocument(
			'content/en/grid.md',
			'---\ntitle: Grid\n---\n\n<div class="columns"><div class="column">A</div><div class="column"><img class="icon" src="/images/offline-pack.svg" alt=""></div></div>\n\n<div class="tiles"><p>One</p></div>\n',
		);
		expect(markdown.dropped).toEqual([]);
	});

	it('refuses a translation that adds a class its English source lacks, even one a stylesheet allows', () => {
		const source = page('content/en/values.md', '<div>We fly kites.</div>');
		const translation = page('content/es-419/values.md', '<div class="careers__values-tile">Volamos cometas.</div>');
		const verdict = judgeTranslation(translation, source, {
			registry: locales,
			locale: 'es-419',
			translatableFrontmatter: ['title', 'description', 'navLabel'],
		});
		expect(verdict.problems.map(formatProblem)).toEqual([
			'content/es-419/values.md: class "careers__values-tile" is on more elements than in the English source; translators change the text, not the markup',
		]);
	});
});

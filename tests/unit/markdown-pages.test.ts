/**
 * Markdown pages brought from another site: raw HTML parsed as HTML (unclosed `<img>`, `<br>`, a `<div>`
 * grid around Markdown), sanitized by the content allowlist with file:line for each thing dropped, frontmatter
 * with keys of an old system and no description, mojibake, and translations held to their source's markup.
 */
import { describe, expect, it } from 'vitest';
import { parseContentDocument, type ContentDocument } from '../../src/content-model/content-document.ts';
import { entryFrontmatter } from '../../src/content-model/entry-data.ts';
import { descriptionFrom } from '../../src/content-model/frontmatter.ts';
import { findMojibake } from '../../src/content-model/mojibake.ts';
import { renderMarkdown } from '../../src/content-model/content-render.ts';
import { compareWithSource, droppedBeyondSource } from '../../src/content-model/translation-checks.ts';
import { locales } from '../../src/i18n/locales.ts';

const OLD_PAGE = `---
title: Field notes
nav: main
theme: dark
---

We visited three schools this spring, and each one taught us something about how pupils learn to code when the internet is slow, expensive or missing altogether.

<div class="grid">
<div class="cell">

### First school

The **lab** had six computers.<br>Two worked.
<img src="../images/field/lab.png" alt="The lab">

</div>
</div>

Read [our values](/en/values/) or <a href="/en/nowhere/">an old page</a>.
`;

const comparison = { registry: locales, locale: 'es-419', translatableFrontmatter: ['title', 'description', 'navLabel'] };

describe('a Markdown page with raw HTML', () => {
	const document = parseContentDocument('content/en/field-notes.md', OLD_PAGE);

	it('parses HTML as a browser does: unclosed <img>, <br>, and Markdown inside a <div>', () => {
		expect(document.problems).toEqual([]);
		expect(document.id).toBe('en/field-notes');
		const html = renderMarkdown('content/en/field-notes.md', OLD_PAGE.replace(/^---[\s\S]*?---\n/, '')).html;
		expect(html).toMatch(/<div>\s*<div>\s*<h3 id="first-school">First school<\/h3>/);
		expect(html).toContain('<p>The <strong>lab</strong> had six computers.<br>Two worked.');
		expect(html).toContain('<img src="../images/field/lab.png" alt="The lab">');
		expect(document.headings).toEqual([{ depth: 3, slug: 'first-school', text: 'First school' }]);
	});

	it('reports each class the allowlist does not keep, with its line, and builds without it', () => {
		expect(document.dropped.map((problem) => [problem.line, problem.message])).toEqual([
			[9, '<div> class "grid" is not allowed in content'],
			[10, '<div> class "cell" is not allowed in content'],
		]);
	});

	it('lists links and images from Markdown and from raw HTML, with their lines', () => {
		expect(document.links.map((link) => [link.value, link.line])).toEqual([
			['/en/values/', 20],
			['/en/nowhere/', 20],
		]);
		expect(document.assets.map((asset) => [asset.value, asset.line])).toEqual([['../images/field/lab.png', 15]]);
		expect(document.htmlElements.map((element) => element.value)).toEqual(['div', 'div', 'br', 'img', 'a']);
	});

	it('warns about frontmatter keys of another system, naming file, line and key, and ignores them', () => {
		expect(document.notices.map((notice) => [notice.line, notice.message])).toEqual([
			[3, 'unknown frontmatter key `nav`: ignored; declare it in src/content-model/frontmatter.ts to use it'],
			[4, 'unknown frontmatter key `theme`: ignored; declare it in src/content-model/frontmatter.ts to use it'],
		]);
		const { data } = entryFrontmatter(document, undefined, undefined);
		expect(Object.keys(data).sort()).toEqual(['description', 'title']);
	});

	it('takes a missing description from the first paragraph, cut at a word', () => {
		const { data } = entryFrontmatter(document, undefined, undefined);
		expect(data['description']).toBe(
			'We visited three schools this spring, and each one taught us something about how pupils learn to code when the internet is slow, expensive or missing…',
		);
		expect([...String(data['description'])].length).toBeLessThanOrEqual(160);
		expect(descriptionFrom('Short.')).toBe('Short.');
		expect([...descriptionFrom('文'.repeat(400))]).toHaveLength(160);
	});

	it('requires only a title, in one sentence with the line', () => {
		const untitled = parseContentDocument('content/en/untitled.md', '---\ndescription: x\nnavOrder: first\n---\n\nText.\n');
		expect(untitled.problems.map((problem) => [problem.line, problem.message])).toEqual([
			[1, 'frontmatter `title` is required: add `title: …` to the frontmatter'],
			[3, 'frontmatter `navOrder` is not valid: expected number, received string'],
		]);
	});
});

describe('hostile HTML in Markdown', () => {
	const cases: [string, RegExp][] = [
		['<script>alert(1)</script>', /<script> is not allowed/],
		['<img src="x.png" alt="" onerror="alert(1)">', /<img> attribute onerror="alert\(1\)" is not allowed/],
		['<a href="javascript:alert(1)">x</a>', /<a> attribute href="javascript:alert\(1\)" is not allowed/],
		['[x](javascript:alert(1))', /<a> attribute href="javascript:alert\(1\)" is not allowed/],
		['<iframe src="https://evil.example/"></iframe>', /<iframe> is not allowed/],
		['<p style="background:url(https://evil.example/a.png)">x</p>', /<p> attribute style=/],
		['<base href="https://evil.example/">', /<base> is not allowed/],
		['<meta http-equiv="refresh" content="0;url=https://evil.example/">', /<meta> is not allowed/],
		['<a href="data:text/html,<script>alert(1)</script>">x</a>', /<a> attribute href="data:text\/html/],
		['<form action="https://evil.example/"><input name="q"></form>', /<form> is not allowed/],
		['<object data="https://evil.example/x"></object>', /<object> is not allowed/],
		['<embed src="https://evil.example/x">', /<embed> is not allowed/],
		['<link rel="stylesheet" href="https://evil.example/x.css">', /<link> is not allowed/],
	];
	it.each(cases)('%s is dropped, with file:line', (html, message) => {
		const document = parseContentDocument('content/en/page.md', `---\ntitle: T\n---\n\nText.\n\n${html}\n`);
		expect(document.problems).toEqual([]);
		expect(document.dropped.find((problem) => message.test(problem.message))).toMatchObject({ file: 'content/en/page.md', line: 7 });
		const html5 = renderMarkdown('content/en/page.md', `Text.\n\n${html}\n`).html;
		expect(html5).not.toMatch(/<(script|iframe|base|meta|form|object|embed|link)\b|onerror|javascript:|style=|data:text/i);
	});

	it('leaves HTML comments out without a warning', () => {
		const document = parseContentDocument('content/en/page.md', '---\ntitle: T\n---\n\n<!-- an author note -->\nText.\n');
		expect(document.dropped).toEqual([]);
		expect(renderMarkdown('content/en/page.md', '<!-- an author note -->\nText.\n').html.trim()).toBe('<p>Text.</p>');
	});
});

describe('a Markdown translation', () => {
	const source = parseContentDocument('content/en/field-notes.md', OLD_PAGE);
	const translated = (text: string): ContentDocument => parseContentDocument('content/es-419/field-notes.md', text);

	it('with the same markup builds: it loses to the allowlist only what its source loses', () => {
		const translation = translated(
			OLD_PAGE.replace('title: Field notes', 'title: Notas de campo')
				.replace('The **lab** had six computers.', 'El **laboratorio** tenía seis computadoras.')
				.replace('Two worked.', 'Dos funcionaban.'),
		);
		expect(droppedBeyondSource(translation, source)).toEqual([]);
		expect(compareWithSource(translation, source, comparison)).toEqual([]);
	});

	it('with other elements than its source is refused, naming where they differ', () => {
		const translation = translated(OLD_PAGE.replace('Two worked.', '<b>Dos</b> funcionaban.'));
		expect(compareWithSource(translation, source, comparison)).toEqual([
			expect.objectContaining({
				file: 'content/es-419/field-notes.md',
				line: 14,
				message: expect.stringMatching(/its HTML differs from the English source's: <b> where content\/en\/field-notes\.md has <img> \(element 4\)/),
			}),
		]);
	});

	it('that adds a handler falls back, though its source loses classes', () => {
		const translation = translated(OLD_PAGE.replace('<br>', '<br onclick="alert(1)">'));
		expect(droppedBeyondSource(translation, source).map((problem) => problem.message)).toEqual(['<br> attribute onclick="alert(1)" is not allowed in content']);
	});
});

describe('findMojibake', () => {
	it('finds UTF-8 read as Windows-1252, with the intended character', () => {
		expect(findMojibake('Weâ€™re here.\nA cafÃ© and â€œquotesâ€\u009d.')).toEqual([
			{ found: 'â€™', intended: '’', line: 1, column: 3 },
			{ found: 'Ã©', intended: 'é', line: 2, column: 6 },
			{ found: 'â€œ', intended: '“', line: 2, column: 13 },
			{ found: 'â€\u009d', intended: '”', line: 2, column: 22 },
		]);
	});

	it('leaves correct text alone, in every script', () => {
		expect(findMojibake('Café, naïve, Ärger, São Paulo, Œuvre, “quotes”, ¿Qué?, 東京, Привет, مرحبا, £5')).toEqual([]);
	});
});

describe('conformance with CommonMark and URLs (issue #28)', () => {
	it('keeps a fenced code block’s leading blank line, as MDX does (also inside raw HTML and lists)', () => {
		const fenced = '```js\n\nlet a = 1;\n```\n';
		expect(renderMarkdown('a.md', fenced).html).toBe('<pre><code class="language-js">\nlet a = 1;\n</code></pre>');
		expect(renderMarkdown('a.md', `<div>\n\n${fenced}\n</div>\n`).html).toContain('<code class="language-js">\nlet a = 1;\n</code>');
		expect(renderMarkdown('a.md', `- item\n\n  ${fenced.replaceAll('\n', '\n  ')}`).html).toContain('<code class="language-js">\nlet a = 1;\n</code>');
		// Raw HTML is parsed as a browser parses it: a line feed right after <pre> is not content.
		expect(renderMarkdown('a.md', '<pre>\nraw</pre>\n').html).toBe('<pre>raw</pre>');
	});

	it('accepts an allowed URL scheme in any case (schemes are case-insensitive), and still refuses the rest', () => {
		const rendered = renderMarkdown('a.md', '[write](MAILTO:team@example.org) [site](HTTPS://example.org/Path) [bad](JAVASCRIPT:alert(1))\n');
		expect(rendered.html).toBe('<p><a href="mailto:team@example.org">write</a> <a href="https://example.org/Path">site</a> <a>bad</a></p>');
		expect(rendered.dropped).toHaveLength(1);
		// The report quotes the file as written, so an editor can find it.
		expect(rendered.dropped[0]!.message).toContain('href="JAVASCRIPT:alert(1)"');
	});
});

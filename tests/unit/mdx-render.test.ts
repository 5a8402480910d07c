import { load } from 'cheerio';
import { toHtml } from 'hast-util-to-html';
import type { Root } from 'hast';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';
import { describe, expect, it } from 'vitest';
import { MdxRenderError, renderMdx } from '../../src/content-model/content-render.ts';

const GFM_PAGE = `# Title

Some *emph*, **strong** and ~~struck~~ text, with https://example.org autolinked and \`code\`.

| Left | Right | Centre | None |
| :--- | ---: | :---: | --- |
| a | 1 | x | p |
| b \\| c | 22 | y | q |

- [x] done
- [ ] open
  1. nested
  2. list

> A quote[^note] and another[^2].

\`\`\`python
print("hi")
\`\`\`

[^note]: The note.
[^2]: The second note, with a [link](/en/values/).
`;

function problemsOf(body: string) {
	try {
		renderMdx('content/en/page.mdx', body);
		return [];
	} catch (error) {
		if (error instanceof MdxRenderError) return error.problems;
		throw error;
	}
}

describe('renderMdx', () => {
	it('renders GFM as the reference remark-gfm pipeline does', () => {
		const reference = unified().use(remarkParse).use(remarkGfm).use(remarkRehype);
		const expected = toHtml(reference.runSync(reference.parse(GFM_PAGE)) as Root)
			// remark-rehype still writes the obsolete `align` attribute; the build writes a class the stylesheet
			// aligns (content may not carry inline style).
			.replace(/ align="(\w+)"/g, ' class="align-$1"');
		const { html } = renderMdx('content/en/page.mdx', GFM_PAGE);
		// Also ours: headings carry their ids, and task-list checkboxes are named by their item's text.
		expect(html.replace(/<(h\d) id="[^"]*">/g, '<$1>').replace(/(<input[^>]*) aria-label="[^"]*"/g, '$1')).toBe(expected);
		expect(html).toContain('<input type="checkbox" checked disabled aria-label="done">');
		expect(html).toContain('<input type="checkbox" disabled aria-label="open">');
	});

	it('gives headings the ids links point to, unique within the page', () => {
		const { html, headings } = renderMdx('x.mdx', '## Getting started\n\n## Getting started\n\n### Über uns: ¿qué?\n');
		expect(headings).toEqual([
			{ depth: 2, slug: 'getting-started', text: 'Getting started' },
			{ depth: 2, slug: 'getting-started-1', text: 'Getting started' },
			{ depth: 3, slug: 'über-uns-qué', text: 'Über uns: ¿qué?' },
		]);
		expect(html).toContain('<h2 id="getting-started-1">');
	});

	it('renders the components content may use, without imports', () => {
		const { html } = renderMdx(
			'x.mdx',
			'<Callout type="tip" title="Before you start">\nCheck the **cables**.\n</Callout>\n\n<Figure src="/images/a.svg" alt="A map" caption="Where we work" width={640} />\n',
		);
		expect(html).toContain('<aside class="callout callout-tip" aria-label="Before you start"><p class="callout-title">Before you start</p>');
		expect(html).toContain('<strong>cables</strong>');
		expect(html).toContain(
			'<figure class="figure"><img src="/images/a.svg" alt="A map" width="640" loading="lazy" decoding="async"><figcaption>Where we work</figcaption></figure>',
		);
	});

	it('escapes text and attribute values from the source', () => {
		const title = '"><script>alert(1)</script>';
		const { html } = renderMdx('x.mdx', `<Callout title={${JSON.stringify(title)}}>x &lt; y</Callout>\n`);
		const page = load(html);
		expect(page('script')).toHaveLength(0);
		expect(page('aside').attr('aria-label')).toBe(title);
		expect(page('.callout-title').text()).toBe(title);
	});

	it('keeps MDX comments out of the page', () => {
		expect(renderMdx('x.mdx', 'Before {/* a note for translators */} after\n').html).toBe('<p>Before  after</p>');
	});

	it.each([
		['{new Date().getFullYear()}\n', 3, /JavaScript expression \{new Date\(\)\.getFullYear\(\)\} is not supported/],
		["import Chart from './chart.astro'\n\nText\n", 3, /import\/export "import Chart from '.\/chart.astro'" is not supported in content/],
		['<Chart data="x" />\n', 3, /<Chart> is not a component content may use \(known: Callout, Figure, Columns, Column, Tiles, Tile, Video, Var, VarLink\)/],
		['<Callout type="danger">x</Callout>\n', 3, /<Callout> type: /],
		['<Figure src="/a.svg" />\n', 3, /<Figure> alt: /],
		['<Figure src="/a.svg" alt="x" width={size} />\n', 3, /width=\{size\} is a JavaScript expression/],
		['<Callout {...props}>x</Callout>\n', 3, /spreads props/],
	])('refuses %s with the line in the file', (body, line, message) => {
		const problems = problemsOf(`\n\n${body}`);
		expect(problems).toHaveLength(1);
		expect(problems[0]).toMatchObject({ file: 'content/en/page.mdx', line, message: expect.stringMatching(message) });
	});

	it.each([
		['<div onClick="x()">x</div>\n', '<div>x</div>', /<div> attribute onclick="x\(\)" is not allowed in content/],
		['<iframe src="https://example.org" />\n', '', /<iframe> is not allowed in content/],
		['<noscript><b title="</noscript><img src=x onerror=alert(1)>">z</b></noscript>\n', '', /<noscript> is not allowed in content/],
		[
			'<table background="https://evil.example/t.png"><tbody><tr><td>x</td></tr></tbody></table>\n',
			'<table><tbody><tr><td>x</td></tr></tbody></table>',
			/<table> attribute background=/,
		],
		['<li>outside a list</li>\n', 'outside a list', /<li> outside <ol>\/<ul> is not allowed in content/],
	])('drops what the allowlist does not have from %s, saying where', (body, html, message) => {
		const rendered = renderMdx('content/en/page.mdx', `\n\n${body}`);
		expect(rendered.html).toBe(html);
		expect(rendered.dropped).toEqual([{ file: 'content/en/page.mdx', line: 3, column: 1, message: expect.stringMatching(message) }]);
	});

	it('refuses content nested deeper than any page needs, with the line', () => {
		expect(problemsOf(`\n\n${'>'.repeat(200)} deep\n`)).toEqual([
			expect.objectContaining({ line: 3, message: expect.stringMatching(/nested more than 64 levels/) }),
		]);
	});

	it('passes Sätteri syntax errors through with their position', () => {
		expect(() => renderMdx('x.mdx', 'Text\n\n<Callout>\nunclosed\n')).toThrow(/^\d+:\d+: /);
	});
});

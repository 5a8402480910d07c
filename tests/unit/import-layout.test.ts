/**
 * The old site's layout shortcodes and styles in the layout vocabulary (`scripts/import/layout-shortcodes.ts`):
 * what becomes columns, what is removed, and what is reported with its place instead of guessed at.
 */
import { fromHtml } from 'hast-util-from-html';
import { markdownToHast } from 'satteri';
import { toHtml } from 'hast-util-to-html';
import { describe, expect, it } from 'vitest';
import { mapLayoutShortcodes } from '../../scripts/import/layout-shortcodes.ts';

/** The body as the build's parser renders it, so the tests assert structure rather than spacing. */
const rendered = (body: string) =>
	toHtml(fromHtml(toHtml(markdownToHast(body) as Parameters<typeof toHtml>[0], { allowDangerousHtml: true }), { fragment: true }));
const columnTexts = (body: string) => {
	const tree = fromHtml(rendered(body), { fragment: true });
	const boxes: string[][] = [];
	for (const node of tree.children)
		if (node.type === 'element' && node.properties['className']?.toString() === 'columns')
			boxes.push(node.children.filter((child) => child.type === 'element').map((column) => toHtml(column.children).replace(/\s+/g, ' ').trim()));
	return boxes;
};

describe('[col-NN] shortcodes', () => {
	it('become one columns box per run of neighbouring shortcodes, each column keeping its Markdown', () => {
		const mapped = mapLayoutShortcodes(
			'Intro.\n\n[col-50]![Kite](/k.png)[/col-50]\n[col-50]Some *windy* days.[/col-50]\n\nBetween.\n\n[col-33]One[/col-33] [col-33]Two[/col-33][col-33]Three[/col-33]\n',
		);
		expect(mapped.unmapped).toEqual([]);
		expect(mapped).toMatchObject({ columnGroups: 2, columns: 5 });
		expect(columnTexts(mapped.body)).toEqual([
			['<p><img src="/k.png" alt="Kite"></p>', '<p>Some <em>windy</em> days.</p>'],
			['<p>One</p>', '<p>Two</p>', '<p>Three</p>'],
		]);
		expect(rendered(mapped.body)).toContain('<p>Intro.</p>');
		expect(rendered(mapped.body)).toContain('<p>Between.</p>');
	});

	it('are left as written in code, and reported (not guessed at) in a list, a quote or raw HTML', () => {
		const body = '```\n[col-50]code[/col-50]\n```\n\n- [col-50]in a list[/col-50]\n\n> [col-50]quoted[/col-50]\n\n<div>[col-50]raw[/col-50]</div>\n';
		const mapped = mapLayoutShortcodes(body);
		expect(mapped.body).toBe(body);
		expect(mapped.columns).toBe(0);
		expect(mapped.unmapped.map((entry) => body.slice(0, entry.offset).split('\n').length)).toEqual([5, 5, 7, 7, 9]);
		expect(mapped.unmapped[0]!.message).toMatch(/inside a list, quote, table or link is not mapped/);
		expect(mapped.unmapped[4]!.message).toMatch(/inside raw HTML/);
	});

	it('that do not pair up leave the page unchanged, reported at the first one', () => {
		for (const body of ['[col-50]open only\n', '[col-50]a[/col-33]\n', '[/col-50]closing first[col-50]\n']) {
			const mapped = mapLayoutShortcodes(body);
			expect(mapped.body, body).toBe(body);
			expect(mapped.columns, body).toBe(0);
			expect(mapped.unmapped, body).toHaveLength(1);
			expect(mapped.unmapped[0]!.message, body).toMatch(/no matching \[\/col-\d+\]/);
		}
	});
});

describe('clears and floats', () => {
	it('removes an empty clear element, and keeps one that shows something', () => {
		const mapped = mapLayoutShortcodes('<p style="clear:both">&nbsp;</p>\n\n<p style="CLEAR: left">Keep me</p>\n\n<br style="clear: both">\n');
		expect(mapped.clears).toBe(2);
		expect(mapped.body.trim()).toBe('<p style="CLEAR: left">Keep me</p>');
	});

	it('reports a floated element with its place, leaving it as it is', () => {
		const body = 'Text.\n\n<img src="/k.png" alt="Kite" style="float: right; width: 80px">\n';
		const mapped = mapLayoutShortcodes(body);
		expect(mapped.body).toBe(body);
		expect(mapped.floats).toBe(1);
		expect(mapped.unmapped).toEqual([{ offset: body.indexOf('<img'), message: expect.stringMatching(/<img> floats right .*<div class="columns">/) }]);
	});
});

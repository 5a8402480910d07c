import { describe, expect, it } from 'vitest';
import { inputLimitProblems } from '../../src/content-model/input-limits.ts';

const repeat = (text: string, times: number) => text.repeat(times);

describe('inputLimitProblems: shapes refused before the parser sees them', () => {
	it.each([
		['brackets in an expression (they crash the native parser)', `{${repeat('[', 10_000)}${repeat(']', 10_000)}}`, /brackets are nested more than 64/],
		['parentheses in an expression', `{${repeat('(', 10_000)}1${repeat(')', 10_000)}}`, /brackets are nested more than 64/],
		['nested tags', `${repeat('<b>', 32_000)}x${repeat('</b>', 32_000)}`, /tags are nested more than 64/],
		['nested tags hiding `<` in an attribute', `${repeat('<div title="<">', 5_000)}x${repeat('</div>', 5_000)}`, /tags are nested more than 64/],
		['nested tags hiding a closing tag in an attribute', `${repeat('<div title="</b>">', 5_000)}x${repeat('</div>', 5_000)}`, /tags are nested more than 64/],
		['tags whose closing tags hide in code spans', `${repeat('<span>`</b>`', 5_000)}x${repeat('</span>', 5_000)}`, /more than 3000 tags/],
		['blockquote markers on one line', `${repeat('>', 400_000)} x`, /quotes or lists are nested more than 64/],
		['list markers on one line', `${repeat('- ', 200_000)}x`, /quotes or lists are nested more than 64/],
		['character references in one paragraph', repeat('&amp;', 30_000), /more than 500 character references/],
		['a table padded to thousands of columns', `|${repeat('a|', 3_000)}\n|${repeat('-|', 3_000)}\n${repeat('x\n', 3_000)}`, /a table of 3000 columns/],
		['the same table inside a blockquote', `> |${repeat('a|', 600)}\n> |${repeat('-|', 600)}\n${repeat('>|\n', 3_000)}`, /a table of 600 columns and \d+ rows/],
	])('refuses %s, with a line, in a linear scan', (_, body, message) => {
		const problems = inputLimitProblems(`Intro.\n\n${body}\n`);
		expect(problems).toHaveLength(1);
		expect(problems[0]).toMatchObject({ line: 3, message: expect.stringMatching(message) });
	});

	it('leaves real pages alone', () => {
		const page = `# Title\n\nSome [link](/en/x/) (with [brackets]).\n\n> quote\n> > nested\n\n- a\n  - b\n\n| a | b |\n|:-:|---|\n| 1 | 2 |\n\nA &amp; B &lt; C.\n\n<Callout title="x">hi <b>bold</b></Callout>\n`;
		expect(inputLimitProblems(repeat(page, 50))).toEqual([]);
	});
});

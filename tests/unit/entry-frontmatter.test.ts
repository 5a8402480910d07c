/**
 * An entry's frontmatter is built from its document's frontmatter, validated once when the file is parsed.
 * What the build derives (a title from the first heading, a description from the first paragraph, a
 * pseudo-locale's text) is made to fit the schema, so the result passes it without a second validation:
 * each case checks the built data against the schema the collection types entries with.
 */
import { describe, expect, it } from 'vitest';
import { parseContentDocument } from '../../src/content-model/content-document.ts';
import { entryFrontmatter } from '../../src/content-model/entry-data.ts';
import { fitText, frontmatterSchema } from '../../src/content-model/frontmatter.ts';

const page = (file: string, frontmatter: string, body = 'A short first paragraph.') => parseContentDocument(file, `---\n${frontmatter}\n---\n\n${body}\n`);

describe('entry frontmatter from the validated document', () => {
	it('keeps the validated values: trimmed text, dates as dates, unknown keys left out', () => {
		const document = page('content/en/visit.md', 'title: "  Our visit  "\nupdated: 2026-03-01\nnav: main');
		expect(document.problems).toEqual([]);
		const { data } = entryFrontmatter(document, undefined, undefined);
		expect(data).toEqual({ title: 'Our visit', updated: new Date('2026-03-01'), description: 'A short first paragraph.' });
		expect(frontmatterSchema.parse(data)).toEqual(data);
	});

	it('has no validated data for frontmatter the schema refuses, and refuses to make an entry of it', () => {
		const document = page('content/en/broken.md', 'title: Broken\nnavOrder: first');
		expect(document.data).toBeUndefined();
		expect(document.problems.map((problem) => problem.message)).toEqual(['frontmatter `navOrder` is not valid: expected number, received string']);
		expect(() => entryFrontmatter(document, undefined, undefined)).toThrow(/content\/en\/broken\.md: its frontmatter is not valid/);
	});

	it('fits a description derived from a paragraph with bidi controls and no spaces to the schema', () => {
		const document = page('content/en/long.md', 'title: Long', `Start \u202e${'字'.repeat(900)}\u202c end.`);
		const { data } = entryFrontmatter(document, undefined, undefined);
		expect(data.description).not.toMatch(/[\u202a-\u202e\u2066-\u2069]/);
		expect(frontmatterSchema.parse(data)).toEqual(data);
	});

	it('makes a title that was only template code from the first heading, fitted to 200 characters', () => {
		const heading = `Welcome \u2067${'to the lab '.repeat(30)}`;
		const document = page('content/en/template.md', 'title: "<%= t(\'welcome\') %>"', `# ${heading}\n\nText.`);
		const { data } = entryFrontmatter(document, undefined, undefined);
		expect([...data.title]).toHaveLength(200);
		expect(data.title.startsWith('Welcome to the lab to the lab')).toBe(true);
		expect(data.title.endsWith('…')).toBe(true);
		expect(frontmatterSchema.parse(data)).toEqual(data);
	});

	it("takes a translation's untranslatable keys from English, compared as validated values", () => {
		const english = page('content/en/visit.md', 'title: Visit\nupdated: 2026-03-01\nnavOrder: 2');
		const sameDate = page('content/es/visit.md', "title: Visita\nupdated: '2026-03-01'");
		expect(entryFrontmatter(sameDate, english.data, undefined)).toEqual({
			data: { title: 'Visita', updated: new Date('2026-03-01'), navOrder: 2, description: 'A short first paragraph.' },
			warnings: [],
		});
		const moved = page('content/es/visit.md', 'title: Visita\nnavOrder: 7');
		const built = entryFrontmatter(moved, english.data, undefined);
		expect(built.data.navOrder).toBe(2);
		expect(built.warnings).toEqual([
			'content/es/visit.md:3: frontmatter navOrder is not translatable; it is ignored and the English value is used (change it in the English page)',
		]);
	});

	it('fitText leaves valid text alone and empties text that was only controls', () => {
		expect(fitText('navLabel', 'Lab')).toBe('Lab');
		expect(fitText('title', ' \u202e\u2066 ')).toBe('');
		expect([...fitText('navLabel', 'x'.repeat(81))]).toHaveLength(80);
	});
});

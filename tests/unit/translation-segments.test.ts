/**
 * Untranslated segments (issue 26, item 3): which segments of a translation are still the English text,
 * how the page marks them, what search indexes, and how the status counts their words.
 */
import { load } from 'cheerio';
import { toHtml } from 'hast-util-to-html';
import { describe, expect, it } from 'vitest';
import { parseContentDocument, type ContentDocument } from '../../src/content-model/content-document.ts';
import { compareWithRecord, snapshotOf } from '../../src/content-model/freshness.ts';
import type { ProjectScan } from '../../src/content-model/project-scan.ts';
import { compareSegments, hasWords, markUntranslatedSegments, type SegmentReport } from '../../src/content-model/translation-segments.ts';
import { emptyState } from '../../src/content-model/translation-state.ts';
import { computeTranslationStatus, type PageStatus } from '../../src/content-model/translation-status.ts';
import { createLocaleRegistry } from '../../src/i18n/registry.ts';
import { createUiStrings } from '../../src/i18n/ui.ts';
import { searchDocumentHtml } from '../../src/search/search-document.ts';
import { contentBodyHtml } from '../../src/site/content-body.ts';

const registry = createLocaleRegistry(
	[
		{ tag: 'en', crowdinId: 'en', endonym: 'English', englishName: 'English' },
		{ tag: 'es-419', crowdinId: 'es-419', endonym: 'Español', englishName: 'Spanish' },
		{ tag: 'ar', crowdinId: 'ar', endonym: 'العربية', englishName: 'Arabic' },
	],
	{ source: 'en' },
);
const ui = createUiStrings(registry, { en: { common: { page: { footnotes: 'Footnotes', backToReference: 'Back {{reference}}' } } } });

const parse = (file: string, title: string, body: string) => parseContentDocument(`content/${file}`, `---\ntitle: ${title}\ndescription: D\n---\n\n${body}\n`);
const compare = (translation: ContentDocument, source: ContentDocument): SegmentReport =>
	compareSegments(
		{ segments: translation.segments, title: String(translation.frontmatter!['title']) },
		{ segments: source.segments, title: String(source.frontmatter!['title']) },
	);

const englishBody = [
	'Kitebird volunteers teach coding in village schools.',
	'## Our first lesson',
	'Every pupil writes a short program on the first day.',
	'- Bring a charged laptop.\n- Python\n  - Open the editor before class starts.\n- 2026',
	'Read more at https://kitebird.example/learn and `print("hello")`.',
].join('\n\n');
const english = parse('en/guide.md', 'Teaching with Kitebird', englishBody);

describe('which segments count as untranslated', () => {
	it('needs two words of letters, once code, URLs, paths and numbers are set aside', () => {
		expect(hasWords('Python')).toBe(false);
		expect(hasWords('140')).toBe(false);
		expect(hasWords('https://kitebird.example/learn/loops/')).toBe(false);
		expect(hasWords('docs/lesson-plan.pdf team@kitebird.example')).toBe(false);
		expect(hasWords('Kitebird')).toBe(false);
		expect(hasWords('Bring a charged laptop.')).toBe(true);
		expect(hasWords('Visit www.kitebird.example today')).toBe(true);
		expect(hasWords('see:www.kitebird.example')).toBe(false);
	});

	it('answers as the single expression it replaces did, token by token', () => {
		// The earlier expression, kept here as the oracle on short strings only: on long runs without spaces it
		// is quadratic (below).
		const URL_LIKE = /\b[a-z][a-z0-9+.-]*:\/\/\S+|\bwww\.\S+|\S+@\S+\.\S+|\S*[/\\]\S*/giu;
		const oracle = (text: string) => (text.replace(URL_LIKE, ' ').match(/\p{L}[\p{L}\p{M}'’-]*/gu) ?? []).length >= 2;
		const alphabet = ['a', 'W', 'w', '.', '@', '/', '\\', ':', ' ', 'ก', '_', '-', 'é', 'x'];
		let seed = 20261207;
		const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31);
		for (let round = 0; round < 20_000; round++) {
			const text = Array.from({ length: 1 + (next() % 14) }, () => alphabet[next() % alphabet.length]).join('');
			expect([text, hasWords(text)]).toEqual([text, oracle(text)]);
		}
		for (const text of [
			'www. is not an address',
			'wwww.x.example yes',
			'team@kitebird.example',
			'a@b.',
			'@kitebird.example no',
			'Contact: team@kitebird.example.',
			'Write (team@kitebird.example).',
			'a@b.c. d',
		])
			expect([text, hasWords(text)]).toEqual([text, oracle(text)]);
	});

	it('reads a hostile paragraph without spaces in one pass', () => {
		// One run of 600,000 characters without a space (a hostile or unspaced translation): the old expression
		// tried each of its starts, about 10^11 steps; this finishes well inside the test's time limit.
		expect(hasWords('ก'.repeat(600_000))).toBe(false);
		expect(hasWords(`${'a@'.repeat(300_000)}.`)).toBe(true);
		expect(hasWords(`${'w'.repeat(300_000)}/${'ก'.repeat(300_000)}`)).toBe(false);
	});

	it('flags the segments that are the English text and have words, and nothing else', () => {
		const spanish = parse(
			'es-419/guide.md',
			'Enseñar con Kitebird',
			englishBody
				.replace('Kitebird volunteers teach coding in village schools.', 'El voluntariado de Kitebird enseña programación en escuelas rurales.')
				.replace('- Bring a charged laptop.', '- Trae una laptop con batería.')
				.replace('Read more at https://kitebird.example/learn and `print("hello")`.', 'Lee más en https://kitebird.example/learn y `print("hello")`.'),
		);
		const report = compare(spanish, english);
		// Segments: 2 paragraphs, a heading, 4 items and a paragraph (one item is only a number).
		expect(report).toMatchObject({ total: 8, untranslatedTitle: false, mostlyUntranslated: false });
		const flagged = report.untranslated.map((index) => spanish.segments[index]!.kind);
		// The heading, the paragraph after it and the nested item; not "Python", not "2026".
		expect(flagged).toEqual(['heading', 'paragraph', 'item']);
		expect(report.untranslatedWords).toBe(3 + 10 + 6);
	});

	it('a paragraph of only a URL and code is never flagged, even when identical', () => {
		const source = parse('en/links.md', 'Links', 'Our lessons are free to use.\n\nhttps://kitebird.example/learn `loop()`');
		const copy = parse('es-419/links.md', 'Enlaces', 'Nuestras lecciones son libres.\n\nhttps://kitebird.example/learn `loop()`');
		expect(compare(copy, source).untranslated).toEqual([]);
	});

	it('treats a translation as not translated only when more than half of its segments are English', () => {
		const source = parse('en/half.md', 'Four short lines', 'The club meets on Monday.\n\nThe club meets on Friday.\n\nBring your own snacks.');
		// 4 segments (with the title); 2 English is half: still a translation.
		const half = parse('es-419/half.md', 'Cuatro líneas cortas', 'El club se reúne el lunes.\n\nThe club meets on Friday.\n\nBring your own snacks.');
		expect(compare(half, source)).toMatchObject({ total: 4, mostlyUntranslated: false });
		// The title too: 3 of 4.
		const most = parse('es-419/half.md', 'Four short lines', 'El club se reúne el lunes.\n\nThe club meets on Friday.\n\nBring your own snacks.');
		expect(compare(most, source)).toMatchObject({ total: 4, untranslatedTitle: true, mostlyUntranslated: true });
	});
});

describe('the page marks each untranslated segment', () => {
	const arabic = parse(
		'ar/guide.md',
		'التدريس مع Kitebird',
		[
			'يعلّم متطوعو Kitebird البرمجة في مدارس القرى.',
			'## Our first lesson',
			'يكتب كل تلميذ برنامجًا قصيرًا في اليوم الأول.',
			'- Bring a charged laptop.\n  - افتح المحرر قبل بدء الحصة.',
		].join('\n\n'),
	);
	const report = compare(arabic, english);
	const status = { slug: 'guide', state: 'untracked', sourceHeadingIds: [], untranslated: { indices: report.untranslated } } as unknown as PageStatus;

	it('with lang="en" dir="ltr" in a right-to-left page; an item keeps its translated nested list outside the mark', () => {
		const html = contentBodyHtml({
			tree: structuredClone(arabic.tree!),
			visitor: registry.get('ar'),
			contentLocale: registry.get('ar'),
			slug: 'guide',
			registry,
			plan: { find: () => undefined },
			status,
			sectionIds: arabic.sections.map((section) => section.id),
			ui,
		});
		const $ = load(html);
		expect(
			$('[lang]')
				.toArray()
				.map((element) => [element.tagName, $(element).attr('lang'), $(element).attr('dir'), $(element).text().trim()]),
		).toEqual([
			['h2', 'en', 'ltr', 'Our first lesson'],
			['span', 'en', 'ltr', 'Bring a charged laptop.'],
		]);
		expect($('li li').attr('lang')).toBeUndefined();
		expect($('li li').parents('[lang]')).toHaveLength(0);
	});

	it('without dir in a left-to-right page', () => {
		const tree = structuredClone(arabic.tree!);
		markUntranslatedSegments(tree, report.untranslated, { lang: 'en' });
		expect(toHtml(tree)).not.toContain('dir=');
		expect(toHtml(tree)).toContain('<h2 id="our-first-lesson" lang="en" data-untranslated="">');
	});

	it('and search leaves those segments out of the page language’s index', () => {
		const $ = load(searchDocumentHtml({ url: '/ar/guide/', lang: 'ar', title: 'التدريس', tree: arabic.tree!, untranslated: report.untranslated }));
		expect($('h2[data-pagefind-ignore]').text()).toBe('Our first lesson');
		expect($('span[data-pagefind-ignore]').text().trim()).toBe('Bring a charged laptop.');
		expect($('[data-pagefind-ignore]')).toHaveLength(2);
		// The stored tree itself is left as it is.
		expect(toHtml(arabic.tree!)).not.toContain('data-pagefind-ignore');
	});
});

describe('the status', () => {
	it('counts the words of untranslated segments as missing, not translated', () => {
		const spanish = parse('es-419/guide.md', 'Enseñar con Kitebird', englishBody);
		const report = compare(spanish, english);
		const scan: ProjectScan = {
			pages: [{ slug: 'guide', sourcePath: english.file, title: 'Teaching with Kitebird', words: english.words, snapshot: snapshotOf(english) }],
			translations: [
				{
					locale: 'es-419',
					slug: 'guide',
					path: spanish.file,
					freshness: compareWithRecord(undefined, snapshotOf(english)),
					buildable: true,
					segments: report,
				},
			],
			uiStrings: {},
			ui: { resources: {}, findings: [] },
			images: {},
			localizedImages: [],
			videos: { videos: {}, pages: {}, problems: [] },
			state: emptyState(),
		};
		const status = computeTranslationStatus(registry, scan).find((entry) => entry.locale.tag === 'es-419')!;
		expect(status.wordsUntranslated).toBe(report.untranslatedWords);
		expect(status.wordsCurrent).toBe(english.words - report.untranslatedWords);
		expect(status.pages[0]!.untranslated).toMatchObject({ segments: report.untranslated.length, total: report.total, indices: report.untranslated });
	});
});

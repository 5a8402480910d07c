/**
 * Translations as Crowdin returns Markdown (issue 26, items 3 and 4): segments nobody translated come back as
 * the English text. A translation with some of them is served, each such segment marked as English; one
 * that is mostly English, or that fails its checks, shows the English page with a notice saying a
 * translation exists; a page with no translation keeps the "not translated yet" notice.
 */
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { astroBuild, type BuildResult } from '../support/astro-build.ts';
import { createFixtureProject } from '../support/fixture-project.ts';
import { runScript } from '../support/run-script.ts';
import { loadPage } from '../support/site.ts';
import { english, untranslatedFixtureFiles } from '../support/untranslated-fixture.ts';

let root: string;
let result: BuildResult;
const page = (urlPath: string) => loadPage(path.join(root, 'dist'), urlPath);

beforeAll(async () => {
	root = await createFixtureProject('untranslated-segments', untranslatedFixtureFiles);
	result = await astroBuild(root, path.join(root, 'dist'), { GLOSSA_OFFLINE: '0' });
});

describe('a translation with some segments still in English', () => {
	it('builds, and says nothing about it (it is served)', () => {
		expect(result.code, result.output).toBe(0);
		expect(result.output).not.toContain('content/es-419/club-guide.md');
		expect(result.output).not.toContain('content/ar/club-guide.md');
	});

	it('is served in Spanish, each English segment marked lang="en" and nothing else', () => {
		const $ = page('/es-419/club-guide/');
		expect($('html').attr('lang')).toBe('es-419');
		expect($('[data-notice=fallback]')).toHaveLength(0);
		expect($('article').attr('lang')).toBeUndefined();
		const marked = $('article [lang]')
			.toArray()
			.map((element) => [element.tagName, $(element).attr('lang'), $(element).attr('dir'), $(element).text().trim()]);
		expect(marked).toEqual([
			['p', 'en', undefined, english.room],
			['li', 'en', undefined, english.print],
			['p', 'en', undefined, english.finish],
		]);
		// One word ("Python") and numbers are what every language writes the same: never flagged.
		expect($('article li:contains("Python")').attr('lang')).toBeUndefined();
		expect($('article td:contains("30")').attr('lang')).toBeUndefined();
		expect($('article h1').attr('lang')).toBeUndefined();
	});

	it('is served in Arabic, right to left, each English segment marked lang="en" dir="ltr"', () => {
		const $ = page('/ar/club-guide/');
		expect($('html').attr('dir')).toBe('rtl');
		expect($('[data-notice=fallback]')).toHaveLength(0);
		const marked = $('article [lang]')
			.toArray()
			.map((element) => [element.tagName, $(element).attr('lang'), $(element).attr('dir'), $(element).text().trim()]);
		expect(marked).toEqual([
			['p', 'en', 'ltr', english.invite],
			['h2', 'en', 'ltr', english.during],
		]);
		// The heading keeps its id, so links to the section still work.
		expect($('article h2[lang=en]').attr('id')).toBeTruthy();
	});
});

describe('a translation that is mostly English', () => {
	it('is left out with a warning that says why', () => {
		expect(result.output).toMatch(/content\/pt-BR\/club-guide\.md: mostly untranslated: 13 of its 17 segments are the English text/);
	});

	it('shows the English page with the notice that a translation exists, in Portuguese', () => {
		const $ = page('/pt-br/club-guide/');
		expect($('html').attr('lang')).toBe('pt-BR');
		expect($('article').attr('lang')).toBe('en');
		expect($('article h1').text()).toBe(english.title);
		const notice = $('[data-notice=fallback]');
		expect(notice).toHaveLength(1);
		expect(notice.attr('data-fallback')).toBe('refused');
		expect(notice.text()).toContain('Existe uma tradução desta página, mas ela ainda não pode ser exibida');
		expect(notice.text()).not.toContain('Esta página ainda não foi traduzida');
		expect(notice.find('a[data-link=original]').attr('href')).toBe('/en/club-guide/');
		// Not a translation: canonical to English, and no hreflang for it.
		expect($('link[rel=canonical]').attr('href')).toMatch(/\/en\/club-guide\/$/);
		expect($('link[hreflang=pt-BR]')).toHaveLength(0);
	});
});

describe('a translation that fails its checks', () => {
	it('shows the English page with the notice that a translation exists, in Korean', () => {
		const $ = page('/ko/club-guide/');
		const notice = $('[data-notice=fallback]');
		expect(notice.attr('data-fallback')).toBe('refused');
		expect(notice.text()).toContain('이 페이지의 번역이 있지만 아직 표시할 수 없습니다');
		expect(notice.text()).not.toContain('이 페이지는 아직 번역되지 않았습니다');
	});

	it('leaves the "not translated yet" notice to pages with no translation at all', () => {
		const $ = page('/tr/club-guide/');
		const notice = $('[data-notice=fallback]');
		expect(notice.attr('data-fallback')).toBe('missing');
		expect(notice.text()).toContain('Bu sayfa henüz çevrilmedi');
	});
});

describe('the status', () => {
	interface JsonStatus {
		locale: string;
		coverage: number;
		wordsUntranslated: number;
		untranslated: { slug: string; state: string; segments: number; total: number; share: number; words: number }[];
		refused: { slug: string; kind: string; reason: string }[];
		pages?: { slug: string; state: string; untranslated?: { share: number; indices: number[] } }[];
	}
	let json: JsonStatus[];
	beforeAll(async () => {
		const status = await runScript(root, 'scripts/i18n/cli.ts', ['status', '--json', '--locale', 'es-419', '--locale', 'pt-BR', '--locale', 'ko']);
		expect(status.code, status.output).toBe(0);
		json = JSON.parse(status.output) as JsonStatus[];
	});
	const of = (tag: string) => json.find((entry) => entry.locale === tag)!;

	it('reports the untranslated share of a served translation, and counts its words as missing', () => {
		const spanish = of('es-419');
		const guide = spanish.untranslated.find((entry) => entry.slug === 'club-guide')!;
		// 17 segments with letters (the title, 4 headings, 7 paragraphs, 3 items, 4 cells with letters), 3 in English.
		expect(guide).toMatchObject({ state: 'untracked', segments: 3, total: 17 });
		expect(guide.share).toBeCloseTo(3 / guide.total, 5);
		// The three English segments' words: 11 + 4 + 10.
		expect(guide.words).toBe(25);
		expect(spanish.wordsUntranslated).toBe(guide.words);
		expect(spanish.pages!.find((entry) => entry.slug === 'club-guide')!.untranslated!.indices).toHaveLength(3);
	});

	it('reports the mostly English translation as refused, with its share and the reason', () => {
		const portuguese = of('pt-BR');
		const guide = portuguese.untranslated.find((entry) => entry.slug === 'club-guide')!;
		expect(guide.state).toBe('broken');
		expect(guide.share).toBeGreaterThan(0.5);
		expect(portuguese.refused).toContainEqual(expect.objectContaining({ slug: 'club-guide', kind: 'untranslated' }));
		expect(portuguese.refused.find((entry) => entry.slug === 'club-guide')!.reason).toContain('mostly untranslated');
		// Its words are not translated words.
		expect(portuguese.wordsUntranslated).toBe(0);
	});

	it('reports the translation that fails its checks as refused, with the reason', () => {
		const korean = of('ko');
		expect(korean.refused).toContainEqual(expect.objectContaining({ slug: 'club-guide', kind: 'checks' }));
		expect(korean.refused.find((entry) => entry.slug === 'club-guide')!.reason).toContain('content/ko/club-guide.md:1: frontmatter `title` is required');
	});

	it('lists refused translations with their reason on /status/, and the untranslated share', () => {
		const $ = page('/status/');
		const portuguese = $('#status-pt-br');
		expect(portuguese.find('.status-refused li[data-slug=club-guide]').attr('data-refusal')).toBe('untranslated');
		expect(portuguese.find('.status-refused li[data-slug=club-guide]').text()).toContain('mostly untranslated');
		expect(portuguese.find('.status-pages li[data-slug=club-guide] .status-untranslated').text()).toBe('76% still in English (13 of 17 segments)');
		expect($('#status-ko .status-refused li[data-slug=club-guide]').text()).toContain('frontmatter `title` is required');
		const spanish = $('#status-es-419 .status-pages li[data-slug=club-guide]');
		expect(spanish.find('.status-untranslated').text()).toMatch(/^\d+% still in English \(3 of \d+ segments\)$/);
	});
});

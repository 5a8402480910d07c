import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { buildLocaleTable, type LocaleTable } from '../../src/i18n/locale-table.ts';
import { locales } from '../../src/i18n/locales.ts';
import { negotiateLocale } from '../../src/i18n/negotiate.ts';
import { LOCALE_CHOOSER_SCRIPT, LOCALE_LOOKUP_FUNCTION } from '../../src/security/inline-scripts.ts';
import { BROWSER_TAGS } from './browser-tags.fixture.ts';

const offered = locales.listed;
const table: LocaleTable = buildLocaleTable(
	offered.map((locale) => ({ tag: locale.tag, path: `/${locale.segment}/` })),
	locales.source.tag,
);
const pickLocale = new Function(`${LOCALE_LOOKUP_FUNCTION}\nreturn glossaPickLocale;`)() as (table: LocaleTable['table'], tags: readonly string[]) => number;
const viaTable = (tags: readonly string[]) => {
	const picked = pickLocale(table.table, tags);
	return table.locales[picked >= 0 ? picked : table.fallback]![0];
};

describe('the language table for /', () => {
	it('is tested on at least 200 real browser language tags', () => {
		expect(new Set(BROWSER_TAGS).size).toBeGreaterThanOrEqual(200);
		for (const tag of ['es-MX', 'es-US', 'pt-PT', 'zh-TW', 'zh-HK', 'zh-SG', 'sr-Latn', 'uz-Cyrl', 'ar-EG', 'th-TH', 'en-IN'])
			expect(BROWSER_TAGS).toContain(tag);
	});

	it.each(BROWSER_TAGS)('answers %s as the full CLDR matcher does', (tag) => {
		expect(viaTable([tag])).toBe(negotiateLocale([tag], offered, locales.source).tag);
	});

	it.each([
		['es-MX', 'es-419'],
		['es-US', 'es-419'],
		['pt-PT', 'pt-BR'],
		['zh-TW', 'zh-Hant'],
		['zh-HK', 'zh-Hant'],
		['zh-SG', 'zh-Hans'],
		['ar-EG', 'ar'],
		['en-IN', 'en'],
		['de-CH', 'en'],
		// An undetermined language takes one from its region or script, as the CLDR matcher does.
		['und-TW', 'zh-Hant'],
		['und-CN', 'zh-Hans'],
		['und-Hans', 'zh-Hans'],
		['und-Hant', 'zh-Hant'],
		['und-Latn', 'en'],
	])('sends %s to %s', (tag, expected) => {
		expect(viaTable([tag])).toBe(expected);
	});

	it.each(['und-Hans', 'und-Hant', 'und-Latn', 'und-TW', 'und-CN'])('reads %s in Node without throwing, as the full matcher does', (tag) => {
		expect(() => pickLocale(table.table, [tag])).not.toThrow();
		expect(viaTable([tag])).toBe(negotiateLocale([tag], offered, locales.source).tag);
	});

	it("walks the visitor's languages in order: the first one the site offers wins", () => {
		expect(viaTable(['de-DE', 'fr', 'ru-RU', 'en'])).toBe('ru');
		expect(viaTable(['x-klingon', 'zh-HK', 'en'])).toBe('zh-Hant');
		expect(viaTable([])).toBe('en');
	});

	it('fits, with the script that reads it, in 2 kB gzipped', () => {
		const page = `<script type="application/json" data-glossa-data="locale-table">${JSON.stringify(table)}</script><script>${LOCALE_CHOOSER_SCRIPT}</script>`;
		expect(gzipSync(page).length).toBeLessThanOrEqual(2048);
	});
});

import { describe, expect, it } from 'vitest';
import { negotiateLocale } from '../../src/i18n/negotiate.ts';
import { locales } from '../../src/i18n/locales.ts';

const offered = locales.listed;
const negotiate = (...requested: string[]) => negotiateLocale(requested, offered, locales.source).tag;

describe('negotiateLocale', () => {
	it.each([
		['es-MX', 'es-419'],
		['es-AR', 'es-419'],
		['zh-TW', 'zh-Hant'],
		['zh-HK', 'zh-Hant'],
		['zh-CN', 'zh-Hans'],
		['zh-SG', 'zh-Hans'],
		['pt-PT', 'pt-BR'],
		['pt', 'pt-BR'],
		['ar-EG', 'ar'],
		['ko-KR', 'ko'],
		['en-GB', 'en'],
	])('matches %s to %s', (requested, expected) => {
		expect(negotiate(requested)).toBe(expected);
	});

	it('walks the visitor list in order, skipping languages the site does not offer', () => {
		expect(negotiate('de-DE', 'fr', 'ru-RU', 'en')).toBe('ru');
	});

	it('falls back to English when nothing is close, and survives malformed tags', () => {
		expect(negotiate('de-CH', 'fr')).toBe('en');
		expect(negotiate('%%%', '')).toBe('en');
		expect(negotiate()).toBe('en');
	});
});

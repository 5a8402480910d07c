import { describe, expect, it } from 'vitest';
import { createLocaleRegistry } from '../../src/i18n/registry.ts';
import { createUiStrings, MissingUiStringError } from '../../src/i18n/ui.ts';

const registry = createLocaleRegistry(
	[
		{ tag: 'en', crowdinId: 'en', endonym: 'English', englishName: 'English' },
		{ tag: 'es', crowdinId: 'es-ES', endonym: 'Español', englishName: 'Spanish' },
		{ tag: 'es-419', crowdinId: 'es-419', endonym: 'Español (Latinoamérica)', englishName: 'Spanish (Latin America)' },
		{ tag: 'ar', crowdinId: 'ar', endonym: 'العربية', englishName: 'Arabic' },
		{ tag: 'ru', crowdinId: 'ru', endonym: 'Русский', englishName: 'Russian' },
		{ tag: 'pl', crowdinId: 'pl', endonym: 'Polski', englishName: 'Polish' },
	],
	{ source: 'en' },
);

const ui = createUiStrings<string>(registry, {
	en: {
		common: {
			greeting: 'Hello, {{name}}',
			onlyEnglish: 'English only',
			fromSpanish: 'From English',
			empty: 'Not empty in English',
			files_one: '{{count}} file',
			files_other: '{{count}} files',
		},
	},
	es: { common: { fromSpanish: 'Desde el español', onlyEnglish: '' } },
	'es-419': { common: { greeting: 'Hola, {{name}}', empty: '' } },
	ar: {
		common: {
			files_zero: 'لا ملفات',
			files_one: 'ملف واحد',
			files_two: 'ملفان',
			files_few: '{{count}} ملفات',
			files_many: '{{count}} ملفًا',
			files_other: '{{count}} ملف',
		},
	},
	ru: { common: { files_one: '{{count}} файл', files_few: '{{count}} файла', files_many: '{{count}} файлов', files_other: '{{count}} файла' } },
	pl: { common: { files_one: '{{count}} plik', files_few: '{{count}} pliki', files_many: '{{count}} plików', files_other: '{{count}} pliku' } },
});
const t = (tag: string, key: string, options?: Record<string, unknown>) => ui.t(registry.get(tag), key, options);

describe('UI strings', () => {
	it('follows the fallback chain es-419 -> es -> en', () => {
		expect(t('es-419', 'greeting', { name: 'Ana' })).toBe('Hola, Ana');
		expect(t('es-419', 'fromSpanish')).toBe('Desde el español');
		expect(t('es-419', 'onlyEnglish')).toBe('English only');
	});

	it('treats an empty translation as missing', () => {
		expect(t('es-419', 'empty')).toBe('Not empty in English');
	});

	it('fails loudly when English lacks a key, naming the file', () => {
		expect(() => t('es-419', 'nowhere.toBeFound')).toThrow(MissingUiStringError);
		expect(() => t('en', 'nav.missing')).toThrow('UI string "nav.missing" is missing from locales/en/common.json');
	});

	it('uses all six Arabic plural forms', () => {
		expect([0, 1, 2, 3, 11, 100].map((count) => t('ar', 'files', { count }))).toEqual(['لا ملفات', 'ملف واحد', 'ملفان', '3 ملفات', '11 ملفًا', '100 ملف']);
	});

	it('uses Russian and Polish one/few/many/other', () => {
		expect([1, 3, 5, 21, 1.5].map((count) => t('ru', 'files', { count }))).toEqual(['1 файл', '3 файла', '5 файлов', '21 файл', '1.5 файла']);
		expect([1, 3, 5, 22, 1.5].map((count) => t('pl', 'files', { count }))).toEqual(['1 plik', '3 pliki', '5 plików', '22 pliki', '1.5 pliku']);
	});

	it('formats counts with Intl in the locale when the string asks for it', () => {
		const numbers = createUiStrings<string>(registry, {
			en: { common: { total: '{{count, number}} pages' } },
			pl: { common: { total: '{{count, number}} stron' } },
		});
		expect(numbers.t(registry.get('en'), 'total', { count: 12345 })).toBe('12,345 pages');
		expect(numbers.t(registry.get('pl'), 'total', { count: 12345 }).replace(/\s/u, ' ')).toBe('12 345 stron');
	});

	it('interpolates values verbatim (escaping happens once, when Astro prints the string)', () => {
		expect(t('en', 'greeting', { name: '<b>Ana & Bo</b>' })).toBe('Hello, <b>Ana & Bo</b>');
	});

	it('gives raw templates along the fallback chain, for strings filled in the browser', () => {
		expect(ui.raw(registry.get('es-419'), 'greeting')).toBe('Hola, {{name}}');
		expect(ui.raw(registry.get('es-419'), 'fromSpanish')).toBe('Desde el español');
		expect(ui.raw(registry.get('es-419'), 'empty')).toBe('Not empty in English');
		expect(ui.raw(registry.get('ru'), 'files_few')).toBe('{{count}} файла');
	});

	it('tells whether a locale has its own string', () => {
		expect(ui.hasOwn(registry.get('es-419'), 'greeting')).toBe(true);
		expect(ui.hasOwn(registry.get('es-419'), 'fromSpanish')).toBe(false);
	});
});

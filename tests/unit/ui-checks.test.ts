import { describe, expect, it } from 'vitest';
import { checkUiTranslation, placeholders } from '../../src/i18n/ui-checks.ts';

const english = JSON.stringify({
	nav: { home: 'Home' },
	greeting: 'Hello, {{name}}',
	files_one: '{{count, number}} file',
	files_other: '{{count, number}} files',
});

describe('checkUiTranslation', () => {
	it('accepts a faithful translation, with the plural forms of the target language', () => {
		const arabic = {
			nav: { home: 'الرئيسية' },
			greeting: 'مرحبًا {{name}}',
			files_zero: 'لا ملفات',
			files_two: 'ملفان',
			files_few: '{{count, number}} ملفات',
			files_other: '{{count, number}} ملف',
		};
		const result = checkUiTranslation(JSON.stringify(arabic), english, 'ar');
		expect(result.problems).toEqual([]);
		expect(result.cleaned).toEqual(arabic);
	});

	it('drops empty strings so i18next falls back', () => {
		const result = checkUiTranslation(JSON.stringify({ nav: { home: '' }, greeting: 'Hola, {{name}}' }), english, 'es-419');
		expect(result.cleaned).toEqual({ greeting: 'Hola, {{name}}' });
		expect(result.droppedEmpty).toBe(1);
	});

	it('rejects a wrong placeholder, an unknown key, a plural form the language lacks, and markup', () => {
		const result = checkUiTranslation(
			JSON.stringify({ greeting: 'Hola, {{nombre}}', extra: 'x', files_few: '{{count}} archivos', nav: { home: '<img src=x onerror=alert(1)>' } }),
			english,
			'es-419',
		);
		expect(result.cleaned).toBeUndefined();
		expect(result.problems).toEqual([
			'greeting: placeholders {{nombre}} differ from English {{name}}',
			'extra: not a key of the English file',
			'files_few: "few" is not a plural form of es-419 (it has one, many, other)',
			'nav.home: contains markup the English string does not have',
		]);
	});

	it('rejects files that are not JSON objects of strings', () => {
		expect(checkUiTranslation('{"a":', english, 'pl').problems[0]).toMatch(/^not valid JSON/);
		expect(checkUiTranslation('[1,2]', english, 'pl').problems).toEqual(['expected an object of strings']);
		expect(checkUiTranslation('{"greeting": 3}', english, 'pl').problems).toEqual(['greeting: expected a string or an object of strings']);
	});
});

describe('placeholders', () => {
	it('names interpolations and nestings, ignoring formats', () => {
		expect(placeholders('{{count, number}} of {{ total }} $t(nav.home)')).toEqual(['$t(nav.home)', 'count', 'total']);
	});
});

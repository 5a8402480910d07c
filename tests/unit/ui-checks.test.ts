import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createLocaleRegistry } from '../../src/i18n/registry.ts';
import { createUiStrings } from '../../src/i18n/ui.ts';
import { loadUiResources } from '../../src/i18n/ui-resources.ts';
import { describe, expect, it } from 'vitest';
import { checkNesting, checkUiTranslation, placeholders } from '../../src/i18n/ui-checks.ts';

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

describe('checkNesting', () => {
	const strings = (entries: Record<string, string>) => (key: string) => entries[key];

	it('accepts nesting that ends', () => {
		expect(checkNesting(['a'], strings({ a: 'see $t(b) and $t(c, {"count": 2})', b: 'B', c: 'C' }))).toEqual([]);
	});

	it('reports a cycle through three keys, naming it, without recursing', () => {
		const problems = checkNesting(['a', 'b', 'c'], strings({ a: '$t(b)', b: '$t(c)', c: '$t(a)' }));
		expect(problems.map((problem) => problem.key)).toEqual(['a', 'b', 'c']);
		expect(problems[0]!.message).toBe('a: $t() nesting goes round in a cycle (a → b → c → a)');
	});

	it('reports growth over the limit without expanding it (eight levels of ten)', () => {
		const chain: Record<string, string> = {};
		for (let level = 0; level < 8; level++) chain[`k${level}`] = `$t(k${level + 1}) `.repeat(10);
		chain['k8'] = 'x'.repeat(300);
		const problems = checkNesting(['k0'], strings(chain));
		expect(problems).toHaveLength(1);
		expect(problems[0]!.message).toMatch(/^k0: grows to \d+ characters through \$t\(\) nesting, over the 2000-character limit$/);
	});
});

describe('loadUiResources', () => {
	const registry = createLocaleRegistry(
		[
			{ tag: 'en', crowdinId: 'en', endonym: 'English', englishName: 'English' },
			{ tag: 'tr', crowdinId: 'tr', endonym: 'Türkçe', englishName: 'Turkish' },
		],
		{ source: 'en' },
	);
	const project = (files: Record<string, unknown>) => {
		const root = mkdtempSync(path.join(os.tmpdir(), 'glossa-ui-'));
		for (const [file, value] of Object.entries(files)) {
			mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
			writeFileSync(path.join(root, file), typeof value === 'string' ? value : JSON.stringify(value, null, 2));
		}
		return path.join(root, 'locales');
	};

	it('stops on an English cycle, naming file, line and key', () => {
		const dir = project({ 'locales/en/common.json': { a: '$t(b)', b: '$t(c)', c: '$t(a)' } });
		expect(() => loadUiResources(dir, registry, () => {})).toThrow(/^locales\/en\/common\.json:2: a: \$t\(\) nesting goes round in a cycle \(a → b → c → a\)/);
	});

	it('drops only the bad translated strings, warning once for each with file, line and key', () => {
		const dir = project({
			'locales/en/common.json': { search: { searching: 'Searching…', none: 'None' }, count: 'Three' },
			'locales/tr/common.json': { search: { searching: 'x</script><script>alert(1)</script>', none: 'Yok' }, count: 3 },
		});
		const warnings: string[] = [];
		const resources = loadUiResources(dir, registry, (message) => warnings.push(message));
		expect(resources['tr']).toEqual({ common: { search: { none: 'Yok' } } });
		expect(warnings).toEqual([
			'[glossa] warning: locales/tr/common.json:6: count: expected a string or an object of strings; tr uses the en string instead',
			'[glossa] warning: locales/tr/common.json:3: search.searching: contains markup the English string does not have; tr uses the en string instead',
		]);
		const ui = createUiStrings(registry, resources);
		expect(ui.t(registry.get('tr'), 'search.searching')).toBe('Searching…');
		expect(ui.t(registry.get('tr'), 'search.none')).toBe('Yok');
	});
});

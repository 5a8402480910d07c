import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CACHED_JSON_FOLDER } from '../../src/cache/cached-json.ts';
import { cachedLocaleTable } from '../../src/i18n/locale-table.ts';
import { intlSubtags, listSubtags } from '../../src/i18n/subtags.ts';

const folders: string[] = [];
afterEach(() => {
	for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

describe('the subtags Intl knows', () => {
	const listed = listSubtags();

	it('lists the language, script and region subtags a browser sends, in canonical form only', () => {
		expect(listed.languages).toEqual(expect.arrayContaining(['en', 'es', 'zh', 'sr', 'uz', 'fil', 'yue']));
		// Deprecated forms are read by the browser as their replacements (`iw` -> `he`), so they are not keys.
		expect(listed.languages).not.toContain('iw');
		expect(listed.scripts).toEqual(expect.arrayContaining(['Latn', 'Cyrl', 'Hans', 'Hant', 'Arab', 'Zyyy']));
		expect(listed.regions).toEqual(expect.arrayContaining(['US', 'MX', 'TW', '419', '001']));
		expect(listed.regions).not.toContain('ZZ');
		expect(listed.regions).not.toContain('XA');
	});

	it('is listed once per runtime: a second build reads the cache folder, and the lists are the same', () => {
		const cacheDir = mkdtempSync(path.join(tmpdir(), 'glossa-subtags-'));
		folders.push(cacheDir);
		expect(intlSubtags(cacheDir)).toEqual(listed);
		const kept = readdirSync(path.join(cacheDir, CACHED_JSON_FOLDER)).filter((name) => name.startsWith('intl-subtags-'));
		expect(kept).toHaveLength(1);
		// What is read is what was kept: an entry changed on disk is what the next build gets.
		writeFileSync(path.join(cacheDir, CACHED_JSON_FOLDER, kept[0]!), JSON.stringify({ languages: ['en'], scripts: ['Latn'], regions: ['US'] }));
		expect(intlSubtags(cacheDir)).toEqual({ languages: ['en'], scripts: ['Latn'], regions: ['US'] });
	});

	it("names the lists in the locale table's key: a table made from other lists is not read for these", () => {
		const cacheDir = mkdtempSync(path.join(tmpdir(), 'glossa-subtags-table-'));
		folders.push(cacheDir);
		const offered = [
			{ tag: 'en', path: '/en/' },
			{ tag: 'pt-BR', path: '/pt-br/' },
		];
		const table = cachedLocaleTable(offered, 'en', cacheDir);
		expect(table.table['pt']).toBe(1);
		expect(cachedLocaleTable(offered, 'en', undefined)).toEqual(table);
		// Lists that know no Portuguese (as a change to how they are listed might give): a new table, not the kept one.
		const kept = readdirSync(path.join(cacheDir, CACHED_JSON_FOLDER)).find((name) => name.startsWith('intl-subtags-'))!;
		writeFileSync(path.join(cacheDir, CACHED_JSON_FOLDER, kept), JSON.stringify({ ...listed, languages: listed.languages.filter((code) => code !== 'pt') }));
		expect(cachedLocaleTable(offered, 'en', cacheDir).table['pt']).toBeUndefined();
	}, 60_000);
});

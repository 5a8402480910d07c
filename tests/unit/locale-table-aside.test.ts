/** The root page's language table computed in a worker while the content syncs (`locale-table-integration.ts`). */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CACHED_JSON_FOLDER } from '../../src/cache/cached-json.ts';
import { keepLocaleTableAside } from '../../src/i18n/locale-table-integration.ts';
import { buildLocaleTable, cachedLocaleTable, offeredAtRoot, type LocaleTable } from '../../src/i18n/locale-table.ts';
import { locales } from '../../src/i18n/locales.ts';

const folders: string[] = [];
afterEach(() => {
	for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

const keptTables = (cacheDir: string) => readdirSync(path.join(cacheDir, CACHED_JSON_FOLDER)).filter((name) => name.startsWith('locale-table-'));

describe('the language table computed aside', () => {
	it('is the table the root page would compute, kept where the root page reads it', async () => {
		const cacheDir = mkdtempSync(path.join(tmpdir(), 'glossa-table-aside-'));
		folders.push(cacheDir);
		await keepLocaleTableAside(locales, cacheDir);
		const [kept, ...others] = keptTables(cacheDir);
		expect(others).toEqual([]);
		const offered = offeredAtRoot(locales.listed);
		const table = JSON.parse(readFileSync(path.join(cacheDir, CACHED_JSON_FOLDER, kept!), 'utf8')) as LocaleTable;
		expect(table).toEqual(buildLocaleTable(offered, locales.source.tag));
		expect(table.locales.map(([tag]) => tag)).toEqual(locales.listed.map((locale) => locale.tag));
		// The subtags it asked about are kept too, for the host rules made after the pages.
		expect(readdirSync(path.join(cacheDir, CACHED_JSON_FOLDER)).some((name) => name.startsWith('intl-subtags-'))).toBe(true);

		// The root page reads what was kept (an entry changed on disk is what it gets), and computes nothing.
		const marked: LocaleTable = { ...table, table: { xx: 0 } };
		writeFileSync(path.join(cacheDir, CACHED_JSON_FOLDER, kept!), JSON.stringify(marked));
		expect(cachedLocaleTable(offered, locales.source.tag, cacheDir)).toEqual(marked);
	}, 60_000);

	it('is not used by a root page that lists other locales: that page computes its own', async () => {
		const cacheDir = mkdtempSync(path.join(tmpdir(), 'glossa-table-aside-miss-'));
		folders.push(cacheDir);
		await keepLocaleTableAside(locales, cacheDir);
		// After the sync, one `auto` locale turned out below its threshold: the page lists one locale fewer.
		const listed = offeredAtRoot(locales.listed.filter((locale) => locale.tag !== 'pl'));
		const table = cachedLocaleTable(listed, locales.source.tag, cacheDir);
		expect(table.locales.map(([tag]) => tag)).not.toContain('pl');
		expect(keptTables(cacheDir)).toHaveLength(2);
	}, 60_000);
});

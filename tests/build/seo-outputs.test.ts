/**
 * What a crawler and a static host read besides the pages (issue #28): `robots.txt` names the sitemap by
 * its absolute URL, and `_redirects` / `language-rules.json` carry the language choice at `/` for hosts that
 * make it before the page loads, from the same table the page carries.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { hostLanguageRules, hostRulesJson, netlifyRedirects } from '../../src/i18n/host-redirects.ts';
import type { LocaleTable } from '../../src/i18n/locale-table.ts';
import { demoDist } from '../support/paths.ts';
import { builtPages, loadPage } from '../support/site.ts';

const built = (file: string) => readFileSync(path.join(demoDist, file), 'utf8');

describe('robots.txt', () => {
	it('allows everything and names the sitemap by its absolute URL on the configured site', () => {
		expect(built('robots.txt').split('\n')).toEqual(['User-agent: *', 'Allow: /', 'Sitemap: https://glossa.example.org/sitemap.xml', '']);
	});
});

describe('links to files', () => {
	it('lead to no ZIM in a build that made none (the offer stays hidden, its address in data-href)', async () => {
		const pages = await builtPages(demoDist);
		expect(pages.length).toBeGreaterThan(100);
		for (const page of pages) expect(loadPage(demoDist, `/${page}`)('a[href$=".zim"]'), page).toHaveLength(0);
	});
});

describe('sections', () => {
	it('each have a heading (the Nu checker warns about one without), the offline-pack box included', async () => {
		const pages = await builtPages(demoDist);
		const offlineAccess = pages.filter((page) => page.includes('offline-access'));
		expect(offlineAccess.length).toBeGreaterThan(5);
		for (const page of offlineAccess) expect(loadPage(demoDist, `/${page}`)('[data-offline-pack]'), page).toHaveLength(1);
		for (const page of pages) {
			const $ = loadPage(demoDist, `/${page}`);
			$('section').each((_, section) => {
				expect($(section).find('h1, h2, h3, h4, h5, h6').length, `${page}: <section class="${$(section).attr('class') ?? ''}">`).toBeGreaterThan(0);
			});
		}
	});
});

describe('the host language rules', () => {
	const table = JSON.parse(loadPage(demoDist, '/')('script[data-glossa-data="locale-table"]').text()) as LocaleTable;

	it('are written from the very table / carries, for Netlify and as JSON', () => {
		const rules = hostLanguageRules(table);
		expect(built('_redirects')).toBe(netlifyRedirects(rules));
		expect(built('language-rules.json')).toBe(hostRulesJson(rules));
	});

	it('send Latin American Spanish and Traditional Chinese readers to their pages before / loads', () => {
		const lines = built('_redirects').split('\n');
		expect(lines).toContain('/  /es-419/  302!  Language=es');
		expect(lines).toContain('/  /zh-hant/  302!  Language=zh-tw');
		expect(lines).toContain('/  /zh-hans/  302!  Language=zh');
		// Every target is a built locale home page.
		for (const line of lines.filter((candidate) => candidate.includes(' 302! ')))
			expect(loadPage(demoDist, line.split(/\s+/)[1]!)('html').attr('lang')).toBeTruthy();
	});
});

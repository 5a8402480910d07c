import { describe, expect, it } from 'vitest';
import { oldPagePath, resolveLink, variableDestination, type OldSiteLinks, type SiteLinkTargets } from '../../src/content-model/link-resolver.ts';
import { localeOfCode } from '../../scripts/import/import-pages.ts';
import { createLocaleRegistry } from '../../src/i18n/registry.ts';

const registry = createLocaleRegistry(
	[
		{ tag: 'en', crowdinId: 'en', endonym: 'English', englishName: 'English' },
		{ tag: 'es-419', crowdinId: 'es-419', endonym: 'Español', englishName: 'Spanish' },
		{ tag: 'pt-BR', crowdinId: 'pt-BR', endonym: 'Português', englishName: 'Portuguese' },
		{ tag: 'zh-Hant', crowdinId: 'zh-TW', endonym: '繁體中文', englishName: 'Chinese (Traditional)' },
	],
	{ source: 'en' },
);
const pages = new Set(['en/', 'en/learn', 'en/promote/resources', 'es-419/becas']);
const site: SiteLinkTargets = {
	registry,
	hasPage: (locale, slug) => pages.has(`en/${slug}`) || pages.has(`${locale.tag}/${slug}`),
	hasPublicFile: (rootPath) => rootPath === '/files/plan.pdf' || rootPath === '/robots.txt',
};
const oldSite = (pageFile: string, siteUrl?: string): OldSiteLinks => ({
	importedPages: new Map([
		['', ''],
		['learn', 'learn'],
		['promote/resources', 'promote/resources'],
	]),
	siteUrl: siteUrl ? new URL(siteUrl) : undefined,
	pageFile,
});

describe('resolveLink, for npm run check (a page of the site)', () => {
	it('finds pages of the site in any locale, and says why one leads nowhere', () => {
		expect(resolveLink('/en/learn/#loops', site)).toMatchObject({ kind: 'page', slug: 'learn' });
		expect(resolveLink('/es-419/learn/', site)).toMatchObject({ kind: 'page', slug: 'learn' });
		expect(resolveLink('/es-419/becas/', site)).toMatchObject({ kind: 'page', slug: 'becas' });
		expect(resolveLink('/en/nowhere/', site)).toEqual({ kind: 'dead', reason: 'leads nowhere (no English page "nowhere")' });
		expect(resolveLink('/pt-br/becas/', site)).toEqual({ kind: 'dead', reason: 'leads nowhere (no page "becas" in pt-BR or English)' });
		expect(resolveLink('/learn', site)).toEqual({ kind: 'dead', reason: 'leads nowhere' });
	});

	it('sends root paths of files to public/, and leaves other sites, fragments and relative links alone', () => {
		expect(resolveLink('/files/plan.pdf', site)).toEqual({ kind: 'file', path: '/files/plan.pdf', found: true });
		expect(resolveLink('/files/other.pdf', site)).toEqual({ kind: 'file', path: '/files/other.pdf', found: false });
		expect(resolveLink('/robots.txt', site)).toMatchObject({ kind: 'file', found: true });
		for (const url of ['https://example.org/x', '//cdn.example.org/x', 'mailto:hi@example.org', '#top', '?q=1'])
			expect(resolveLink(url, site), url).toEqual({ kind: 'elsewhere' });
		expect(resolveLink('../learn.md', site)).toEqual({ kind: 'relative' });
	});

	it('takes a destination that is exactly a {{ variable }} for a variable, also as a parser hands it over', () => {
		expect(resolveLink('{{ urls/learn }}', site)).toEqual({ kind: 'variable', name: 'urls/learn' });
		expect(resolveLink('%7B%7Burls/learn%7D%7D', site)).toEqual({ kind: 'variable', name: 'urls/learn' });
		expect(variableDestination('{{ user.name | upcase }}')).toBeUndefined();
		expect(variableDestination('/learn/{{ id }}')).toBeUndefined();
	});
});

describe('resolveLink, for the import (a page of an old site)', () => {
	it('points root and relative links to imported pages at their routes, keeping the fragment', () => {
		expect(resolveLink('/learn', site, oldSite('index.md.partial'))).toEqual({ kind: 'imported-page', oldPath: 'learn', href: '/en/learn/' });
		expect(resolveLink('/promote/resources#posters', site, oldSite('index.md'))).toMatchObject({ href: '/en/promote/resources/#posters' });
		expect(resolveLink('/promote/resources/index.html', site, oldSite('index.md'))).toMatchObject({ href: '/en/promote/resources/' });
		expect(resolveLink('resources.md.partial', site, oldSite('promote/index.md'))).toMatchObject({ href: '/en/promote/resources/' });
		expect(resolveLink('../learn', site, oldSite('promote/resources.md'))).toMatchObject({ href: '/en/learn/' });
		expect(resolveLink('/', site, oldSite('learn.md'))).toMatchObject({ kind: 'imported-page', href: '/en/' });
		expect(resolveLink('https://kitebird.example.org/learn?x=1', site, oldSite('index.md', 'https://kitebird.example.org'))).toMatchObject({
			href: '/en/learn/?x=1',
		});
	});

	it('sends links to pages that were not imported to the old site, or reports them without --site-url', () => {
		expect(resolveLink('/donate#now', site, oldSite('index.md', 'https://kitebird.example.org/'))).toEqual({
			kind: 'old-site',
			oldPath: 'donate',
			href: 'https://kitebird.example.org/donate#now',
		});
		expect(resolveLink('/donate', site, oldSite('index.md'))).toMatchObject({
			kind: 'dead',
			reason: expect.stringMatching(/^leads to no page: \/donate was not imported/),
		});
		expect(resolveLink('../../outside.md', site, oldSite('promote/a.md'))).toMatchObject({
			kind: 'dead',
			reason: expect.stringMatching(/^leads outside the old site/),
		});
	});

	it('still knows the site own routes, files and variables', () => {
		expect(resolveLink('/en/learn/', site, oldSite('index.md'))).toMatchObject({ kind: 'page' });
		expect(resolveLink('/files/plan.pdf', site, oldSite('index.md'))).toMatchObject({ kind: 'file', found: true });
		expect(resolveLink('{{ urls/learn }}', site, oldSite('index.md'))).toEqual({ kind: 'variable', name: 'urls/learn' });
	});

	it('names old pages by path, without extension or index', () => {
		expect(oldPagePath('/promote/index.html')).toBe('promote');
		expect(oldPagePath('learn.md.partial')).toBe('learn');
		expect(oldPagePath('/')).toBe('');
	});
});

describe('localeOfCode (translation folders)', () => {
	it('uses the map first, then the tag or URL segment ignoring case, and never guesses', () => {
		const map = new Map([
			['la', 'es-419'],
			['zh', 'zh-Hant'],
		]);
		expect(localeOfCode('la', registry, map)?.tag).toBe('es-419');
		expect(localeOfCode('LA', registry, map)?.tag).toBe('es-419');
		expect(localeOfCode('zh', registry, map)?.tag).toBe('zh-Hant');
		expect(localeOfCode('pt-br', registry, undefined)?.tag).toBe('pt-BR');
		expect(localeOfCode('ES-419', registry, undefined)?.tag).toBe('es-419');
		expect(localeOfCode('zh', registry, undefined)).toBeUndefined();
		expect(localeOfCode('es', registry, undefined)).toBeUndefined();
	});
});

/**
 * `pageModel` without a build: a site model made from documents parsed in memory, with the project's own
 * locale registry and UI strings. Each kind of page is checked for what a visitor sees on it.
 */
import path from 'node:path';
import type { Root } from 'hast';
import { describe, expect, it } from 'vitest';
import { parseContentDocument, type ContentDocument } from '../../src/content-model/content-document.ts';
import { compareWithRecord, snapshotOf } from '../../src/content-model/freshness.ts';
import { frontmatterSchema } from '../../src/content-model/frontmatter.ts';
import type { ProjectScan } from '../../src/content-model/project-scan.ts';
import { emptyState } from '../../src/content-model/translation-state.ts';
import { localeDefinitions, locales, SOURCE_LOCALE } from '../../src/i18n/locales.ts';
import { createUiStrings } from '../../src/i18n/ui.ts';
import { loadUiResources } from '../../src/i18n/ui-resources.ts';
import { messagePageModel, otherLanguagesModel } from '../../src/site/locale-page-model.ts';
import { pageModel, type ContentPageModel } from '../../src/site/page-model.ts';
import { modelKey } from '../../src/site/model-key.ts';
import { createSiteModel, type SiteEntry } from '../../src/site/site-model.ts';

const longer = ` ${'More words about this.'.repeat(60)}`;
const page = (title: string, extra: string, body: string) => `---\ntitle: ${title}\ndescription: ${title}.\n${extra}---\n\n${body}\n`;
const sources: Record<string, string> = {
	'en/index': page('Home', 'navOrder: 1\n', 'Welcome to [our values](/en/values/).'),
	'en/values': page('Our values', 'navOrder: 2\nupdated: 2026-03-01\n', `Intro.\n\n## Open\n\nOpen text.${longer}\n\n## Free\n\nFree text.`),
	'en/learn': page('Learn', 'navOrder: 3\n', 'Start.\n\n## Loops\n\nLoops repeat.\n\n## Lists\n\nLists hold things.'),
	'en/about': page('About us', 'navOrder: 4\n', 'We are a fictional nonprofit.'),
	'es-419/index': page('Inicio', 'navOrder: 1\n', 'Bienvenidos a [nuestros valores](/en/values/).'),
	'es-419/values': page(
		'Nuestros valores',
		'navOrder: 2\nupdated: 2026-03-01\n',
		`Introducción.\n\n## Abierto\n\nTexto abierto.${longer}\n\n## Libre\n\nTexto libre.`,
	),
	'es-419/learn': page('Aprender', 'navOrder: 3\n', 'Inicio.\n\n## Bucles\n\nLos bucles repiten.\n\n## Listas\n\nLas listas guardan cosas.'),
	'es-419/becas-docentes': page('Becas para docentes', '', 'Una página solo para la región.'),
};
const documents = new Map(Object.entries(sources).map(([id, text]) => [id, parseContentDocument(`content/${id}.mdx`, text)] as const));
const english = (slug: string) => documents.get(`en/${slug || 'index'}`)!;

/** The English text a translation was made from: for learn, an older "Loops" section (so it is outdated there). */
const translatedFrom = (slug: string): ContentDocument =>
	slug === 'learn' ? parseContentDocument('content/en/learn.mdx', sources['en/learn']!.replace('Loops repeat.', 'Loops repeat code.')) : english(slug);

const scan: ProjectScan = {
	pages: ['', 'values', 'learn', 'about'].map((slug) => ({
		slug,
		sourcePath: english(slug).file,
		title: String(english(slug).frontmatter!['title']),
		words: english(slug).words,
		snapshot: snapshotOf(english(slug)),
	})),
	translations: [
		...['', 'values', 'learn'].map((slug) => {
			const record = snapshotOf(translatedFrom(slug));
			const recorded = { sourceHash: record.hash, sourceSections: record.sections, sourceFrontmatterHash: record.frontmatterHash };
			return {
				locale: 'es-419',
				slug,
				path: `content/es-419/${slug || 'index'}.mdx`,
				freshness: compareWithRecord(recorded, snapshotOf(english(slug))),
				buildable: true,
			};
		}),
		// An Arabic translation of "about" exists but fails its checks: its page shows English, saying so.
		{
			locale: 'ar',
			slug: 'about',
			path: 'content/ar/about.mdx',
			freshness: compareWithRecord(undefined, snapshotOf(english('about'))),
			buildable: false,
			refusal: { kind: 'checks' as const, reason: 'content/ar/about.mdx:9:1: MDX does not compile', problems: 1 },
		},
	],
	uiStrings: {},
	ui: { resources: {}, findings: [] },
	images: {},
	localizedImages: [],
	videos: { videos: {}, pages: {}, problems: [] },
	state: emptyState(),
};

const entries: SiteEntry[] = [...documents.values()].map((document) => ({
	id: document.id,
	data: frontmatterSchema.parse(
		document.id === 'es-419/becas-docentes'
			? { ...document.frontmatter, navOrder: locales.get('es-419').localPages['becas-docentes']!.navOrder }
			: document.frontmatter,
	),
	words: document.words,
	sections: document.sections,
}));

const site = createSiteModel({
	definitions: localeDefinitions,
	sourceTag: SOURCE_LOCALE,
	scan,
	entries,
	ui: createUiStrings(
		locales,
		loadUiResources(path.resolve('locales'), locales, () => {}),
	),
	siteUrl: 'https://glossa.example.org',
	contentTree: (entry): Root => structuredClone(documents.get(entry.id)!.tree!),
});
const route = (tag: string, slug: string) => site.plan.find(site.registry.get(tag), slug)!;
const hreflangs = (model: ReturnType<typeof pageModel>) => model.layout.alternates.map((link) => link.hreflang);

describe('the site model', () => {
	it('publishes by measured coverage: es-419 (current on most English words) is listed, ar (nothing translated) is a preview', () => {
		expect(site.registry.get('es-419').listed).toBe(true);
		expect(site.registry.get('ar').listed).toBe(false);
		expect(site.pageState(site.registry.get('es-419'), 'learn')?.state).toBe('outdated');
	});
});

/** The picker's link to the page's own locale. */
const currentOption = (model: ContentPageModel) => model.layout.picker.options.find((option) => option.tag === model.layout.picker.current?.tag);

/** The fixture site without its home pages (`content/<locale>/index.mdx`). */
function homelessSite() {
	return createSiteModel({
		definitions: localeDefinitions,
		sourceTag: SOURCE_LOCALE,
		scan: { ...scan, pages: scan.pages.filter((page) => page.slug !== ''), translations: scan.translations.filter((translation) => translation.slug !== '') },
		entries: entries.filter((entry) => !entry.id.endsWith('/index')),
		ui: site.ui,
		siteUrl: 'https://glossa.example.org',
		contentTree: (entry): Root => structuredClone(documents.get(entry.id)!.tree!),
	});
}

describe('pageModel', () => {
	it('the brand links to the locale’s home page, and is no link on a site without one (no page links to nothing)', () => {
		expect(pageModel(site, route('es-419', 'values')).layout.brand.href).toBe('/es-419/');
		expect(pageModel(site, route('ar', 'values')).layout.brand.href).toBe('/ar/');
		const homeless = homelessSite();
		const model = pageModel(homeless, homeless.plan.find(homeless.registry.get('es-419'), 'values')!);
		expect(model.layout.brand).toMatchObject({ href: undefined, name: 'Kitebird' });
	});

	it('a translated page: in its language, its own canonical, real translations as alternates, no notice', () => {
		const model = pageModel(site, route('es-419', 'values'));
		expect(model.layout).toMatchObject({ lang: 'es-419', dir: 'ltr', documentTitle: 'Nuestros valores · Kitebird', noindex: false });
		expect(model.layout.canonical).toBe('https://glossa.example.org/es-419/values/');
		expect(hreflangs(model)).toEqual(['en', 'es-419', 'x-default']);
		expect(model.fallback).toBeUndefined();
		expect(model.outdated).toBeUndefined();
		expect(model.article).toMatchObject({ title: 'Nuestros valores', lang: undefined, searchable: true, contentLocale: 'es-419' });
		expect(model.article.meta.updated).toMatch(/2026/);
		expect(currentOption(model)).toMatchObject({ tag: 'es-419', state: 'translated' });
		expect(model.layout.picker.options.map((option) => option.tag)).not.toContain('ar');
	});

	it("shares one picker list between a page's locales, and keys each page by the list's hash and its own locale", () => {
		const english = pageModel(site, route('en', 'values'));
		const spanish = pageModel(site, route('es-419', 'values'));
		expect(spanish.layout.picker.options).toBe(english.layout.picker.options);
		expect(Object.isFrozen(english.layout.picker.options)).toBe(true);
		// The key holds the list as its hash, and what differs per page: the current locale and the state labels.
		const json = JSON.stringify(spanish.layout.picker);
		expect(json).toMatch(/"options":"sha256:[0-9a-f]{64}"/);
		expect(json).toContain('"current":{"tag":"es-419"');
		expect(modelKey(spanish)).not.toBe(modelKey(english));
		// A preview locale's page lists itself too, so it has a list of its own.
		const preview = pageModel(site, route('ar', 'values'));
		expect(preview.layout.picker.options).not.toBe(english.layout.picker.options);
		expect(JSON.stringify(preview.layout.picker.options)).not.toBe(JSON.stringify(english.layout.picker.options));
	});

	it('links between pages stay in the visitor’s language', () => {
		expect(pageModel(site, route('es-419', '')).article.html).toContain('href="/es-419/values/"');
	});

	it('a fallback page: the English text, marked as English, with a notice in the visitor’s language and the English canonical', () => {
		const model = pageModel(site, route('es-419', 'about'));
		expect(model.fallback?.title).toBe(site.ui.t(site.registry.get('es-419'), 'notice.fallbackTitle'));
		expect(model.fallback?.original).toMatchObject({ href: '/en/about/', hreflang: 'en' });
		expect(model.article).toMatchObject({ title: 'About us', lang: 'en', searchable: false, contentLocale: 'en' });
		expect(model.article.meta.lang).toBe('es-419');
		expect(model.layout.canonical).toBe('https://glossa.example.org/en/about/');
		expect(hreflangs(model)).toEqual(['en', 'x-default']);
		expect(currentOption(model)?.state).toBe('fallback');
	});

	it('a page whose translation exists but is refused: the English text, with the notice that says so, in the visitor’s language', () => {
		const arabic = site.registry.get('ar');
		const refused = pageModel(site, route('ar', 'about'));
		expect(refused.fallback).toMatchObject({
			kind: 'refused',
			title: site.ui.t(arabic, 'notice.refusedTitle'),
			body: site.ui.t(arabic, 'notice.refusedBody', { language: 'الإنجليزية' }),
		});
		expect(refused.fallback?.title).toBe('توجد ترجمة لهذه الصفحة لكن لا يمكن عرضها بعد');
		expect(refused.article).toMatchObject({ lang: 'en', dir: 'ltr', searchable: false });
		// "Not translated yet" stays for pages with no translation at all.
		expect(pageModel(site, route('ar', 'values')).fallback).toMatchObject({ kind: 'missing', title: site.ui.t(arabic, 'notice.fallbackTitle') });
		expect(site.pageState(arabic, 'about')).toMatchObject({ state: 'broken', refusal: { kind: 'checks' } });
	});

	it('an outdated page: a notice linking the English page, and a marker after the changed section’s heading only', () => {
		const model = pageModel(site, route('es-419', 'learn'));
		expect(model.outdated?.original.href).toBe('/en/learn/');
		const { html } = model.article;
		expect(html.match(/data-outdated-section/g)).toHaveLength(1);
		expect(html).toMatch(/<h2 id="bucles">Bucles<\/h2><p class="outdated-marker"[^>]*data-outdated-section="1"/);
		expect(html).toContain('href="/en/learn/#loops"');
		expect(pageModel(site, route('en', 'learn')).layout.picker.options.find((option) => option.tag === 'es-419')?.state).toBe('outdated');
	});

	it('a preview locale’s page: noindex, a preview notice with its share translated, and its own option in the picker', () => {
		const model = pageModel(site, route('ar', 'values'));
		expect(model.layout).toMatchObject({ lang: 'ar', dir: 'rtl', noindex: true });
		expect(model.layout.preview?.body).toMatch(/٠|0/);
		expect(currentOption(model)).toMatchObject({ tag: 'ar', state: 'fallback' });
		expect(pageModel(site, route('en', 'values')).layout.picker.options.map((option) => option.tag)).not.toContain('ar');
		expect(hreflangs(pageModel(site, route('en', 'values')))).not.toContain('ar');
	});

	it('a regional page: only in its locale, in that locale’s menu at its registry place, with no English alternate', () => {
		const model = pageModel(site, route('es-419', 'becas-docentes'));
		expect(site.plan.find(site.registry.get('en'), 'becas-docentes')).toBeUndefined();
		expect(hreflangs(model)).toEqual(['es-419']);
		expect(model.layout.navigation.items.map((item) => item.href)).toEqual([
			'/es-419/',
			'/es-419/values/',
			'/es-419/learn/',
			'/es-419/about/',
			'/es-419/becas-docentes/',
		]);
		expect(model.layout.navigation.items.find((item) => item.current)?.href).toBe('/es-419/becas-docentes/');
		expect(model.layout.navigation.items.find((item) => item.href === '/es-419/about/')?.lang).toBe('en');
		expect(pageModel(site, route('en', 'values')).layout.navigation.items.map((item) => item.href)).not.toContain('/es-419/becas-docentes/');
		expect(model.layout.picker.options.find((option) => option.tag === 'en')).toMatchObject({ state: 'missing', href: '/en/' });
	});
});

describe('locale pages', () => {
	it('the pack page about other languages lists only listed languages, with their pack addresses', () => {
		const model = otherLanguagesModel(site, site.registry.get('ar'));
		expect(model.languages.map((language) => language.tag)).not.toContain('ar');
		expect(model.languages.map((language) => language.tag)).not.toContain('th');
		expect(model.languages.find((language) => language.tag === 'es-419')?.pack).toBe('https://glossa.example.org/offline/es-419.zip');
	});

	it('the 404 page speaks its locale and leads home, and offers no way home on a site without a home page', () => {
		const model = messagePageModel(site, site.registry.get('es-419'), 'notFound');
		expect(model.home?.href).toBe('/es-419/');
		expect(model.layout.noindex).toBe(true);
		const homeless = homelessSite();
		expect(messagePageModel(homeless, homeless.registry.get('es-419'), 'notFound').home).toBeUndefined();
		expect(messagePageModel(homeless, homeless.registry.get('es-419'), 'offline').home).toBeUndefined();
	});

	it("the 404 page's language picker leads to each language's home, or to its search page on a site without home pages", () => {
		const pickerHrefs = (model: ReturnType<typeof messagePageModel>) => model.layout.picker.options.map((option) => option.href);
		expect(pickerHrefs(messagePageModel(site, site.registry.get('es-419'), 'notFound'))).toContain('/es-419/');
		const homeless = homelessSite();
		const hrefs = pickerHrefs(messagePageModel(homeless, homeless.registry.get('es-419'), 'notFound'));
		expect(hrefs).toContain('/es-419/search/');
		expect(hrefs.length).toBeGreaterThan(3);
		// Every one is a page each locale has.
		expect(hrefs.every((href) => /^\/[a-z0-9-]+\/search\/$/.test(href))).toBe(true);
	});
});

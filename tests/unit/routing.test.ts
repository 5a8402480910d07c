import { describe, expect, it } from 'vitest';
import { createLocaleRegistry } from '../../src/i18n/registry.ts';
import { alternateLinks, canonicalPath, localizedPath, parseContentId, pickerOptions, planRoutes } from '../../src/i18n/routing.ts';
import { fromHtml } from 'hast-util-from-html';
import { toHtml } from 'hast-util-to-html';
import { localizeContentLinks } from '../../src/i18n/content-links.ts';

const registry = createLocaleRegistry(
	[
		{ tag: 'en', crowdinId: 'en', endonym: 'English', englishName: 'English' },
		{ tag: 'es', crowdinId: 'es-ES', endonym: 'Español', englishName: 'Spanish' },
		{ tag: 'es-419', crowdinId: 'es-419', endonym: 'Español (Latinoamérica)', englishName: 'Spanish (Latin America)' },
		{ tag: 'ar', crowdinId: 'ar', endonym: 'العربية', englishName: 'Arabic' },
		{ tag: 'th', crowdinId: 'th', endonym: 'ไทย', englishName: 'Thai', publish: 'preview' },
	],
	{ source: 'en' },
);
const entries = ['en/index', 'en/values', 'en/learn/index', 'en/learn/loops', 'es/values', 'es-419/index', 'ar/learn/loops', 'es-419/becas', 'xx/index'].map(
	(id) => ({ id }),
);
const plan = planRoutes(registry, entries);
const route = (tag: string, slug: string) => plan.find(registry.get(tag), slug);

describe('parseContentId and localizedPath', () => {
	it('turns index files into the folder URL', () => {
		expect(parseContentId('en/index')).toEqual({ localeFolder: 'en', slug: '' });
		expect(parseContentId('pt-BR/learn/index')).toEqual({ localeFolder: 'pt-BR', slug: 'learn' });
		expect(parseContentId('ar/learn/loops')).toEqual({ localeFolder: 'ar', slug: 'learn/loops' });
		expect(localizedPath(registry.get('es-419'), '')).toBe('/es-419/');
		expect(localizedPath(registry.get('es-419'), 'learn/loops')).toBe('/es-419/learn/loops/');
	});
});

describe('planRoutes', () => {
	it('builds every source page in every locale', () => {
		for (const locale of registry.all) {
			for (const slug of ['', 'values', 'learn', 'learn/loops']) expect(route(locale.tag, slug), `${locale.tag} ${slug}`).toBeDefined();
		}
	});

	it('serves a real translation where one exists', () => {
		const loops = route('ar', 'learn/loops')!;
		expect(loops.isFallback).toBe(false);
		expect(loops.entry.id).toBe('ar/learn/loops');
		expect(loops.path).toBe('/ar/learn/loops/');
	});

	it('falls back along the chain: es-419 shows the es page before the English one', () => {
		const values = route('es-419', 'values')!;
		expect(values.isFallback).toBe(true);
		expect(values.contentLocale.tag).toBe('es');
		expect(route('es-419', 'learn')!.contentLocale.tag).toBe('en');
		expect(route('th', 'values')!.contentLocale.tag).toBe('en');
	});

	it('builds a page that exists only in one locale there and nowhere else', () => {
		expect(route('es-419', 'becas')?.isFallback).toBe(false);
		for (const tag of ['en', 'es', 'ar', 'th']) expect(route(tag, 'becas')).toBeUndefined();
	});

	it('reports content in folders that are not registered locales instead of building it', () => {
		expect(plan.unknownLocaleIds).toEqual(['xx/index']);
	});

	it('lists which locales really translate a page', () => {
		expect(route('th', 'learn/loops')!.translatedIn.map((locale) => locale.tag)).toEqual(['en', 'ar']);
	});
});

describe('SEO helpers', () => {
	it('gives hreflang alternates only for real translations in listed locales, plus x-default', () => {
		expect(alternateLinks(route('ar', 'learn/loops')!, registry)).toEqual([
			{ hreflang: 'en', href: '/en/learn/loops/' },
			{ hreflang: 'ar', href: '/ar/learn/loops/' },
			{ hreflang: 'x-default', href: '/en/learn/loops/' },
		]);
	});

	it('makes a real page its own canonical and a fallback page point at the content it shows', () => {
		expect(canonicalPath(route('ar', 'learn/loops')!)).toBe('/ar/learn/loops/');
		expect(canonicalPath(route('ar', 'values')!)).toBe('/en/values/');
		expect(canonicalPath(route('es-419', 'values')!)).toBe('/es/values/');
	});
});

describe('pickerOptions', () => {
	it('links every listed locale to the same page and marks fallbacks, keeping an unlisted current locale', () => {
		const options = pickerOptions(plan, registry, route('th', 'learn/loops')!);
		expect(options.map((option) => [option.locale.tag, option.href, option.state, option.current])).toEqual([
			['en', '/en/learn/loops/', 'translated', false],
			['es', '/es/learn/loops/', 'fallback', false],
			['es-419', '/es-419/learn/loops/', 'fallback', false],
			['ar', '/ar/learn/loops/', 'translated', false],
			['th', '/th/learn/loops/', 'fallback', true],
		]);
	});

	it('sends locales without a regional page to their home page', () => {
		const options = pickerOptions(plan, registry, route('es-419', 'becas')!);
		expect(options.find((option) => option.locale.tag === 'ar')).toMatchObject({ href: '/ar/', state: 'missing' });
		expect(options.some((option) => option.locale.tag === 'th')).toBe(false);
	});
});

describe('localizeContentLinks', () => {
	it('keeps the visitor in their locale when a page exists there, and leaves other links alone', () => {
		const html =
			'<p><a href="/en/values/">values</a> <a href="/en/learn/loops/#warm-up">loops</a> <a href="/en/nowhere/">x</a> ' +
			'<a href="https://example.org/en/values/">ext</a> <a class="x" href="/images/a.svg">img</a></p>';
		const tree = fromHtml(html, { fragment: true });
		localizeContentLinks(tree, registry.get('ar'), registry, plan);
		expect(toHtml(tree)).toBe(
			'<p><a href="/ar/values/">values</a> <a href="/ar/learn/loops/#warm-up">loops</a> <a href="/en/nowhere/">x</a> ' +
				'<a href="https://example.org/en/values/">ext</a> <a class="x" href="/images/a.svg">img</a></p>',
		);
	});
});

/**
 * The route model: for every locale and every page, which content is served at which URL.
 * Computed in one pure pass from the registry and the content entries that passed validation,
 * so the picker, hreflang, canonical URLs and the sitemap all read the same answer.
 */
import type { Locale, LocaleRegistry } from './registry.ts';
import { byCodeUnits } from '../build/reproducible-order.ts';

export interface ContentRef {
	/** Path below `content/` without the extension, e.g. `es-419/learn/index`. */
	id: string;
}

export interface PageRoute<Entry extends ContentRef = ContentRef> {
	/** The visitor's locale: the URL's, the UI's and `<html lang>`'s. */
	locale: Locale;
	slug: string;
	path: string;
	entry: Entry;
	/** The locale of the content shown; differs from `locale` on a fallback page. */
	contentLocale: Locale;
	isFallback: boolean;
	/** Locales that have a real translation of this page (the source included), in registry order. */
	translatedIn: readonly Locale[];
}

export interface RoutePlan<Entry extends ContentRef = ContentRef> {
	routes: readonly PageRoute<Entry>[];
	/** Content files whose folder is not a registered locale; they are not built. */
	unknownLocaleIds: readonly string[];
	/** The route for `slug` in `locale`, if that page exists there (translated or fallback). */
	find(locale: Locale, slug: string): PageRoute<Entry> | undefined;
}

/** `es-419/learn/index` -> `{ localeFolder: 'es-419', slug: 'learn' }`; `en/index` -> slug `''`. */
export function parseContentId(id: string): { localeFolder: string; slug: string } {
	const [localeFolder = '', ...rest] = id.split('/');
	if (rest.at(-1) === 'index') rest.pop();
	return { localeFolder, slug: rest.join('/') };
}

/** Routes each locale has for the site's own pages (src/pages/[locale]/): a content page there would be hidden by them. */
export const RESERVED_SLUGS: readonly string[] = ['404', 'search', 'offline', 'other-languages'];

/** Why a content file (`<locale>/<path>` without extension) cannot have its route, if it cannot. */
export function reservedRouteProblem(id: string): string | undefined {
	const { slug } = parseContentId(id);
	if (!RESERVED_SLUGS.includes(slug)) return undefined;
	return `is at /${slug}/, a route of the site's own pages (${RESERVED_SLUGS.map((name) => `/${name}/`).join(', ')}); it is not built: move it to another path (e.g. ${slug}-page)`;
}

export function localizedPath(locale: Pick<Locale, 'segment'>, slug: string): string {
	return `/${locale.segment}/${slug ? `${slug}/` : ''}`;
}

export function planRoutes<Entry extends ContentRef>(registry: LocaleRegistry, entries: readonly Entry[]): RoutePlan<Entry> {
	const entriesBySlug = new Map<string, Map<string, Entry>>();
	const unknownLocaleIds: string[] = [];
	for (const entry of entries) {
		const { localeFolder, slug } = parseContentId(entry.id);
		const locale = registry.all.find((candidate) => candidate.tag === localeFolder);
		if (!locale) {
			unknownLocaleIds.push(entry.id);
			continue;
		}
		const byLocale = entriesBySlug.get(slug) ?? new Map<string, Entry>();
		byLocale.set(locale.tag, entry);
		entriesBySlug.set(slug, byLocale);
	}

	const routes: PageRoute<Entry>[] = [];
	const index = new Map<string, PageRoute<Entry>>();
	for (const [slug, byLocale] of entriesBySlug) {
		const translatedIn = registry.all.filter((locale) => byLocale.has(locale.tag));
		// A page absent from the source locale is regional: built only where it was written.
		const servedIn = byLocale.has(registry.source.tag) ? registry.all : translatedIn;
		for (const locale of servedIn) {
			const contentTag = locale.fallbackChain.find((tag) => byLocale.has(tag));
			if (!contentTag) continue;
			const route: PageRoute<Entry> = {
				locale,
				slug,
				path: localizedPath(locale, slug),
				entry: byLocale.get(contentTag)!,
				contentLocale: registry.get(contentTag),
				isFallback: contentTag !== locale.tag,
				translatedIn,
			};
			routes.push(route);
			index.set(`${locale.tag}\u0000${slug}`, route);
		}
	}
	routes.sort(byCodeUnits((route) => route.path));
	return { routes, unknownLocaleIds, find: (locale, slug) => index.get(`${locale.tag}\u0000${slug}`) };
}

export interface PickerOption {
	locale: Locale;
	href: string;
	current: boolean;
	/**
	 * `outdated`: translated, but English changed since; `fallback`: that locale shows this page in another
	 * language; `missing`: the page does not exist there, so the link goes to that locale's home.
	 */
	state: 'translated' | 'outdated' | 'fallback' | 'missing';
}

/** The language picker's links for one page: the same page in every listed locale (plus the current one). */
export function pickerOptions(
	plan: RoutePlan,
	registry: LocaleRegistry,
	current: { locale: Locale; slug: string },
	isOutdated: (locale: Locale, slug: string) => boolean = () => false,
): PickerOption[] {
	return registry.all
		.filter((locale) => locale.listed || locale.tag === current.locale.tag)
		.map((locale) => {
			const route = plan.find(locale, current.slug);
			return {
				locale,
				href: route?.path ?? localizedPath(locale, ''),
				current: locale.tag === current.locale.tag,
				state: !route ? 'missing' : route.isFallback ? 'fallback' : isOutdated(locale, current.slug) ? 'outdated' : 'translated',
			};
		});
}

export interface AlternateLink {
	hreflang: string;
	href: string;
}

/** hreflang alternates: only locales with a real translation, plus x-default pointing at the source page. */
export function alternateLinks(route: PageRoute, registry: LocaleRegistry): AlternateLink[] {
	const links = route.translatedIn.filter((locale) => locale.listed).map((locale) => ({ hreflang: locale.tag, href: localizedPath(locale, route.slug) }));
	if (route.translatedIn.some((locale) => locale.tag === registry.source.tag)) {
		links.push({ hreflang: 'x-default', href: localizedPath(registry.source, route.slug) });
	}
	return links;
}

/** A real page is its own canonical; a fallback page points at the page whose content it shows. */
export function canonicalPath(route: PageRoute): string {
	return route.isFallback ? localizedPath(route.contentLocale, route.slug) : route.path;
}

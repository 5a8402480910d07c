import type { Locale } from '../i18n/registry.ts';
import { siteLocales } from './locales.ts';
import { sitePlan } from './plan.ts';

export interface NavigationItem {
	href: string;
	label: string;
	/** Set when the label is in another language than the page (an untranslated page's title). */
	lang?: string | undefined;
	current: boolean;
}

/**
 * Pages with a `navOrder`: the source's, labelled in the visitor's locale where translated, then the
 * visitor locale's own regional pages.
 */
const menus = new Map<string, Promise<(NavigationItem & { slug: string })[]>>();

export async function navigationFor(locale: Locale, currentSlug: string | undefined): Promise<NavigationItem[]> {
	let menu = menus.get(locale.tag);
	if (!menu) {
		menu = buildMenu(locale);
		menus.set(locale.tag, menu);
	}
	return (await menu).map(({ slug, ...item }) => ({ ...item, current: slug === currentSlug }));
}

/** The menu of one locale, the same on all its pages: computed once per locale. */
async function buildMenu(locale: Locale): Promise<(NavigationItem & { slug: string })[]> {
	const plan = await sitePlan();
	const { registry: locales } = await siteLocales();
	const inMenu = plan.routes.filter(
		(route) =>
			route.entry.data.navOrder !== undefined &&
			(route.locale.tag === locales.source.tag || (route.locale.tag === locale.tag && !route.translatedIn.some((translated) => translated.isSource))),
	);
	return inMenu
		.sort((a, b) => a.entry.data.navOrder! - b.entry.data.navOrder!)
		.flatMap((menuRoute) => {
			const route = plan.find(locale, menuRoute.slug);
			if (!route) return [];
			const { navLabel, title } = route.entry.data;
			return [
				{
					slug: route.slug,
					href: route.path,
					label: navLabel ?? title,
					lang: route.contentLocale.tag !== locale.tag ? route.contentLocale.tag : undefined,
					current: false,
				},
			];
		});
}

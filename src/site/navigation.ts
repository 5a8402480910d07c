import type { Locale } from '../i18n/registry.ts';
import { locales } from '../i18n/locales.ts';
import { sitePlan } from './plan.ts';

export interface NavigationItem {
	href: string;
	label: string;
	/** Set when the label is in another language than the page (an untranslated page's title). */
	lang?: string;
	current: boolean;
}

/** Pages with a `navOrder` in the source, in that order, labelled in the visitor's locale where translated. */
export async function navigationFor(locale: Locale, currentSlug: string | undefined): Promise<NavigationItem[]> {
	const plan = await sitePlan();
	return plan.routes
		.filter((route) => route.locale.tag === locales.source.tag && route.entry.data.navOrder !== undefined)
		.sort((a, b) => a.entry.data.navOrder! - b.entry.data.navOrder!)
		.flatMap((sourceRoute) => {
			const route = plan.find(locale, sourceRoute.slug);
			if (!route) return [];
			const { navLabel, title } = route.entry.data;
			return [{
				href: route.path,
				label: navLabel ?? title,
				lang: route.contentLocale.tag !== locale.tag ? route.contentLocale.tag : undefined,
				current: route.slug === currentSlug,
			}];
		});
}

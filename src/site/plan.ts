/** The route plan for the whole site, computed once per build from the validated content collection. */
import { getCollection, type CollectionEntry } from 'astro:content';
import { locales } from '../i18n/locales.ts';
import { planRoutes, type PageRoute, type RoutePlan } from '../i18n/routing.ts';

export type PageEntry = CollectionEntry<'pages'>;
export type SitePageRoute = PageRoute<PageEntry>;

let planned: Promise<RoutePlan<PageEntry>> | undefined;

export function sitePlan(): Promise<RoutePlan<PageEntry>> {
	planned ??= getCollection('pages').then((entries) => planRoutes(locales, entries));
	return planned;
}

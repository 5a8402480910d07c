/** The route plan for the whole site, computed once per build from the validated content collection. */
import { getCollection, type CollectionEntry } from 'astro:content';
import { siteLocales } from './locales.ts';
import { planRoutes, type PageRoute, type RoutePlan } from '../i18n/routing.ts';

export type PageEntry = CollectionEntry<'pages'>;
export type SitePageRoute = PageRoute<PageEntry>;

let planned: Promise<RoutePlan<PageEntry>> | undefined;

export function sitePlan(): Promise<RoutePlan<PageEntry>> {
	planned ??= Promise.all([getCollection('pages'), siteLocales()]).then(([entries, { registry }]) => planRoutes(registry, entries));
	return planned;
}

/** What the content loader stored for an entry: its HTML and its word count (`content-loader.ts`). */
export function renderedEntry(entry: PageEntry): { html: string; words: number } {
	const words = entry.rendered?.metadata?.['words'];
	return { html: entry.rendered?.html ?? '', words: typeof words === 'number' ? words : 0 };
}

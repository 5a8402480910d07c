/** The route plan for the whole site, computed once per build from the validated content collection. */
import { getCollection, type CollectionEntry } from 'astro:content';
import { siteLocales } from './locales.ts';
import type { RenderedEntryMetadata } from '../content-model/content-loader.ts';
import { readRenderedHtml } from '../content-model/rendered-html.ts';
import { planRoutes, type PageRoute, type RoutePlan } from '../i18n/routing.ts';

export type PageEntry = CollectionEntry<'pages'>;
export type SitePageRoute = PageRoute<PageEntry>;

let planned: Promise<RoutePlan<PageEntry>> | undefined;

export function sitePlan(): Promise<RoutePlan<PageEntry>> {
	planned ??= Promise.all([getCollection('pages'), siteLocales()]).then(([entries, { registry }]) => planRoutes(registry, entries));
	return planned;
}

/** What the content loader rendered for an entry (`content-loader.ts`): its HTML and its word count. */
export function renderedEntry(entry: PageEntry, { shared }: { shared: boolean }): { html: string; words: number } {
	const metadata = entry.rendered?.metadata as Partial<RenderedEntryMetadata> | undefined;
	if (!metadata?.htmlFile) throw new Error(`${entry.filePath ?? entry.id} has no rendered HTML; the content loader did not render it`);
	return { html: readRenderedHtml(metadata.htmlFile, { shared }), words: metadata.words ?? 0 };
}

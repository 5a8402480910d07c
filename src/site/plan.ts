/** The route plan for the whole site, computed once per build from the validated content collection. */
import { getCollection, type CollectionEntry } from 'astro:content';
import { siteLocales } from './locales.ts';
import type { RenderedEntryMetadata } from '../content-model/content-loader.ts';
import type { Root } from 'hast';
import { readRenderedTree } from '../content-model/rendered-tree.ts';
import { planRoutes, type PageRoute, type RoutePlan } from '../i18n/routing.ts';

export type PageEntry = CollectionEntry<'pages'>;
export type SitePageRoute = PageRoute<PageEntry>;

let planned: Promise<RoutePlan<PageEntry>> | undefined;

export function sitePlan(): Promise<RoutePlan<PageEntry>> {
	planned ??= Promise.all([getCollection('pages'), siteLocales()]).then(([entries, { registry }]) => planRoutes(registry, entries));
	return planned;
}

/** What the content loader rendered for an entry (`content-loader.ts`): a fresh copy of its tree, and its word count. */
export function renderedEntry(entry: PageEntry, { shared }: { shared: boolean }): { tree: Root; words: number } {
	const metadata = entry.rendered?.metadata as Partial<RenderedEntryMetadata> | undefined;
	if (!metadata?.treeFile) throw new Error(`${entry.filePath ?? entry.id} has no rendered content; the content loader did not render it`);
	return { tree: readRenderedTree(metadata.treeFile, { shared }), words: metadata.words ?? 0 };
}

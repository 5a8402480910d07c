/**
 * Locale-sharded builds, for sites that outgrow one machine: shard K of N renders only its locales' pages,
 * balanced by page count, while every shard still reads all content (so publishing, pickers and hreflang
 * are the same everywhere). Each shard also indexes its own languages for search. The shards are merged
 * afterwards (`scripts/build/merge.ts`), which joins the search indexes and writes the service worker.
 */
import type { Locale, LocaleRegistry } from '../i18n/registry.ts';
import { glossaConfig, type Shard } from '../config/glossa-config.ts';

export type { Shard };

/** `GLOSSA_SHARD=2/3` -> { index: 2, count: 3 } (validated with the rest of the configuration); undefined when not sharding. */
export function shardFromEnv(): Shard | undefined {
	return glossaConfig.shard;
}

/**
 * Which shard renders each locale: largest locales first, each to the shard with the fewest pages so far
 * (ties to the lower shard), so shards get about the same number of pages. Deterministic for a given site.
 */
export function assignLocales(registry: LocaleRegistry, pagesOf: (locale: Locale) => number, count: number): Map<string, number> {
	const loads = Array.from({ length: count }, () => 0);
	const assignment = new Map<string, number>();
	const bySize = [...registry.all].sort((a, b) => pagesOf(b) - pagesOf(a) || (a.tag < b.tag ? -1 : 1));
	for (const locale of bySize) {
		const shard = loads.indexOf(Math.min(...loads));
		loads[shard] = (loads[shard] ?? 0) + pagesOf(locale);
		assignment.set(locale.tag, shard + 1);
	}
	return assignment;
}

/** Whether this build renders `locale`'s pages (always, when not sharding). */
export function rendersLocale(shard: Shard | undefined, assignment: ReadonlyMap<string, number>, locale: Pick<Locale, 'tag'>): boolean {
	return !shard || assignment.get(locale.tag) === shard.index;
}

/** The locale assignment of a site: by the number of pages the route plan gives each locale. */
export function siteAssignment(
	site: { registry: LocaleRegistry; plan: { routes: readonly { locale: Pick<Locale, 'tag'> }[] } },
	count: number,
): Map<string, number> {
	const pages = new Map<string, number>();
	for (const route of site.plan.routes) pages.set(route.locale.tag, (pages.get(route.locale.tag) ?? 0) + 1);
	return assignLocales(site.registry, (locale) => pages.get(locale.tag) ?? 0, count);
}

/** What each shard writes beside its output, and what the merge checks before it trusts the shards. */
export interface ShardStamp {
	shard: string;
	/** Hash of everything the shards must agree on: the content as synced, the site's config and its code. */
	source: string;
	commit: string | undefined;
	locales: string[];
	/** Every locale's URL segment, for the service worker the merge writes. */
	segments: string[];
}

export const SHARD_STAMP = '.glossa-shard.json';

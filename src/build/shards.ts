/**
 * Locale-sharded builds, for sites that outgrow one machine: shard K of N renders only its locales' pages,
 * balanced by page count. With a shard plan (`shard-plan.ts`) a shard parses only its own locales and
 * English, and takes the other locales' verdicts and entries from the plan; without one it parses them all.
 * Either way publishing, pickers and hreflang are the same in every shard. Each shard also indexes its own
 * languages for search. The shards are merged afterwards (`scripts/build/merge.ts`), which joins the search
 * indexes and writes the service worker.
 */
import type { Locale, LocaleRegistry } from '../i18n/registry.ts';
import { glossaConfig, type Shard } from '../config/glossa-config.ts';
import { withoutContentExtension } from '../content-model/content-format.ts';
import { listContentFiles } from '../security/content-files.ts';
import { locales } from '../i18n/locales.ts';
import { compareCodeUnits } from './reproducible-order.ts';

/** The content folder, as `src/content.config.ts` gives it to the loader. */
const CONTENT_DIR = 'content';

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
	const bySize = [...registry.all].sort((a, b) => pagesOf(b) - pagesOf(a) || compareCodeUnits(a.tag, b.tag));
	for (const locale of bySize) {
		const shard = loads.indexOf(Math.min(...loads));
		loads[shard] = (loads[shard] ?? 0) + pagesOf(locale);
		assignment.set(locale.tag, shard + 1);
	}
	return assignment;
}

/**
 * The locale assignment of a site, from its content files alone (so a shard knows its locales before it
 * parses anything): every locale has the English pages, and its own regional pages besides.
 */
export function listingAssignment(registry: LocaleRegistry, files: readonly string[], count: number): Map<string, number> {
	const sourcePrefix = `${registry.source.tag}/`;
	const english = new Set(files.filter((file) => file.startsWith(sourcePrefix)).map((file) => withoutContentExtension(file.slice(sourcePrefix.length))));
	const regional = new Map<string, number>();
	for (const file of files) {
		const slash = file.indexOf('/');
		const folder = file.slice(0, slash);
		if (folder !== registry.source.tag && !english.has(withoutContentExtension(file.slice(slash + 1)))) regional.set(folder, (regional.get(folder) ?? 0) + 1);
	}
	return assignLocales(registry, (locale) => english.size + (locale.isSource ? 0 : (regional.get(locale.tag) ?? 0)), count);
}

/**
 * Whether this build owns a locale's folder (`content/<folder>/`, `locales/<folder>/`): renders its pages,
 * indexes and packs it, and gives the warnings about its files. A build of the whole site owns every folder;
 * a shard (`GLOSSA_SHARD`) owns its locales' folders, and shard 1 also a folder of no registered locale.
 * So across the shards each locale is built once and each warning is given once, by the job whose log an
 * editor reads for that language. The one place that answers "is this locale mine?".
 */
export function ownsFolder(folder: string, root = glossaConfig.root): boolean {
	const shard = glossaConfig.shard;
	if (!shard) return true;
	const locale = locales.byTag(folder);
	return locale ? projectAssignment(shard.count, root).get(locale.tag) === shard.index : shard.index === 1;
}

/** The locales of `all` this build renders (`ownsFolder`): all of them when it builds the whole site. */
export function ownLocales<L extends Pick<Locale, 'tag'>>(all: readonly L[], root = glossaConfig.root): L[] {
	return all.filter((locale) => ownsFolder(locale.tag, root));
}

const assignments = new Map<string, Map<string, number>>();

/**
 * This project's assignment into `count` shards: its registered locales (`src/i18n/locales.ts`, the registry
 * the content loader is given) over the files of its content folder, listed once per process. Every caller
 * (the loader, the pages, the search index, the packs, the stamp) gets the same map, whichever asks first.
 */
export function projectAssignment(count: number, root = glossaConfig.root): Map<string, number> {
	const key = `${root}\u0000${count}`;
	let assignment = assignments.get(key);
	if (!assignment) {
		assignment = listingAssignment(locales, listContentFiles(root, CONTENT_DIR).files, count);
		assignments.set(key, assignment);
	}
	return assignment;
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

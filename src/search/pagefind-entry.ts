/**
 * Pagefind's `pagefind-entry.json` lists the index's languages. Glossa writes each language's index on its
 * own (cached per language, and in a sharded build by the shard that renders it), so entries are merged:
 * the same version and fields, the languages in tag order. One function, so a single build and a merge of
 * shards write the same bytes.
 */
export const PAGEFIND_ENTRY = 'pagefind-entry.json';

export interface PagefindEntry {
	version: string;
	languages: Record<string, unknown>;
	[field: string]: unknown;
}

export function mergePagefindEntries(entries: readonly PagefindEntry[]): string {
	const [first] = entries;
	if (!first) throw new Error('no search index to merge');
	const languages: Record<string, unknown> = {};
	for (const language of entries.flatMap((entry) => Object.keys(entry.languages)).sort()) {
		languages[language] = entries.find((entry) => language in entry.languages)!.languages[language];
	}
	for (const entry of entries)
		if (entry.version !== first.version) throw new Error(`search indexes of Pagefind ${first.version} and ${entry.version} cannot be merged`);
	return JSON.stringify({ ...first, languages });
}

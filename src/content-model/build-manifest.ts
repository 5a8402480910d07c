/**
 * What a build's content sync found, for the pages' site model (`astro-site.ts`) and the integrations that
 * run after it (search, offline packs): the project scan, the entries with their rendered trees, and the
 * searchable documents. Not in Astro's content store, which Astro inlines into the server bundle whole: on a
 * large site that string alone cost the build most of its memory. Written by the content loader on every sync,
 * from the same scan it gives the pages (`content-loader.ts`).
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { deserialize, serialize } from 'node:v8';
import type { Frontmatter } from './frontmatter.ts';
import type { DocumentSection } from './content-document.ts';
import type { ProjectScan } from './project-scan.ts';
import { byCodeUnits } from '../build/reproducible-order.ts';

export interface SearchDocumentRef {
	/** The page's path, e.g. `/es-419/values/`. */
	url: string;
	/** The page's BCP 47 tag, as in its `<html lang>`: each language gets its own index. */
	lang: string;
	title: string;
	/** The entry's rendered tree (`rendered-tree.ts`), relative to the project root. */
	treeFile: string;
	/**
	 * A translation's segments left in English (`translation-segments.ts`, by index): not indexed in the page's
	 * language (the English page, which has the same text, is indexed in English).
	 */
	untranslated?: number[] | undefined;
}

export interface ManifestEntry {
	id: string;
	data: Frontmatter;
	words: number;
	sections: DocumentSection[];
	treeFile: string;
	/** The tree's links that pages localize (`localizableLinks`): what a page's content key asks about links. */
	localizableLinks: string[];
}

export interface BuildManifest {
	scan: ProjectScan;
	entries: ManifestEntry[];
	/**
	 * One per content entry (each is the body of exactly one page, in its own language; fallback pages reuse
	 * English text and are not searchable), sorted by URL: the order Pagefind takes them in, so the index is
	 * the same bytes every build.
	 */
	searchDocuments: SearchDocumentRef[];
}

const FILE = 'glossa-build.v8';
/**
 * The searchable documents, in a file of their own: the search worker reads them alone (1.7 MB on 300 x 70),
 * not with the scan and the entries (22 MB), whose heap it kept while Pagefind indexed and the packs were
 * made. Shard 1/4 of 300 x 70 peaked at 1,253 MB this way against 1,302 MB (medians of four, alternating).
 */
const SEARCH_FILE = 'glossa-search-documents.v8';

export async function writeBuildManifest(cacheDir: string, { searchDocuments, ...manifest }: BuildManifest): Promise<void> {
	await mkdir(cacheDir, { recursive: true });
	await writeFile(path.join(cacheDir, SEARCH_FILE), serialize([...searchDocuments].sort(byCodeUnits((document) => document.url))));
	await writeFile(path.join(cacheDir, FILE), serialize(manifest));
}

function readError(file: string, error: unknown): Error {
	return new Error(`${file} cannot be read; the content sync of this build did not write it`, { cause: error });
}

/** The searchable documents the last sync found, sorted by URL. */
export async function readSearchDocuments(cacheDir: string): Promise<SearchDocumentRef[]> {
	const file = path.join(cacheDir, SEARCH_FILE);
	try {
		return deserialize(await readFile(file)) as SearchDocumentRef[];
	} catch (error) {
		throw readError(file, error);
	}
}

/** Structured clone keeps the frontmatter's dates as dates. */
export async function readBuildManifest(cacheDir: string): Promise<BuildManifest> {
	const file = path.join(cacheDir, FILE);
	let manifest: Omit<BuildManifest, 'searchDocuments'>;
	try {
		manifest = deserialize(await readFile(file)) as Omit<BuildManifest, 'searchDocuments'>;
	} catch (error) {
		throw readError(file, error);
	}
	return { ...manifest, searchDocuments: await readSearchDocuments(cacheDir) };
}

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

export async function writeBuildManifest(cacheDir: string, manifest: BuildManifest): Promise<void> {
	await mkdir(cacheDir, { recursive: true });
	await writeFile(
		path.join(cacheDir, FILE),
		serialize({ ...manifest, searchDocuments: [...manifest.searchDocuments].sort(byCodeUnits((document) => document.url)) }),
	);
}

/** Structured clone keeps the frontmatter's dates as dates. */
export async function readBuildManifest(cacheDir: string): Promise<BuildManifest> {
	try {
		return deserialize(await readFile(path.join(cacheDir, FILE))) as BuildManifest;
	} catch (error) {
		throw new Error(`${path.join(cacheDir, FILE)} cannot be read; the content sync of this build did not write it`, { cause: error });
	}
}

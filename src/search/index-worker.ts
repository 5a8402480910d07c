/**
 * Builds the search index in a worker thread, so the build's main thread keeps rendering pages: reads the
 * searchable documents the content sync listed (`build-manifest.ts`) and writes the index to `outputPath`.
 *
 * Pagefind keeps one index per language, in files named by that language and their content hash, so each
 * language is indexed on its own and kept in the cache under the hash of everything its index is made from
 * (`languageIndexKey`). A rebuild re-indexes only the languages whose documents changed; the output is the
 * union of the languages' folders and one merged `pagefind-entry.json`. A cold build takes the same path,
 * so a rebuild gives the same bytes as a cold build.
 *
 * The output itself is kept too: the integration sets the last build's `pagefind/` aside (`previousOutput`),
 * and when it was made from the same language folders by the same code, and no file in it has changed since
 * (`folder-record.ts`), it is taken back whole instead of removed and copied again (10,358 files, 107 MB on
 * 300 x 70).
 */
import { createHash } from 'node:crypto';
import { cpSync, existsSync, readFileSync, rmSync } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as pagefind from 'pagefind';
import { readBuildManifest, type SearchDocumentRef } from '../content-model/build-manifest.ts';
import { readStoredTree } from '../content-model/rendered-tree.ts';
import { searchDocumentHtml } from './search-document.ts';
import { mergePagefindEntries, PAGEFIND_ENTRY, type PagefindEntry } from './pagefind-entry.ts';
import { matchesRecord, parseKeyedRecord, recordFolder } from '../build/folder-record.ts';

export interface IndexTask {
	root: string;
	/** Astro's cache folder (absolute), where the content sync wrote the build manifest. */
	cacheDir: string;
	outputPath: string;
	/** The last build's output, set aside by the integration: taken back when it is what this build would write. */
	previousOutput?: string | undefined;
	/** Ignore the cached languages (`npm run build -- --force`). */
	force?: boolean;
	/** Index only these languages (BCP 47 tags): a shard's. All when absent. */
	languages?: string[] | undefined;
}

export interface IndexResult {
	pages: number;
	languages: number;
	/** The languages indexed in this build (the others came from the cache). */
	reindexed: string[];
	/** Whether the last build's output was taken back, unchanged, instead of written again. */
	kept: boolean;
}

/** The code that turns documents into an index, and Pagefind's version, hashed into every language's key. */
const INDEXER_SOURCES = [
	fileURLToPath(new URL('./index-worker.ts', import.meta.url)),
	fileURLToPath(new URL('./search-document.ts', import.meta.url)),
	path.join(path.dirname(fileURLToPath(import.meta.resolve('pagefind'))), '../package.json'),
];

/** The code that makes the output from the languages' folders. */
const OUTPUT_SOURCES = [fileURLToPath(new URL('./index-worker.ts', import.meta.url)), fileURLToPath(new URL('./pagefind-entry.ts', import.meta.url))];

/** The record of the output last written (`folder-record.ts`), with the key of what it was made from. */
const OUTPUT_RECORD = 'glossa-search-output.json';

/**
 * The hash of everything a language's index is made from: the indexer's code, and each document's address,
 * language, title, untranslated segments and rendered tree. A tree is named by its document's digest
 * (`rendered-tree.ts`) and written once under that name, so its name stands for its content, as it does for
 * the pages that show it: reading the trees to hash them was 242 MB on 300 x 70, on every build.
 */
function languageIndexKey(documents: readonly SearchDocumentRef[]): string {
	const hash = createHash('sha256');
	for (const source of INDEXER_SOURCES) hash.update(readFileSync(source));
	for (const document of documents)
		hash.update(
			JSON.stringify({ url: document.url, lang: document.lang, title: document.title, untranslated: document.untranslated ?? [], tree: document.treeFile }),
		);
	return hash.digest('hex').slice(0, 24);
}

async function indexLanguage(root: string, documents: readonly SearchDocumentRef[], outputPath: string): Promise<void> {
	const { index, errors } = await pagefind.createIndex({});
	if (!index) throw new Error(`Pagefind could not start: ${errors.join('; ')}`);
	// In URL order (the manifest's), so the index is the same bytes every build.
	for (const document of documents) {
		const tree = await readStoredTree(root, document.treeFile);
		const added = await index.addHTMLFile({ url: document.url, content: searchDocumentHtml({ ...document, tree }) });
		if (added.errors.length > 0) throw new Error(`Pagefind could not index ${document.url}: ${added.errors.join('; ')}`);
	}
	const written = await index.writeFiles({ outputPath });
	if (written.errors.length > 0) throw new Error(`Pagefind could not write its index: ${written.errors.join('; ')}`);
	await index.deleteIndex();
}

export default async function writeSearchIndex({
	root,
	cacheDir,
	outputPath,
	previousOutput,
	force = false,
	languages: only,
}: IndexTask): Promise<IndexResult> {
	const wanted = only && new Set(only);
	const documents = (await readBuildManifest(cacheDir)).searchDocuments.filter((document) => !wanted || wanted.has(document.lang));
	const byLanguage = new Map<string, SearchDocumentRef[]>();
	for (const document of documents) byLanguage.set(document.lang, [...(byLanguage.get(document.lang) ?? []), document]);
	const languages = [...byLanguage.keys()].sort();
	const cacheRoot = path.join(cacheDir, 'glossa-search-languages');
	const reindexed: string[] = [];
	const folders: string[] = [];
	try {
		await mkdir(cacheRoot, { recursive: true });
		for (const language of languages) {
			const folder = path.join(cacheRoot, `${language}-${languageIndexKey(byLanguage.get(language)!)}`);
			folders.push(folder);
			if (existsSync(folder) && !force) continue;
			const staging = `${folder}.partial`;
			await rm(staging, { recursive: true, force: true });
			await indexLanguage(root, byLanguage.get(language)!, staging);
			await rm(folder, { recursive: true, force: true });
			await rename(staging, folder);
			reindexed.push(language);
		}
		if (languages.length === 0) await indexLanguage(root, [], outputPath);
	} finally {
		await pagefind.close();
	}

	// Folders of older versions, and of languages no longer searched, are of no further use.
	// In a shard, only its own languages' folders are judged: the others belong to other shards' builds.
	const current = new Set(folders.map((folder) => path.basename(folder)));
	for (const name of await readdir(cacheRoot)) {
		const language = name.slice(0, name.lastIndexOf('-'));
		if (!current.has(name) && (!wanted || wanted.has(language))) await rm(path.join(cacheRoot, name), { recursive: true, force: true });
	}

	const recordFile = path.join(cacheDir, OUTPUT_RECORD);
	const outputKey = createHash('sha256');
	for (const source of OUTPUT_SOURCES) outputKey.update(readFileSync(source));
	outputKey.update(JSON.stringify(folders.map((folder) => path.basename(folder))));
	const key = outputKey.digest('hex');
	const record = parseKeyedRecord(await readFile(recordFile, 'utf8').catch(() => undefined));
	// Until the new output is recorded, no record describes it.
	await rm(recordFile, { force: true });
	const kept = Boolean(previousOutput && !force && folders.length > 0 && record?.key === key && matchesRecord(previousOutput, record));
	if (kept) await rename(previousOutput!, outputPath);
	else {
		if (previousOutput) rmSync(previousOutput, { recursive: true, force: true });
		const entries: PagefindEntry[] = [];
		for (const folder of folders) {
			// The shared files (pagefind.js, the UI) are the same bytes in every language's folder. Copied with
			// synchronous calls (this is a worker thread): 10,000 files on 300 x 70 took 2.6 s with fs.promises.cp, 1.1 s so.
			cpSync(folder, outputPath, { recursive: true, filter: (source) => path.basename(source) !== PAGEFIND_ENTRY });
			entries.push(JSON.parse(await readFile(path.join(folder, PAGEFIND_ENTRY), 'utf8')) as PagefindEntry);
		}
		if (entries.length > 0) await writeFile(path.join(outputPath, PAGEFIND_ENTRY), mergePagefindEntries(entries));
	}
	const written = folders.length > 0 ? recordFolder(outputPath) : undefined;
	if (written) await writeFile(recordFile, JSON.stringify({ key, ...written }));
	return { pages: documents.length, languages: languages.length, reindexed, kept };
}

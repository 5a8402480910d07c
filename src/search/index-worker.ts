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
 * and when it was written by the same code and no file in it has changed since (`folder-record.ts`), it is
 * taken back instead of removed and copied again (10,358 files, 107 MB on 300 x 70), with only the files of
 * the languages whose folders changed swapped.
 */
import { createHash } from 'node:crypto';
import { cpSync, existsSync, readdirSync, readFileSync, rmdirSync, rmSync } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as pagefind from 'pagefind';
import { packageVersion } from '../cache/package-version.ts';
import { readSearchDocuments, type SearchDocumentRef } from '../content-model/build-manifest.ts';
import { readStoredTree } from '../content-model/rendered-tree.ts';
import { searchDocumentHtml } from './search-document.ts';
import { mergePagefindEntries, PAGEFIND_ENTRY, type PagefindEntry } from './pagefind-entry.ts';
import { matchesRecord, parseKeyedRecord, recordFolder, type FolderRecord } from '../build/folder-record.ts';
import { isSafeRelativePath, walkInsideSync } from '../security/content-files.ts';

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
	/**
	 * `kept`: the last build's output taken back as it was; `updated`: taken back with the changed languages'
	 * files swapped; `written`: written whole (a cold build, or the last output changed since it was written).
	 */
	output: 'kept' | 'updated' | 'written';
}

/** The code that turns documents into an index, and Pagefind's version, hashed into every language's key. */
const INDEXER_SOURCES = [fileURLToPath(new URL('./index-worker.ts', import.meta.url)), fileURLToPath(new URL('./search-document.ts', import.meta.url))];
const INDEXER_LIBRARY = packageVersion('pagefind', import.meta.url);

/** The code that makes the output from the languages' folders. */
const OUTPUT_SOURCES = [fileURLToPath(new URL('./index-worker.ts', import.meta.url)), fileURLToPath(new URL('./pagefind-entry.ts', import.meta.url))];

/**
 * The record of the output last written (`folder-record.ts`): its files as written, the key of the code that
 * wrote it, and which files each language folder gave it.
 */
const OUTPUT_RECORD = 'glossa-search-output.json';

export interface OutputRecord extends FolderRecord {
	key: string;
	origins: Record<string, string[]>;
}

export function outputRecord(text: string | undefined): OutputRecord | undefined {
	const record = parseKeyedRecord(text);
	const origins: unknown = record && (JSON.parse(text!) as { origins?: unknown }).origins;
	if (!record || typeof origins !== 'object' || origins === null) return undefined;
	const wellFormed = Object.values(origins).every(
		(files) => Array.isArray(files) && files.every((file) => typeof file === 'string' && isSafeRelativePath(file)),
	);
	if (!wellFormed) return undefined;
	// The folders' files and the entry are the output's files, no more and no fewer: a record that says
	// otherwise was not written by this code, and swapping by it could leave a file a cold build would not.
	const given = new Set([PAGEFIND_ENTRY, ...Object.values(origins as Record<string, string[]>).flat()]);
	const recorded = Object.keys(record.files);
	if (given.size !== recorded.length || !recorded.every((file) => given.has(file))) return undefined;
	return { ...record, origins: origins as Record<string, string[]> };
}

/** The files of a language's folder that go into the output, relative to it (all but its own entry). */
function filesOf(folder: string): string[] {
	return walkInsideSync(folder).files.filter((file) => file !== PAGEFIND_ENTRY);
}

/**
 * Copies a language's folder into the output. The shared files (pagefind.js, the UI) are the same bytes in
 * every language's folder. Synchronous calls (this is a worker thread): 10,000 files on 300 x 70 took 2.6 s
 * with fs.promises.cp, 1.1 s so.
 */
function copyIndexFolder(folder: string, output: string): void {
	cpSync(folder, output, { recursive: true, filter: (source) => path.relative(folder, source) !== PAGEFIND_ENTRY });
}

/** Removes a file of the output, then its folders up to the output's, once empty, as a cold build would not have them. */
function removeWithEmptyFolders(output: string, file: string): void {
	rmSync(path.join(output, file), { force: true });
	for (let folder = path.dirname(file); folder !== '.'; folder = path.dirname(folder)) {
		if (readdirSync(path.join(output, folder)).length > 0) break;
		rmdirSync(path.join(output, folder));
	}
}

async function mergedEntry(folders: readonly string[]): Promise<string> {
	const entries: PagefindEntry[] = [];
	for (const folder of folders) entries.push(JSON.parse(await readFile(path.join(folder, PAGEFIND_ENTRY), 'utf8')) as PagefindEntry);
	return mergePagefindEntries(entries);
}

/**
 * The hash of everything a language's index is made from: the indexer's code, and each document's address,
 * language, title, untranslated segments and rendered tree. A tree is named by its document's digest
 * (`rendered-tree.ts`) and written once under that name, so its name stands for its content, as it does for
 * the pages that show it: reading the trees to hash them was 242 MB on 300 x 70, on every build.
 */
function languageIndexKey(documents: readonly SearchDocumentRef[]): string {
	const hash = createHash('sha256');
	for (const source of INDEXER_SOURCES) hash.update(readFileSync(source));
	hash.update(INDEXER_LIBRARY);
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
	const documents = (await readSearchDocuments(cacheDir)).filter((document) => !wanted || wanted.has(document.lang));
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
	const codeKey = createHash('sha256');
	for (const source of OUTPUT_SOURCES) codeKey.update(readFileSync(source));
	const key = codeKey.digest('hex');
	const record = outputRecord(await readFile(recordFile, 'utf8').catch(() => undefined));
	// Until the new output is recorded, no record describes it.
	await rm(recordFile, { force: true });
	const names = folders.map((folder) => path.basename(folder));
	const reusable = Boolean(previousOutput && !force && names.length > 0 && record?.key === key && matchesRecord(previousOutput, record));
	const origins: Record<string, string[]> = {};
	let output: IndexResult['output'] = 'written';
	if (reusable && record) {
		// The last output, unchanged since: only the languages whose folders changed are swapped.
		await rename(previousOutput!, outputPath);
		const added = folders.filter((folder) => !(path.basename(folder) in record.origins));
		const gone = Object.keys(record.origins).filter((name) => !names.includes(name));
		for (const folder of folders) origins[path.basename(folder)] = record.origins[path.basename(folder)] ?? filesOf(folder);
		const wanted = new Set(Object.values(origins).flat());
		for (const file of new Set(gone.flatMap((name) => record.origins[name]!))) if (!wanted.has(file)) removeWithEmptyFolders(outputPath, file);
		for (const folder of added) copyIndexFolder(folder, outputPath);
		if (added.length > 0 || gone.length > 0) {
			await writeFile(path.join(outputPath, PAGEFIND_ENTRY), await mergedEntry(folders));
			output = 'updated';
		} else output = 'kept';
	} else {
		if (previousOutput) rmSync(previousOutput, { recursive: true, force: true });
		for (const folder of folders) {
			copyIndexFolder(folder, outputPath);
			origins[path.basename(folder)] = filesOf(folder);
		}
		if (folders.length > 0) await writeFile(path.join(outputPath, PAGEFIND_ENTRY), await mergedEntry(folders));
	}
	const written = folders.length > 0 ? recordFolder(outputPath) : undefined;
	if (written) await writeFile(recordFile, JSON.stringify({ key, ...written, origins } satisfies OutputRecord));
	return { pages: documents.length, languages: languages.length, reindexed, output };
}

/**
 * Every content file of the project as a `ContentDocument`, each read once and parsed at most once: a
 * document is cached between runs under its digest (its text and the document version), with its rendered
 * tree beside it (`rendered-tree.ts`), so an unchanged file is not parsed again by the next build or CLI.
 *
 * The set also gives the verdict on each translation: one that cannot be built (at the wrong path, with a
 * problem, with anything the allowlist drops, or using what its English source does not) is left out, and
 * its page falls back to English.
 */
import { appendFileSync } from 'node:fs';
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { deserialize, serialize } from 'node:v8';
import pLimit from 'p-limit';
import type { LocaleRegistry } from '../i18n/registry.ts';
import { listContentFiles, readInside, type FileListing, type RefusedFile } from '../security/content-files.ts';
import { reservedRouteProblem } from '../i18n/routing.ts';
import { documentDigest, parseContentDocument, onDocumentParse, type ContentDocument } from './content-document.ts';
import type { ContentProblem } from './problems.ts';
import { hasRenderedTree, pruneRenderedTrees, readStoredTree, renderedTreeFile, renderedTreeFolder, writeRenderedTree } from './rendered-tree.ts';
import { judgeTranslation, translationPathProblem } from './translation-checks.ts';
import { siteTargets, textAtHash } from './source-revisions.ts';
import { readTranslationState, type TranslationState } from './translation-state.ts';
import { withoutContentExtension } from './content-format.ts';
import { pseudoDocument } from './pseudo-documents.ts';
import { TRANSLATABLE_FRONTMATTER_KEYS } from './frontmatter.ts';
import { readContentVariables, type ContentVariables } from './content-variables.ts';
import { readContentStyles, type ContentStyles } from '../security/content-styles.ts';
import { compareSegments, type SegmentReport } from './translation-segments.ts';
import { glossaConfig } from '../config/glossa-config.ts';
import type { PlannedTranslation } from '../build/shard-plan.ts';
import { byCodeUnits } from '../build/reproducible-order.ts';

export interface DocumentSetOptions {
	root: string;
	registry: LocaleRegistry;
	/** Folder holding one sub-folder per locale, relative to `root`. */
	contentDir?: string;
	/** Where documents and their trees are cached, relative to `root` (Astro's cache folder by default). */
	cacheDir?: string;
	/** The content files, as listed by the caller; listed here when absent. */
	listing?: FileListing;
	/** Remove cached documents and trees no file refers to any more (the build does). */
	prune?: boolean;
	/** translation-state.json, relative to `root`: what each translation was made from. */
	stateFile?: string;
	/**
	 * Translations a shard plan already judged (`src/build/shard-plan.ts`), by path below the content folder:
	 * they are not read or parsed; their verdicts come from the plan (a shard's other locales).
	 */
	planned?: ReadonlyMap<string, PlannedTranslation> | undefined;
}

/** A stored document: everything but the tree, which is in its own file (pages read only the tree). */
type StoredDocument = Omit<ContentDocument, 'tree'>;

export interface DocumentSet {
	contentDir: string;
	/** Every readable file of a registered locale, by path below the content folder (`es-419/values.mdx`), sorted. */
	documents: ReadonlyMap<string, ContentDocument>;
	/** Translations that cannot be built, with every problem found in them (or that are mostly English). */
	leftOut: ReadonlyMap<string, ContentProblem[]>;
	/**
	 * Translations that are built though they differ from today's English: what the editor should fix (a broken
	 * English target the translation fixed; markup of an older English, served as outdated).
	 */
	warnings: ReadonlyMap<string, ContentProblem[]>;
	/**
	 * Translations built as translations of an older English whose sections do not line up with today's: the
	 * English sections to mark outdated (with no record to say which; `project-scan.ts` adds them to freshness).
	 */
	outdated: ReadonlyMap<string, number[]>;
	/**
	 * Each translation that passed its checks, against its English source: which of its segments are the
	 * English text (`translation-segments.ts`). One that is mostly English is also in `leftOut`.
	 */
	segments: ReadonlyMap<string, SegmentReport>;
	/**
	 * Translations judged by a shard plan instead of parsed here (`DocumentSetOptions.planned`): in `leftOut`,
	 * `warnings`, `outdated` and `segments` as the plan says, never in `documents`.
	 */
	planned: ReadonlyMap<string, PlannedTranslation>;
	/** Folders under the content folder that are not registered locales. */
	unknownLocaleFolders: string[];
	/** Files that are not read at all: symbolic links, files over the size limit. */
	refused: RefusedFile[];
	/** Each locale's `variables.yml`, parsed, and the values each locale's pages see. */
	variables: ContentVariables;
	/** `content/styles/*.css`, judged and scoped: the classes they allow in content, and what was refused. */
	styles: ContentStyles;
	/** The file holding a document's rendered tree, relative to the project root (undefined if it has none). */
	treeFile(document: ContentDocument): string | undefined;
	/** A document's rendered tree, read from its file. */
	tree(document: ContentDocument): Promise<ContentDocument['tree']>;
	/** The English document a path below the content folder translates (`es-419/values.mdx` -> `en/values.mdx`). */
	sourceOf(relative: string): ContentDocument | undefined;
	/**
	 * A document's notices, less those its English source has too: a key Crowdin copies into every
	 * translation is the source's to fix, and is reported once, on the source.
	 */
	ownNotices(document: ContentDocument): ContentProblem[];
}

/** Reads in parallel, within what the machine's file handles allow on a 21,000-file corpus. */
const READ_CONCURRENCY = 64;
const DOCUMENT_FOLDER = 'glossa-documents';

const traceFile = glossaConfig.trace.documents;
/** `GLOSSA_TRACE_DOCUMENTS=<file>`: one line per read or parse of a source file, for tests that count them. */
function trace(event: 'read' | 'parse', file: string): void {
	if (traceFile) appendFileSync(traceFile, `${event}\t${file}\n`);
}
onDocumentParse((file) => trace('parse', file));

type ReadListener = (file: string) => void;
const readListeners = new Set<ReadListener>();

/** Calls `listener` with the file each time a source file is read, in this process. */
export function onDocumentRead(listener: ReadListener): () => void {
	readListeners.add(listener);
	return () => readListeners.delete(listener);
}

async function readSource(root: string, file: string): Promise<string> {
	for (const listener of readListeners) listener(file);
	trace('read', file);
	return (await readInside(root, file)).toString('utf8');
}

async function readStored(location: string): Promise<StoredDocument | undefined> {
	try {
		return deserialize(await readFile(location)) as StoredDocument;
	} catch {
		return undefined;
	}
}

function titleOf(document: ContentDocument): string | undefined {
	const title = document.frontmatter?.['title'];
	return typeof title === 'string' ? title : undefined;
}

/** Marks the problem that leaves a mostly English translation out (it is not a broken file: strict builds keep going). */
export const MOSTLY_UNTRANSLATED = 'mostly untranslated';

function mostlyUntranslatedProblem(file: string, report: SegmentReport): ContentProblem {
	const flagged = report.untranslated.length + (report.untranslatedTitle ? 1 : 0);
	return {
		file,
		message: `${MOSTLY_UNTRANSLATED}: ${flagged} of its ${report.total} segments are the English text; more than half, so it is treated as not translated`,
	};
}

/** Whether a translation was left out only for being mostly English (`DocumentSet.segments` has its report). */
export function isMostlyUntranslated(set: Pick<DocumentSet, 'segments'>, relative: string): boolean {
	return set.segments.get(relative)?.mostlyUntranslated ?? false;
}

export async function readDocumentSet({
	root,
	registry,
	contentDir = 'content',
	cacheDir = glossaConfig.cacheDir,
	listing = listContentFiles(root, contentDir),
	prune = false,
	stateFile = 'translation-state.json',
	planned = new Map(),
}: DocumentSetOptions): Promise<DocumentSet> {
	const documentFolder = path.join(root, cacheDir, DOCUMENT_FOLDER);
	const treeFolder = renderedTreeFolder(cacheDir);
	const sourcePrefix = `${registry.source.tag}/`;
	const sourceFiles = new Set(listing.files.filter((file) => file.startsWith(sourcePrefix)).map((file) => file.slice(sourcePrefix.length)));
	const unknownLocaleFolders = new Set<string>();
	const leftOut = new Map<string, ContentProblem[]>();
	const segments = new Map<string, SegmentReport>();
	const toRead: string[] = [];
	// One page, one source: `values.md` beside `values.mdx` is an error on both (neither is chosen silently).
	const byPage = Map.groupBy(listing.files, withoutContentExtension);
	const duplicated = new Map<string, ContentProblem>();
	for (const files of byPage.values()) {
		if (files.length < 2) continue;
		const names = files.map((relative) => path.posix.join(contentDir, relative));
		for (const file of names)
			duplicated.set(file, { file, message: `${names.join(' and ')} are the same page; keep one of them (rename or delete the other)` });
	}
	for (const relative of listing.files) {
		const folder = relative.split('/')[0]!;
		if (!registry.all.some((locale) => locale.tag === folder)) {
			unknownLocaleFolders.add(folder);
			continue;
		}
		const pathProblem =
			reservedRouteProblem(withoutContentExtension(relative)) ??
			(folder === registry.source.tag ? undefined : translationPathProblem(relative, sourceFiles, registry));
		if (pathProblem) leftOut.set(relative, [{ file: path.posix.join(contentDir, relative), message: pathProblem }]);
		else if (!planned.has(relative)) toRead.push(relative);
	}

	await mkdir(documentFolder, { recursive: true });
	const variables = await readContentVariables(root, registry, contentDir);
	const styles = await readContentStyles(root, contentDir);
	const classes = styles.classes;
	const limit = pLimit(READ_CONCURRENCY);
	const loaded = await Promise.all(
		toRead.map((relative) =>
			limit(async (): Promise<[string, ContentDocument]> => {
				const file = path.posix.join(contentDir, relative);
				const text = await readSource(root, file);
				const lookup = variables.forLocale(relative.split('/')[0]!);
				const digest = documentDigest(file, text, lookup.keyFor(text), classes);
				const location = path.join(documentFolder, `${digest}.v8`);
				// GLOSSA_FULL=1 (a full rebuild) parses every file again.
				const stored = glossaConfig.full ? undefined : await readStored(location);
				if (stored?.digest === digest && (!stored.rendered || hasRenderedTree(root, renderedTreeFile(treeFolder, digest)))) return [relative, stored];
				const document = parseContentDocument(file, text, contentDir, { variables: lookup, classes });
				const { tree, ...rest } = document;
				if (tree) await writeRenderedTree(root, renderedTreeFile(treeFolder, digest), tree);
				await writeFile(location, serialize(rest satisfies StoredDocument));
				// The tree stays in its file: 21,000 trees held in memory would cost more than reading the few that are asked for.
				return [relative, rest];
			}),
		),
	);
	// A duplicate is not in the file's own text, so it is added after the cache, never stored with the document.
	const documents = new Map(
		loaded.map(([relative, document]): [string, ContentDocument] => {
			const duplicate = duplicated.get(document.file);
			return [relative, duplicate ? { ...document, problems: [...document.problems, duplicate] } : document];
		}),
	);
	const sourceOf = (relative: string) => documents.get(`${sourcePrefix}${relative.slice(relative.indexOf('/') + 1)}`);
	const treeFile = (document: ContentDocument) => (document.rendered ? renderedTreeFile(treeFolder, document.digest) : undefined);

	// Pseudo-locales (GLOSSA_PSEUDO=1): a page for every sound English page, made from its document.
	const pseudoLocales = registry.all.filter((locale) => locale.pseudo);
	if (pseudoLocales.length > 0) {
		const english = [...documents].filter(([relative, document]) => relative.startsWith(sourcePrefix) && document.problems.length === 0);
		const options = { root, contentDir, treeFolder, englishTree: treeFile };
		const pseudo: [string, ContentDocument][] = [];
		for (const locale of pseudoLocales)
			for (const [relative, document] of english)
				pseudo.push([`${locale.tag}/${relative.slice(sourcePrefix.length)}`, await pseudoDocument(document, locale, options)]);
		// The set stays sorted by path, as listed.
		const all = [...documents, ...pseudo].sort(byCodeUnits(([relative]) => relative));
		documents.clear();
		for (const [relative, document] of all) documents.set(relative, document);
	}

	const warnings = new Map<string, ContentProblem[]>();
	const outdated = new Map<string, number[]>();
	const targets = siteTargets(root, registry, [...documents.keys(), ...planned.keys()], contentDir);
	let state: Promise<TranslationState | undefined> | undefined;
	// The English a translation was made from, when it is not today's: only asked for a translation whose markup differs.
	const recordedSource = async (relative: string, source: ContentDocument): Promise<ContentDocument | undefined> => {
		state ??= readTranslationState(path.join(root, stateFile)).catch(() => undefined);
		const record = (await state)?.translations[path.posix.join(contentDir, relative)];
		if (!record || record.sourceHash === source.sourceHash) return undefined;
		const text = await textAtHash(root, source.file, record.sourceHash);
		return text === undefined
			? undefined
			: parseContentDocument(source.file, text, contentDir, { variables: variables.forLocale(registry.source.tag), classes });
	};
	for (const [relative, document] of documents) {
		if (document.localeFolder === registry.source.tag || registry.byTag(document.localeFolder)?.pseudo) continue;
		const comparison = { registry, locale: document.localeFolder, translatableFrontmatter: TRANSLATABLE_FRONTMATTER_KEYS, targets };
		const source = sourceOf(relative);
		let verdict = judgeTranslation(document, source, comparison);
		// Markup that differs from today's English may be that of the English it was translated from.
		if (verdict.markupOnly && source) {
			const recorded = await recordedSource(relative, source);
			if (recorded) verdict = judgeTranslation(document, source, { ...comparison, recordedSource: recorded });
		}
		if (verdict.problems.length > 0) {
			leftOut.set(relative, verdict.problems);
			continue;
		}
		if (verdict.warnings.length > 0) warnings.set(relative, verdict.warnings);
		if (verdict.outdatedSections?.length) outdated.set(relative, verdict.outdatedSections);
		if (!source) continue;
		const report = compareSegments({ segments: document.segments, title: titleOf(document) }, { segments: source.segments, title: titleOf(source) });
		segments.set(relative, report);
		if (report.mostlyUntranslated) leftOut.set(relative, [mostlyUntranslatedProblem(document.file, report)]);
	}
	for (const [relative, verdict] of planned) {
		if (verdict.leftOut) leftOut.set(relative, verdict.leftOut);
		if (verdict.warnings) warnings.set(relative, verdict.warnings);
		if (verdict.outdated) outdated.set(relative, verdict.outdated);
		if (verdict.segments) segments.set(relative, verdict.segments);
	}

	// A shard knows only its own locales' documents: it leaves the others' cached documents alone.
	if (prune && planned.size === 0) {
		const keep = new Set([...documents.values()].map((document) => document.digest));
		const names = await readdir(documentFolder).catch(() => []);
		await Promise.all(names.filter((name) => !keep.has(name.replace(/\.v8$/, ''))).map((name) => rm(path.join(documentFolder, name), { force: true })));
		await pruneRenderedTrees(root, treeFolder, new Set([...documents.values()].flatMap((document) => treeFile(document) ?? [])));
	}
	return {
		contentDir,
		documents,
		leftOut,
		warnings,
		outdated,
		segments,
		planned,
		unknownLocaleFolders: [...unknownLocaleFolders].sort(),
		refused: listing.refused,
		variables,
		styles,
		treeFile,
		tree: async (document) => {
			const file = treeFile(document);
			if (!file) return undefined;
			return readStoredTree(root, file);
		},
		sourceOf,
		ownNotices: (document) => {
			const source = document.localeFolder === registry.source.tag ? undefined : sourceOf(document.file.slice(contentDir.length + 1));
			const inSource = new Set(source?.notices.map((notice) => notice.message));
			return document.notices.filter((notice) => !inSource.has(notice.message));
		},
	};
}

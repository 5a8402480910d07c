/**
 * The content collections' loaders. `pages`: every `content/<locale>/**\/*.mdx` that may be built, from its
 * parsed document (`content-document.ts`, read and parsed once, cached by digest: `document-set.ts`), with
 * its frontmatter validated and its rendered tree in its own file (`rendered-tree.ts`). `site`: one entry,
 * the digest of the sync. What pages are made from (the project scan, `project-scan.ts`, and each entry's
 * frontmatter, sections and links) goes to the build manifest (`build-manifest.ts`), which the site model
 * (`src/site/astro-site.ts`), the search and the offline integrations read; the store keeps only what the
 * next sync needs to reuse an entry.
 *
 * A translation that fails its checks is left out with a warning naming file and line, and its page falls
 * back to English; `GLOSSA_STRICT=1` fails the build instead. A broken English page fails the build: there
 * is nothing to fall back to.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DataStore, Loader, LoaderContext } from 'astro/loaders';
import type { LocaleRegistry } from '../i18n/registry.ts';
import { localizedPath } from '../i18n/routing.ts';
import { listContentFiles } from '../security/content-files.ts';
import { contentFormatOf } from './content-format.ts';
import { missingVideoMessage } from './content-videos.ts';
import { imageReadability, missingReferenceMessage, resolvePageImages, unreadableImageMessage } from './content-images.ts';
import { isMostlyUntranslated, readDocumentSet } from './document-set.ts';
import { entryDependencies, entryFrontmatter } from './entry-data.ts';
import { formatProblem } from './problems.ts';
import { scanProject } from './project-scan.ts';
import { writeBuildManifest, type ManifestEntry, type SearchDocumentRef } from './build-manifest.ts';
import { VARIABLES_FILE } from './content-variables.ts';
import type { ContentProblem } from './problems.ts';
import { glossaConfig } from '../config/glossa-config.ts';
import { ownsFolder } from '../build/shards.ts';
import { planInputs, readShardPlan, writeShardPlan, type PlannedTranslation } from '../build/shard-plan.ts';
import { byCodeUnits } from '../build/reproducible-order.ts';

export interface ContentLoaderOptions {
	registry: LocaleRegistry;
	/** Folder holding one sub-folder per locale, relative to the project root. */
	contentDir: string;
	/** Fail instead of falling back when a translation cannot be built. */
	strict: () => boolean;
}

/**
 * What the loader stores as an entry's `rendered.metadata` (its `rendered.html` stays empty): only what the
 * next sync needs to reuse the entry. Astro inlines the whole store into the server bundle, so the entry's
 * sections, links and words go to the build manifest, which the site model is made from (`astro-site.ts`).
 */
export type RenderedEntryMetadata = {
	/** The rendered tree's file, relative to the project root (`rendered-tree.ts`). */
	treeFile: string;
	/** Warnings the file gave when it was loaded, repeated on every build that reuses the entry. */
	warnings: string[];
};

/**
 * The id of the `site` collection's one entry: the digest of the sync (every entry and the scan), which the
 * pages read to know when the site model must be made again from the build manifest.
 */
export const PROJECT_SCAN_DIGEST_ID = 'project-scan-digest';

export interface ContentLoaders {
	pages: Loader;
	site: Loader;
}

/** How long the content files must be unchanged before `astro dev` syncs them again. */
const WATCH_QUIET_MS = 150;

export function contentLoaders(options: ContentLoaderOptions): ContentLoaders {
	// The `site` store is handed to the pages loader, which sets its digest at the end of each sync (Astro runs
	// the loaders side by side; a sync of the pages alone, as in `astro dev`, updates it too).
	let siteStore: DataStore | undefined;
	let siteStoreReady: () => void = () => {};
	const siteStoreGiven = new Promise<void>((resolve) => (siteStoreReady = resolve));
	return {
		site: {
			name: 'glossa-site',
			load: async ({ store }) => {
				siteStore = store;
				siteStoreReady();
			},
		},
		pages: {
			name: 'glossa-content',
			load: async (context) => {
				const root = fileURLToPath(context.config.root);
				const contentRoot = path.join(root, options.contentDir);
				const sync = async () => {
					// In `astro dev` a page may still be rendering from the previous sync's trees: nothing is pruned
					// while watching (the next build prunes).
					const { digest } = await syncContent(context, root, { ...options, prune: !context.watcher });
					await siteStoreGiven;
					siteStore!.set({ id: PROJECT_SCAN_DIGEST_ID, data: { digest }, digest });
				};
				await sync();
				if (!context.watcher) return;
				// `astro dev`: a saved, added or removed page is synced again; unchanged files keep their stored entry.
				context.watcher.add(contentRoot);
				// A save can reach the watcher as two writes (emptied, then written) and the watcher may report only
				// the first: the sync waits until the files have been quiet for a moment, so it reads what was saved.
				let pending: Promise<void> = Promise.resolve();
				let quiet: ReturnType<typeof setTimeout> | undefined;
				context.watcher.on('all', (_event, changed) => {
					// A changed `variables.yml` changes every page that shows one of its values.
					if (!changed.startsWith(contentRoot) || !(contentFormatOf(changed) || path.basename(changed) === VARIABLES_FILE || changed.endsWith('.css'))) return;
					clearTimeout(quiet);
					quiet = setTimeout(() => {
						pending = pending.then(sync).catch((error: unknown) => context.logger.error((error as Error).message));
					}, WATCH_QUIET_MS);
				});
			},
		},
	};
}

/**
 * Content variables and template code, said once per sync. English: a `variables.yml` that does not parse and
 * an unknown variable are errors, and the page is built without the value (as with a missing image: one
 * file never fails the whole build; `GLOSSA_STRICT=1` does). A translation's are warnings: its values fall
 * back along its chain. Template code is a warning on the English file, and on a translation only where
 * its source does not have the same (Crowdin copies it into every language). Returns the English errors.
 */
function reportTemplateSyntax(
	set: Awaited<ReturnType<typeof readDocumentSet>>,
	source: string,
	logger: LoaderContext['logger'],
	ownFile: (relative: string) => boolean,
): number {
	let errors = 0;
	const error = (problem: ContentProblem) => {
		errors++;
		logger.error(formatProblem(problem));
	};
	for (const [tag, table] of set.variables.tables)
		for (const problem of table.problems) {
			if (tag === source) error({ ...problem, message: `${problem.message}; pages that use it are built without it` });
			else if (ownFile(tag)) logger.warn(`${formatProblem(problem)}; its pages use the values of the next locale along the fallback chain`);
		}
	for (const [relative, document] of set.documents) {
		if (set.leftOut.has(relative)) continue;
		const english = document.localeFolder === source;
		for (const problem of document.unknownVariables) {
			if (english) error(problem);
			else if (ownFile(relative)) logger.warn(formatProblem(problem));
		}
		if (!ownFile(relative)) continue;
		const inSource = new Set(english ? [] : (set.sourceOf(relative)?.templateCode.map((problem) => problem.message) ?? []));
		for (const problem of document.templateCode) if (!inSource.has(problem.message)) logger.warn(formatProblem(problem));
	}
	return errors;
}

async function syncContent(context: LoaderContext, root: string, options: ContentLoaderOptions & { prune: boolean }) {
	const { store, logger, generateDigest } = context;
	const { registry, contentDir } = options;
	const cacheDir = path.relative(root, fileURLToPath(context.config.cacheDir));
	// A shard warns about its own locales' files; the shards that render the others warn about theirs.
	/** Whether this build warns about a file below the content folder (`es-419/values.mdx`). */
	const ownFile = (relative: string) => ownsFolder(relative.split('/')[0] ?? '', root);
	/** The same for a file named from the project root (`content/es-419/values.mdx`), as problems name it. */
	const ownProjectFile = (file: string) => ownFile(path.posix.relative(contentDir, file));
	const listing = listContentFiles(root, contentDir);
	for (const refused of listing.refused) if (ownProjectFile(refused.file)) logger.warn(`${refused.file} ${refused.reason}; it is not built`);
	const planned = await plannedTranslations(root, logger);
	const set = await readDocumentSet({ root, registry, contentDir, cacheDir, listing, prune: options.prune, planned });

	for (const folder of set.unknownLocaleFolders) {
		if (ownsFolder(folder, root)) logger.warn(`${contentDir}/${folder}/ is not a registered locale (src/i18n/locales.ts); it is not built`);
	}
	for (const [relative, problems] of set.leftOut) {
		if (!ownFile(relative)) continue;
		for (const problem of problems) logger.warn(formatProblem(problem));
		logger.warn(
			set.sourceOf(relative)
				? `${contentDir}/${relative} is left out; its ${relative.split('/')[0]} page shows the English text with a notice`
				: `${contentDir}/${relative} is left out; it is not built`,
		);
	}
	// Built, but with something to fix: a broken English target a translation fixed, markup of an older English.
	for (const [relative, problems] of set.warnings) if (ownFile(relative)) for (const problem of problems) logger.warn(formatProblem(problem));
	// A mostly English translation builds; it is only not shown yet, so strict mode lets it pass.
	const unbuildable = [...set.leftOut.keys()].filter((relative) => ownFile(relative) && !isMostlyUntranslated(set, relative)).length;
	if (options.strict() && unbuildable > 0) {
		throw new Error(`strict mode: ${unbuildable} translation(s) cannot be built (see the warnings above)`);
	}
	// English has nothing to fall back to.
	const brokenEnglish = [...set.documents.values()].filter((document) => document.localeFolder === registry.source.tag && document.problems.length > 0);
	if (brokenEnglish.length > 0) throw new Error(brokenEnglish.flatMap((document) => document.problems.map(formatProblem)).join('\n'));

	// A missing image in an English page: one error, here, naming the file and line. The page is built
	// without it, so no locale and no offline pack repeats the error.
	const missingImages = [...set.documents.values()]
		.filter((document) => document.localeFolder === registry.source.tag)
		.flatMap((document) =>
			resolvePageImages(root, document, { contentDir })
				.filter((image) => !image.file)
				.map((image) => ({
					file: document.file,
					line: image.line,
					column: image.column,
					message: missingReferenceMessage(document, image.written, contentDir),
				})),
		);
	// An image the pipeline cannot read (a damaged file): an error naming each page that shows it, which is
	// built without it, as with a missing one. One no page shows is only a warning (src/site/content-images.ts).
	const unreadable = imageReadability(root);
	for (const [relative, document] of set.documents) {
		if (set.leftOut.has(relative)) continue;
		const localeFolder = document.localeFolder === registry.source.tag ? undefined : document.localeFolder;
		for (const image of resolvePageImages(root, document, { contentDir, localeFolder })) {
			const reason = image.file && (await unreadable(image.file));
			if (image.file && reason)
				missingImages.push({ file: document.file, line: image.line, column: image.column, message: unreadableImageMessage(image.written, image.file, reason) });
		}
	}
	for (const problem of missingImages) logger.error(formatProblem(problem));
	if (options.strict() && missingImages.length > 0)
		throw new Error(`strict mode: ${missingImages.length} missing or unreadable image(s) or file(s) (see the errors above)`);
	// A content stylesheet with anything refused is left out whole; the others and every page still build.
	// Errors: editors write them, as they write English (`src/security/content-styles.ts`).
	const refusedSheets = new Set(set.styles.problems.map((problem) => problem.file));
	for (const problem of set.styles.problems) logger.error(formatProblem(problem));
	for (const file of refusedSheets) logger.error(`${file} is left out of the site; its classes stay dropped from pages until it is fixed`);
	if (options.strict() && refusedSheets.size > 0) throw new Error(`strict mode: ${refusedSheets.size} content stylesheet(s) refused (see the errors above)`);
	const variableErrors = reportTemplateSyntax(set, registry.source.tag, logger, ownFile);
	if (options.strict() && variableErrors > 0) throw new Error(`strict mode: ${variableErrors} content variable error(s) (see the errors above)`);

	const untouched = new Set(store.keys());
	const searchable: SearchDocumentRef[] = [];
	// By path below the content folder: the order of a single build's entries, whichever were parsed here.
	const entries: [string, ManifestEntry][] = [];
	// What the shard plan records of each built document, collected only by the sync that writes one.
	const planFile = glossaConfig.shard ? undefined : glossaConfig.shardPlan;
	const builtForPlan: Record<string, NonNullable<PlannedTranslation['built']>> = {};
	for (const [relative, planned] of set.planned) {
		const built = planned.built;
		if (!built || set.leftOut.has(relative)) continue;
		const { entry } = built;
		untouched.delete(entry.id);
		const metadata: RenderedEntryMetadata = { treeFile: entry.treeFile, warnings: [] };
		if (store.get(entry.id)?.digest !== built.storeDigest)
			store.set({ id: entry.id, data: entry.data, filePath: built.file, digest: built.storeDigest, rendered: { html: '', metadata } });
		searchable.push(built.search);
		entries.push([relative, entry]);
	}
	for (const [relative, document] of set.documents) {
		if (set.leftOut.has(relative)) continue;
		const { id } = document;
		untouched.delete(id);
		const locale = registry.get(document.localeFolder);
		const { english, localPage } = entryDependencies(set, relative, registry);
		const treeFile = set.treeFile(document)!;
		// What the entry depends on beyond its own document: the English frontmatter it takes keys from, or its
		// regional menu place.
		const digest = generateDigest(`${document.digest}\u0000${JSON.stringify(english ?? localPage ?? null)}`);
		const stored = store.get(id);
		const storedMetadata = stored?.rendered?.metadata as Partial<RenderedEntryMetadata> | undefined;
		let data: ManifestEntry['data'];
		if (stored?.digest === digest && storedMetadata?.treeFile === treeFile) {
			if (ownFile(relative)) for (const warning of storedMetadata.warnings ?? []) logger.warn(warning);
			// Written by this loader from a validated document (below); Astro's store types it loosely.
			data = stored.data as ManifestEntry['data'];
		} else {
			// A translation with anything to drop was left out above; English builds without it, with a warning each.
			const warnings = [
				...document.dropped.map((problem) => `${formatProblem(problem)}; it is left out of the page`),
				...set.ownNotices(document).map(formatProblem),
			];
			const pinned = entryFrontmatter(document, english, localPage);
			warnings.push(...pinned.warnings);
			if (ownFile(relative)) for (const warning of warnings) logger.warn(warning);
			// Validated once, when the file was parsed (content-document.ts); what the entry adds is made valid
			// (entry-data.ts). So no `parseData`: the collection's schema only types the entries.
			data = pinned.data;
			const metadata: RenderedEntryMetadata = { treeFile, warnings };
			store.set({ id, data, filePath: document.file, digest, rendered: { html: '', metadata } });
		}
		const untranslated = set.segments.get(relative)?.untranslated;
		const search: SearchDocumentRef = {
			url: localizedPath(locale, document.slug),
			lang: locale.tag,
			title: String(data['title']),
			treeFile,
			...(untranslated?.length ? { untranslated } : {}),
		};
		searchable.push(search);
		const entry: ManifestEntry = { id, data, words: document.words, sections: document.sections, treeFile, localizableLinks: document.localizableLinks };
		entries.push([relative, entry]);
		if (planFile) builtForPlan[relative] = { entry, storeDigest: digest, file: document.file, search };
	}
	for (const id of untouched) store.delete(id);
	entries.sort(byCodeUnits(([relative]) => relative));
	const scan = await scanProject(root, registry, set);
	// Videos: a missing file in an English page is an error naming file and line (the page shows the video's
	// title and poster, without a player); subtitle problems once per file, not per page or locale.
	for (const [relative, document] of set.documents) {
		if (document.localeFolder !== registry.source.tag || set.leftOut.has(relative)) continue;
		for (const reference of document.videos)
			if (scan.videos.pages[document.id]?.[reference.value] === null)
				logger.error(
					formatProblem({
						file: document.file,
						line: reference.line,
						column: reference.column,
						message: missingVideoMessage(document, reference.value, contentDir),
					}),
				);
	}
	for (const problem of scan.videos.problems) {
		if (problem.severity === 'error') logger.error(formatProblem(problem));
		else if (ownProjectFile(problem.file)) logger.warn(formatProblem(problem));
	}
	await writeBuildManifest(path.join(root, cacheDir), { scan, entries: entries.map(([, entry]) => entry), searchDocuments: searchable });
	if (planFile) await writePlan(root, registry, set, scan, builtForPlan, planFile, logger);
	// Changes whenever any entry or the scan does: the site model is rebuilt exactly then (src/site/astro-site.ts).
	const digest = generateDigest(JSON.stringify([entries.map(([, entry]) => store.get(entry.id)?.digest), scan]));
	return { scan, digest };
}

/**
 * In a shard with a plan made from this tree: the translations of the locales other shards render, as the
 * plan judged them (src/build/shard-plan.ts). Otherwise none, and every file is parsed here.
 */
async function plannedTranslations(root: string, logger: LoaderContext['logger']): Promise<Map<string, PlannedTranslation> | undefined> {
	const { shard, shardPlan } = glossaConfig;
	if (!shard || !shardPlan) return undefined;
	const read = await readShardPlan(shardPlan, await planInputs(root));
	if ('problem' in read) {
		logger.warn(`${read.problem}; this shard parses every locale instead (slower, the same pages). Make the plan again: npm run build -- --plan ${shardPlan}`);
		return undefined;
	}
	const planned = new Map(Object.entries(read.plan.translations).filter(([relative]) => !ownsFolder(relative.split('/')[0]!, root)));
	logger.info(`shard plan: ${planned.size} translations of other shards' locales taken from ${path.relative(root, shardPlan) || shardPlan}, not parsed`);
	return planned;
}

/** The plan for the shards (`npm run build -- --plan FILE`): every translation's verdict, and a built one's entry. */
async function writePlan(
	root: string,
	registry: LocaleRegistry,
	set: Awaited<ReturnType<typeof readDocumentSet>>,
	scan: Awaited<ReturnType<typeof scanProject>>,
	built: Record<string, NonNullable<PlannedTranslation['built']>>,
	file: string,
	logger: LoaderContext['logger'],
): Promise<void> {
	const translations: Record<string, PlannedTranslation> = {};
	for (const [relative, document] of set.documents) {
		if (document.localeFolder === registry.source.tag || registry.byTag(document.localeFolder)?.pseudo) continue;
		const entry = built[relative];
		translations[relative] = {
			leftOut: set.leftOut.get(relative),
			warnings: set.warnings.get(relative),
			outdated: set.outdated.get(relative),
			segments: set.segments.get(relative),
			built: entry && { ...entry, images: scan.images[entry.entry.id], videos: scan.videos.pages[entry.entry.id] },
		};
	}
	await writeShardPlan(file, { inputs: await planInputs(root), translations });
	logger.info(`shard plan written to ${path.relative(root, file) || file}: ${Object.keys(translations).length} translations`);
}

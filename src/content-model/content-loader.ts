/**
 * The content collection's loader: every `content/<locale>/**\/*.mdx` that may be built, with its
 * frontmatter validated and its body rendered and sanitized once (`mdx-render.ts`, kept as a tree by `rendered-tree.ts`).
 * Astro keeps the store between builds, so an unchanged file (same text, same renderer) is neither parsed
 * nor rendered again.
 *
 * Translations are checked first (`translation-checks.ts`): one that fails is left out with a warning naming
 * file and line, and its page falls back to English; `GLOSSA_STRICT=1` fails the build instead. A broken
 * English page fails the build: there is nothing to fall back to.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseFrontmatter } from '@astrojs/markdown-remark';
import type { Loader, LoaderContext } from 'astro/loaders';
import pLimit from 'p-limit';
import type { LocaleRegistry } from '../i18n/registry.ts';
import { countWords } from '../i18n/reading-time.ts';
import { localizedPath, parseContentId } from '../i18n/routing.ts';
import { buildSearchIndexer } from '../search/build-index.ts';
import { MDX_RENDER_VERSION, MdxRenderError, renderMdx, type RenderedHeading } from './mdx-render.ts';
import type { LocalPage } from '../i18n/registry.ts';
import { frontmatterLine, frontmatterTooLarge, MAX_FRONTMATTER_VALUES, TRANSLATABLE_FRONTMATTER_KEYS } from './frontmatter.ts';
import { hasRenderedTree, pruneRenderedTrees, readStoredTree, renderedTreeFile, renderedTreeFolder, writeRenderedTree } from './rendered-tree.ts';
import { listContentFiles } from '../security/content-files.ts';
import { checkTranslations, formatProblem, parseErrorProblem } from './translation-checks.ts';

export interface ContentLoaderOptions {
	registry: LocaleRegistry;
	/** Folder holding one sub-folder per locale, relative to the project root. */
	contentDir: string;
	/** Where translation verdicts are remembered between builds, relative to the project root. */
	checkCacheFile: string;
	/** Fail instead of falling back when a translation cannot be built. */
	strict: () => boolean;
}

/** What the loader stores as an entry's `rendered.metadata` (its `rendered.html` stays empty). */
export type RenderedEntryMetadata = {
	headings: RenderedHeading[];
	/** Words in the body, counted for the entry's language (`countWords`). */
	words: number;
	/** The rendered tree's file, relative to the project root (`rendered-tree.ts`). */
	treeFile: string;
	/** Warnings the file gave when it was rendered, repeated on every build that reuses the rendering. */
	warnings: string[];
};

/** Reads in parallel, within what the machine's file handles allow on a 21,000-file corpus. */
const READ_CONCURRENCY = 64;

export function contentLoader(options: ContentLoaderOptions): Loader {
	return {
		name: 'glossa-content',
		load: async (context) => {
			const root = fileURLToPath(context.config.root);
			const contentRoot = path.join(root, options.contentDir);
			await syncContent(context, root, options);
			if (!context.watcher) return;
			// `astro dev`: a saved, added or removed page is synced again; unchanged files keep their stored HTML.
			context.watcher.add(contentRoot);
			let pending: Promise<void> = Promise.resolve();
			context.watcher.on('all', (_event, changed) => {
				if (!changed.startsWith(contentRoot) || !changed.endsWith('.mdx')) return;
				pending = pending.then(() => syncContent(context, root, options)).catch((error: unknown) => context.logger.error((error as Error).message));
			});
		},
	};
}

/** Frontmatter a translation may not change: the English value is used, and a different one is reported. */
function pinnedFrontmatter(
	file: string,
	text: string,
	frontmatter: Record<string, unknown>,
	english: Record<string, unknown>,
): { data: Record<string, unknown>; warnings: string[] } {
	const translatable = new Set<string>(TRANSLATABLE_FRONTMATTER_KEYS);
	const data: Record<string, unknown> = {};
	const warnings: string[] = [];
	for (const [key, value] of Object.entries(english)) if (!translatable.has(key)) data[key] = value;
	for (const [key, value] of Object.entries(frontmatter)) {
		if (translatable.has(key)) data[key] = value;
		else if (JSON.stringify(value) !== JSON.stringify(english[key])) {
			warnings.push(
				formatProblem({
					file,
					line: frontmatterLine(text, key),
					message: `frontmatter ${key} is not translatable; it is ignored and the English value is used (change it in the English page)`,
				}),
			);
		}
	}
	return { data, warnings };
}

/** A regional page's menu place comes from the registry (`localPages`), never from the page itself. */
function regionalFrontmatter(
	file: string,
	text: string,
	frontmatter: Record<string, unknown>,
	page: LocalPage,
): { data: Record<string, unknown>; warnings: string[] } {
	const { navOrder, ...rest } = frontmatter;
	const warnings =
		navOrder !== undefined && navOrder !== page.navOrder
			? [
					formatProblem({
						file,
						line: frontmatterLine(text, 'navOrder'),
						message: 'frontmatter navOrder is ignored on a regional page; its menu place is set in localPages (src/i18n/locales.ts)',
					}),
				]
			: [];
	return { data: page.navOrder === undefined ? rest : { ...rest, navOrder: page.navOrder }, warnings };
}

async function syncContent(context: LoaderContext, root: string, options: ContentLoaderOptions): Promise<void> {
	const { store, logger, parseData, generateDigest } = context;
	const { registry, contentDir } = options;
	const contentRoot = path.join(root, contentDir);
	const listing = listContentFiles(root, contentDir);
	for (const refused of listing.refused) logger.warn(`${refused.file} ${refused.reason}; it is not built`);
	const report = await checkTranslations({ root, registry, contentDir, cacheFile: path.join(root, options.checkCacheFile), listing });

	const sourcePrefix = `${registry.source.tag}/`;
	const hasSource = (relative: string) => listing.files.includes(`${sourcePrefix}${relative.slice(relative.indexOf('/') + 1)}`);
	for (const folder of report.unknownLocaleFolders) {
		logger.warn(`${contentDir}/${folder}/ is not a registered locale (src/i18n/locales.ts); it is not built`);
	}
	for (const [relative, problems] of report.broken) {
		for (const problem of problems) logger.warn(formatProblem(problem));
		logger.warn(
			hasSource(relative)
				? `${contentDir}/${relative} is left out; its ${relative.split('/')[0]} page shows the English text with a notice`
				: `${contentDir}/${relative} is left out; it is not built`,
		);
	}
	if (options.strict() && report.broken.size > 0) {
		throw new Error(`strict mode: ${report.broken.size} translation(s) cannot be built (see the warnings above)`);
	}

	const locales = new Set(registry.all.map((locale) => locale.tag));
	const files = listing.files.filter((relative) => locales.has(relative.split('/')[0]!) && !report.broken.has(relative));
	const untouched = new Set(store.keys());
	const limit = pLimit(READ_CONCURRENCY);
	const treeFolder = renderedTreeFolder(root, fileURLToPath(context.config.cacheDir));
	const treeFiles = new Set<string>();
	// Each entry is the searchable body of its own page (see src/search/build-index.ts); undefined outside a build.
	const searchIndexer = buildSearchIndexer();
	const searchPage = (id: string) => {
		const { localeFolder, slug } = parseContentId(id);
		const locale = registry.get(localeFolder);
		return { url: localizedPath(locale, slug), lang: locale.tag };
	};
	// Files are synced in the order of their pages' URLs, the order the search index takes them in, so each
	// document can go to Pagefind as soon as it is rendered.
	const urlOf = new Map(files.map((relative) => [relative, searchPage(relative.replace(/\.mdx$/, '')).url]));
	const inUrlOrder = [...files].sort((a, b) => (urlOf.get(a)! < urlOf.get(b)! ? -1 : urlOf.get(a)! > urlOf.get(b)! ? 1 : 0));
	searchIndexer?.plan([...urlOf.values()]);
	// Translations take their untranslatable frontmatter from English, so English is read first.
	const englishFrontmatter = new Map<string, Record<string, unknown>>();
	await Promise.all(
		files
			.filter((relative) => relative.startsWith(sourcePrefix))
			.map((relative) =>
				limit(async () => {
					try {
						const { frontmatter } = parseFrontmatter(await readFile(path.join(contentRoot, relative), 'utf8'));
						if (!frontmatterTooLarge(frontmatter)) englishFrontmatter.set(relative.slice(sourcePrefix.length), frontmatter);
					} catch {
						// Reported, with its line, when the English page itself is synced below.
					}
				}),
			),
	);

	await Promise.all(
		inUrlOrder.map((relative) =>
			limit(async () => {
				const id = relative.replace(/\.mdx$/, '');
				untouched.delete(id);
				const file = path.posix.join(contentDir, relative);
				const [folder = '', ...rest] = relative.split('/');
				const locale = registry.get(folder);
				const english = locale.isSource ? undefined : englishFrontmatter.get(rest.join('/'));
				const localPage = !locale.isSource && !english ? locale.localPages[parseContentId(id).slug] : undefined;
				const text = await readFile(path.join(contentRoot, relative), 'utf8');
				// What the entry depends on beyond its own text: the English frontmatter it takes keys from, or its
				// regional menu place.
				const digest = generateDigest(`${MDX_RENDER_VERSION}\u0000${text}\u0000${JSON.stringify(english ?? localPage ?? null)}`);
				const treeFile = renderedTreeFile(treeFolder, digest);
				treeFiles.add(treeFile);
				const stored = store.get(id);
				const storedMetadata = stored?.rendered?.metadata as Partial<RenderedEntryMetadata> | undefined;
				if (stored?.digest === digest && storedMetadata?.treeFile === treeFile && hasRenderedTree(root, treeFile)) {
					for (const warning of storedMetadata.warnings ?? []) logger.warn(warning);
					if (searchIndexer) searchIndexer.add({ ...searchPage(id), title: String(stored.data['title']), tree: await readStoredTree(root, treeFile) });
					return;
				}

				// English has nothing to fall back to, and strict mode wants every problem to stop the build.
				const leaveOut = (error: unknown) => {
					const problems = error instanceof MdxRenderError ? error.problems : [parseErrorProblem(file, error)];
					if (locale.isSource || options.strict()) throw new Error(problems.map(formatProblem).join('\n'), { cause: error });
					for (const problem of problems) logger.warn(formatProblem(problem));
					logger.warn(`${file} is left out; its ${folder} page shows the English text with a notice`);
					store.delete(id);
				};
				let frontmatter: Record<string, unknown>;
				let content: string;
				let rendered: ReturnType<typeof renderMdx>;
				try {
					// Blanking the frontmatter (rather than cutting it) keeps the body's line numbers those of the file.
					({ frontmatter, content } = parseFrontmatter(text, { frontmatter: 'empty-with-spaces' }));
					if (frontmatterTooLarge(frontmatter))
						throw new MdxRenderError([
							{ file, line: 1, message: `frontmatter holds more than ${MAX_FRONTMATTER_VALUES} values (YAML aliases that repeat themselves?)` },
						]);
					rendered = renderMdx(file, content);
				} catch (error) {
					return leaveOut(error);
				}
				// A translation with anything to drop failed its checks above; English builds without it, with a warning each.
				const warnings = rendered.dropped.map((problem) => `${formatProblem(problem)}; it is left out of the page`);
				const pinned = english
					? pinnedFrontmatter(file, text, frontmatter, english)
					: localPage
						? regionalFrontmatter(file, text, frontmatter, localPage)
						: { data: frontmatter, warnings: [] };
				warnings.push(...pinned.warnings);
				for (const warning of warnings) logger.warn(warning);
				// Astro's schema error names the file and the field.
				const data = await parseData({ id, data: pinned.data, filePath: path.join(contentRoot, relative) });
				await writeRenderedTree(root, treeFile, rendered.tree);
				// Neither the body nor the tree is kept in the store, which is bundled into the build and parsed again
				// to render (see rendered-tree.ts); a page needs the tree's file and the word count.
				const words = countWords(content, folder);
				const metadata: RenderedEntryMetadata = { headings: rendered.headings, words, treeFile, warnings };
				store.set({ id, data, filePath: file, digest, rendered: { html: '', metadata } });
				searchIndexer?.add({ ...searchPage(id), title: String(data['title']), tree: rendered.tree });
			}),
		),
	);
	for (const id of untouched) store.delete(id);
	searchIndexer?.seal();
	await pruneRenderedTrees(root, treeFolder, treeFiles);
}

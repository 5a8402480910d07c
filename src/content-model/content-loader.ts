/**
 * The content collection's loader: every `content/<locale>/**\/*.mdx` that may be built, with its
 * frontmatter validated and its body rendered to HTML once (`mdx-render.ts`, kept by `rendered-html.ts`).
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
import { glob } from 'tinyglobby';
import type { LocaleRegistry } from '../i18n/registry.ts';
import { countWords } from '../i18n/reading-time.ts';
import { localizedPath, parseContentId } from '../i18n/routing.ts';
import { buildSearchIndexer } from '../search/build-index.ts';
import { MDX_RENDER_VERSION, MdxRenderError, renderMdx, type RenderedHeading } from './mdx-render.ts';
import { hasRenderedHtml, pruneRenderedHtml, renderedHtmlFile, renderedHtmlFolder, writeRenderedHtml } from './rendered-html.ts';
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
	/** The rendered HTML's file, relative to the project root (`rendered-html.ts`). */
	htmlFile: string;
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

async function syncContent(context: LoaderContext, root: string, options: ContentLoaderOptions): Promise<void> {
	const { store, logger, parseData, generateDigest } = context;
	const { registry, contentDir } = options;
	const contentRoot = path.join(root, contentDir);
	const report = await checkTranslations({ root, registry, contentDir, cacheFile: path.join(root, options.checkCacheFile) });

	for (const folder of report.unknownLocaleFolders) {
		logger.warn(`${contentDir}/${folder}/ is not a registered locale (src/i18n/locales.ts); it is not built`);
	}
	for (const [relative, problems] of report.broken) {
		for (const problem of problems) logger.warn(formatProblem(problem));
		logger.warn(`${contentDir}/${relative} is left out; its ${relative.split('/')[0]} page shows the English text with a notice`);
	}
	if (options.strict() && report.broken.size > 0) {
		throw new Error(`strict mode: ${report.broken.size} translation(s) cannot be built (see the warnings above)`);
	}

	const locales = new Set(registry.all.map((locale) => locale.tag));
	const files = (await glob('**/*.mdx', { cwd: contentRoot }))
		.filter((relative) => locales.has(relative.split('/')[0]!) && !report.broken.has(relative))
		.sort();
	const untouched = new Set(store.keys());
	const limit = pLimit(READ_CONCURRENCY);
	const htmlFolder = renderedHtmlFolder(root, fileURLToPath(context.config.cacheDir));
	const htmlFiles = new Set<string>();
	// Each entry is the searchable body of its own page (see src/search/build-index.ts); undefined outside a build.
	const searchIndexer = buildSearchIndexer();
	const searchPage = (id: string) => {
		const { localeFolder, slug } = parseContentId(id);
		const locale = registry.get(localeFolder);
		return { url: localizedPath(locale, slug), lang: locale.tag };
	};

	await Promise.all(
		files.map((relative) =>
			limit(async () => {
				const id = relative.replace(/\.mdx$/, '');
				untouched.delete(id);
				const file = path.posix.join(contentDir, relative);
				const text = await readFile(path.join(contentRoot, relative), 'utf8');
				const digest = generateDigest(`${MDX_RENDER_VERSION}\u0000${text}`);
				const htmlFile = renderedHtmlFile(htmlFolder, digest);
				htmlFiles.add(htmlFile);
				const stored = store.get(id);
				if (stored?.digest === digest && stored.rendered?.metadata?.['htmlFile'] === htmlFile && hasRenderedHtml(root, htmlFile)) {
					if (searchIndexer)
						searchIndexer.add({ ...searchPage(id), title: String(stored.data['title']), html: await readFile(path.join(root, htmlFile), 'utf8') });
					return;
				}

				// English has nothing to fall back to, and strict mode wants every problem to stop the build.
				const leaveOut = (error: unknown) => {
					const problems = error instanceof MdxRenderError ? error.problems : [parseErrorProblem(file, error)];
					if (relative.startsWith(`${registry.source.tag}/`) || options.strict()) throw new Error(problems.map(formatProblem).join('\n'), { cause: error });
					for (const problem of problems) logger.warn(formatProblem(problem));
					logger.warn(`${file} is left out; its ${relative.split('/')[0]} page shows the English text with a notice`);
					store.delete(id);
				};
				let frontmatter: Record<string, unknown>;
				let content: string;
				let rendered: ReturnType<typeof renderMdx>;
				try {
					// Blanking the frontmatter (rather than cutting it) keeps the body's line numbers those of the file.
					({ frontmatter, content } = parseFrontmatter(text, { frontmatter: 'empty-with-spaces' }));
					rendered = renderMdx(file, content);
				} catch (error) {
					return leaveOut(error);
				}
				// Astro's schema error names the file and the field.
				const data = await parseData({ id, data: frontmatter, filePath: path.join(contentRoot, relative) });
				await writeRenderedHtml(root, htmlFile, rendered.html);
				// Neither the body nor the HTML is kept in the store, which is bundled into the build and parsed again
				// to render (see rendered-html.ts); a page needs the HTML's file and the word count.
				const words = countWords(content, relative.split('/')[0]!);
				const metadata: RenderedEntryMetadata = { headings: rendered.headings, words, htmlFile };
				store.set({ id, data, filePath: file, digest, rendered: { html: '', metadata } });
				searchIndexer?.add({ ...searchPage(id), title: String(data['title']), html: rendered.html });
			}),
		),
	);
	for (const id of untouched) store.delete(id);
	searchIndexer?.seal();
	await pruneRenderedHtml(root, htmlFolder, htmlFiles);
}

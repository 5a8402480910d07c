/**
 * The search index as an Astro integration, built in parallel with the rest of `astro build`.
 *
 * Every entry in the content collection is the body of exactly one page, in its own locale (fallback pages
 * reuse English text and are not searchable). When the build starts, the content is synced and the loader
 * has listed those documents (`build-manifest.ts`); each goes to Pagefind as the document its page will
 * show: its title as `<h1>` and its rendered tree, in its language, in URL order (so the index is the same
 * bytes every build). Pagefind indexes in its own process while Astro bundles and renders pages on the
 * other core, and writes the index into the output when the build is done. One index per language, with
 * the extended binary's segmentation for Chinese, Japanese and Thai.
 */
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import type { Root } from 'hast';
import { h } from 'hastscript';
import { toHtml } from 'hast-util-to-html';
import * as pagefind from 'pagefind';
import { readBuildManifest } from '../content-model/build-manifest.ts';
import { readStoredTree } from '../content-model/rendered-tree.ts';

export interface SearchDocument {
	/** The page's path, e.g. `/es-419/values/`. */
	url: string;
	/** The page's BCP 47 tag, as in its `<html lang>`: each language gets its own index. */
	lang: string;
	title: string;
	/** The page's content tree, as the content loader rendered it. */
	tree: Root;
}

/**
 * The document Pagefind indexes for a page: what its `data-pagefind-body` holds, less the page's date line
 * and GFM's screen-reader-only footnote heading (in English until the page localises it).
 */
export function searchDocumentHtml({ lang, title, tree }: SearchDocument): string {
	const content = tree.children.map((child) =>
		child.type === 'element' && child.tagName === 'section' && child.properties['dataFootnotes'] !== undefined
			? { ...child, children: child.children.filter((node) => !(node.type === 'element' && node.properties['id'] === 'footnote-label')) }
			: child,
	);
	return toHtml({
		type: 'root',
		children: [{ type: 'doctype' }, h('html', { lang }, [h('body', [h('article', { dataPagefindBody: '' }, [h('h1', title), ...content])])])],
	});
}

/** Hands every document to Pagefind in order; resolves with the index and the number of pages. */
async function indexDocuments(root: string, cacheDir: string): Promise<{ index: pagefind.PagefindIndex; pages: number }> {
	const documents = (await readBuildManifest(cacheDir)).searchDocuments;
	const { index, errors } = await pagefind.createIndex({});
	if (!index) throw new Error(`Pagefind could not start: ${errors.join('; ')}`);
	for (const document of documents) {
		const tree = await readStoredTree(root, document.treeFile);
		const added = await index.addHTMLFile({ url: document.url, content: searchDocumentHtml({ ...document, tree }) });
		if (added.errors.length > 0) throw new Error(`Pagefind could not index ${document.url}: ${added.errors.join('; ')}`);
	}
	return { index, pages: documents.length };
}

export function searchIndexIntegration(): AstroIntegration {
	let indexing: Promise<{ index: pagefind.PagefindIndex; pages: number }> | undefined;
	let root = '';
	let cacheDir = '';
	return {
		name: 'glossa-search-index',
		hooks: {
			'astro:config:done': ({ config }) => {
				root = fileURLToPath(config.root);
				cacheDir = fileURLToPath(config.cacheDir);
			},
			'astro:build:start': () => {
				indexing = indexDocuments(root, cacheDir);
				// Awaited when the build is done; until then a failure must not surface as an unhandled rejection.
				indexing.catch(() => undefined);
			},
			'astro:build:done': async ({ dir, logger }) => {
				if (!indexing) return;
				const started = performance.now();
				try {
					const { index, pages } = await indexing;
					const target = path.join(fileURLToPath(dir), 'pagefind');
					await rm(target, { recursive: true, force: true });
					const written = await index.writeFiles({ outputPath: target });
					if (written.errors.length > 0) throw new Error(`Pagefind could not write its index: ${written.errors.join('; ')}`);
					logger.info(`${pages} pages indexed for search (${((performance.now() - started) / 1000).toFixed(1)} s after the last page was rendered)`);
				} finally {
					indexing = undefined;
					await pagefind.close();
				}
			},
		},
	};
}

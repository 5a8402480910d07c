/**
 * Builds the Pagefind search index from the content, in parallel with the rest of `astro build`.
 *
 * Every entry in the content collection is the body of exactly one page, in its own locale (fallback pages
 * reuse English text and are not searchable). So the content loader can hand each entry to Pagefind as
 * soon as it is synced, as the document that page will show: its title as `<h1>` and its rendered HTML,
 * in its language. Pagefind indexes and writes in its own process while Astro bundles and renders pages on
 * the other core, and the finished index is moved into the output when the build is done. One index per
 * language, with the extended binary's segmentation for Chinese, Japanese and Thai.
 */
import { rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import type { Root } from 'hast';
import { h } from 'hastscript';
import { toHtml } from 'hast-util-to-html';
import * as pagefind from 'pagefind';

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

class BuildIndexer {
	private readonly index: Promise<pagefind.PagefindIndex>;
	/**
	 * Documents reach Pagefind in URL order, so the index is the same bytes every build. They arrive in
	 * whatever order files are read; each is handed on as soon as every URL before it in the plan is in, so
	 * Pagefind indexes while the rest of the content is synced.
	 */
	private readonly waiting = new Map<string, string>();
	private readonly handed = new Set<string>();
	private order: string[] = [];
	private next = 0;
	private indexing: Promise<void> = Promise.resolve();
	private written: Promise<void> | undefined;
	private readonly outputPath: string;

	constructor(outputPath: string) {
		this.outputPath = outputPath;
		this.index = pagefind.createIndex({}).then(({ index, errors }) => {
			if (!index) throw new Error(`Pagefind could not start: ${errors.join('; ')}`);
			return index;
		});
	}

	get pages(): number {
		return this.handed.size + this.waiting.size;
	}

	/** The URLs that will be added, in any order; they are indexed sorted. */
	plan(urls: readonly string[]): void {
		this.order = [...new Set(urls)].sort();
		this.next = 0;
	}

	add(document: SearchDocument): void {
		if (this.handed.has(document.url) || this.waiting.has(document.url)) return;
		if (this.written) throw new Error(`search document ${document.url} arrived after the index was written`);
		this.waiting.set(document.url, searchDocumentHtml(document));
		while (this.next < this.order.length && this.waiting.has(this.order[this.next]!)) this.hand(this.order[this.next++]!);
	}

	private hand(url: string): void {
		const content = this.waiting.get(url)!;
		this.waiting.delete(url);
		this.handed.add(url);
		this.indexing = this.indexing.then(async () => {
			const { errors } = await (await this.index).addHTMLFile({ url, content });
			if (errors.length > 0) throw new Error(`Pagefind could not index ${url}: ${errors.join('; ')}`);
		});
	}

	/** Every document is in: the rest go to Pagefind in order, and it writes the index while the build goes on. */
	seal(): void {
		this.written ??= (async () => {
			for (const url of [...this.waiting.keys()].sort()) this.hand(url);
			await this.indexing;
			await rm(this.outputPath, { recursive: true, force: true });
			const written = await (await this.index).writeFiles({ outputPath: this.outputPath });
			if (written.errors.length > 0) throw new Error(`Pagefind could not write its index: ${written.errors.join('; ')}`);
		})();
		// Awaited when the build is done; until then a failure must not surface as an unhandled rejection.
		this.written.catch(() => undefined);
	}

	async finish(): Promise<void> {
		this.seal();
		await this.written;
	}
}

/** One indexer per `astro build`, shared by the integration and the content loader (bundled separately). */
const INDEXER = Symbol.for('glossa.search.build-indexer');
const holder = globalThis as { [INDEXER]?: BuildIndexer | undefined };

/** The running build's search indexer; undefined in `astro dev` and `astro sync`, where nothing is indexed. */
export function buildSearchIndexer(): Pick<BuildIndexer, 'plan' | 'add' | 'seal'> | undefined {
	return holder[INDEXER];
}

export function searchIndexIntegration(): AstroIntegration {
	let staging = '';
	return {
		name: 'glossa-search-index',
		hooks: {
			'astro:config:setup': ({ command, config }) => {
				if (command !== 'build') return;
				staging = path.join(fileURLToPath(config.cacheDir), 'glossa-search');
				holder[INDEXER] = new BuildIndexer(staging);
			},
			'astro:build:done': async ({ dir, logger }) => {
				const indexer = holder[INDEXER];
				holder[INDEXER] = undefined;
				if (!indexer) return;
				const started = performance.now();
				try {
					await indexer.finish();
					const target = path.join(fileURLToPath(dir), 'pagefind');
					await rm(target, { recursive: true, force: true });
					await rename(staging, target);
					logger.info(`${indexer.pages} pages indexed for search (${((performance.now() - started) / 1000).toFixed(1)} s after the last page was rendered)`);
				} finally {
					await pagefind.close();
				}
			},
		},
	};
}

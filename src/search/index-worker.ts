/**
 * Builds the search index in a worker thread, so the build's main thread keeps rendering pages: reads the
 * searchable documents the content sync listed (`build-manifest.ts`), hands each to Pagefind in URL order (so
 * the index is the same bytes every build), and writes the index to `outputPath`.
 */
import * as pagefind from 'pagefind';
import { readBuildManifest } from '../content-model/build-manifest.ts';
import { readStoredTree } from '../content-model/rendered-tree.ts';
import { searchDocumentHtml } from './search-document.ts';

export interface IndexTask {
	root: string;
	/** Astro's cache folder (absolute), where the content sync wrote the build manifest. */
	cacheDir: string;
	outputPath: string;
}

export default async function writeSearchIndex({ root, cacheDir, outputPath }: IndexTask): Promise<{ pages: number }> {
	const documents = (await readBuildManifest(cacheDir)).searchDocuments;
	try {
		const { index, errors } = await pagefind.createIndex({});
		if (!index) throw new Error(`Pagefind could not start: ${errors.join('; ')}`);
		for (const document of documents) {
			const tree = await readStoredTree(root, document.treeFile);
			const added = await index.addHTMLFile({ url: document.url, content: searchDocumentHtml({ ...document, tree }) });
			if (added.errors.length > 0) throw new Error(`Pagefind could not index ${document.url}: ${added.errors.join('; ')}`);
		}
		const written = await index.writeFiles({ outputPath });
		if (written.errors.length > 0) throw new Error(`Pagefind could not write its index: ${written.errors.join('; ')}`);
		return { pages: documents.length };
	} finally {
		await pagefind.close();
	}
}

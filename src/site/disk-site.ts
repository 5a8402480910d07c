/**
 * The site model of the project on disk, for the CLIs that run without a build (`npm run i18n`): the same
 * documents, scan and publishing the build uses (documents are cached by digest, so after a build nothing is
 * parsed again). After a build, `manifest-site.ts` makes the model from the build manifest instead.
 */
import { readDocumentSet, type DocumentSet } from '../content-model/document-set.ts';
import { entryDependencies, entryFrontmatter } from '../content-model/entry-data.ts';
import { scanProject, type ProjectScan } from '../content-model/project-scan.ts';
import { locales, SOURCE_LOCALE } from '../i18n/locales.ts';
import { siteModelOf, type SiteOptions } from './manifest-site.ts';
import type { SiteEntry, SiteModel } from './site-model.ts';
import { glossaConfig } from '../config/glossa-config.ts';

export interface DiskSite {
	model: SiteModel;
	documents: DocumentSet;
	scan: ProjectScan;
}

export interface DiskSiteOptions extends SiteOptions {
	/** Astro's cache folder, relative to the root, where documents are cached. */
	cacheDir?: string;
}

export async function readDiskSite(root: string, options: DiskSiteOptions = {}): Promise<DiskSite> {
	const documents = await readDocumentSet({ root, registry: locales, cacheDir: options.cacheDir ?? glossaConfig.cacheDir });
	const scan = await scanProject(root, locales, documents);
	const entries: SiteEntry[] = [];
	const treeFiles = new Map<string, string>();
	for (const [relative, document] of documents.documents) {
		if (documents.leftOut.has(relative) || document.problems.length > 0) continue;
		// A translation of an English page that cannot be built is not built either (the build stops on that page).
		const source = documents.sourceOf(relative);
		if (!relative.startsWith(`${SOURCE_LOCALE}/`) && source && !source.data) continue;
		const { english, localPage } = entryDependencies(documents, relative, locales);
		const treeFile = documents.treeFile(document);
		if (treeFile) treeFiles.set(document.id, treeFile);
		entries.push({ id: document.id, data: entryFrontmatter(document, english, localPage).data, words: document.words, sections: document.sections });
	}
	return { model: siteModelOf(root, scan, entries, treeFiles, options), documents, scan };
}

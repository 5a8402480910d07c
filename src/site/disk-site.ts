/**
 * The site model outside Astro's pages. For the CLIs (`npm run i18n`, `npm run offline`): the same
 * documents, scan and publishing the build uses, read from the project on disk (documents are cached by
 * digest, so after a build nothing is parsed again). For the integrations that run after the content sync
 * (the offline packs): from the build manifest the sync wrote, without reading any source file again.
 */
import path from 'node:path';
import type { Root } from 'hast';
import { readBuildManifest } from '../content-model/build-manifest.ts';
import { readRenderedTree } from '../content-model/rendered-tree.ts';
import { readDocumentSet, type DocumentSet } from '../content-model/document-set.ts';
import { entryDependencies, entryFrontmatter } from '../content-model/entry-data.ts';
import { scanProject, type ProjectScan } from '../content-model/project-scan.ts';
import { activeLocaleDefinitions, locales, SOURCE_LOCALE } from '../i18n/locales.ts';
import { createUiStrings } from '../i18n/ui.ts';
import { usableUiResources } from '../i18n/ui-resources.ts';
import { createSiteModel, type SiteEntry, type SiteModel } from './site-model.ts';
import { glossaConfig } from '../config/glossa-config.ts';

export interface DiskSite {
	model: SiteModel;
	documents: DocumentSet;
	scan: ProjectScan;
}

export interface DiskSiteOptions {
	/** Astro's cache folder, relative to the root, where documents are cached. */
	cacheDir?: string;
	siteUrl?: string;
	/** Called once per bad UI string (the build has already warned about each). */
	warnUi?: (message: string) => void;
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
	return { model: siteModel(root, scan, entries, treeFiles, options), documents, scan };
}

/** The model of the build whose content sync wrote the manifest in `cacheDir` (absolute). */
export async function readBuiltSite(root: string, cacheDir: string, options: DiskSiteOptions = {}): Promise<SiteModel> {
	const { scan, entries } = await readBuildManifest(cacheDir);
	return siteModel(root, scan, entries, new Map(entries.map((entry) => [entry.id, entry.treeFile])), options);
}

function siteModel(root: string, scan: ProjectScan, entries: SiteEntry[], treeFiles: ReadonlyMap<string, string>, options: DiskSiteOptions): SiteModel {
	return createSiteModel({
		definitions: activeLocaleDefinitions,
		sourceTag: SOURCE_LOCALE,
		scan,
		entries,
		ui: createUiStrings(locales, usableUiResources(scan.ui, locales, options.warnUi ?? (() => {}))),
		siteUrl: options.siteUrl ?? glossaConfig.siteUrl,
		contentTree: (entry): Root => {
			const file = treeFiles.get(entry.id);
			if (!file) throw new Error(`content/${entry.id}.mdx has no rendered content`);
			return readRenderedTree(path.join(root, file), { shared: false });
		},
	});
}

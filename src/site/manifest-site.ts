/**
 * The site model made from the build manifest the content sync wrote (`build-manifest.ts`), without reading
 * any source file again: `readBuiltSite`, for the pages of `astro build` (`astro-site.ts`) and, outside a
 * build's pages, the integrations and `npm run offline` (`build-site.ts`). `siteModelOf` is the step both it
 * and the project-on-disk model of `npm run i18n` (`disk-site.ts`) end in, so every model is made one way.
 */
import path from 'node:path';
import type { Root } from 'hast';
import { readBuildManifest } from '../content-model/build-manifest.ts';
import { readRenderedTree } from '../content-model/rendered-tree.ts';
import type { ProjectScan } from '../content-model/project-scan.ts';
import { activeLocaleDefinitions, locales, SOURCE_LOCALE } from '../i18n/locales.ts';
import { createUiStrings } from '../i18n/ui.ts';
import { usableUiResources } from '../i18n/ui-resources.ts';
import { createSiteModel, type SiteEntry, type SiteModel, type SiteModelInputs } from './site-model.ts';
import { glossaConfig } from '../config/glossa-config.ts';

export interface SiteOptions {
	/** The site's address (the configured one by default). */
	siteUrl?: string;
	/** Called once per bad UI string, with its locale's folder (the build has already warned about each). */
	warnUi?: (message: string, localeFolder: string) => void;
}

/** What only the pages' own model has (`astro-site.ts`), besides `SiteOptions`. */
export interface BuiltSiteOptions extends SiteOptions {
	/** Marks on every UI string (`GLOSSA_UI_MARKS`), for the screenshots. */
	uiMarks?: boolean;
	/**
	 * Keep English trees in memory once read: every locale without a translation of a page shows its
	 * English tree. The pages do; the CLIs and integrations read each tree once.
	 */
	shareSourceTrees?: boolean;
	/** The media URLs and render digest the pages need, made from the scan (they need Astro's image pipeline). */
	pageInputs?: (scan: ProjectScan) => Promise<Pick<SiteModelInputs, 'pipelineImages' | 'publishedVideos' | 'renderDigest'>>;
}

/**
 * The model of the build whose content sync wrote the manifest in `cacheDir` (absolute): made from the
 * manifest alone, without reading any source file again. The pages' model (`astro-site.ts`) and, outside a
 * build, the CLIs and integrations (`build-site.ts`) all come from here.
 */
export async function readBuiltSite(root: string, cacheDir: string, options: BuiltSiteOptions = {}): Promise<SiteModel> {
	const { scan, entries } = await readBuildManifest(cacheDir);
	const pageInputs = (await options.pageInputs?.(scan)) ?? {};
	return siteModelOf(root, scan, entries, new Map(entries.map((entry) => [entry.id, entry.treeFile])), { ...options, ...pageInputs });
}

/** The site model of `entries` and `scan`, with each entry's tree read from `treeFiles` (relative to `root`). */
export function siteModelOf(
	root: string,
	scan: ProjectScan,
	entries: readonly SiteEntry[],
	treeFiles: ReadonlyMap<string, string>,
	options: Omit<BuiltSiteOptions, 'pageInputs'> & Pick<SiteModelInputs, 'pipelineImages' | 'publishedVideos' | 'renderDigest'>,
): SiteModel {
	return createSiteModel({
		definitions: activeLocaleDefinitions,
		sourceTag: SOURCE_LOCALE,
		scan,
		entries,
		ui: createUiStrings(locales, usableUiResources(scan.ui, locales, options.warnUi ?? (() => {})), { marks: options.uiMarks ?? false }),
		siteUrl: options.siteUrl ?? glossaConfig.siteUrl,
		contentTree: (entry): Root => {
			const file = treeFiles.get(entry.id);
			if (!file) throw new Error(`content/${entry.id}.mdx has no rendered content; the content sync did not render it (build again with --force)`);
			return readRenderedTree(path.join(root, file), { shared: (options.shareSourceTrees ?? false) && entry.id.startsWith(`${SOURCE_LOCALE}/`) });
		},
		pipelineImages: options.pipelineImages,
		publishedVideos: options.publishedVideos,
		renderDigest: options.renderDigest,
	});
}

/**
 * The site model of the running `astro build` (or `astro dev`), made once from the build manifest the content
 * sync wrote (`build-manifest.ts`), again only when the sync's digest in the content store changes. Pages ask
 * it for their model; components print what they are given.
 */
import { createHash } from 'node:crypto';
import path from 'node:path';
import { getEntry } from 'astro:content';
import { PROJECT_SCAN_DIGEST_ID } from '../content-model/content-loader.ts';
import { uiMarksRequested } from '../i18n/ui-marks.ts';
import { ownLocales, ownsFolder } from '../build/shards.ts';
import type { Locale } from '../i18n/registry.ts';
import { pageModel, type ContentPageModel } from './page-model.ts';
import { modelKey } from './model-key.ts';
import { pipelineImages, publishedVideos } from './content-images.ts';
import type { SiteModel, SiteRoute } from './site-model.ts';
import { readBuiltSite } from './manifest-site.ts';
import { countContentPage, shareBuildSite } from './build-site.ts';
import { glossaConfig } from '../config/glossa-config.ts';
import { hashTree } from '../build/tree-digest.ts';

/** Astro's cache folder for this build, absolute: where the build keeps what it may reuse (the screenshot build has its own). */
export const BUILD_CACHE_DIR = path.join(glossaConfig.root, glossaConfig.cacheDir);

let model: { digest: string | number | undefined; site: Promise<SiteModel> } | undefined;

async function build(): Promise<SiteModel> {
	return readBuiltSite(glossaConfig.root, BUILD_CACHE_DIR, {
		siteUrl: import.meta.env.SITE ?? glossaConfig.siteUrl,
		// The sync validated them once; the site model warns about each bad translated string once.
		warnUi: (message, folder) => {
			if (ownsFolder(folder)) console.warn(message);
		},
		uiMarks: uiMarksRequested(),
		shareSourceTrees: true,
		pageInputs: async (scan) => {
			const used = Object.values(scan.images).flatMap((images) => Object.values(images).flatMap((image) => (image ? [image.file] : [])));
			const videos = Object.values(scan.videos.pages).flatMap((byName) => Object.values(byName).flatMap((file) => (file ? [file] : [])));
			return {
				pipelineImages: await pipelineImages(used.filter((file) => !file.startsWith('public/'))),
				publishedVideos: await publishedVideos(videos),
				renderDigest: await renderDigest(),
			};
		},
	});
}

/**
 * The hash of the code that prints pages and the settings it reads: every file of the project's `src/`
 * (Astro's build runs in the project root) and the UI marks. A page's content key holds it, so a change to
 * how content is printed prints every page again.
 */
async function renderDigest(): Promise<string> {
	const hash = createHash('sha256').update(JSON.stringify({ marks: glossaConfig.uiMarks, pseudo: glossaConfig.pseudo }));
	await hashTree(hash, glossaConfig.root, ['src']);
	return hash.digest('hex');
}

/**
 * The model for the content as synced: built once per build, and again in `astro dev` when the content
 * changes (the scan's digest covers every entry and the scan).
 */
export async function siteModel(): Promise<SiteModel> {
	// Astro walks an entry's data each time it is read; the digest entry is tiny, the scan is not.
	const digest = (await getEntry('site', PROJECT_SCAN_DIGEST_ID))?.data['digest'] as string | undefined;
	if (!model || model.digest !== digest) {
		model = { digest, site: build() };
		// The integrations that run after the pages use this model too (build-site.ts).
		void model.site.then(shareBuildSite, () => undefined);
	}
	return model.site;
}

/**
 * `getStaticPaths` for a page built once in every locale (published or preview), with the locale as its
 * prop, and the hash of the page's model as its cache key for incremental builds.
 */
export function everyLocalePaths(model: (site: SiteModel, locale: Locale) => unknown) {
	return async () => {
		const site = await siteModel();
		return ownLocales(site.registry.all).map((locale) => ({ params: { locale: locale.segment }, props: { locale }, cacheKey: modelKey(model(site, locale)) }));
	};
}

/**
 * A page's route in the current model: in `astro dev`, `getStaticPaths` props can come from an earlier
 * sync (a translation saved broken since then shows English now). In a build it is the same route.
 */
export async function currentRoute(route: SiteRoute): Promise<{ site: SiteModel; route: SiteRoute }> {
	const site = await siteModel();
	return { site, route: site.plan.find(site.registry.get(route.locale.tag), route.slug) ?? route };
}

/**
 * Content pages' models, computed once per page: `getStaticPaths` hashes one for the page's cache key and
 * keeps it here, and the page's render takes it (and lets it go). A page whose key is unchanged is not
 * rendered; its model is dropped with the site model. In `astro dev` a new site model starts afresh.
 */
const pageModels = new WeakMap<SiteModel, Map<SiteRoute, ContentPageModel>>();

export function keyedPageModel(site: SiteModel, route: SiteRoute): ContentPageModel {
	let models = pageModels.get(site);
	if (!models) {
		models = new Map();
		pageModels.set(site, models);
	}
	const model = pageModel(site, route);
	models.set(route, model);
	countContentPage('keyed');
	return model;
}

export function renderedPageModel(site: SiteModel, route: SiteRoute): ContentPageModel {
	countContentPage('rendered');
	const models = pageModels.get(site);
	const kept = models?.get(route);
	if (kept) {
		models!.delete(route);
		return kept;
	}
	return pageModel(site, route);
}

/**
 * The one site model of an `astro build`: the pages' model (`astro-site.ts`), shared with the integrations
 * that run in the same process once the pages are written (the offline outputs, the shard stamp), so they
 * do not make another from the build manifest. Shared through `globalThis` because the pages run from
 * Vite's bundle of these modules and the integrations from their sources: two copies of every module, one
 * process. Outside a build (the CLIs), or before any page asked for it, the model is read from disk.
 * The same bridge tells the integrations how many pages the build rendered (`contentPageTally`).
 */
import { readBuiltSite, type SiteOptions } from './manifest-site.ts';
import type { SiteModel } from './site-model.ts';

const SLOT = Symbol.for('glossa.buildSiteModel');
const slot = globalThis as unknown as Record<typeof SLOT, SiteModel | undefined>;

/** The content pages this build keyed (every one it builds) and those it rendered (the rest were kept). */
export interface ContentPageTally {
	keyed: number;
	rendered: number;
}
const TALLY = Symbol.for('glossa.contentPageTally');
const tallySlot = globalThis as unknown as Record<typeof TALLY, ContentPageTally | undefined>;

/** Called by `astro-site.ts` for each content page it keys for the incremental build, and each it renders. */
export function countContentPage(kind: keyof ContentPageTally): void {
	const tally = (tallySlot[TALLY] ??= { keyed: 0, rendered: 0 });
	tally[kind]++;
}

/** How many content pages this process has keyed and rendered so far (one build per process). */
export function contentPageTally(): ContentPageTally {
	return { ...(tallySlot[TALLY] ?? { keyed: 0, rendered: 0 }) };
}

/** Called by `astro-site.ts` with each model it builds (one per build; again in `astro dev` when content changes). */
export function shareBuildSite(model: SiteModel): void {
	slot[SLOT] = model;
}

/** The model the pages of this build used, or the one the manifest in `cacheDir` gives when there is none. */
export async function buildSiteModel(root: string, cacheDir: string, options: SiteOptions = {}): Promise<SiteModel> {
	return slot[SLOT] ?? readBuiltSite(root, cacheDir, options);
}

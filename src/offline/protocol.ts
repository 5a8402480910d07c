/**
 * What the service worker, the page script that talks to it and the build that writes it share: the
 * worker's configuration, its messages and the offline manifests. Types and constants in one place, so the
 * three cannot drift apart.
 */

/** Every cache the worker makes starts with this, so it can delete the older deploys' caches and no others. */
export const CACHE_PREFIX = 'glossa-';

/** "Keep this language on this device": the page asks the worker to save one locale. */
export const KEEP_LOCALE_MESSAGE = 'keep-locale';

export interface KeepLocaleRequest {
	type: typeof KEEP_LOCALE_MESSAGE;
	segment: string;
}

export interface KeepLocaleResult {
	ok: boolean;
	/** Pages saved. */
	count: number;
}

/** Prepended to the worker as `self.GLOSSA` by the build. */
export interface ServiceWorkerConfig {
	/** A digest of the built site: a new deploy gets new caches. */
	buildId: string;
	/** Every locale's URL segment, the first being the source's. */
	segments: string[];
	/** Files every page needs (stylesheets, icon), saved when the worker installs. */
	shell: string[];
	cachePrefix: typeof CACHE_PREFIX;
	keepLocaleMessage: typeof KEEP_LOCALE_MESSAGE;
}

/** `/offline/<segment>.json`: what keeping one locale saves. */
export interface OfflineManifest {
	pages: string[];
	assets: string[];
}

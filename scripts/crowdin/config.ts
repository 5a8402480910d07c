import { TRANSLATABLE_FRONTMATTER_KEYS } from '../../src/content-model/frontmatter.ts';

/**
 * The sync configuration's shape, in the spirit of crowdin.yml. The project's values are in
 * `crowdin.config.ts` at the root; this module gives them types and defaults.
 */

/**
 * `page`: a content page (MDX or Markdown), checked as one before it is written; `json`: i18next UI strings;
 * `variables`: a locale's content variables (`content/<locale>/variables.yml`), checked against English's keys;
 * `subtitles`: a video's WebVTT subtitles (`content/videos/<name>.<tag>.vtt`), checked against English's cues.
 */
export type SourceKind = 'page' | 'json' | 'variables' | 'subtitles';

export interface SourceGroup {
	/**
	 * Folder (relative to the project) holding one sub-folder per locale, e.g. `content` for `content/en/**`;
	 * with `localeIn: 'name'`, the folder holding every locale's files side by side, e.g. `content/videos`.
	 */
	root: string;
	/** Glob of source files inside `<root>/<source locale>/` (with `localeIn: 'name'`: inside `<root>/`). */
	pattern: string;
	kind: SourceKind;
	/**
	 * Crowdin file type, as Crowdin's API names it: `mdx_v2` for MDX, `md` for Markdown, `i18next_json` for UI
	 * strings, `yaml` for content variables, `vtt` for WebVTT subtitles (Crowdin has no type called `webvtt`).
	 */
	crowdinType: 'mdx_v2' | 'md' | 'i18next_json' | 'yaml' | 'vtt';
	/**
	 * Where a file says its locale: `folder` (the default), `<root>/<tag>/<path>`; `name`, `<root>/<path>.<tag>.<ext>`,
	 * for subtitles, which sit next to their video (`content/videos/intro.en.vtt`, `intro.es-419.vtt`).
	 */
	localeIn?: 'folder' | 'name';
}

export interface CrowdinSyncConfig {
	sources: SourceGroup[];
	/** Export only approved translations (Crowdin's `exportApprovedOnly`). */
	exportApprovedOnly: boolean;
	/** Leave untranslated strings out of exported files, so i18next falls back per key (JSON). */
	skipUntranslatedStrings: boolean;
	/** What Crowdin does to existing translations when a source file changes. Crowdin's own default clears them. */
	updateOption: 'keep_translations_and_approvals' | 'keep_translations' | 'clear_translations_and_approvals';
	mdx: {
		/** Fenced code stays as written: not offered for translation. */
		excludeCodeBlocks: boolean;
		/** Frontmatter keys translators never see. */
		excludedFrontMatterElements: string[];
		/** Frontmatter keys a translation may change; every other key must keep the source's value. */
		translatableFrontMatterElements: string[];
		/**
		 * A translated page is written only at or above this translation progress (percent), so no page mixes
		 * languages; subtitles follow the same rule (Crowdin exports an untranslated cue in English).
		 */
		minFileProgress: number;
	};
	limits: {
		/** Largest single file accepted from a translation archive. */
		maxEntryBytes: number;
		/** Largest total of all files in one archive, uncompressed. */
		maxTotalBytes: number;
		maxEntries: number;
		/** Largest archive download. */
		maxArchiveBytes: number;
	};
	network: {
		concurrency: number;
		requestTimeoutMs: number;
		retries: number;
		/** First backoff delay; doubled on each retry, with jitter, when the server gives no Retry-After. */
		retryBaseMs: number;
		/** Longest wait honoured from a Retry-After header. */
		maxRetryAfterMs: number;
		buildTimeoutMs: number;
		buildPollMs: number;
	};
	/** The committed file that records what each translation was made from, and Crowdin's progress. */
	stateFile: string;
}

export type CrowdinSyncConfigInput = Pick<CrowdinSyncConfig, 'sources'> & {
	[Key in Exclude<keyof CrowdinSyncConfig, 'sources'>]?: CrowdinSyncConfig[Key] extends object ? Partial<CrowdinSyncConfig[Key]> : CrowdinSyncConfig[Key];
};

export const DEFAULTS: Omit<CrowdinSyncConfig, 'sources'> = {
	exportApprovedOnly: false,
	skipUntranslatedStrings: true,
	updateOption: 'keep_translations_and_approvals',
	mdx: {
		excludeCodeBlocks: true,
		excludedFrontMatterElements: ['updated', 'published', 'navOrder', 'offlinePack'],
		translatableFrontMatterElements: [...TRANSLATABLE_FRONTMATTER_KEYS],
		minFileProgress: 100,
	},
	limits: { maxEntryBytes: 5 * 1024 * 1024, maxTotalBytes: 200 * 1024 * 1024, maxEntries: 20_000, maxArchiveBytes: 100 * 1024 * 1024 },
	network: {
		concurrency: 4,
		requestTimeoutMs: 30_000,
		retries: 5,
		retryBaseMs: 500,
		maxRetryAfterMs: 120_000,
		buildTimeoutMs: 10 * 60_000,
		buildPollMs: 1_000,
	},
	stateFile: 'translation-state.json',
};

export function defineCrowdinConfig(input: CrowdinSyncConfigInput): CrowdinSyncConfig {
	return {
		...DEFAULTS,
		...input,
		mdx: { ...DEFAULTS.mdx, ...input.mdx },
		limits: { ...DEFAULTS.limits, ...input.limits },
		network: { ...DEFAULTS.network, ...input.network },
	};
}

/** Overrides for tests and slow links, from the environment (all optional, in milliseconds or bytes). */
export function applyEnvironmentOverrides(config: CrowdinSyncConfig, env: Record<string, string | undefined>): CrowdinSyncConfig {
	const number = (name: string) => (env[name] !== undefined && env[name] !== '' ? Number(env[name]) : undefined);
	const network = { ...config.network };
	const limits = { ...config.limits };
	network.retryBaseMs = number('CROWDIN_RETRY_BASE_MS') ?? network.retryBaseMs;
	network.buildTimeoutMs = number('CROWDIN_BUILD_TIMEOUT_MS') ?? network.buildTimeoutMs;
	network.buildPollMs = number('CROWDIN_BUILD_POLL_MS') ?? network.buildPollMs;
	network.requestTimeoutMs = number('CROWDIN_REQUEST_TIMEOUT_MS') ?? network.requestTimeoutMs;
	network.maxRetryAfterMs = number('CROWDIN_MAX_RETRY_AFTER_MS') ?? network.maxRetryAfterMs;
	limits.maxEntryBytes = number('CROWDIN_MAX_ENTRY_BYTES') ?? limits.maxEntryBytes;
	limits.maxTotalBytes = number('CROWDIN_MAX_TOTAL_BYTES') ?? limits.maxTotalBytes;
	return { ...config, network, limits };
}

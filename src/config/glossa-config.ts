/**
 * Glossa's configuration: every `GLOSSA_*` environment variable, read and validated once, when a process
 * starts (the build, a CLI, the dev server), into one typed object. Modules read `glossaConfig`, never
 * `process.env`; a bad value stops the process at once with the variable, the value and the fix, instead
 * of being read later as a default somewhere.
 *
 * | variable | meaning | default |
 * | --- | --- | --- |
 * | `GLOSSA_SITE` | the site's public URL (canonical links, sitemap, packs' online links) | `https://glossa.example.org` |
 * | `GLOSSA_PREVIEW_URL` | where editors preview the site (shown to translators) | `http://localhost:4321` |
 * | `GLOSSA_FULL` | build everything again (no incremental build, no caches) | off |
 * | `GLOSSA_OFFLINE` | `0`: no offline packs or service worker | on |
 * | `GLOSSA_OFFLINE_DIR` | where the packs are written, besides `dist/offline/` | `dist-offline` |
 * | `GLOSSA_STRICT` | translation, image and pack warnings fail the build | off |
 * | `GLOSSA_MAX_FILE_BYTES` | the largest content or UI-string file read | 1 MiB |
 * | `GLOSSA_PSEUDO` | build the pseudo-locales | off |
 * | `GLOSSA_UI_MARKS` | mark UI strings with their keys (the translators' screenshots build) | off |
 * | `GLOSSA_SHARD` | `K/N`: build shard K of N | none |
 * | `GLOSSA_SHARD_PLAN` | the shard plan file: a sync without a shard writes it, a shard reads it | none |
 * | `GLOSSA_TRACE_DOCUMENTS`, `GLOSSA_TRACE_MODELS` | files the build appends its reads and models to (tests) | none |
 */
import path from 'node:path';
import { z } from 'astro/zod';

export interface Shard {
	index: number;
	count: number;
}

export interface GlossaConfig {
	/** The project's folder, absolute: where the build, the CLIs and the servers find `content/`, `locales/` and the cache. */
	root: string;
	/** The site's public origin and path, as Astro's `site`. */
	siteUrl: string;
	previewUrl: string;
	full: boolean;
	offline: { enabled: boolean; dir: string };
	strict: boolean;
	maxFileBytes: number;
	pseudo: boolean;
	uiMarks: boolean;
	shard: Shard | undefined;
	/**
	 * The shard plan (`src/build/shard-plan.ts`), absolute: a sync that is not a shard writes it; a shard reads
	 * it and parses only its own locales and English.
	 */
	shardPlan: string | undefined;
	/** Astro's cache folder, relative to `root`: the screenshots build keeps its own. */
	cacheDir: string;
	trace: { documents: string | undefined; models: string | undefined };
}

export const DEFAULT_SITE_URL = 'https://glossa.example.org';
export const DEFAULT_MAX_FILE_BYTES = 1024 * 1024;

/**
 * One variable: unset or blank gives `fallback`; otherwise `read` gives its value, or undefined for a value it
 * cannot take, which is an issue with `problem`'s words (the variable, the value, the fix).
 */
function variable<Value>(fallback: Value, read: (value: string) => Value | undefined, problem: (value: string) => string) {
	return z
		.string()
		.optional()
		.transform((value, context) => {
			if (value === undefined || value.trim() === '') return fallback;
			const parsed = read(value.trim());
			if (parsed !== undefined) return parsed;
			context.addIssue({ code: 'custom', message: problem(value) });
			return z.NEVER;
		});
}

const flag = (name: string) =>
	variable(
		false,
		(value) => {
			const normalized = value.toLowerCase();
			return ['0', 'false', 'no', 'off'].includes(normalized) ? false : ['1', 'true', 'yes', 'on'].includes(normalized) ? true : undefined;
		},
		(value) => `${name}="${value}" is not on or off; use 1 or 0`,
	);

const httpUrl = (name: string, fallback: string) =>
	variable(
		fallback,
		(value) => (URL.canParse(value) && ['https:', 'http:'].includes(new URL(value).protocol) ? value : undefined),
		(value) => `${name}="${value}" is not an http(s) URL; write it as https://example.org/`,
	);

/** `K/N` with 1 ≤ K ≤ N, as `npm run build -- --shard K/N` sets it. */
export function parseShard(value: string): Shard | undefined {
	const match = /^(\d+)\/(\d+)$/.exec(value.trim());
	const index = Number(match?.[1]);
	const count = Number(match?.[2]);
	return match && index >= 1 && count >= 1 && index <= count ? { index, count } : undefined;
}

const environment = z.object({
	GLOSSA_SITE: httpUrl('GLOSSA_SITE', DEFAULT_SITE_URL),
	GLOSSA_PREVIEW_URL: httpUrl('GLOSSA_PREVIEW_URL', 'http://localhost:4321'),
	GLOSSA_FULL: flag('GLOSSA_FULL'),
	GLOSSA_OFFLINE: variable(
		true,
		(value) => (value === '1' ? true : value === '0' ? false : undefined),
		(value) => `GLOSSA_OFFLINE="${value}" is not 0 or 1; 0 turns the offline packs off`,
	),
	GLOSSA_OFFLINE_DIR: z.string().trim().min(1, 'GLOSSA_OFFLINE_DIR is empty; leave it unset for dist-offline').optional(),
	GLOSSA_STRICT: flag('GLOSSA_STRICT'),
	GLOSSA_MAX_FILE_BYTES: variable(
		DEFAULT_MAX_FILE_BYTES,
		(value) => (Number.isSafeInteger(Number(value)) && Number(value) > 0 ? Number(value) : undefined),
		(value) => `GLOSSA_MAX_FILE_BYTES="${value}" is not a positive number of bytes; for 2 MiB write 2097152`,
	),
	GLOSSA_PSEUDO: flag('GLOSSA_PSEUDO'),
	GLOSSA_UI_MARKS: flag('GLOSSA_UI_MARKS'),
	GLOSSA_SHARD: variable<Shard | undefined>(undefined, parseShard, (value) => `GLOSSA_SHARD must be K/N with 1 ≤ K ≤ N (got "${value}"), e.g. --shard 2/3`),
	GLOSSA_SHARD_PLAN: z.string().trim().min(1, 'GLOSSA_SHARD_PLAN is empty; leave it unset to build without a shard plan').optional(),
	GLOSSA_TRACE_DOCUMENTS: z.string().optional(),
	GLOSSA_TRACE_MODELS: z.string().optional(),
});

export class GlossaConfigError extends Error {
	override name = 'GlossaConfigError';
}

/**
 * The configuration `env` gives, for the project in `root` (every script runs from the project's folder, as
 * `npm run` starts it); a `GlossaConfigError` naming every bad variable, with its fix, otherwise.
 */
export function readGlossaConfig(env: Record<string, string | undefined>, root = process.cwd()): GlossaConfig {
	const parsed = environment.safeParse(env);
	if (!parsed.success)
		throw new GlossaConfigError(`Glossa's configuration is not valid:\n${parsed.error.issues.map((issue) => `  ${issue.message}`).join('\n')}`);
	const values = parsed.data;
	return {
		root: path.resolve(root),
		siteUrl: values.GLOSSA_SITE,
		previewUrl: values.GLOSSA_PREVIEW_URL,
		full: values.GLOSSA_FULL,
		offline: { enabled: values.GLOSSA_OFFLINE, dir: values.GLOSSA_OFFLINE_DIR ?? 'dist-offline' },
		strict: values.GLOSSA_STRICT,
		maxFileBytes: values.GLOSSA_MAX_FILE_BYTES,
		pseudo: values.GLOSSA_PSEUDO,
		uiMarks: values.GLOSSA_UI_MARKS,
		shard: values.GLOSSA_SHARD,
		shardPlan: values.GLOSSA_SHARD_PLAN === undefined ? undefined : path.resolve(root, values.GLOSSA_SHARD_PLAN),
		cacheDir: values.GLOSSA_UI_MARKS ? 'node_modules/.cache/glossa-screenshots-astro' : 'node_modules/.astro',
		trace: { documents: values.GLOSSA_TRACE_DOCUMENTS, models: values.GLOSSA_TRACE_MODELS },
	};
}

/** This process's configuration, read once when it starts. */
export const glossaConfig: GlossaConfig = readGlossaConfig(process.env);

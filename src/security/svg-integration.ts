/**
 * Every SVG the site publishes is sanitized (`svg-sanitizer.ts`), wherever it came from: content images
 * (copied to `/_astro/` by the image pipeline), `public/`, or an imported site. The sources are checked when
 * the build starts, so an editor gets one warning per file naming what was removed; the built files in the
 * output folder are then rewritten sanitized before the offline packs and ZIMs are made from them (this
 * integration runs before the offline one). An SVG that is not an SVG document at all is removed from the
 * output, with an error naming it.
 *
 * No image is inlined as a `data:` URI either (Vite inlines assets under 4 kB by default): the site's policy
 * allows images from the site only (`img-src 'self'`), so an inlined icon would be broken online and in
 * the packs, and a `data:` SVG would bypass the sanitizing above.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration, AstroIntegrationLogger } from 'astro';
import { Piscina } from 'piscina';
import { cachedJsonAsync } from '../cache/cached-json.ts';
import { packageVersion, packageVersionWithDependencies } from '../cache/package-version.ts';
import { glossaConfig } from '../config/glossa-config.ts';
import { isImageFile } from '../content-model/content-images.ts';
import { isVideoFile } from '../content-model/content-videos.ts';
import { sha256 } from '../content-model/hash.ts';
import { listFiles, readInside, removeInside, walkInsideSync, writeInside } from './content-files.ts';
import type { SanitizedSvgResult } from './svg-worker.ts';

/** SVGs larger than this are refused rather than parsed: no illustration needs 8 MB of XML. */
export const MAX_SVG_BYTES = 8 * 1024 * 1024;

export interface SvgCheck {
	/** Relative to the root it was checked in, with forward slashes. */
	file: string;
	/** What sanitizing removes (empty when the file is clean). */
	removed: string[];
	/** Why the file cannot be published at all. */
	error?: string | undefined;
}

/**
 * What an SVG's sanitized form depends on besides its bytes: the sanitizer's code and its libraries, jsdom's
 * own dependencies (its XML parser and serializer, saxes and w3c-xmlserializer, among them) included.
 */
const SANITIZER_SOURCES = ['./svg-sanitizer.ts', './svg-worker.ts'].map((file) => fileURLToPath(new URL(file, import.meta.url)));
let sanitizerInputs: { sources: string[]; libraries: string[] } | undefined;

export function sanitizerVersion(): { sources: string[]; libraries: string[] } {
	sanitizerInputs ??= {
		sources: SANITIZER_SOURCES.map((source) => sha256(readFileSync(source))),
		libraries: [
			packageVersion('dompurify', import.meta.url),
			packageVersion('postcss', import.meta.url),
			...packageVersionWithDependencies('jsdom', import.meta.url),
		],
	};
	return sanitizerInputs;
}

/** Sanitizes one SVG's bytes: in process, or in a worker thread (`checkSourceSvgsAside`). */
export type SvgSanitize = (data: Buffer) => Promise<SanitizedSvgResult>;

/**
 * In process. The sanitizer is loaded only to sanitize: it brings jsdom, 0.35 s of start-up on an idle core
 * and over a second on a busy one, for a site whose SVGs were all sanitized before (`checkSvg` with a cache
 * folder).
 */
const sanitizeInProcess: SvgSanitize = async (data) => (await import('./svg-worker.ts')).default(data);

const SVG_WORKER = fileURLToPath(new URL('./svg-worker.ts', import.meta.url));

/**
 * Sanitizes one SVG's bytes; `error` when it cannot be published. With `cacheDir`, the result is kept there
 * by the hash of the bytes, the sanitizer's code and its libraries' versions, so an SVG is sanitized once
 * until one of them changes.
 */
export async function checkSvg(file: string, data: Buffer, cacheDir?: string, sanitize: SvgSanitize = sanitizeInProcess): Promise<SvgCheck & { svg?: string }> {
	if (data.length > MAX_SVG_BYTES) return { file, removed: [], error: `is ${data.length} bytes, over the ${MAX_SVG_BYTES}-byte limit for an SVG` };
	const result = cacheDir ? await cachedJsonAsync(cacheDir, 'svg', { svg: sha256(data), ...sanitizerVersion() }, () => sanitize(data)) : await sanitize(data);
	return { file, ...result };
}

/** The editor's view: what sanitizing does to each SVG under `folders` (relative to `root`). */
export async function checkSourceSvgs(root: string, folders: readonly string[], cacheDir?: string, sanitize?: SvgSanitize): Promise<SvgCheck[]> {
	const checks: SvgCheck[] = [];
	for (const folder of folders) {
		const listing = listFiles(path.join(root, folder), { root, extensions: ['.svg', '.SVG'], maxBytes: MAX_SVG_BYTES });
		for (const file of listing.files) {
			const relative = `${folder}/${file}`;
			const { svg: _svg, ...check } = await checkSvg(relative, await readInside(root, relative), cacheDir, sanitize);
			if (check.removed.length > 0 || check.error) checks.push(check);
		}
	}
	return checks;
}

/**
 * `checkSourceSvgs`, with the SVGs the cache does not hold sanitized in a worker thread (started only for
 * those), so the caller's thread goes on meanwhile: the build starts it before the content sync and reads it
 * when the sync is done.
 */
export async function checkSourceSvgsAside(root: string, folders: readonly string[], cacheDir?: string): Promise<SvgCheck[]> {
	let pool: Piscina<Uint8Array, SanitizedSvgResult> | undefined;
	try {
		return await checkSourceSvgs(root, folders, cacheDir, (data) => (pool ??= new Piscina({ filename: SVG_WORKER, maxThreads: 1 })).run(data));
	} finally {
		await pool?.destroy();
	}
}

/** What is wrong with an SVG, for a report that names the file itself. */
export function svgProblemText(check: SvgCheck): string {
	if (check.error) return `${check.error}; it is not published (save it again as plain SVG)`;
	return `SVG is active content; removed ${check.removed.slice(0, 6).join(', ')}${check.removed.length > 6 ? ` and ${check.removed.length - 6} more` : ''} (remove them from the file to silence this)`;
}

export function svgProblemMessage(check: SvgCheck): string {
	return `${check.file}: ${svgProblemText(check)}`;
}

/** Rewrites every SVG in a built output folder sanitized; removes those that are not SVG documents. */
export async function sanitizeBuiltSvgs(
	outDir: string,
	logger?: Pick<AstroIntegrationLogger, 'error'>,
	cacheDir?: string,
): Promise<{ sanitized: number; removed: string[] }> {
	// The whole output, every build: an SVG can come from public/, an image pipeline or another integration.
	const { files } = walkInsideSync(outDir);
	let sanitized = 0;
	const refused: string[] = [];
	for (const file of files.filter((name) => name.toLowerCase().endsWith('.svg'))) {
		const data = await readInside(outDir, file);
		const check = await checkSvg(file, data, cacheDir);
		if (check.svg === undefined) {
			await removeInside(outDir, file);
			refused.push(file);
			logger?.error(`${file} in the output ${check.error}; it was removed`);
		} else if (check.svg !== data.toString('utf8')) {
			await writeInside(outDir, file, check.svg);
			sanitized++;
		}
	}
	return { sanitized, removed: refused };
}

export function svgSanitizerIntegration(): AstroIntegration {
	let root = '';
	// No cache folder with `GLOSSA_FULL=1`: every SVG is sanitized again (as the packs are made again).
	let cacheDir: string | undefined;
	let building = false;
	// The sources' check, started before the content sync and read when it is done.
	let sourceCheck: Promise<SvgCheck[]> | undefined;
	const sourceFolders = ['content', 'public'];
	return {
		name: 'glossa-svg-sanitizer',
		hooks: {
			'astro:config:setup': ({ command, config, updateConfig }) => {
				root = fileURLToPath(config.root);
				building = command === 'build';
				// Images only: Astro also uses this limit to inline small scripts, which packs opened from
				// file:// need inline (a module script file is refused there).
				// Videos neither: `media-src 'self'` refuses a `data:` video as `img-src` does an image.
				updateConfig({
					vite: { build: { assetsInlineLimit: (file: string) => (isImageFile(file.split('?')[0]!) || isVideoFile(file.split('?')[0]!) ? false : undefined) } },
				});
			},
			'astro:config:done': ({ config }) => {
				cacheDir = glossaConfig.full ? undefined : fileURLToPath(config.cacheDir);
				// Astro syncs the content between this hook and the build's start, on one core: the SVGs no
				// earlier build sanitized are sanitized on the other meanwhile (a cold build: jsdom's start-up).
				if (building) {
					sourceCheck = checkSourceSvgsAside(root, sourceFolders, cacheDir);
					// Reported where it is read; a build that stops during the sync leaves no unhandled rejection.
					sourceCheck.catch(() => undefined);
				}
			},
			'astro:build:start': async ({ logger }) => {
				for (const check of await (sourceCheck ?? checkSourceSvgs(root, sourceFolders, cacheDir))) {
					if (check.error) logger.error(svgProblemMessage(check));
					else logger.warn(svgProblemMessage(check));
				}
			},
			'astro:build:done': async ({ dir, logger }) => {
				const { sanitized } = await sanitizeBuiltSvgs(fileURLToPath(dir), logger, cacheDir);
				if (sanitized > 0) logger.info(`${sanitized} SVG file(s) sanitized in the output`);
			},
		},
	};
}

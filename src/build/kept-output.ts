/**
 * An incremental build keeps the previous build's pages in dist/, so Astro leaves an unchanged page where it
 * is instead of copying it back from its cache (for 3,000 pages, most of a no-op rebuild). Astro empties
 * dist/ only in a full build (`vite.build.emptyOutDir`, astro.config.mjs), so this integration does the rest:
 *
 * - when the build starts, everything in dist/ is removed but the pages Astro's incremental manifest lists
 *   (it checks each one's key and renders it again when the key changed); assets, the search index, the
 *   offline outputs and every other file are written fresh by this build;
 * - when the build is done, a kept page that this build neither listed nor wrote (its route is gone) is
 *   removed too.
 *
 * So dist/ holds exactly what a cold build would write. Pages are kept only when the last build into this
 * same folder finished and left the manifest as it is now (a stamp in the cache folder says so); after a
 * failed build, a build into another folder, or without a readable manifest, nothing is kept. And a page is
 * kept only as Astro wrote it: the stamp holds each page's digest, taken before the offline outputs fill in a
 * pack's or a ZIM's size and link (src/offline/offline-outputs.ts, `npm run offline`). A page changed since
 * is removed, so Astro restores it from its cache as rendered, and the offline outputs of this build (or none,
 * with GLOSSA_OFFLINE=0) fill it in again: the same bytes as a cold build.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, rmdirSync, rmSync } from 'node:fs';
import { readdir, readFile, rm, rmdir, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { sharedOutputDigests, type OutputDigests } from './output-digests.ts';

/** Astro's incremental manifest (`<cacheDir>/incremental-build.json`), the fields read here. */
interface IncrementalManifest {
	version: number;
	routes: Record<string, { paths: Record<string, { outputFile?: string }> }>;
}

const MANIFEST_FILE = 'incremental-build.json';
/** What the last finished build wrote into: its output folder and the manifest it left. */
const STAMP_FILE = 'glossa-kept-output.json';

interface KeptOutputStamp {
	outDir: string;
	manifest: string;
	/** Each listed page's digest, as this build wrote it (relative to `outDir`). */
	pages: Record<string, string>;
}
const KNOWN_MANIFEST_VERSION = 1;

/** The output files (relative to dist/) a manifest lists, or undefined when it is missing or of another version. */
export function listedOutputFiles(manifestText: string | undefined): Set<string> | undefined {
	if (manifestText === undefined) return undefined;
	let manifest: IncrementalManifest;
	try {
		manifest = JSON.parse(manifestText) as IncrementalManifest;
	} catch {
		return undefined;
	}
	if (manifest.version !== KNOWN_MANIFEST_VERSION || typeof manifest.routes !== 'object') return undefined;
	const files = new Set<string>();
	for (const route of Object.values(manifest.routes))
		for (const entry of Object.values(route.paths)) if (typeof entry.outputFile === 'string') files.add(path.posix.normalize(entry.outputFile));
	return files;
}

const readText = (file: string) => readFile(file, 'utf8').catch(() => undefined);
const digest = (text: string | Buffer | undefined) =>
	createHash('sha256')
		.update(text ?? '')
		.digest('hex');

async function readManifest(cacheDir: string): Promise<Set<string> | undefined> {
	return listedOutputFiles(await readText(path.join(cacheDir, MANIFEST_FILE)));
}

/**
 * The pages to keep in `outDir`: the manifest's, if the last build into `outDir` finished and left it. A page's
 * digest is read from the output's records when its size and time are unchanged (`output-digests.ts`).
 */
async function keepablePages(cacheDir: string, outDir: string, digests: OutputDigests): Promise<Set<string> | undefined> {
	const stampText = await readText(path.join(cacheDir, STAMP_FILE));
	const manifestText = await readText(path.join(cacheDir, MANIFEST_FILE));
	const stamp = stampText ? (JSON.parse(stampText) as Partial<KeptOutputStamp>) : undefined;
	if (stamp?.outDir !== outDir || stamp.manifest !== digest(manifestText) || typeof stamp.pages !== 'object') return undefined;
	const listed = listedOutputFiles(manifestText);
	if (!listed) return undefined;
	const asWritten = new Set<string>();
	for (const relative of listed) if (stamp.pages[relative] !== undefined && stamp.pages[relative] === digests.digest(relative)) asWritten.add(relative);
	return asWritten;
}

/**
 * Removes every file under `folder` that `keep` does not hold (paths relative to `folder`), then empty folders.
 * Synchronous, as the output digests are: one directory per page (21,000 on 300 x 70) made the thread
 * pool's round trips most of a no-op rebuild's start. Links are removed as links, never followed.
 */
function removeAllBut(folder: string, keep: (relative: string) => boolean, relative = ''): boolean {
	let empty = true;
	for (const entry of readdirSync(path.join(folder, relative), { withFileTypes: true })) {
		const child = relative ? `${relative}/${entry.name}` : entry.name;
		if (entry.isDirectory()) {
			if (removeAllBut(folder, keep, child)) rmdirSync(path.join(folder, child));
			else empty = false;
		} else if (keep(child)) {
			empty = false;
		} else {
			rmSync(path.join(folder, child), { force: true });
		}
	}
	return empty;
}

export function keptOutputIntegration({ enabled }: { enabled: boolean }): AstroIntegration {
	let cacheDir = '';
	let outDir = '';
	let kept = new Set<string>();
	let started = 0;
	return {
		name: 'glossa-kept-output',
		hooks: {
			'astro:config:done': ({ config }) => {
				cacheDir = fileURLToPath(config.cacheDir);
				outDir = fileURLToPath(config.outDir);
			},
			'astro:build:start': async () => {
				started = Date.now();
				const digests = await sharedOutputDigests(cacheDir, outDir);
				kept = (enabled ? await keepablePages(cacheDir, outDir, digests) : undefined) ?? new Set();
				// Until this build finishes, nothing in its output may be kept.
				await rm(path.join(cacheDir, STAMP_FILE), { force: true });
				if (existsSync(outDir)) removeAllBut(outDir, (relative) => kept.has(relative));
			},
			'astro:build:done': async ({ logger }) => {
				if (enabled) {
					// Runs before the offline outputs' hook (astro.config.mjs lists this integration first).
					const manifestText = await readText(path.join(cacheDir, MANIFEST_FILE));
					const digests = await sharedOutputDigests(cacheDir, outDir);
					const pages: Record<string, string> = {};
					for (const relative of listedOutputFiles(manifestText) ?? []) {
						const written = digests.digest(relative);
						if (written) pages[relative] = written;
					}
					const stamp: KeptOutputStamp = { outDir, manifest: digest(manifestText), pages };
					await writeFile(path.join(cacheDir, STAMP_FILE), JSON.stringify(stamp));
					await digests.save(cacheDir, Object.keys(pages));
				}
				if (kept.size === 0) return;
				const listed = (await readManifest(cacheDir)) ?? new Set();
				let removed = 0;
				for (const relative of kept) {
					if (listed.has(relative)) continue;
					const file = path.join(outDir, relative);
					const written = await stat(file).catch(() => undefined);
					// Gone already, or written by this build (another route now has the path): nothing to remove.
					if (!written || written.mtimeMs >= started) continue;
					await rm(file, { force: true });
					removed++;
					// Its folders too, once empty, as a cold build would not have them.
					for (let folder = path.dirname(file); folder.startsWith(`${outDir}`) && folder !== path.resolve(outDir); folder = path.dirname(folder)) {
						if ((await readdir(folder)).length > 0) break;
						await rmdir(folder);
					}
				}
				if (removed > 0) logger.info(`${removed} page(s) of the previous build no longer built: removed`);
			},
		},
	};
}

/**
 * One locale's offline outputs, in a worker thread (`offline-outputs.ts` runs one per core): its pack built,
 * scanned and zipped, and the list "keep this language offline" saves. Takes and returns plain data only.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { deserialize, serialize } from 'node:v8';
import { zipSync } from 'fflate';
import { glob } from 'tinyglobby';
import { buildPack, scanPack, type PackOptions, type PackProblem } from './packer.ts';
import { MANIFEST_FILE, manifestBytes, packManifest } from './pack-update.ts';
import type { OfflineManifest } from './protocol.ts';

export interface PackTask {
	dist: string;
	/** Where packs are cached between builds by the hash of their inputs (none: always built). */
	cacheDir?: string | undefined;
	locale: PackOptions['locale'];
	localeSegments: string[];
	siteHost: string;
	/** Write the zip (false: only the list, for a locale whose pack is not asked for). */
	zip: boolean;
}

export interface PackResult {
	manifest: OfflineManifest;
	problems: PackProblem[];
	zip?: Uint8Array | undefined;
	pages: number;
	files: number;
	packDetailPages: string[];
}

// A fixed timestamp keeps packs byte-identical when the site is.
const ZIP_TIME = new Date('2026-01-01T00:00:00Z');
/** Deflate level: 6 is within 0.2% of 9 on these packs, and faster (README, "Offline packs"). */
const ZIP_LEVEL = 6;

/** The code that makes a pack, hashed into every pack's cache key: a change to it builds every pack again. */
const PACKER_SOURCES = ['./packer.ts', './pack-worker.ts', './pack-update.ts'].map((file) => fileURLToPath(new URL(file, import.meta.url)));

/**
 * Everything a pack is made from: the packer's code, the task, the locale's files and the files the site
 * shares (CSS, images, icons), with their bytes. Outputs the offline step writes itself are left out.
 */
async function packInputKey(task: PackTask): Promise<string> {
	const hash = createHash('sha256').update(JSON.stringify({ ...task, cacheDir: undefined }));
	for (const source of PACKER_SOURCES) hash.update(await readFile(source));
	const otherLocales = task.localeSegments.filter((segment) => segment !== task.locale.segment).map((segment) => `${segment}/**`);
	const files = await glob(
		['**/*', `!${task.locale.segment}/offline/**`, '!offline/**', '!pagefind/**', '!sw.js', '!_headers', ...otherLocales.map((glob) => `!${glob}`)],
		{
			cwd: task.dist,
		},
	);
	for (const file of files.sort()) hash.update(`\u0000${file}\u0000`).update(await readFile(path.join(task.dist, file)));
	return hash.digest('hex');
}

export default async function packLocale(task: PackTask): Promise<PackResult> {
	if (!task.cacheDir) return makePack(task);
	const key = await packInputKey(task);
	const cached = path.join(task.cacheDir, 'glossa-packs', `${task.locale.segment}-${key}.v8`);
	if (existsSync(cached)) return deserialize(await readFile(cached)) as PackResult;
	const result = await makePack(task);
	await mkdir(path.dirname(cached), { recursive: true });
	// Older packs of this locale are of no further use.
	for (const name of await readdir(path.dirname(cached)))
		if (name.startsWith(`${task.locale.segment}-`)) await rm(path.join(path.dirname(cached), name), { force: true });
	await writeFile(cached, serialize(result));
	return result;
}

async function makePack({ dist, locale, localeSegments, siteHost, zip }: PackTask): Promise<PackResult> {
	const { segment } = locale;
	const pack = await buildPack({ dist, locale, localeSegments: new Set(localeSegments) });
	// Every pack lists its files with their SHA-256, so an update can carry only what changed (pack-update.ts).
	pack.files.set(MANIFEST_FILE, Buffer.from(manifestBytes(packManifest(pack.files, locale.tag))));
	// What "keep this language offline" saves: the locale's pages (its 404 aside) and the files they use.
	const pages = (await glob(`${segment}/**/index.html`, { cwd: dist, ignore: [`${segment}/404/**`] })).sort();
	const manifest: OfflineManifest = {
		pages: pages.map((page) => `/${page.replace(/index\.html$/, '')}`),
		assets: pack.assets.filter((asset) => /^(?:_astro|images)\//.test(asset) || asset === 'favicon.svg').map((asset) => `/${asset}`),
	};
	const problems = zip ? scanPack(pack.files, siteHost) : [];
	const archive =
		zip && problems.length === 0
			? zipSync(Object.fromEntries([...pack.files].map(([file, data]) => [file, [data, { mtime: ZIP_TIME }]])), { level: ZIP_LEVEL })
			: undefined;
	return { manifest, problems, zip: archive, pages: pack.pages, files: pack.files.size, packDetailPages: pack.packDetailPages };
}

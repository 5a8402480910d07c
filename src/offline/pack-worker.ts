/**
 * One locale's offline outputs, in a worker thread (`offline-outputs.ts` runs one per core): its pack built,
 * scanned and zipped, and the list "keep this language offline" saves. Takes and returns plain data only.
 */
import { zipSync } from 'fflate';
import { glob } from 'tinyglobby';
import { buildPack, scanPack, type PackOptions, type PackProblem } from './packer.ts';
import { MANIFEST_FILE, manifestBytes, packManifest } from './pack-update.ts';
import type { OfflineManifest } from './protocol.ts';

export interface PackTask {
	dist: string;
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

export default async function packLocale({ dist, locale, localeSegments, siteHost, zip }: PackTask): Promise<PackResult> {
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

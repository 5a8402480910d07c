/**
 * One locale's offline outputs, in a worker thread (`offline-outputs.ts` runs one per core): its pack built,
 * scanned and zipped, and the list "keep this language offline" saves. Takes and returns plain data only.
 */
import { createHash, randomUUID } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { deserialize, serialize } from 'node:v8';
import { globSync } from 'tinyglobby';
import { buildPack, type PackOptions, type RewriteCache, type RewrittenPage, type UnservedLink } from './packer.ts';
import type { PackProblem } from './pack-scan.ts';
import { MANIFEST_FILE, manifestBytes, packManifest } from './pack-manifest.ts';
import type { OfflineManifest } from './protocol.ts';
import { StepStore } from './step-store.ts';
import { EntryCache, zipArchive, type CompressedEntry } from './zip-archive.ts';

export interface PackTask {
	dist: string;
	/** Where packs are cached between builds by the hash of their inputs (none: always built). */
	cacheDir?: string | undefined;
	locale: PackOptions['locale'];
	localeSegments: string[];
	siteHost: string;
	/** The online site's origin: a hyperlink the pack cannot serve leads to its page there (https only). */
	siteUrl: string;
	/** Write the zip (false: only the list, for a locale whose pack is not asked for). */
	zip: boolean;
	/** Carry local video files (`npm run offline -- --no-video`: false). */
	videos: boolean;
	/**
	 * Read every file of the pack again, as a browser would, and refuse the pack if anything would need a
	 * network (`scanPackFile`). The rewrite makes such a pack impossible from the site's own output, so the
	 * build scans only in strict mode; `npm run offline`, which may pack a folder edited by hand, always does.
	 */
	scan: boolean;
	/**
	 * The digest of each file the pack may carry, from the build's records of its output: the pack's cache key
	 * is made from them, so a pack is cached only when they are given (with `cacheDir`).
	 */
	inputDigests?: Record<string, string> | undefined;
}

export interface PackResult {
	manifest: OfflineManifest;
	problems: PackProblem[];
	/** Hyperlinks the pack cannot serve, replaced in its copy of their pages (the caller warns about each). */
	unserved: UnservedLink[];
	zip?: Uint8Array | undefined;
	pages: number;
	files: number;
	packDetailPages: string[];
	/** The video files the pack carries, and their bytes. */
	videos: { count: number; bytes: number };
}

/** The code that makes a pack, hashed into every pack's cache key: a change to it builds every pack again. */
const PACKER_SOURCES = [
	'./packer.ts',
	'./pack-scan.ts',
	'./pack-worker.ts',
	'./pack-manifest.ts',
	'./zip-archive.ts',
	'./known-hashes.ts',
	'./step-store.ts',
	'../content-model/hash.ts',
].map((file) => fileURLToPath(new URL(file, import.meta.url)));

/**
 * Everything a pack is made from: the packer's code, the task, and the digest of each file it may carry (its
 * locale's files and the files the site shares, as the offline step lists them). `layout` is the same less
 * the files' digests: with a page's own digest, it is all that page's rewrite reads.
 */
async function packInputKeys(task: PackTask, inputDigests: Readonly<Record<string, string>>): Promise<{ pack: string; layout: string; code: string }> {
	const pack = createHash('sha256');
	const layout = createHash('sha256');
	const code = createHash('sha256');
	for (const hash of [pack, layout]) hash.update(JSON.stringify({ ...task, cacheDir: undefined, inputDigests: undefined }));
	for (const source of PACKER_SOURCES) {
		const text = await readFile(source);
		for (const hash of [pack, layout, code]) hash.update(text);
	}
	for (const [file, digest] of Object.entries(inputDigests).sort(([a], [b]) => (a < b ? -1 : 1))) {
		pack.update(`\u0000${file}\u0000`).update(digest);
		layout.update(`\u0000${file}`);
	}
	return { pack: pack.digest('hex'), layout: layout.digest('hex'), code: code.digest('hex') };
}

function stepKey(...parts: (string | Uint8Array)[]): string {
	const hash = createHash('sha256');
	for (const part of parts) hash.update(part).update('\u0000');
	return hash.digest('hex');
}

export default async function packLocale(task: PackTask): Promise<PackResult> {
	// Cached only with the files' digests to key it by (the offline step gives them whenever it caches).
	if (!task.cacheDir || !task.inputDigests) return makePack(task);
	const keys = await packInputKeys(task, task.inputDigests);
	const folder = path.join(task.cacheDir, 'glossa-packs');
	const cached = path.join(folder, `${task.locale.segment}-${keys.pack}.v8`);
	// A kept pack that cannot be read (a build stopped while writing it, a full disk) is made again.
	try {
		return deserialize(await readFile(cached)) as PackResult;
	} catch {
		// Not kept, or unreadable.
	}
	// Scans and compressed entries are keyed by the bytes they are of; the packer's code versions them all.
	await mkdir(folder, { recursive: true });
	const steps = new StepStore(path.join(folder, `${task.locale.segment}.steps.log`), keys.code);
	const result = await makePack(task, { keys, steps });
	// Only what this build used is found again.
	steps.save();
	// Older packs of this locale are of no further use (`pt-<hash>` is pt's, `pt-br-<hash>` is not), nor are
	// half-written ones, nor the steps of earlier versions (one file, then one folder of files, per locale).
	const { segment } = task.locale;
	const older = (name: string) =>
		(name.startsWith(`${segment}-`) && /^[0-9a-f]{64}\.v8(?:\.[0-9a-f-]{36}\.tmp)?$/.test(name.slice(segment.length + 1))) ||
		/^\.steps\.log\.[0-9a-f-]{36}\.tmp$/.test(name.slice(segment.length)) ||
		name === `${segment}.steps.v8` ||
		name === `${segment}.steps`;
	for (const name of await readdir(folder)) if (name.startsWith(segment) && older(name)) await rm(path.join(folder, name), { recursive: true, force: true });
	// Whole or not at all: a build stopped half-way leaves no half pack for the next one to read.
	const temporary = `${cached}.${randomUUID()}.tmp`;
	await writeFile(temporary, serialize(result));
	await rename(temporary, cached);
	return result;
}

interface StepCaching {
	keys: { layout: string };
	steps: StepStore;
}

async function makePack(
	{ dist, locale, localeSegments, siteHost, siteUrl, zip, videos, scan: scanned, inputDigests }: PackTask,
	caching?: StepCaching,
): Promise<PackResult> {
	const { segment } = locale;
	// A page's rewrite is kept by the page's digest where the build's records give it (an unchanged page is not
	// even read), by its bytes otherwise.
	const pageKey = (file: string, html: string) => stepKey(caching!.keys.layout, file, html);
	const digestKey = (file: string) => {
		const digest = inputDigests?.[file];
		return digest === undefined ? undefined : pageKey(file, `sha256:${digest}`);
	};
	const rewriteCache: RewriteCache | undefined = caching && {
		get: async (file, html) => caching.steps.get<RewrittenPage>('page', digestKey(file) ?? pageKey(file, await html())),
		set: (file, html, page) => caching.steps.set('page', digestKey(file) ?? pageKey(file, html), page),
	};
	const pack = await buildPack({ dist, locale, localeSegments: new Set(localeSegments), siteUrl, videos, digests: inputDigests }, rewriteCache);
	// Every pack lists its files with their SHA-256, so an update can carry only what changed (pack-update.ts).
	pack.files.set(MANIFEST_FILE, Buffer.from(manifestBytes(packManifest(pack.files, locale.tag))));
	// What "keep this language offline" saves: the locale's pages (its 404 aside) and the files they use.
	const pages = globSync(`${segment}/**/index.html`, { cwd: dist, ignore: [`${segment}/404/**`] }).sort();
	const manifest: OfflineManifest = {
		pages: pages.map((page) => `/${page.replace(/index\.html$/, '')}`),
		// Subtitles too: a kept page's video shows them offline (their files, unlike the pack's copy of the page).
		assets: pack.assets.filter((asset) => /^(?:_astro|images|subtitles)\//.test(asset) || asset === 'favicon.svg').map((asset) => `/${asset}`),
	};
	// The online pages the rewrite put in place of links the pack cannot serve: the scan accepts those hyperlinks only.
	const onlineLinks = new Set([...pack.unserved.flatMap((link) => (link.replacement === undefined ? [] : [link.replacement])), ...pack.online]);
	// A file's scan reads its bytes, the names of the pack's files and the online links it accepts.
	const names = stepKey(siteHost, ...[...pack.files.keys()].sort(), '\u0000online', ...[...onlineLinks].sort());
	// Loaded only to scan (parse5 and the rest of cheerio are a third of a worker's start-up).
	const { scanPackFile } = zip && scanned ? await import('./pack-scan.ts') : { scanPackFile: () => [] };
	const scan = (file: string): PackProblem[] => {
		if (!caching) return scanPackFile(file, pack.files, siteHost, onlineLinks);
		const key = stepKey(names, file, pack.files.get(file)!);
		const kept = caching.steps.get<PackProblem[]>('scan', key);
		if (kept) return kept;
		const found = scanPackFile(file, pack.files, siteHost, onlineLinks);
		caching.steps.set('scan', key, found);
		return found;
	};
	const problems = zip && scanned ? [...pack.files.keys()].flatMap(scan) : [];
	const entries = new EntryCache(caching && { get: (key) => caching.steps.get<CompressedEntry>('entry', key) });
	const archive = zip && problems.length === 0 ? zipArchive(pack.files, entries) : undefined;
	if (caching) for (const [key, entry] of entries.fresh) caching.steps.set('entry', key, entry);
	const videoBytes = pack.videos.reduce((sum, file) => sum + (pack.files.get(file)?.length ?? 0), 0);
	return {
		manifest,
		problems,
		unserved: pack.unserved,
		zip: archive,
		pages: pack.pages,
		files: pack.files.size,
		packDetailPages: pack.packDetailPages,
		videos: { count: pack.videos.length, bytes: videoBytes },
	};
}

/**
 * The content digests of the files a build leaves in its output folder, each remembered with the file's size
 * and modification time. A file whose size and time are those remembered is the file that was hashed, so
 * its digest is taken from the record instead of reading and hashing it again: a rebuild of 21,000 pages
 * hashed every page three times (to keep it, to record it, for the service worker's build id) and now hashes
 * only what it wrote. Digests are of the bytes, so what is made from them (the service worker's build id)
 * is the same as a cold build's.
 *
 * The records live in the cache folder (`glossa-output-digests.json`); one instance per output folder is
 * shared by the integrations of one build process (the kept output, the offline outputs).
 */
import { createHash, randomUUID } from 'node:crypto';
import { closeSync, constants, fstatSync, openSync, readFileSync } from 'node:fs';
import { readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';

export const OUTPUT_DIGESTS_FILE = 'glossa-output-digests.json';
const FORMAT_VERSION = 2;

/**
 * A file as it was hashed: its size, inode, and modification and change times in nanoseconds (as text: they
 * exceed 2^53). The change time cannot be set by a program (`cp -p`, `rsync -t` or `touch -r` can keep the
 * others), so a file replaced by any means never matches its old record, as with git's index.
 */
export interface FileRecord {
	size: number;
	ino: string;
	mtimeNs: string;
	ctimeNs: string;
	sha256: string;
	/**
	 * Hashed less than `RACY_WINDOW_NS` after it was last written: a write in the same clock tick could give
	 * the same size and times with other bytes (file times are kept at the kernel's coarse clock), so the
	 * record is never trusted and the file is hashed again (as git does with its racily clean files).
	 */
	racy?: true;
}

const RACY_WINDOW_NS = 2_000_000_000n;

interface StoredDigests {
	version: number;
	outDir: string;
	files: Record<string, FileRecord>;
}

export class OutputDigests {
	readonly #outDir: string;
	readonly #known: Map<string, FileRecord>;
	/** Files hashed by this process rather than taken from the record (for tests and the log). */
	hashed = 0;

	readonly #racyWindowNs: bigint;

	/** `racyWindowNs`: how recent a change makes a record untrusted (tests shorten it; files cannot be dated back in ctime). */
	constructor(outDir: string, known: Record<string, FileRecord> = {}, { racyWindowNs = RACY_WINDOW_NS }: { racyWindowNs?: bigint } = {}) {
		this.#outDir = path.resolve(outDir);
		this.#known = new Map(Object.entries(known));
		this.#racyWindowNs = racyWindowNs;
	}

	/**
	 * The sha256 of `relative` (a path inside the output folder, `/`-separated) as it is now; undefined when it
	 * is missing or not a regular file. The file is opened without following a symlink, and its times are
	 * read from the open file, so what is hashed is what was checked.
	 *
	 * Synchronous: a rebuild checks every file of the output (21,000 pages on 300 x 70) several times, and
	 * three round trips to libuv's thread pool per file (open, stat, close) took 1.9 s a pass against 0.1 s
	 * for the same calls made directly; the main thread has nothing else to do meanwhile (the search index
	 * and the packs run in worker threads).
	 */
	digest(relative: string): string | undefined {
		const file = path.join(this.#outDir, relative);
		let descriptor: number;
		try {
			descriptor = openSync(file, constants.O_RDONLY | constants.O_NOFOLLOW);
		} catch {
			this.#known.delete(relative);
			return undefined;
		}
		try {
			const stats = fstatSync(descriptor, { bigint: true });
			if (!stats.isFile()) {
				this.#known.delete(relative);
				return undefined;
			}
			const seen = { size: Number(stats.size), ino: stats.ino.toString(), mtimeNs: stats.mtimeNs.toString(), ctimeNs: stats.ctimeNs.toString() };
			const known = this.#known.get(relative);
			if (known && !known.racy && known.size === seen.size && known.ino === seen.ino && known.mtimeNs === seen.mtimeNs && known.ctimeNs === seen.ctimeNs)
				return known.sha256;
			// Taken before the read: a write during it is within the window.
			const now = BigInt(Date.now()) * 1_000_000n;
			const sha256 = createHash('sha256').update(readFileSync(descriptor)).digest('hex');
			this.hashed++;
			const racy = now - (stats.mtimeNs > stats.ctimeNs ? stats.mtimeNs : stats.ctimeNs) < this.#racyWindowNs;
			this.#known.set(relative, { ...seen, sha256, ...(racy ? { racy: true as const } : {}) });
			return sha256;
		} finally {
			closeSync(descriptor);
		}
	}

	/** The record of `relative`, as the last `digest` of it left it. */
	record(relative: string): FileRecord | undefined {
		return this.#known.get(relative);
	}

	/** Writes the records of `files` (the others are forgotten) to `cacheDir`, whole or not at all. */
	async save(cacheDir: string, files: Iterable<string>): Promise<void> {
		const kept: Record<string, FileRecord> = {};
		for (const relative of [...files].sort()) {
			const record = this.#known.get(relative);
			if (record) kept[relative] = record;
		}
		const stored: StoredDigests = { version: FORMAT_VERSION, outDir: this.#outDir, files: kept };
		const target = path.join(cacheDir, OUTPUT_DIGESTS_FILE);
		// A name of its own: two builds sharing the cache folder never rename each other's half-written file.
		const temporary = `${target}.${randomUUID()}.tmp`;
		await writeFile(temporary, JSON.stringify(stored));
		await rename(temporary, target);
	}
}

/** The records of the last build into `outDir`; none when there are none, they are of another folder or unreadable. */
export async function loadOutputDigests(cacheDir: string, outDir: string, options: { racyWindowNs?: bigint } = {}): Promise<OutputDigests> {
	try {
		const stored = JSON.parse(await readFile(path.join(cacheDir, OUTPUT_DIGESTS_FILE), 'utf8')) as Partial<StoredDigests>;
		if (stored.version === FORMAT_VERSION && stored.outDir === path.resolve(outDir) && stored.files && typeof stored.files === 'object')
			return new OutputDigests(outDir, stored.files, options);
	} catch {
		// No records: every file is hashed.
	}
	return new OutputDigests(outDir, {}, options);
}

const SLOT = Symbol.for('glossa.outputDigests');
const shared = globalThis as unknown as Record<typeof SLOT, Map<string, Promise<OutputDigests>> | undefined>;

/**
 * The one instance for `outDir` in this process, loaded from `cacheDir` on first use. Through `globalThis`,
 * as the build's site model is (`src/site/build-site.ts`): the integrations may be loaded twice.
 */
export function sharedOutputDigests(cacheDir: string, outDir: string): Promise<OutputDigests> {
	const instances = (shared[SLOT] ??= new Map());
	const key = path.resolve(outDir);
	let instance = instances.get(key);
	if (!instance) {
		instance = loadOutputDigests(cacheDir, outDir);
		instances.set(key, instance);
	}
	return instance;
}

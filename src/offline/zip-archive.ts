/**
 * Zip archives from entries compressed once. Each file is deflated by Node's zlib (native, several times
 * faster than a JavaScript deflate) and kept by the hash of its bytes, so a rebuild that changes one page of a
 * pack deflates that page only and writes the archive from the compressed entries it already has. fflate
 * writes the archive around them (its `ZipInputFile` takes an entry's CRC, size and compressed bytes).
 */
import { constants, crc32, deflateRawSync } from 'node:zlib';
import { Zip, type ZipInputFile } from 'fflate';
import { sha256Of } from './known-hashes.ts';

/** One file as the archive carries it. */
export interface CompressedEntry {
	/** CRC-32 and length of the file's own bytes. */
	crc: number;
	size: number;
	/** 8: deflated; 0: stored, for a file deflate does not shrink (an image, a video). */
	compression: 0 | 8;
	data: Uint8Array<ArrayBuffer>;
}

/** Deflate level: 6 is within 0.2% of 9 on these packs, and faster (README, "Offline packs"). */
const ZIP_LEVEL = 6;
/** A fixed timestamp keeps archives byte-identical when their files are. */
const ZIP_TIME = new Date('2026-01-01T00:00:00Z');

export function compressEntry(bytes: Uint8Array): CompressedEntry {
	const deflated = deflateRawSync(bytes, { level: ZIP_LEVEL, strategy: constants.Z_DEFAULT_STRATEGY });
	const stored = deflated.length >= bytes.length;
	return { crc: crc32(bytes), size: bytes.length, compression: stored ? 0 : 8, data: new Uint8Array(stored ? bytes : deflated) };
}

/**
 * Compressed entries kept by the SHA-256 of the file's bytes. `previous` is what an earlier build kept; `used`
 * collects what this build used, so the cache never holds more than one build's entries.
 */
export class EntryCache {
	readonly used = new Map<string, CompressedEntry>();
	/** The entries this build compressed itself (not found in `previous`, or found for other bytes), to keep. */
	readonly fresh = new Map<string, CompressedEntry>();
	readonly #previous: Pick<ReadonlyMap<string, CompressedEntry>, 'get'>;

	constructor(previous: Pick<ReadonlyMap<string, CompressedEntry>, 'get'> = new Map()) {
		this.#previous = previous;
	}

	entry(bytes: Uint8Array): CompressedEntry {
		const key = sha256Of(bytes);
		let entry = this.used.get(key) ?? this.#previous.get(key);
		// A hash given for other bytes (`known-hashes.ts`) cannot pass for them: a cheap check of the size.
		if (entry && entry.size !== bytes.length) entry = undefined;
		if (!entry) {
			entry = compressEntry(bytes);
			this.fresh.set(key, entry);
		}
		this.used.set(key, entry);
		return entry;
	}
}

/** The archive of `files` (path in the archive -> bytes), in the order given, each compressed through `cache`. */
export function zipArchive(files: Iterable<readonly [string, Uint8Array]>, cache: EntryCache = new EntryCache()): Uint8Array {
	const chunks: Uint8Array[] = [];
	let failure: Error | null = null;
	const zip = new Zip((error, chunk) => {
		if (error) failure = error;
		else chunks.push(chunk);
	});
	for (const [filename, bytes] of files) {
		const { crc, size, compression, data } = cache.entry(bytes);
		const input: ZipInputFile = { filename, crc, size, compression, mtime: ZIP_TIME };
		zip.add(input);
		input.ondata!(null, data, true);
	}
	zip.end();
	if (failure) throw failure;
	const archive = new Uint8Array(chunks.reduce((sum, chunk) => sum + chunk.length, 0));
	let offset = 0;
	for (const chunk of chunks) {
		archive.set(chunk, offset);
		offset += chunk.length;
	}
	return archive;
}

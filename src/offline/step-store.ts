/**
 * What earlier builds of one locale's pack rewrote, scanned and compressed, in one file per locale
 * (`glossa-packs/<segment>.steps.log`): the steps' serialised records, one after another, then an index of
 * the steps the last build used and a fixed-size trailer that locates and checks that index.
 *
 * Why one appended file. Kept as one file per step, a rebuild after one English edit (which changes a
 * fallback page in every locale) opened, read and closed about 600 small files per pack, 42,000 on 300 x 70:
 * 1.7 s of each pack worker's 4.5 s. Kept as one serialised map per locale, every such rebuild read and wrote
 * 12 MB per locale whole. Here a rebuild reads the file in one call, deserialises only the steps it asks for,
 * and appends only its new steps and a new index; the file is written again, compacted, only when more than
 * half of it is no longer used (old indexes and steps no build asks for) or when it cannot be read whole.
 *
 * A step's name is the hash of its key and the store's `version` (the packer's code): a step kept by other
 * code is never found, and the next compaction drops it. Names are hex hashes this code makes, never names
 * from input. A torn append (a build stopped half-way), a file cut short or one that is not a store reads as
 * no steps: the trailer must locate an index whose SHA-256 it holds, and the steps are done again. (Records
 * carry no checksum of their own: the cache folder is the build's own, and checking 12 MB a pack on every
 * rebuild cost more than reading it.) The file is opened without following a link, and written anew under a
 * temporary name that must not exist yet, then renamed over the old one.
 *
 * Synchronous: it runs in a pack worker thread, which has nothing else to do meanwhile.
 */
import { createHash, randomUUID } from 'node:crypto';
import { closeSync, constants, fstatSync, openSync, readFileSync, renameSync, writeFileSync, writeSync } from 'node:fs';
import { deserialize, serialize } from 'node:v8';

/** The kinds of step kept: a page's rewrite, a file's scan, a file's compressed zip entry. */
export type StepKind = 'page' | 'scan' | 'entry';

/** Where a step's record is in the file. */
interface Placement {
	offset: number;
	length: number;
}

const MAGIC = Buffer.from('glossa-steps-v1\u0000', 'latin1');
/** Magic (16 bytes), the index's offset and length (8 each), the index's SHA-256 (32). */
const TRAILER_BYTES = MAGIC.length + 8 + 8 + 32;

/** The index of a whole store file, or undefined for a file that is not one (absent, torn, changed, another format). */
function readIndex(file: Buffer): Map<string, Placement> | undefined {
	if (file.length < TRAILER_BYTES) return undefined;
	const trailer = file.subarray(file.length - TRAILER_BYTES);
	if (!trailer.subarray(0, MAGIC.length).equals(MAGIC)) return undefined;
	const offset = Number(trailer.readBigUInt64LE(MAGIC.length));
	const length = Number(trailer.readBigUInt64LE(MAGIC.length + 8));
	if (offset + length !== file.length - TRAILER_BYTES) return undefined;
	const bytes = file.subarray(offset, offset + length);
	if (
		!createHash('sha256')
			.update(bytes)
			.digest()
			.equals(trailer.subarray(MAGIC.length + 16))
	)
		return undefined;
	try {
		const entries = deserialize(bytes) as [string, number, number][];
		return new Map(entries.map(([name, start, size]) => [name, { offset: start, length: size }]));
	} catch {
		return undefined;
	}
}

function indexWithTrailer(index: ReadonlyMap<string, Placement>, at: number): Buffer {
	const bytes = serialize([...index].map(([name, { offset, length }]) => [name, offset, length]));
	const trailer = Buffer.alloc(TRAILER_BYTES);
	MAGIC.copy(trailer);
	trailer.writeBigUInt64LE(BigInt(at), MAGIC.length);
	trailer.writeBigUInt64LE(BigInt(bytes.length), MAGIC.length + 8);
	createHash('sha256')
		.update(bytes)
		.digest()
		.copy(trailer, MAGIC.length + 16);
	return Buffer.concat([bytes, trailer]);
}

export class StepStore {
	readonly #file: string;
	readonly #version: string;
	/** The file as this build found it (empty when there was none, or none that reads whole). */
	readonly #kept: Buffer;
	readonly #keptIndex: ReadonlyMap<string, Placement>;
	/** Whether the file on disk is a whole store, so new steps can be appended to it. */
	readonly #appendable: boolean;
	/** The file read: appended to only while the path still names it (same device, inode and size). */
	#identity: { dev: number; ino: number; size: number } | undefined;
	/** Steps this build did, serialised, by name. */
	readonly #fresh = new Map<string, Buffer>();
	/** The steps this build read or wrote: the next index lists these only. */
	readonly #used = new Set<string>();
	/** Steps written by this build. */
	written = 0;

	/** `file`: the store's file (made on `save`); `version`: what every step depends on besides its key (the packer's code). */
	constructor(file: string, version: string) {
		this.#file = file;
		this.#version = version;
		let kept: Buffer | undefined;
		try {
			const descriptor = openSync(file, constants.O_RDONLY | constants.O_NOFOLLOW);
			try {
				const stats = fstatSync(descriptor);
				if (stats.isFile()) {
					kept = readFileSync(descriptor);
					this.#identity = { dev: stats.dev, ino: stats.ino, size: kept.length };
				}
			} finally {
				closeSync(descriptor);
			}
		} catch {
			// None yet, or a link or something else that is not ours to read: no steps kept.
		}
		const index = kept && readIndex(kept);
		this.#kept = index && kept ? kept : Buffer.alloc(0);
		this.#keptIndex = index ?? new Map();
		this.#appendable = index !== undefined;
	}

	#name(kind: StepKind, key: string): string {
		if (!/^[0-9a-f]{64}$/.test(key)) throw new Error(`a pack step's key must be a SHA-256 in hex, not "${key}"`);
		return `${kind}-${createHash('sha256').update(this.#version).update('\u0000').update(key).digest('hex')}`;
	}

	/** The step kept for `key`, or undefined (never kept, kept by other code, or not readable). */
	get<Value>(kind: StepKind, key: string): Value | undefined {
		const name = this.#name(kind, key);
		const fresh = this.#fresh.get(name);
		const placement = this.#keptIndex.get(name);
		const bytes = fresh ?? (placement && this.#kept.subarray(placement.offset, placement.offset + placement.length));
		if (!bytes) return undefined;
		let value: Value;
		try {
			value = deserialize(bytes) as Value;
		} catch {
			return undefined;
		}
		this.#used.add(name);
		return value;
	}

	/** Keeps `value`, a step this build did (not one it found with `get`), for `key`, in place of any earlier one. */
	set(kind: StepKind, key: string, value: unknown): void {
		const name = this.#name(kind, key);
		this.#fresh.set(name, serialize(value));
		this.#used.add(name);
		this.written++;
	}

	/**
	 * Writes what the next build may read: this build's new steps and an index of the steps it used (any
	 * other is not found again). Appends while at least half of the file is in use; otherwise writes it anew
	 * with the used steps only. Writes nothing when the build used exactly the steps it found.
	 */
	save(): void {
		const reused = [...this.#used].filter((name) => !this.#fresh.has(name) && this.#keptIndex.has(name));
		if (this.#fresh.size === 0 && reused.length === this.#keptIndex.size && this.#appendable) return;
		const reusedBytes = reused.reduce((sum, name) => sum + this.#keptIndex.get(name)!.length, 0);
		if (this.#appendable && reusedBytes * 2 >= this.#kept.length && this.#append(reused)) return;
		this.#rewrite(reused);
	}

	/** New records, then the index, after the file as read; false (nothing written) if the file is not that file any more. */
	#append(reused: readonly string[]): boolean {
		let descriptor: number;
		try {
			descriptor = openSync(this.#file, constants.O_WRONLY | constants.O_APPEND | constants.O_NOFOLLOW);
		} catch {
			return false;
		}
		try {
			// Another build may have renamed its own store over this path since: a file of the same size but
			// another layout would take this build's index as its own.
			const stats = fstatSync(descriptor);
			const identity = this.#identity;
			if (!identity || stats.dev !== identity.dev || stats.ino !== identity.ino || stats.size !== identity.size) return false;
			const index = new Map(reused.map((name) => [name, this.#keptIndex.get(name)!]));
			const records: Buffer[] = [];
			let at = this.#kept.length;
			for (const [name, bytes] of this.#fresh) {
				index.set(name, { offset: at, length: bytes.length });
				records.push(bytes);
				at += bytes.length;
			}
			writeSync(descriptor, Buffer.concat([...records, indexWithTrailer(index, at)]));
			return true;
		} finally {
			closeSync(descriptor);
		}
	}

	/** The used steps only, in a new file renamed over the old one. */
	#rewrite(reused: readonly string[]): void {
		const index = new Map<string, Placement>();
		const records: Buffer[] = [];
		let at = 0;
		const add = (name: string, bytes: Buffer) => {
			index.set(name, { offset: at, length: bytes.length });
			records.push(bytes);
			at += bytes.length;
		};
		for (const name of reused) {
			const { offset, length } = this.#keptIndex.get(name)!;
			add(name, this.#kept.subarray(offset, offset + length));
		}
		for (const [name, bytes] of this.#fresh) add(name, bytes);
		const temporary = `${this.#file}.${randomUUID()}.tmp`;
		writeFileSync(temporary, Buffer.concat([...records, indexWithTrailer(index, at)]), { flag: 'wx' });
		renameSync(temporary, this.#file);
	}
}

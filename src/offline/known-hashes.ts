/**
 * The sha256 of a pack's file, computed once per buffer: the pack's manifest lists it (`pack-update.ts`) and
 * its compressed entry is found by it (`zip-archive.ts`). Where a digest is already known (a page's rewrite
 * kept from an earlier build, a file the build's records of its output have hashed), it is given here and
 * not computed at all: a rebuild of 70 packs would otherwise hash 21,000 unchanged pages twice.
 */
import { createHash } from 'node:crypto';

const known = new WeakMap<Uint8Array, string>();

/** The hex sha256 of `bytes`. */
export function sha256Of(bytes: Uint8Array): string {
	let hash = known.get(bytes);
	if (hash === undefined) {
		hash = createHash('sha256').update(bytes).digest('hex');
		known.set(bytes, hash);
	}
	return hash;
}

/** Records that `bytes` hash to `hash` (hex sha256), computed when they were made or read from a digest of their file. */
export function knowHash(bytes: Uint8Array, hash: string): void {
	known.set(bytes, hash);
}

/**
 * The manifest every offline pack carries (`manifest.json`): its build id, its locale, and each file's path,
 * size and SHA-256, from which updates are made and checked (`pack-update.ts`). Apart from the updates' code
 * because the pack workers make one per pack and need nothing else of it (not the zip reader, nor the safe
 * file layer and the configuration it loads).
 */
import { byCodeUnits } from '../build/reproducible-order.ts';
import { sha256 } from '../content-model/hash.ts';
import { sha256Of } from './known-hashes.ts';

export const MANIFEST_FILE = 'manifest.json';

export interface PackManifest {
	/** Derived from the pack's files: the same files give the same id. */
	buildId: string;
	locale: string;
	files: { path: string; size: number; sha256: string }[];
}

/** The build id of a locale's files: what `packManifest` gives a pack, and what every claimed id is checked against. */
export function deriveBuildId(locale: string, files: readonly PackManifest['files'][number][]): string {
	const entries = files.map((file) => ({ path: file.path, size: file.size, sha256: file.sha256 })).sort(byCodeUnits((entry) => entry.path));
	return sha256(Buffer.from(JSON.stringify([locale, entries]))).slice(0, 12);
}

export function packManifest(files: ReadonlyMap<string, Uint8Array>, locale: string): PackManifest {
	const entries = [...files]
		.filter(([file]) => file !== MANIFEST_FILE)
		.map(([file, data]) => ({ path: file, size: data.length, sha256: sha256Of(data) }))
		.sort(byCodeUnits((entry) => entry.path));
	return { buildId: deriveBuildId(locale, entries), locale, files: entries };
}

export function manifestBytes(manifest: PackManifest): Uint8Array {
	return Buffer.from(`${JSON.stringify(manifest, null, 1)}\n`);
}

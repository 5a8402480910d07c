/**
 * Files' bytes hashed by their path below the project root, read through the safe file layer
 * (`src/security/content-files.ts`): what the shard plan's inputs (`shard-plan.ts`) and the pages' render
 * digest (`src/site/astro-site.ts`) depend on. A symbolic link is hashed by its name, never followed.
 */
import { createHash, type Hash } from 'node:crypto';
import path from 'node:path';
import { readInside, walkInside } from '../security/content-files.ts';
import { compareCodeUnits } from './reproducible-order.ts';

/** Adds to `hash` every file under `folders` and each of `files` (a missing one as missing), in code-unit order. */
export async function hashTree(hash: Hash, root: string, folders: readonly string[], files: readonly string[] = []): Promise<void> {
	const all = [...files];
	for (const folder of folders) {
		const found = await walkInside(root, folder).catch(() => undefined);
		if (!found) continue;
		all.push(...found.files.map((file) => path.posix.join(folder, file)));
		for (const link of found.links) hash.update(`\u0000link\u0000${path.posix.join(folder, link)}`);
	}
	for (const file of all.sort(compareCodeUnits)) {
		const bytes = await readInside(root, file).catch(() => undefined);
		hash.update(`\u0000${file}\u0000${bytes ? createHash('sha256').update(bytes).digest('hex') : 'none'}`);
	}
}

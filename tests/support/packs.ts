import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { readArchive } from '../../scripts/crowdin/archive.ts';

/** The files of a pack, read with the project's own hostile-archive reader. */
export async function readPack(zipFile: string): Promise<Map<string, Buffer>> {
	const { files, refused } = await readArchive(await readFile(zipFile), { maxEntryBytes: 10_000_000, maxTotalBytes: 100_000_000, maxEntries: 10_000 });
	if (refused.length > 0) throw new Error(`pack has unsafe entries: ${JSON.stringify(refused)}`);
	return new Map(files.map((file) => [file.name, file.data]));
}

export async function extractPack(zipFile: string, into: string): Promise<void> {
	await rm(into, { recursive: true, force: true });
	for (const [name, data] of await readPack(zipFile)) {
		await mkdir(path.dirname(path.join(into, name)), { recursive: true });
		await writeFile(path.join(into, name), data);
	}
}

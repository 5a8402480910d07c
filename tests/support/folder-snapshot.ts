import { createHash } from 'node:crypto';
import { lstat, readdir, readFile, readlink } from 'node:fs/promises';
import path from 'node:path';

/**
 * Every entry below `folder`, never following a link: a file by its SHA-256, a folder as `folder`, a link by
 * where it points. For tests that assert a folder is exactly as it was, links included.
 */
export async function folderSnapshot(folder: string): Promise<Record<string, string>> {
	const result: Record<string, string> = {};
	const walk = async (relative: string) => {
		for (const entry of await readdir(path.join(folder, relative), { withFileTypes: true })) {
			const child = relative ? `${relative}/${entry.name}` : entry.name;
			const full = path.join(folder, child);
			if (entry.isSymbolicLink()) result[child] = `link to ${await readlink(full)}`;
			else if (entry.isDirectory()) {
				result[child] = 'folder';
				await walk(child);
			} else
				result[child] = `${(await lstat(full)).size} bytes, ${createHash('sha256')
					.update(await readFile(full))
					.digest('hex')}`;
		}
	};
	await walk('');
	return result;
}

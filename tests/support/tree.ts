import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';

/** Every file below `dir` with its content, for tests that assert a tree is untouched. */
export async function snapshotTree(dir: string): Promise<Map<string, string>> {
	const snapshot = new Map<string, string>();
	const walk = async (current: string) => {
		for (const entry of await readdir(current, { withFileTypes: true })) {
			const full = path.join(current, entry.name);
			if (entry.isDirectory()) {
				snapshot.set(`${path.relative(dir, full)}/`, '');
				await walk(full);
			} else snapshot.set(path.relative(dir, full), await readFile(full, 'utf8'));
		}
	};
	if (existsSync(dir)) await walk(dir);
	return snapshot;
}

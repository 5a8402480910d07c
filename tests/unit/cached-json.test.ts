/** Slow values kept in the build cache by a hash of their inputs (`src/cache/cached-json.ts`). */
import { mkdtemp, readdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CACHED_JSON_FOLDER, cachedJson } from '../../src/cache/cached-json.ts';

describe('cachedJson', () => {
	it('computes a value once for the same inputs, again for new inputs, and again over a damaged file', async () => {
		const cacheDir = await mkdtemp(path.join(os.tmpdir(), 'glossa-cached-json-'));
		let computed = 0;
		const table = (inputs: unknown) => cachedJson(cacheDir, 'table', inputs, () => ({ rows: [1, 2, 3], computed: ++computed }));

		expect(table({ version: 1 })).toEqual({ rows: [1, 2, 3], computed: 1 });
		expect(table({ version: 1 })).toEqual({ rows: [1, 2, 3], computed: 1 });
		expect(table({ version: 2 })).toEqual({ rows: [1, 2, 3], computed: 2 });

		const folder = path.join(cacheDir, CACHED_JSON_FOLDER);
		const files = (await readdir(folder)).sort();
		expect(files).toHaveLength(2);
		expect(files.every((file) => /^table-[0-9a-f]{24}\.json$/.test(file))).toBe(true);

		// A build that stopped half-way through an older, non-atomic write: the value is computed again.
		for (const file of files) await writeFile(path.join(folder, file), '{"rows": [1,');
		expect(table({ version: 1 })).toEqual({ rows: [1, 2, 3], computed: 3 });
		expect((await readdir(folder)).filter((file) => file.endsWith('.tmp'))).toEqual([]);
	});
});

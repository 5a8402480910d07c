/** Slow values kept in the build cache by a hash of their inputs (`src/cache/cached-json.ts`). */
import { mkdtemp, readdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CACHED_JSON_FOLDER, cachedJson, cachedJsonAsync } from '../../src/cache/cached-json.ts';
import { checkSvg } from '../../src/security/svg-integration.ts';

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

	it('keeps an asynchronously computed value the same way, and not one whose computation failed', async () => {
		const cacheDir = await mkdtemp(path.join(os.tmpdir(), 'glossa-cached-json-'));
		let computed = 0;
		const value = (inputs: unknown) => cachedJsonAsync(cacheDir, 'value', inputs, () => Promise.resolve({ computed: ++computed }));
		expect(await value({ version: 1 })).toEqual({ computed: 1 });
		expect(await value({ version: 1 })).toEqual({ computed: 1 });
		await expect(cachedJsonAsync(cacheDir, 'value', { version: 2 }, () => Promise.reject(new Error('no value')))).rejects.toThrow('no value');
		expect(await value({ version: 2 })).toEqual({ computed: 2 });
	});

	it("keeps each SVG's sanitized form by its bytes: the same answer as sanitizing it, an SVG changed by a byte sanitized again", async () => {
		const cacheDir = await mkdtemp(path.join(os.tmpdir(), 'glossa-cached-svg-'));
		const hostile = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script><circle r="4" onload="alert(2)"/></svg>');
		const uncached = await checkSvg('a.svg', hostile);
		expect(uncached.removed).toEqual(['<script>', 'onload on <circle>']);
		expect(uncached.svg).not.toMatch(/script|onload/);
		expect(await checkSvg('a.svg', hostile, cacheDir)).toEqual(uncached);
		// Named by the file it is asked for, not the one it was kept for.
		expect(await checkSvg('b/other.svg', hostile, cacheDir)).toEqual({ ...uncached, file: 'b/other.svg' });
		const folder = path.join(cacheDir, CACHED_JSON_FOLDER);
		const kept = (await readdir(folder)).filter((file) => file.startsWith('svg-'));
		expect(kept).toHaveLength(1);
		// The next build reads the kept form, and does not sanitize (nor load the sanitizer) again.
		await writeFile(path.join(folder, kept[0]!), JSON.stringify({ removed: ['(kept)'], svg: '<svg xmlns="http://www.w3.org/2000/svg"/>' }));
		expect(await checkSvg('a.svg', hostile, cacheDir)).toEqual({ file: 'a.svg', removed: ['(kept)'], svg: '<svg xmlns="http://www.w3.org/2000/svg"/>' });

		const changed = Buffer.from(hostile.toString().replace('r="4"', 'r="5"'));
		expect((await checkSvg('a.svg', changed, cacheDir)).svg).toContain('r="5"');
		const broken = await checkSvg('c.svg', Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><g></svg>'), cacheDir);
		expect(broken).toMatchObject({ file: 'c.svg', removed: [], error: expect.stringMatching(/not well-formed XML/) });
		expect(broken.svg).toBeUndefined();
		expect((await readdir(folder)).filter((file) => file.startsWith('svg-'))).toHaveLength(3);
	});
});

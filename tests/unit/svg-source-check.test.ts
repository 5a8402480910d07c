/** The build's check of the source SVGs, made in a worker thread while the content syncs (`svg-integration.ts`). */
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CACHED_JSON_FOLDER } from '../../src/cache/cached-json.ts';
import { checkSourceSvgs, checkSourceSvgsAside, sanitizerVersion } from '../../src/security/svg-integration.ts';

const folders: string[] = [];
afterEach(async () => {
	for (const folder of folders.splice(0)) await rm(folder, { recursive: true, force: true });
});

async function project(): Promise<string> {
	const root = await mkdtemp(path.join(os.tmpdir(), 'glossa-svg-sources-'));
	folders.push(root);
	await mkdir(path.join(root, 'content/en/images'), { recursive: true });
	await mkdir(path.join(root, 'public'), { recursive: true });
	await writeFile(
		path.join(root, 'public/kite.svg'),
		'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(2)</script><foreignObject><img xmlns="http://www.w3.org/1999/xhtml" src="x" onerror="alert(3)"/></foreignObject><rect width="4" height="4"/></svg>',
	);
	await writeFile(path.join(root, 'content/en/images/clean.svg'), '<svg xmlns="http://www.w3.org/2000/svg"><circle r="3" fill="teal"/></svg>');
	await writeFile(path.join(root, 'content/en/images/broken.svg'), '<svg xmlns="http://www.w3.org/2000/svg"><g></svg>');
	return root;
}

describe('the source SVGs checked aside', () => {
	it('reports what the check in process reports: the hostile file and what was removed, the broken one, not the clean one', async () => {
		const root = await project();
		const inProcess = await checkSourceSvgs(root, ['content', 'public']);
		expect(inProcess.map((check) => check.file).sort()).toEqual(['content/en/images/broken.svg', 'public/kite.svg']);
		expect(inProcess.find((check) => check.file === 'public/kite.svg')?.removed).toEqual(expect.arrayContaining(['<script>', '<foreignObject>']));
		expect(inProcess.find((check) => check.file === 'content/en/images/broken.svg')?.error).toMatch(/not well-formed XML/);
		expect(await checkSourceSvgsAside(root, ['content', 'public'])).toEqual(inProcess);
	}, 30_000);

	it('keeps what the worker found for the next build, which reads it without sanitizing again', async () => {
		const root = await project();
		const cacheDir = path.join(root, 'node_modules/.astro');
		const first = await checkSourceSvgsAside(root, ['content', 'public'], cacheDir);
		const kept = (await readdir(path.join(cacheDir, CACHED_JSON_FOLDER))).filter((file) => file.startsWith('svg-'));
		expect(kept).toHaveLength(3);
		expect(await checkSourceSvgsAside(root, ['content', 'public'], cacheDir)).toEqual(first);
		expect(await checkSourceSvgs(root, ['content', 'public'], cacheDir)).toEqual(first);
	}, 30_000);

	it("keys what it keeps by the sanitizer's code and every library that parses or prints the SVG, jsdom's own included", () => {
		const { sources, libraries } = sanitizerVersion();
		expect(sources).toHaveLength(2);
		for (const name of ['dompurify', 'jsdom', 'postcss', 'saxes', 'w3c-xmlserializer', 'parse5'])
			expect(libraries).toContainEqual(expect.stringMatching(new RegExp(`^${name}@\\d`)));
	});
});

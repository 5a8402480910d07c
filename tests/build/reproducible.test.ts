/**
 * The same tree gives the same bytes: a cold build of a copy of the demo, in another folder, equals the demo
 * build file for file, search index, offline packs and service worker included. A CDN or an offline update
 * then sends only what really changed.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { glob } from 'tinyglobby';
import { beforeAll, describe, expect, it } from 'vitest';
import { astroBuild } from '../support/astro-build.ts';
import { createFixtureProject } from '../support/fixture-project.ts';
import { demoDist, demoPacks } from '../support/paths.ts';
import { runScript } from '../support/run-script.ts';

async function digests(folder: string): Promise<Map<string, string>> {
	const files = (await glob('**/*', { cwd: folder, dot: true })).sort();
	return new Map(
		await Promise.all(
			files.map(
				async (file) =>
					[
						file,
						createHash('sha256')
							.update(await readFile(path.join(folder, file)))
							.digest('hex'),
					] as const,
			),
		),
	);
}

let root: string;

beforeAll(async () => {
	root = await createFixtureProject('reproducible', {});
	const built = await astroBuild(root, path.join(root, 'dist'));
	expect(built.code, built.output).toBe(0);
	const packed = await runScript(root, 'scripts/offline/cli.ts', ['--dir', path.join(root, 'dist'), '--out', path.join(root, 'dist-offline')]);
	expect(packed.code, packed.output).toBe(0);
});

describe('two cold builds of the same tree', () => {
	it('write the same files with the same bytes, search index and service worker included', async () => {
		const first = await digests(demoDist);
		const second = await digests(path.join(root, 'dist'));
		expect([...second.keys()]).toEqual([...first.keys()]);
		expect([...first.keys()].some((file) => file.startsWith('pagefind/') && file.endsWith('.pf_index'))).toBe(true);
		const differing = [...first].filter(([file, digest]) => second.get(file) !== digest).map(([file]) => file);
		expect(differing).toEqual([]);
	});

	it('write the same offline packs', async () => {
		expect(await digests(path.join(root, 'dist-offline'))).toEqual(await digests(demoPacks));
	});
});

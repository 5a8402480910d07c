/**
 * Update packs, end to end: build, edit one English page and one translation, build again, make the update
 * from the old pack, apply it to the old pack unpacked, and get the new pack byte for byte. A wrong base or a
 * corrupted file is refused and the folder left exactly as it was.
 */
import { createHash } from 'node:crypto';
import { appendFile, cp, mkdir, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { unzipSync, zipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { astroBuild } from '../support/astro-build.ts';
import { createFixtureProject } from '../support/fixture-project.ts';
import { extractPack } from '../support/packs.ts';
import { runScript } from '../support/run-script.ts';

let root: string;
let made: { code: number | null; output: string };
let updateFile: string;

async function folderDigests(folder: string, prefix = ''): Promise<Record<string, string>> {
	const result: Record<string, string> = {};
	for (const entry of await readdir(path.join(folder, prefix), { withFileTypes: true })) {
		const relative = prefix ? `${prefix}/${entry.name}` : entry.name;
		if (entry.isDirectory()) Object.assign(result, await folderDigests(folder, relative));
		else
			result[relative] = createHash('sha256')
				.update(await readFile(path.join(folder, relative)))
				.digest('hex');
	}
	return result;
}

function zipDigests(zip: Uint8Array): Record<string, string> {
	return Object.fromEntries(
		Object.entries(unzipSync(zip))
			.filter(([name]) => !name.endsWith('/'))
			.map(([name, data]) => [name, createHash('sha256').update(data).digest('hex')]),
	);
}

beforeAll(async () => {
	root = await createFixtureProject('pack-update', {});
	const first = await astroBuild(root, path.join(root, 'dist'));
	expect(first.code, first.output).toBe(0);
	await cp(path.join(root, 'dist-offline/es-419.zip'), path.join(root, 'old-es-419.zip'));
	// One word for another: the same word count, so no locale crosses its publish threshold (which would
	// change every page's picker).
	const loops = path.join(root, 'content/en/learn/loops.mdx');
	await writeFile(loops, (await readFile(loops, 'utf8')).replace('songs have choruses', 'songs have refrains'));
	await appendFile(path.join(root, 'content/es-419/values.mdx'), '\nUna frase añadida a la traducción después de la primera compilación.\n');
	const second = await astroBuild(root, path.join(root, 'dist'));
	expect(second.code, second.output).toBe(0);
	made = await runScript(root, 'scripts/offline/cli.ts', ['--update-from', path.join(root, 'old-es-419.zip')]);
	updateFile = path.join(root, 'dist-offline', /(es-419-update-\w+-\w+\.zip)/.exec(made.output)?.[1] ?? 'missing');
}, 300_000);

describe('update packs', () => {
	it('holds only what changed, and says how much smaller it is than the pack', async () => {
		expect(made.code, made.output).toBe(0);
		const update = unzipSync(await readFile(updateFile));
		const files = Object.keys(update).filter((name) => name.startsWith('files/'));
		// The edited translation, and the page whose English changed (it is now marked outdated); nothing else.
		expect(files.sort()).toEqual(['files/es-419/learn/loops/index.html', 'files/es-419/values/index.html']);
		expect(Object.keys(update)).toContain('update.json');
		expect(made.output).toMatch(/es-419-update-\w+-\w+\.zip {2}\d+ files? changed, \d+ removed, [\d.]+ (?:kB|MB) \(the whole pack: [\d.]+ (?:kB|MB)\)/);
	});

	it('applied to the old pack, gives the new pack byte for byte', async () => {
		const folder = path.join(root, 'classroom-es-419');
		await extractPack(path.join(root, 'old-es-419.zip'), folder);
		const applied = await runScript(root, 'scripts/offline/classroom.ts', ['apply', updateFile, folder]);
		expect(applied.code, applied.output).toBe(0);
		expect(await folderDigests(folder)).toEqual(zipDigests(await readFile(path.join(root, 'dist-offline/es-419.zip'))));
	});

	it('refuses an update made for another pack, and leaves the folder as it was', async () => {
		const folder = path.join(root, 'classroom-es-419');
		const before = await folderDigests(folder);
		const again = await runScript(root, 'scripts/offline/classroom.ts', ['apply', updateFile, folder]);
		expect(again.code).toBe(1);
		expect(again.output).toMatch(/this update is for pack \w+, and .* holds pack \w+; nothing was changed/);
		expect(await folderDigests(folder)).toEqual(before);
	});

	it('refuses a corrupted file, and leaves the folder as it was', async () => {
		const folder = path.join(root, 'classroom-es-419-corrupt');
		await rm(folder, { recursive: true, force: true });
		await extractPack(path.join(root, 'old-es-419.zip'), folder);
		const before = await folderDigests(folder);
		const entries = unzipSync(await readFile(updateFile));
		const page = entries['files/es-419/values/index.html']!;
		entries['files/es-419/values/index.html'] = Buffer.concat([Buffer.from(page), Buffer.from('<!-- tampered -->')]);
		const corrupt = path.join(root, 'corrupt-update.zip');
		await mkdir(path.dirname(corrupt), { recursive: true });
		await writeFile(corrupt, zipSync(entries));
		const result = await runScript(root, 'scripts/offline/classroom.ts', ['apply', corrupt, folder]);
		expect(result.code).toBe(1);
		expect(result.output).toContain('es-419/values/index.html in the update does not match its SHA-256');
		expect(await folderDigests(folder)).toEqual(before);
	});
});

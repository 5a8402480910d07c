/**
 * Update packs, end to end: build, edit one English page and one translation, build again, make the update
 * from the old pack, apply it to the old pack unpacked, and get the new pack byte for byte. A wrong base or a
 * corrupted file is refused and the folder left exactly as it was.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { appendFile, cp, mkdir, readFile, readdir, rm, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { unzipSync, zipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { deriveBuildId, type PackManifest, type UpdateDescription } from '../../src/offline/pack-update.ts';
import { astroBuild } from '../support/astro-build.ts';
import { folderSnapshot } from '../support/folder-snapshot.ts';
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
		expect(result.output).toMatch(/es-419\/values\/index\.html in the update does not match its (?:SHA-256|size in the manifest)/);
		expect(await folderDigests(folder)).toEqual(before);
	});

	it.each([
		{ what: 'the top-level locale folder', link: 'es-419', written: 'values/index.html' },
		{ what: 'a page the update rewrites', link: 'es-419/values/index.html', written: '' },
		{ what: 'a subfolder', link: 'es-419/learn', written: 'loops/index.html' },
	])('refuses a pack folder where $what is a link outside, and writes nothing there', async ({ link, written }) => {
		const name = link.replace(/\W+/g, '-');
		const folder = path.join(root, `classroom-link-${name}`);
		const outside = path.join(root, 'outside', name);
		await extractPack(path.join(root, 'old-es-419.zip'), folder);
		// What Info-ZIP unzip makes of a hostile pack: the real thing moved out, a link left in its place.
		await rm(outside, { recursive: true, force: true });
		await mkdir(path.dirname(outside), { recursive: true });
		await cp(path.join(folder, link), outside, { recursive: true });
		await rm(path.join(folder, link), { recursive: true });
		await symlink(outside, path.join(folder, link));
		const target = written ? path.join(outside, written) : outside;
		const outsideBefore = await readFile(target);
		const before = await folderSnapshot(folder);

		const result = await runScript(root, 'scripts/offline/classroom.ts', ['apply', updateFile, folder]);
		expect(await readFile(target)).toEqual(outsideBefore);
		expect(await folderSnapshot(folder)).toEqual(before);
		expect(existsSync(`${folder}.update-new`) || existsSync(`${folder}.update-old`)).toBe(false);
		expect(result.code, result.output).toBe(1);
		expect(result.output).toContain(`classroom: ${link} is a symbolic link in ${folder}; an update never follows one`);
	});

	it('refuses a tampered page whose SHA-256 was recomputed, under the genuine pack id', async () => {
		const folder = path.join(root, 'classroom-es-419-tampered');
		await extractPack(path.join(root, 'old-es-419.zip'), folder);
		const before = await folderSnapshot(folder);
		const entries = unzipSync(await readFile(updateFile));
		const page = Buffer.from('<!doctype html><title>Tampered</title><p>Not what the pack published.</p>');
		entries['files/es-419/values/index.html'] = page;
		const description = JSON.parse(Buffer.from(entries['update.json']!).toString('utf8')) as UpdateDescription;
		const files = description.manifest.files.map((file) =>
			file.path === 'es-419/values/index.html' ? { ...file, size: page.length, sha256: createHash('sha256').update(page).digest('hex') } : file,
		);
		entries['update.json'] = Buffer.from(JSON.stringify({ ...description, manifest: { ...description.manifest, files } }));
		// Under the genuine update's name, as it would be passed on.
		const tampered = path.join(root, 'tampered', path.basename(updateFile));
		await mkdir(path.dirname(tampered), { recursive: true });
		await writeFile(tampered, zipSync(entries));

		const result = await runScript(root, 'scripts/offline/classroom.ts', ['apply', tampered, folder]);
		expect(await folderSnapshot(folder)).toEqual(before);
		expect(result.code, result.output).toBe(1);
		expect(result.output).toMatch(/manifest\): buildId \w{12} does not match its files, which make pack \w{12}: it was edited or damaged; nothing was changed/);
	});

	it('makes no update from an old pack whose build id is not 12 hex characters, and writes nothing outside dist-offline', async () => {
		const entries = unzipSync(await readFile(path.join(root, 'old-es-419.zip')));
		const manifest = JSON.parse(Buffer.from(entries['manifest.json']!).toString('utf8')) as PackManifest;
		entries['manifest.json'] = Buffer.from(JSON.stringify({ ...manifest, buildId: '../../../escaped' }));
		await writeFile(path.join(root, 'bad-id.zip'), zipSync(entries));
		const out = await readdir(path.join(root, 'dist-offline'));

		const result = await runScript(root, 'scripts/offline/cli.ts', ['--update-from', path.join(root, 'bad-id.zip')]);
		expect((await readdir(root)).filter((file) => file.startsWith('escaped'))).toEqual([]);
		expect(await readdir(path.join(root, 'dist-offline'))).toEqual(out);
		expect(result.code, result.output).toBe(1);
		expect(result.output).toContain(
			`offline: ${path.join(root, 'bad-id.zip')}: buildId "../../../escaped" is not a build id (12 lowercase hexadecimal characters)`,
		);
	});

	it('makes no update from an old pack of a locale the site does not have', async () => {
		const entries = unzipSync(await readFile(path.join(root, 'old-es-419.zip')));
		const manifest = JSON.parse(Buffer.from(entries['manifest.json']!).toString('utf8')) as PackManifest;
		entries['manifest.json'] = Buffer.from(JSON.stringify({ ...manifest, locale: 'xx', buildId: deriveBuildId('xx', manifest.files) }));
		await writeFile(path.join(root, 'bad-locale.zip'), zipSync(entries));
		const out = await readdir(path.join(root, 'dist-offline'));

		const result = await runScript(root, 'scripts/offline/cli.ts', ['--update-from', 'bad-locale.zip']);
		expect(await readdir(path.join(root, 'dist-offline'))).toEqual(out);
		expect(result.code, result.output).toBe(1);
		expect(result.output).toMatch(/^offline: bad-locale\.zip: its manifest's locale "xx" is not one of this site's locales \(en, .*\); nothing was written$/m);
	});
});

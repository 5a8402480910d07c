import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { cp, mkdir, mkdtemp, readFile, rename, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { crc32, createDeflateRaw } from 'node:zlib';
import { unzipSync, Zip, ZipDeflate, type ZipInputFile, ZipPassThrough, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import {
	applyUpdate,
	type ApplyOptions,
	deriveBuildId,
	finishInterruptedUpdate,
	makeUpdate,
	MANIFEST_FILE,
	manifestBytes,
	type PackManifest,
	packManifest,
	PackUpdateError,
	readManifest,
	UPDATE_LIMITS,
	type UpdateDescription,
} from '../../src/offline/pack-update.ts';
import { folderSnapshot } from '../support/folder-snapshot.ts';

const pack = (files: Record<string, string>) => {
	const map = new Map(Object.entries(files).map(([name, text]) => [name, Buffer.from(text)] as const));
	map.set(MANIFEST_FILE, Buffer.from(manifestBytes(packManifest(map, 'th'))));
	return map;
};

async function unpack(files: Map<string, Buffer>): Promise<string> {
	const folder = path.join(await mkdtemp(path.join(os.tmpdir(), 'glossa-update-')), 'th');
	for (const [name, data] of files) {
		await mkdir(path.dirname(path.join(folder, name)), { recursive: true });
		await writeFile(path.join(folder, name), data);
	}
	return folder;
}

const manifestOf = (files: Map<string, Buffer>) => JSON.parse(files.get(MANIFEST_FILE)!.toString()) as PackManifest;
const before = pack({ 'th/index.html': 'old home', 'th/gone/index.html': 'removed later', 'style.css': 'body{}' });
const after = pack({ 'th/index.html': 'new home', 'th/new/index.html': 'added', 'style.css': 'body{}' });

describe('update packs', () => {
	it('carry only new and changed files, and the list of removed ones', () => {
		const oldManifest = manifestOf(before);
		const update = makeUpdate(oldManifest, after);
		expect(update).toMatchObject({ changed: 2, removed: 1 });
		expect(packManifest(after, 'th').buildId).toBe(update.to);
		expect(packManifest(before, 'th').buildId).not.toBe(update.to);
	});

	it('apply, leaving exactly the new pack', async () => {
		const folder = await unpack(before);
		const oldManifest = manifestOf(before);
		await applyUpdate(makeUpdate(oldManifest, after).zip, folder);
		expect(await readFile(path.join(folder, 'th/index.html'), 'utf8')).toBe('new home');
		expect(await readFile(path.join(folder, 'th/new/index.html'), 'utf8')).toBe('added');
		expect(existsSync(path.join(folder, 'th/gone/index.html'))).toBe(false);
		expect(await readFile(path.join(folder, MANIFEST_FILE))).toEqual(after.get(MANIFEST_FILE));
		expect(existsSync(`${folder}.update-new`) || existsSync(`${folder}.update-old`)).toBe(false);
	});

	it('finish on the next run when interrupted between the two renames, and roll back when interrupted before', async () => {
		const folder = await unpack(before);
		const staged = await unpack(after);
		// Interrupted after the checked new folder was marked complete and the old one moved aside.
		await rename(folder, `${folder}.update-old`);
		await rename(staged, `${folder}.update-new`);
		await writeFile(`${folder}.update-new.complete`, 'x');
		await finishInterruptedUpdate(folder);
		expect(await readFile(path.join(folder, 'th/index.html'), 'utf8')).toBe('new home');
		expect(existsSync(`${folder}.update-old`) || existsSync(`${folder}.update-new.complete`)).toBe(false);

		// Interrupted while assembling: the old pack stays, the half-made one goes.
		const other = await unpack(before);
		await mkdir(`${other}.update-new/th`, { recursive: true });
		await writeFile(`${other}.update-new/th/index.html`, 'half');
		await finishInterruptedUpdate(other);
		expect(await readFile(path.join(other, 'th/index.html'), 'utf8')).toBe('old home');
		expect(existsSync(`${other}.update-new`)).toBe(false);
	});
});

/** The update from `before` to `after`, as makeUpdate writes it, opened for a test to change. */
function updateEntries(from = before, to = after): { entries: Record<string, Uint8Array>; description: UpdateDescription } {
	const entries = unzipSync(makeUpdate(manifestOf(from), to).zip);
	return { entries, description: JSON.parse(Buffer.from(entries['update.json']!).toString('utf8')) as UpdateDescription };
}

const describeAs = (description: UpdateDescription) => Buffer.from(JSON.stringify(description));

/** A manifest's build id made again, as an attacker who edits a manifest would. */
function withDerivedId(manifest: PackManifest): PackManifest {
	return { ...manifest, buildId: deriveBuildId(manifest.locale, manifest.files) };
}

/**
 * Applies `update` to `folder` and expects a refusal that changed nothing: no file outside touched (checked
 * first), the folder exactly as it was, links included, nothing left beside it, and the message.
 */
async function expectRefused(
	update: Uint8Array,
	folder: string,
	message: RegExp,
	{ outside, ...options }: ApplyOptions & { outside?: { file: string; text: string } } = {},
): Promise<void> {
	const snapshot = await folderSnapshot(folder);
	const error = await applyUpdate(update, folder, options).then(
		() => undefined,
		(thrown: unknown) => thrown,
	);
	if (outside) expect(existsSync(outside.file) ? await readFile(outside.file, 'utf8') : 'deleted').toBe(outside.text);
	expect(await folderSnapshot(folder)).toEqual(snapshot);
	expect(existsSync(`${folder}.update-new`) || existsSync(`${folder}.update-old`)).toBe(false);
	expect(error).toBeInstanceOf(PackUpdateError);
	expect((error as Error).message).toMatch(message);
	expect((error as Error).message).toMatch(/nothing was changed$/);
}

/**
 * A real zip whose entry `name` inflates to `inflated` zero bytes and declares `declared` in its central
 * directory (a bomb that tells the truth, or one that lies). Deflated in a stream, so the test itself stays
 * small in memory.
 */
async function zeroBomb(name: string, inflated: number, declared: number, others: Record<string, Uint8Array>): Promise<Uint8Array> {
	const zeros = Buffer.alloc(1024 * 1024);
	const deflate = createDeflateRaw({ level: 9 });
	const compressed: Buffer[] = [];
	deflate.on('data', (chunk: Buffer) => compressed.push(chunk));
	const done = once(deflate, 'end');
	let crc = 0;
	for (let written = 0; written < inflated; written += zeros.length) {
		const chunk = zeros.subarray(0, Math.min(zeros.length, inflated - written));
		crc = crc32(chunk, crc);
		if (!deflate.write(chunk)) await once(deflate, 'drain');
	}
	deflate.end();
	await done;
	const parts: Uint8Array[] = [];
	const zip = new Zip((error, chunk) => {
		if (error) throw error;
		parts.push(chunk);
	});
	for (const [file, data] of Object.entries(others)) {
		const entry = new ZipDeflate(file);
		zip.add(entry);
		entry.push(data, true);
	}
	// Already deflated (method 8): fflate writes it with the sizes and CRC given here.
	const bomb: ZipInputFile = { filename: name, size: declared, crc, compression: 8 };
	zip.add(bomb);
	const data = Buffer.concat(compressed);
	bomb.ondata!(null, data, true);
	zip.end();
	return Buffer.concat(parts);
}

const outsideFolder = async () => {
	const outside = await mkdtemp(path.join(os.tmpdir(), 'glossa-outside-'));
	await writeFile(path.join(outside, 'index.html'), 'outside, not the pack');
	await writeFile(path.join(outside, 'style.css'), 'outside, not the pack');
	return outside;
};

describe('applying an update to a folder with links', () => {
	it('refuses a link to a file outside, at the top level, before writing through it', async () => {
		const folder = await unpack(before);
		const outside = await outsideFolder();
		await rm(path.join(folder, 'style.css'));
		await symlink(path.join(outside, 'style.css'), path.join(folder, 'style.css'));
		const to = pack({ 'th/index.html': 'old home', 'th/gone/index.html': 'removed later', 'style.css': 'body{color:red}' });
		await expectRefused(makeUpdate(manifestOf(before), to).zip, folder, /style\.css is a symbolic link in .*; an update never follows one/, {
			outside: { file: path.join(outside, 'style.css'), text: 'outside, not the pack' },
		});
	});

	it('refuses a linked folder, and deletes nothing outside through it', async () => {
		const folder = await unpack(before);
		const outside = await outsideFolder();
		await rm(path.join(folder, 'th/gone'), { recursive: true });
		await symlink(outside, path.join(folder, 'th/gone'));
		// The update removes th/gone/index.html, which is outside/index.html through the link.
		await expectRefused(makeUpdate(manifestOf(before), after).zip, folder, /th\/gone is a symbolic link/, {
			outside: { file: path.join(outside, 'index.html'), text: 'outside, not the pack' },
		});
	});

	it('refuses a linked subfolder, and writes nothing outside through it', async () => {
		const folder = await unpack(before);
		const outside = await outsideFolder();
		await symlink(outside, path.join(folder, 'th/new'));
		// The update adds th/new/index.html, which is outside/index.html through the link.
		await expectRefused(makeUpdate(manifestOf(before), after).zip, folder, /th\/new is a symbolic link/, {
			outside: { file: path.join(outside, 'index.html'), text: 'outside, not the pack' },
		});
	});
});

// Making a 512 MiB bomb takes seconds on a busy machine; the refusal is what is checked, not the time.
describe('zip bombs', { timeout: 60_000 }, () => {
	const size = 512 * 1024 * 1024;

	it('refuses a file that declares 512 MiB, before inflating it, even when its manifest lists it so', async () => {
		const folder = await unpack(before);
		const zeros = Buffer.alloc(1024 * 1024);
		const hash = createHash('sha256');
		for (let index = 0; index < size / zeros.length; index++) hash.update(zeros);
		const { description } = updateEntries();
		const manifest = withDerivedId({
			...description.manifest,
			files: description.manifest.files.map((file) => (file.path === 'th/index.html' ? { ...file, size, sha256: hash.digest('hex') } : file)),
		});
		const others = { 'update.json': describeAs({ ...description, to: manifest.buildId, manifest }), 'files/th/new/index.html': Buffer.from('added') };
		const bomb = await zeroBomb('files/th/index.html', size, size, others);
		expect(bomb.length).toBeLessThan(600_000);
		const peak = process.resourceUsage().maxRSS;
		await expectRefused(bomb, folder, /files\/th\/index\.html is 536870912 bytes, more than the limit of 67108864 for one file; send the whole pack instead/);
		// Memory: the old code's peak grew by more than 1 GB; checking costs a few megabytes.
		expect(process.resourceUsage().maxRSS - peak).toBeLessThan(100 * 1024);
	});

	it('stops inflating a file that declares 8 bytes and inflates to 512 MiB at the first byte more', async () => {
		const folder = await unpack(before);
		const { description } = updateEntries();
		const others = { 'update.json': describeAs(description), 'files/th/new/index.html': Buffer.from('added') };
		const bomb = await zeroBomb('files/th/index.html', size, 'new home'.length, others);
		const peak = process.resourceUsage().maxRSS;
		await expectRefused(bomb, folder, /files\/th\/index\.html inflates to more than the 8 bytes it declares \(a zip bomb\?\)/);
		expect(process.resourceUsage().maxRSS - peak).toBeLessThan(100 * 1024);
	});

	it('bounds update.json too, declared and inflated', async () => {
		const folder = await unpack(before);
		const lying = await zeroBomb('update.json', size, 100, {});
		await expectRefused(lying, folder, /update\.json inflates to more than the 100 bytes it declares/);
		const honest = await zeroBomb('update.json', 32 * 1024 * 1024, 32 * 1024 * 1024, {});
		await expectRefused(honest, folder, /update\.json declares 33554432 bytes, more than the limit of 16777216/);
	});

	it('refuses more entries than the limit, or than the manifest has files', async () => {
		const folder = await unpack(before);
		const { entries } = updateEntries();
		const many = zipSync({ ...entries, 'files/a': Buffer.from('a'), 'files/b': Buffer.from('b'), 'files/c': Buffer.from('c') });
		await expectRefused(many, folder, /the update has 6 entries, more than the limit of 5/, { limits: { ...UPDATE_LIMITS, maxEntries: 5 } });
		await expectRefused(many, folder, /the update has more entries than its manifest has files/);
	});
});

describe('build ids, derived again', () => {
	it('refuses a tampered page whose SHA-256 was recomputed, under the genuine pack id', async () => {
		const folder = await unpack(before);
		const { entries, description } = updateEntries();
		const evil = Buffer.from('<script>evil()</script>');
		entries['files/th/index.html'] = evil;
		const files = description.manifest.files.map((file) =>
			file.path === 'th/index.html' ? { ...file, size: evil.length, sha256: createHash('sha256').update(evil).digest('hex') } : file,
		);
		entries['update.json'] = describeAs({ ...description, manifest: { ...description.manifest, files } });
		await expectRefused(zipSync(entries), folder, /buildId \w{12} does not match its files, which make pack \w{12}: it was edited or damaged/);
	});

	it('refuses an update whose ids were made again but do not match its file name', async () => {
		const folder = await unpack(before);
		const { entries, description } = updateEntries();
		const evil = Buffer.from('<script>evil()</script>');
		entries['files/th/index.html'] = evil;
		const manifest = withDerivedId({
			...description.manifest,
			files: description.manifest.files.map((file) =>
				file.path === 'th/index.html' ? { ...file, size: evil.length, sha256: createHash('sha256').update(evil).digest('hex') } : file,
			),
		});
		entries['update.json'] = describeAs({ ...description, to: manifest.buildId, manifest });
		const name = `th-update-${description.from}-${description.to}.zip`;
		await expectRefused(
			zipSync(entries),
			folder,
			/is named for the update from pack \w{12} to \w{12}, and holds the update from pack \w{12} to \w{12} \(a tampered update\?\)/,
			{ name },
		);
	});

	it('refuses an update whose "to" is not the id its manifest makes', async () => {
		const folder = await unpack(before);
		const { entries, description } = updateEntries();
		entries['update.json'] = describeAs({ ...description, to: 'abcdefabcdef' });
		await expectRefused(zipSync(entries), folder, /it claims to make pack "abcdefabcdef", and its manifest's files make pack \w{12}/);
	});

	it('refuses a pack folder whose manifest.json was edited', async () => {
		const folder = await unpack(before);
		const current = manifestOf(before);
		const edited = { ...current, files: [...current.files, { path: 'extra.html', size: 1, sha256: 'a'.repeat(64) }] };
		// The same buildId, so the old code took it for pack `from`.
		await writeFile(path.join(folder, MANIFEST_FILE), manifestBytes(edited));
		await expectRefused(
			makeUpdate(current, after).zip,
			folder,
			/manifest\.json: buildId \w{12} does not match its files, which make pack \w{12}: it was edited or damaged/,
		);
	});
});

describe('names from an update', () => {
	it('refuses a manifest path outside the pack, and reads nothing there', async () => {
		const root = await mkdtemp(path.join(os.tmpdir(), 'glossa-update-'));
		const folder = path.join(root, 'th');
		await cp(await unpack(before), folder, { recursive: true });
		// What the staged folder's ../outside-file would be, with the content the manifest claims.
		await writeFile(path.join(root, 'outside-file'), 'secret');
		const { entries, description } = updateEntries();
		const manifest = withDerivedId({
			...description.manifest,
			files: [...description.manifest.files, { path: '../outside-file', size: 6, sha256: createHash('sha256').update('secret').digest('hex') }],
		});
		entries['update.json'] = describeAs({ ...description, to: manifest.buildId, manifest });
		await expectRefused(zipSync(entries), folder, /files\[\d\]\.path "\.\.\/outside-file" is not a plain relative path inside the pack/);
	});

	it('refuses a removed path outside the pack', async () => {
		const folder = await unpack(before);
		await writeFile(path.join(path.dirname(folder), 'outside-file'), 'keep me');
		const { entries, description } = updateEntries();
		entries['update.json'] = describeAs({ ...description, removed: ['../outside-file'] });
		await expectRefused(zipSync(entries), folder, /removed\[0\] "\.\.\/outside-file" is not a plain relative path inside the pack/, {
			outside: { file: path.join(path.dirname(folder), 'outside-file'), text: 'keep me' },
		});
	});

	it('refuses entry names outside the pack (zip-slip), and entries found twice', async () => {
		const folder = await unpack(before);
		const { entries } = updateEntries();
		await expectRefused(
			zipSync({ ...entries, 'files/../../evil.html': Buffer.from('x') }),
			folder,
			/names a file outside the pack \(invalid relative path: files\/\.\.\/\.\.\/evil\.html\)/,
		);
		// fflate's streaming writer adds what it is given, a second th/index.html included.
		const parts: Uint8Array[] = [];
		const zip = new Zip((error, chunk) => {
			if (error) throw error;
			parts.push(chunk);
		});
		for (const [name, data] of [...Object.entries(entries), ['files/th/index.html', Buffer.from('second')] as const]) {
			const entry = new ZipPassThrough(name);
			zip.add(entry);
			entry.push(data, true);
		}
		zip.end();
		await expectRefused(Buffer.concat(parts), folder, /the update holds files\/th\/index\.html twice; neither copy can be trusted/);
	});

	it('refuses a build id that is not 12 hex characters in an old pack', async () => {
		const root = await mkdtemp(path.join(os.tmpdir(), 'glossa-manifest-'));
		const file = path.join(root, 'old.zip');
		await writeFile(file, zipSync({ [MANIFEST_FILE]: manifestBytes({ ...manifestOf(before), buildId: '../../x' }) }));
		await expect(readManifest(file)).rejects.toThrow(/old\.zip: buildId "\.\.\/\.\.\/x" is not a build id \(12 lowercase hexadecimal characters\)/);
	});

	it('reads the manifest of a pack that a zip tool made again with folder entries', async () => {
		const root = await mkdtemp(path.join(os.tmpdir(), 'glossa-manifest-'));
		const file = path.join(root, 'old.zip');
		await writeFile(file, zipSync({ 'th/': new Uint8Array(0), 'th/index.html': before.get('th/index.html')!, [MANIFEST_FILE]: before.get(MANIFEST_FILE)! }));
		expect(await readManifest(file)).toEqual(manifestOf(before));
	});
});

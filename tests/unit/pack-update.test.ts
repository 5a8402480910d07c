import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rename, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyUpdate, finishInterruptedUpdate, makeUpdate, MANIFEST_FILE, manifestBytes, packManifest } from '../../src/offline/pack-update.ts';

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

describe('update packs', () => {
	const before = pack({ 'th/index.html': 'old home', 'th/gone/index.html': 'removed later', 'style.css': 'body{}' });
	const after = pack({ 'th/index.html': 'new home', 'th/new/index.html': 'added', 'style.css': 'body{}' });

	it('carry only new and changed files, and the list of removed ones', () => {
		const oldManifest = JSON.parse(before.get(MANIFEST_FILE)!.toString()) as ReturnType<typeof packManifest>;
		const update = makeUpdate(oldManifest, after);
		expect(update).toMatchObject({ changed: 2, removed: 1 });
		expect(packManifest(after, 'th').buildId).toBe(update.to);
		expect(packManifest(before, 'th').buildId).not.toBe(update.to);
	});

	it('apply, leaving exactly the new pack', async () => {
		const folder = await unpack(before);
		const oldManifest = JSON.parse(before.get(MANIFEST_FILE)!.toString()) as ReturnType<typeof packManifest>;
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

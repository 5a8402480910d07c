/**
 * Small updates for offline packs, for schools that pay for every megabyte. Every pack carries
 * `manifest.json` (its build id, its locale, and each file's path, size and SHA-256). An update holds only
 * the files that are new or changed since an older pack, the list of files removed, and the new manifest;
 * applying it checks every byte against that manifest and swaps the folder in one rename, so an interrupted
 * update leaves the old pack as it was, or is finished by the next run.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm, writeFile, cp } from 'node:fs/promises';
import path from 'node:path';
import { unzipSync, zipSync } from 'fflate';

export const MANIFEST_FILE = 'manifest.json';
const UPDATE_FILE = 'update.json';
// A fixed timestamp keeps updates byte-identical for the same two packs.
const ZIP_TIME = new Date('2026-01-01T00:00:00Z');

export interface PackManifest {
	/** Derived from the pack's files: the same files give the same id. */
	buildId: string;
	locale: string;
	files: { path: string; size: number; sha256: string }[];
}

export interface UpdateDescription {
	locale: string;
	from: string;
	to: string;
	/** Files of the old pack that the new one no longer has. */
	removed: string[];
	manifest: PackManifest;
}

export class PackUpdateError extends Error {
	override name = 'PackUpdateError';
}

const sha256 = (data: Uint8Array) => createHash('sha256').update(data).digest('hex');

export function packManifest(files: ReadonlyMap<string, Uint8Array>, locale: string): PackManifest {
	const entries = [...files]
		.filter(([file]) => file !== MANIFEST_FILE)
		.map(([file, data]) => ({ path: file, size: data.length, sha256: sha256(data) }))
		.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
	const buildId = sha256(Buffer.from(JSON.stringify([locale, entries]))).slice(0, 12);
	return { buildId, locale, files: entries };
}

export function manifestBytes(manifest: PackManifest): Uint8Array {
	return Buffer.from(`${JSON.stringify(manifest, null, 1)}\n`);
}

/** The manifest of a pack (a `.zip`) or a manifest file (`manifest.json`). */
export async function readManifest(file: string): Promise<PackManifest> {
	const data = await readFile(file);
	const text = file.endsWith('.zip') ? unzipSync(data, { filter: (entry) => entry.name === MANIFEST_FILE })[MANIFEST_FILE] : data;
	if (!text) throw new PackUpdateError(`${file} has no ${MANIFEST_FILE}: it was made before packs carried one; send the whole pack once`);
	return JSON.parse(Buffer.from(text).toString('utf8')) as PackManifest;
}

/** The update from the pack `old` describes to `pack` (the new pack's files, its manifest included). */
export function makeUpdate(old: PackManifest, pack: ReadonlyMap<string, Uint8Array>): { zip: Uint8Array; changed: number; removed: number; to: string } {
	if (!pack.has(MANIFEST_FILE)) throw new PackUpdateError(`the new pack has no ${MANIFEST_FILE}`);
	const manifest = JSON.parse(Buffer.from(pack.get(MANIFEST_FILE)!).toString('utf8')) as PackManifest;
	if (manifest.locale !== old.locale) throw new PackUpdateError(`the old pack is ${old.locale}, the new one ${manifest.locale}`);
	const before = new Map(old.files.map((file) => [file.path, file.sha256]));
	const changed = manifest.files.filter((file) => before.get(file.path) !== file.sha256);
	const kept = new Set(manifest.files.map((file) => file.path));
	const removed = old.files.map((file) => file.path).filter((file) => !kept.has(file));
	const description: UpdateDescription = { locale: manifest.locale, from: old.buildId, to: manifest.buildId, removed, manifest };
	const entries: Record<string, [Uint8Array, { mtime: Date }]> = {
		[UPDATE_FILE]: [Buffer.from(`${JSON.stringify(description, null, 1)}\n`), { mtime: ZIP_TIME }],
	};
	for (const file of changed) entries[`files/${file.path}`] = [pack.get(file.path)!, { mtime: ZIP_TIME }];
	return { zip: zipSync(entries, { level: 6 }), changed: changed.length, removed: removed.length, to: manifest.buildId };
}

/** Every file of `folder`, relative, with forward slashes. */
async function listFolder(folder: string, prefix = ''): Promise<string[]> {
	const found: string[] = [];
	for (const entry of await readdir(path.join(folder, prefix), { withFileTypes: true })) {
		const relative = prefix ? `${prefix}/${entry.name}` : entry.name;
		if (entry.isSymbolicLink()) throw new PackUpdateError(`${relative} in the pack folder is a symbolic link; an update never follows one`);
		if (entry.isDirectory()) found.push(...(await listFolder(folder, relative)));
		else found.push(relative);
	}
	return found;
}

/** Whether `folder` holds exactly the files of `manifest`, byte for byte. Returns what differs. */
async function differences(folder: string, manifest: PackManifest): Promise<string[]> {
	const expected = new Map(manifest.files.map((file) => [file.path, file.sha256]));
	expected.set(MANIFEST_FILE, sha256(manifestBytes(manifest)));
	const problems: string[] = [];
	const present = await listFolder(folder);
	for (const file of present) if (!expected.has(file)) problems.push(`${file} is not in the manifest`);
	for (const [file, digest] of expected) {
		const target = path.join(folder, file);
		if (!existsSync(target)) problems.push(`${file} is missing`);
		else if (sha256(await readFile(target)) !== digest) problems.push(`${file} does not match its SHA-256`);
	}
	return problems;
}

/** An entry name that stays inside its folder (no absolute path, `..`, backslash or NUL). */
function safeName(name: string): boolean {
	return name !== '' && !name.startsWith('/') && !name.includes('\\') && !name.includes('\0') && !name.split('/').includes('..');
}

/**
 * Applies an update to an unpacked pack folder, or refuses it and leaves the folder exactly as it was:
 * an update made for another pack, or any file that does not match the new manifest. The new folder is
 * assembled beside the old one, checked file by file, and swapped in by renames; a run interrupted between
 * the renames is finished by the next one.
 */
export async function applyUpdate(updateZip: Uint8Array, folder: string): Promise<{ from: string; to: string; changed: number; removed: number }> {
	const staged = `${folder}.update-new`;
	const previous = `${folder}.update-old`;
	await finishInterruptedUpdate(folder);
	let entries: Record<string, Uint8Array>;
	try {
		entries = unzipSync(updateZip);
	} catch (error) {
		throw new PackUpdateError(`the update is not a readable zip: ${(error as Error).message}`);
	}
	const descriptionBytes = entries[UPDATE_FILE];
	if (!descriptionBytes) throw new PackUpdateError(`the update has no ${UPDATE_FILE}`);
	const description = JSON.parse(Buffer.from(descriptionBytes).toString('utf8')) as UpdateDescription;
	const current = await readManifest(path.join(folder, MANIFEST_FILE)).catch(() => undefined);
	if (!current) throw new PackUpdateError(`${folder} has no ${MANIFEST_FILE}; unpack a full pack there first`);
	if (current.buildId !== description.from) {
		throw new PackUpdateError(`this update is for pack ${description.from}, and ${folder} holds pack ${current.buildId}; nothing was changed`);
	}
	const wanted = new Map(description.manifest.files.map((file) => [file.path, file]));
	for (const [name, data] of Object.entries(entries)) {
		if (name === UPDATE_FILE) continue;
		const file = name.startsWith('files/') ? name.slice('files/'.length) : '';
		if (!safeName(file) || !wanted.has(file)) throw new PackUpdateError(`the update holds ${name}, which the new manifest does not list; nothing was changed`);
		if (sha256(data) !== wanted.get(file)!.sha256)
			throw new PackUpdateError(`${file} in the update does not match its SHA-256 (a corrupted download?); nothing was changed`);
	}
	for (const file of description.removed) if (!safeName(file)) throw new PackUpdateError(`the update removes ${file}, outside the pack; nothing was changed`);

	await rm(staged, { recursive: true, force: true });
	await cp(folder, staged, { recursive: true, verbatimSymlinks: true });
	for (const file of description.removed) await rm(path.join(staged, file), { force: true });
	for (const [name, data] of Object.entries(entries)) {
		if (name === UPDATE_FILE) continue;
		const target = path.join(staged, name.slice('files/'.length));
		await mkdir(path.dirname(target), { recursive: true });
		await writeFile(target, data);
	}
	await writeFile(path.join(staged, MANIFEST_FILE), manifestBytes(description.manifest));
	const problems = await differences(staged, description.manifest);
	if (problems.length > 0) {
		await rm(staged, { recursive: true, force: true });
		throw new PackUpdateError(`after the update the pack would not match its manifest (${problems.slice(0, 3).join('; ')}); nothing was changed`);
	}
	await writeFile(`${staged}.complete`, description.to);
	await rename(folder, previous);
	await rename(staged, folder);
	await rm(`${staged}.complete`, { force: true });
	await rm(previous, { recursive: true, force: true });
	return { from: description.from, to: description.to, changed: Object.keys(entries).length - 1, removed: description.removed.length };
}

/** After a crash between the two renames: the checked new folder is moved in, the old one removed. */
export async function finishInterruptedUpdate(folder: string): Promise<void> {
	const staged = `${folder}.update-new`;
	const previous = `${folder}.update-old`;
	if (existsSync(`${staged}.complete`)) {
		if (!existsSync(folder) && existsSync(staged)) await rename(staged, folder);
		await rm(`${staged}.complete`, { force: true });
	}
	if (existsSync(folder)) {
		await rm(previous, { recursive: true, force: true });
		await rm(staged, { recursive: true, force: true });
	} else if (existsSync(previous)) {
		await rename(previous, folder);
	}
}

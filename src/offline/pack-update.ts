/**
 * Small updates for offline packs, for schools that pay for every megabyte. Every pack carries
 * `manifest.json` (its build id, its locale, and each file's path, size and SHA-256). An update holds only
 * the files that are new or changed since an older pack, the list of files removed, and the new manifest;
 * applying it checks every byte against that manifest and swaps the folder in one rename, so an interrupted
 * update leaves the old pack as it was, or is finished by the next run.
 *
 * An update is hostile input until it is checked, and so is the unpacked folder it is applied to (Info-ZIP
 * `unzip` makes symbolic links from a crafted pack). Before anything is written: the zip's entries are
 * counted and their sizes bounded (declared, then actual while inflating); every name, path and id is
 * checked; the build ids are derived again from the manifests; and every byte is checked against the new
 * manifest. The new pack is then assembled in a fresh folder through the safe file layer, never through the
 * old folder's links.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { lstat, mkdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { zipSync } from 'fflate';
import yauzl from 'yauzl';
import { isSafeRelativePath, readInside, UnsafePathError, walkInside, writeInside } from '../security/content-files.ts';
import { deriveBuildId, MANIFEST_FILE, manifestBytes, type PackManifest } from './pack-manifest.ts';
import { byCodeUnits } from '../build/reproducible-order.ts';
import { sha256 } from '../content-model/hash.ts';

// The manifest every pack carries, made by the pack workers too (pack-manifest.ts).
export { deriveBuildId, MANIFEST_FILE, manifestBytes, packManifest, type PackManifest } from './pack-manifest.ts';

const UPDATE_FILE = 'update.json';
// A fixed timestamp keeps updates byte-identical for the same two packs.
const ZIP_TIME = new Date('2026-01-01T00:00:00Z');

export interface UpdateDescription {
	locale: string;
	from: string;
	to: string;
	/** Files of the old pack that the new one no longer has. */
	removed: string[];
	manifest: PackManifest;
}

/**
 * What an update (or a pack read for its manifest) may hold. A pack's files are pages, styles and images at
 * most 720 pixels wide; an update larger than this is better sent as the whole pack.
 */
export interface UpdateLimits {
	maxEntries: number;
	/** Inflated bytes of one file. */
	maxFileBytes: number;
	/** Inflated bytes of all the files an update carries. */
	maxTotalBytes: number;
	/** Inflated bytes of `update.json` or `manifest.json`. */
	maxDescriptionBytes: number;
}

export const UPDATE_LIMITS: UpdateLimits = {
	maxEntries: 50_000,
	maxFileBytes: 64 * 1024 * 1024,
	maxTotalBytes: 256 * 1024 * 1024,
	maxDescriptionBytes: 16 * 1024 * 1024,
};

export class PackUpdateError extends Error {
	override name = 'PackUpdateError';
}

const BUILD_ID = /^[0-9a-f]{12}$/;
const SHA256 = /^[0-9a-f]{64}$/;
// The characters of a BCP 47 tag; whether it is one of the site's locales is the caller's check.
const LOCALE_TAG = /^[A-Za-z0-9]{1,8}(?:-[A-Za-z0-9]{1,8}){0,7}$/;
const S_IFMT = 0o170000;
const S_IFREG = 0o100000;
const S_IFDIR = 0o040000;
const NOTHING_CHANGED = 'nothing was changed';

/** Whether `value` can be a build id: 12 lowercase hexadecimal characters (and so a safe part of a file name). */
export function isBuildId(value: unknown): value is string {
	return typeof value === 'string' && BUILD_ID.test(value);
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const shown = (value: unknown) => JSON.stringify(value)?.slice(0, 80) ?? String(value);

function parseJson(bytes: Uint8Array, source: string): unknown {
	try {
		return JSON.parse(Buffer.from(bytes).toString('utf8'));
	} catch (error) {
		throw new PackUpdateError(`${source} is not valid JSON (${(error as Error).message})`);
	}
}

/**
 * A manifest from input, checked key by key: a build id of 12 hex characters that its files derive again,
 * a locale tag, and files with plain relative paths (no `..`, leading `/` or backslash), sizes and SHA-256s.
 * `source` names the file in every error.
 */
export function parseManifest(value: unknown, source: string): PackManifest {
	const fail = (detail: string): never => {
		throw new PackUpdateError(`${source}: ${detail}`);
	};
	if (!isRecord(value)) return fail('is not a pack manifest (an object with buildId, locale and files)');
	const { buildId, locale, files } = value;
	if (!isBuildId(buildId)) fail(`buildId ${shown(buildId)} is not a build id (12 lowercase hexadecimal characters)`);
	if (typeof locale !== 'string' || !LOCALE_TAG.test(locale)) fail(`locale ${shown(locale)} is not a language tag`);
	if (!Array.isArray(files)) return fail('files is not a list');
	const seen = new Set<string>();
	const entries = files.map((file: unknown, index) => {
		const key = `files[${index}]`;
		if (!isRecord(file)) return fail(`${key} is not an object with path, size and sha256`);
		const { path: name, size, sha256: digest } = file;
		if (typeof name !== 'string' || !isSafeRelativePath(name) || name === MANIFEST_FILE)
			fail(`${key}.path ${shown(name)} is not a plain relative path inside the pack (no "..", leading "/", backslash or empty part)`);
		if (seen.has(String(name))) fail(`${key}.path ${shown(name)} is listed twice`);
		seen.add(String(name));
		if (typeof size !== 'number' || !Number.isSafeInteger(size) || size < 0) fail(`${key}.size ${shown(size)} is not a size in bytes`);
		if (typeof digest !== 'string' || !SHA256.test(digest)) fail(`${key}.sha256 ${shown(digest)} is not a SHA-256`);
		return { path: String(name), size: Number(size), sha256: String(digest) };
	});
	entries.sort(byCodeUnits((entry) => entry.path));
	const derived = deriveBuildId(String(locale), entries);
	if (derived !== buildId) fail(`buildId ${buildId} does not match its files, which make pack ${derived}: it was edited or damaged`);
	return { buildId: String(buildId), locale: String(locale), files: entries };
}

/** An update's `update.json`, checked key by key; its manifest as `parseManifest` does. */
function parseDescription(bytes: Uint8Array): UpdateDescription {
	const source = `the update's ${UPDATE_FILE}`;
	const value = parseJson(bytes, source);
	if (!isRecord(value)) throw new PackUpdateError(`${source} is not an update description`);
	const { locale, from, to, removed } = value;
	const manifest = parseManifest(value['manifest'], `${source} (manifest)`);
	if (!isBuildId(from)) throw new PackUpdateError(`${source}: from ${shown(from)} is not a build id (12 lowercase hexadecimal characters)`);
	if (to !== manifest.buildId)
		throw new PackUpdateError(`${source}: it claims to make pack ${shown(to)}, and its manifest's files make pack ${manifest.buildId} (a tampered update?)`);
	if (locale !== manifest.locale) throw new PackUpdateError(`${source}: locale ${shown(locale)} is not its manifest's (${manifest.locale})`);
	if (!Array.isArray(removed)) throw new PackUpdateError(`${source}: removed is not a list`);
	const listed = new Set(manifest.files.map((file) => file.path));
	const gone = removed.map((file: unknown, index) => {
		if (typeof file !== 'string' || !isSafeRelativePath(file) || file === MANIFEST_FILE)
			throw new PackUpdateError(`${source}: removed[${index}] ${shown(file)} is not a plain relative path inside the pack`);
		if (listed.has(file)) throw new PackUpdateError(`${source}: removed[${index}] ${file} is also in the new manifest`);
		return file;
	});
	return { locale: manifest.locale, from, to: manifest.buildId, removed: gone, manifest };
}

/** A zip's entries, listed from its central directory without inflating anything. */
interface ZipListing {
	zip: yauzl.ZipFile;
	entries: Map<string, yauzl.Entry>;
}

/**
 * Lists a zip from input. Refused: more entries than `maxEntries` (declared or found), names that are not
 * plain relative paths, links and other special files, and a name found twice (neither copy can be trusted).
 */
async function listZip(data: Uint8Array, what: string, maxEntries: number): Promise<ZipListing> {
	let zip: yauzl.ZipFile;
	try {
		zip = await yauzl.fromBufferPromise(Buffer.from(data.buffer, data.byteOffset, data.byteLength), {
			lazyEntries: true,
			autoClose: false,
			strictFileNames: true,
			// Sizes are checked here, against the declared and the manifest's, with messages that say so.
			validateEntrySizes: false,
		});
	} catch (error) {
		throw new PackUpdateError(`${what} is not a readable zip (${(error as Error).message})`);
	}
	if (zip.entryCount > maxEntries) {
		zip.close();
		throw new PackUpdateError(`${what} has ${zip.entryCount} entries, more than the limit of ${maxEntries}`);
	}
	const entries = new Map<string, yauzl.Entry>();
	let found = 0;
	try {
		for await (const entry of zip.eachEntry()) {
			const name = entry.fileName;
			if (++found > maxEntries) throw new PackUpdateError(`${what} has more than ${maxEntries} entries`);
			if (!isSafeRelativePath(name.replace(/\/$/, ''))) throw new PackUpdateError(`${what} holds ${shown(name)}, which is not a plain relative path`);
			const mode = (entry.externalFileAttributes >>> 16) & S_IFMT;
			// A folder entry (zip tools add them) carries nothing, and is skipped.
			if (name.endsWith('/') && (mode === 0 || mode === S_IFDIR)) continue;
			if (name.endsWith('/') || (mode !== 0 && mode !== S_IFREG)) throw new PackUpdateError(`${what} holds ${name}, which is not a regular file`);
			if (entries.has(name)) throw new PackUpdateError(`${what} holds ${name} twice; neither copy can be trusted`);
			entries.set(name, entry);
		}
	} catch (error) {
		zip.close();
		if (error instanceof PackUpdateError) throw error;
		// yauzl refuses absolute paths, `..` and backslashes in names itself, and damaged central directories.
		throw new PackUpdateError(`${what} is not a readable zip, or names a file outside the pack (${(error as Error).message})`);
	}
	return { zip, entries };
}

/**
 * Inflates one entry, never past `maxBytes` (the size its central directory declares, already checked
 * against the limits): the stream is stopped at the first byte more, so a bomb costs one chunk of memory.
 * Each chunk goes to `onChunk`.
 */
async function inflateEntry(zip: yauzl.ZipFile, entry: yauzl.Entry, maxBytes: number, onChunk: (chunk: Buffer) => void): Promise<number> {
	let count = 0;
	try {
		const stream = await zip.openReadStreamPromise(entry);
		for await (const chunk of stream) {
			const bytes = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
			count += bytes.length;
			if (count > maxBytes) {
				stream.destroy();
				throw new PackUpdateError(`${entry.fileName} inflates to more than the ${maxBytes} bytes it declares (a zip bomb?)`);
			}
			onChunk(bytes);
		}
	} catch (error) {
		if (error instanceof PackUpdateError) throw error;
		throw new PackUpdateError(`${entry.fileName} cannot be inflated (${(error as Error).message})`);
	}
	if (count !== entry.uncompressedSize)
		throw new PackUpdateError(`${entry.fileName} inflates to ${count} bytes, not the ${entry.uncompressedSize} it declares`);
	return count;
}

async function inflateWhole(zip: yauzl.ZipFile, entry: yauzl.Entry, maxBytes: number): Promise<Buffer> {
	const data = Buffer.alloc(Math.min(entry.uncompressedSize, maxBytes));
	let offset = 0;
	await inflateEntry(zip, entry, data.length, (chunk) => {
		chunk.copy(data, offset);
		offset += chunk.length;
	});
	return data;
}

/** A small entry (a manifest, an update description): its declared size is checked before it is inflated. */
async function readSmallEntry(zip: yauzl.ZipFile, entry: yauzl.Entry, what: string, maxBytes: number): Promise<Buffer> {
	if (entry.uncompressedSize > maxBytes)
		throw new PackUpdateError(`${what}'s ${entry.fileName} declares ${entry.uncompressedSize} bytes, more than the limit of ${maxBytes}`);
	return await inflateWhole(zip, entry, maxBytes);
}

/**
 * The manifest of a pack (a `.zip`) or a manifest file (`manifest.json`), read within the limits and checked
 * as `parseManifest` does; errors name the file.
 */
export async function readManifest(file: string, limits: UpdateLimits = UPDATE_LIMITS): Promise<PackManifest> {
	let text: Uint8Array;
	try {
		if (file.endsWith('.zip')) {
			const { zip, entries } = await listZip(await readInside(path.dirname(file), path.basename(file)), file, limits.maxEntries);
			try {
				const entry = entries.get(MANIFEST_FILE);
				if (!entry) throw new PackUpdateError(`${file} has no ${MANIFEST_FILE}: it was made before packs carried one; send the whole pack once`);
				text = await readSmallEntry(zip, entry, file, limits.maxDescriptionBytes);
			} finally {
				zip.close();
			}
		} else {
			text = await readInside(path.dirname(file), path.basename(file), { maxBytes: limits.maxDescriptionBytes });
		}
	} catch (error) {
		if (error instanceof UnsafePathError) throw new PackUpdateError(`${file} cannot be read: ${error.message}`);
		if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new PackUpdateError(`${file} does not exist`);
		throw error;
	}
	return parseManifest(parseJson(text, file), file);
}

/** The update from the pack `old` describes to `pack` (the new pack's files, its manifest included). */
export function makeUpdate(old: PackManifest, pack: ReadonlyMap<string, Uint8Array>): { zip: Uint8Array; changed: number; removed: number; to: string } {
	const manifestData = pack.get(MANIFEST_FILE);
	if (!manifestData) throw new PackUpdateError(`the new pack has no ${MANIFEST_FILE}`);
	const manifest = parseManifest(parseJson(manifestData, `the new pack's ${MANIFEST_FILE}`), `the new pack's ${MANIFEST_FILE}`);
	if (manifest.locale !== old.locale) throw new PackUpdateError(`the old pack is ${old.locale}, the new one ${manifest.locale}`);
	const before = new Map(old.files.map((file) => [file.path, file.sha256]));
	const changed = manifest.files.filter((file) => before.get(file.path) !== file.sha256);
	const kept = new Set(manifest.files.map((file) => file.path));
	const removed = old.files.map((file) => file.path).filter((file) => !kept.has(file));
	const description: UpdateDescription = { locale: manifest.locale, from: old.buildId, to: manifest.buildId, removed, manifest };
	const entries: Record<string, [Uint8Array, { mtime: Date }]> = {
		[UPDATE_FILE]: [Buffer.from(`${JSON.stringify(description, null, 1)}\n`), { mtime: ZIP_TIME }],
	};
	for (const file of changed) {
		const data = pack.get(file.path);
		if (!data || sha256(data) !== file.sha256) throw new PackUpdateError(`the new pack's ${file.path} does not match its manifest`);
		entries[`files/${file.path}`] = [data, { mtime: ZIP_TIME }];
	}
	return { zip: zipSync(entries, { level: 6 }), changed: changed.length, removed: removed.length, to: manifest.buildId };
}

/**
 * An unpacked pack folder, read without following anything: a link or special file anywhere in it, a file
 * its manifest does not list, or a manifest whose build id its files do not derive, is refused.
 */
async function readPackFolder(folder: string, maxDescriptionBytes: number): Promise<PackManifest> {
	const stats = await lstat(folder).catch(() => undefined);
	if (!stats) throw new PackUpdateError(`${folder} does not exist; unpack a full pack there first`);
	if (!stats.isDirectory()) throw new PackUpdateError(`${folder} is not a folder (a symbolic link?); give the pack folder itself`);
	const found = await walkInside(folder);
	const odd = [...found.links.map((file) => `${file} is a symbolic link`), ...found.special.map((file) => `${file} is not a regular file`)];
	if (odd.length > 0)
		throw new PackUpdateError(`${odd.slice(0, 3).join('; ')} in ${folder}; an update never follows one. Unpack the pack again with a tool that makes no links`);
	if (!found.files.includes(MANIFEST_FILE)) throw new PackUpdateError(`${folder} has no ${MANIFEST_FILE}; unpack a full pack there first`);
	const manifest = parseManifest(
		parseJson(await readInside(folder, MANIFEST_FILE, { maxBytes: maxDescriptionBytes }), `${folder}/${MANIFEST_FILE}`),
		`${folder}/${MANIFEST_FILE}`,
	);
	const listed = new Set(manifest.files.map((file) => file.path));
	const extra = found.files.filter((file) => file !== MANIFEST_FILE && !listed.has(file));
	if (extra.length > 0)
		throw new PackUpdateError(`${extra.slice(0, 3).join(', ')} in ${folder} ${extra.length === 1 ? 'is' : 'are'} not in its ${MANIFEST_FILE}`);
	return manifest;
}

/** Whether `folder` holds exactly the files of `manifest`, byte for byte. Returns what differs. */
async function differences(folder: string, manifest: PackManifest): Promise<string[]> {
	const expected = new Map(manifest.files.map((file) => [file.path, file]));
	expected.set(MANIFEST_FILE, { path: MANIFEST_FILE, size: manifestBytes(manifest).length, sha256: sha256(manifestBytes(manifest)) });
	const found = await walkInside(folder);
	const problems = [...found.links, ...found.special].map((file) => `${file} is not a regular file`);
	for (const file of found.files) if (!expected.has(file)) problems.push(`${file} is not in the manifest`);
	const present = new Set(found.files);
	for (const [file, { size, sha256: digest }] of expected) {
		if (!present.has(file)) problems.push(`${file} is missing`);
		else if (sha256(await readInside(folder, file, { maxBytes: size })) !== digest) problems.push(`${file} does not match its SHA-256`);
	}
	return problems;
}

export interface ApplyOptions {
	/** The update's file name as downloaded: when it has the form `<locale>-update-<from>-<to>.zip`, both ids must be the update's. */
	name?: string;
	limits?: UpdateLimits;
}

/**
 * Applies an update to an unpacked pack folder, or refuses it and leaves the folder exactly as it was:
 * an update made for another pack, a damaged or tampered one, or a folder with links. Everything is checked
 * before anything is written; the new folder is then assembled beside the old one from the update's files
 * and the old folder's regular files, checked file by file, and swapped in by renames; a run interrupted
 * between the renames is finished by the next one.
 */
export async function applyUpdate(updateZip: Uint8Array, folder: string, options: ApplyOptions = {}): Promise<AppliedUpdate> {
	try {
		return await applyChecked(updateZip, folder, options);
	} catch (error) {
		if (error instanceof PackUpdateError)
			throw new PackUpdateError(error.message.endsWith(NOTHING_CHANGED) ? error.message : `${error.message}; ${NOTHING_CHANGED}`);
		if (error instanceof UnsafePathError) throw new PackUpdateError(`${error.message}; ${NOTHING_CHANGED}`);
		throw error;
	}
}

interface AppliedUpdate {
	from: string;
	to: string;
	changed: number;
	removed: number;
}

async function applyChecked(updateZip: Uint8Array, folder: string, { name, limits = UPDATE_LIMITS }: ApplyOptions): Promise<AppliedUpdate> {
	const staged = `${folder}.update-new`;
	const previous = `${folder}.update-old`;
	await finishInterruptedUpdate(folder);
	const current = await readPackFolder(folder, limits.maxDescriptionBytes);

	const what = 'the update';
	const { zip, entries } = await listZip(updateZip, what, limits.maxEntries);
	try {
		// Names and declared sizes first, from the central directory: nothing is inflated yet.
		const descriptionEntry = entries.get(UPDATE_FILE);
		if (!descriptionEntry) throw new PackUpdateError(`the update has no ${UPDATE_FILE}`);
		const carried = new Map<string, yauzl.Entry>();
		for (const [entryName, entry] of entries) {
			if (entryName === UPDATE_FILE) continue;
			if (!entryName.startsWith('files/')) throw new PackUpdateError(`the update holds ${entryName}, outside its files/ folder`);
			carried.set(entryName.slice('files/'.length), entry);
		}
		const description = parseDescription(await readSmallEntry(zip, descriptionEntry, what, limits.maxDescriptionBytes));
		const named = name === undefined ? undefined : /-update-([0-9a-f]{12})-([0-9a-f]{12})\.zip$/.exec(name);
		if (named && (named[1] !== description.from || named[2] !== description.to))
			throw new PackUpdateError(
				`${name} is named for the update from pack ${named[1]} to ${named[2]}, and holds the update from pack ${description.from} to ${description.to} (a tampered update?)`,
			);
		const { manifest } = description;
		if (entries.size > manifest.files.length + 1) throw new PackUpdateError(`the update has more entries than its manifest has files`);
		if (current.buildId !== description.from)
			throw new PackUpdateError(`this update is for pack ${description.from}, and ${folder} holds pack ${current.buildId}`);
		if (current.locale !== manifest.locale) throw new PackUpdateError(`this update is for ${manifest.locale}, and ${folder} holds ${current.locale}`);
		const wanted = new Map(manifest.files.map((file) => [file.path, file]));
		const before = new Map(current.files.map((file) => [file.path, file]));
		let total = 0;
		for (const [file, entry] of carried) {
			const listed = wanted.get(file);
			if (!listed) throw new PackUpdateError(`the update holds files/${file}, which its manifest does not list`);
			if (entry.uncompressedSize !== listed.size)
				throw new PackUpdateError(
					`${file} in the update does not match its size in the manifest (${entry.uncompressedSize} bytes declared, ${listed.size} listed; a corrupted download?)`,
				);
			if (listed.size > limits.maxFileBytes)
				throw new PackUpdateError(
					`files/${file} is ${listed.size} bytes, more than the limit of ${limits.maxFileBytes} for one file; send the whole pack instead`,
				);
			total += listed.size;
			if (total > limits.maxTotalBytes)
				throw new PackUpdateError(`the update's files pass the limit of ${limits.maxTotalBytes} bytes in all; send the whole pack instead`);
		}
		for (const file of manifest.files) {
			const old = before.get(file.path);
			if (!carried.has(file.path) && (old?.sha256 !== file.sha256 || old.size !== file.size))
				throw new PackUpdateError(`the update does not carry ${file.path}, and pack ${current.buildId} has no such file to keep`);
		}
		for (const file of description.removed)
			if (!before.has(file)) throw new PackUpdateError(`the update removes ${file}, which pack ${current.buildId} does not have`);

		// Every carried byte against the manifest, inflated within its declared size and then thrown away.
		for (const [file, entry] of carried) {
			const hash = createHash('sha256');
			await inflateEntry(zip, entry, wanted.get(file)!.size, (chunk) => hash.update(chunk));
			if (hash.digest('hex') !== wanted.get(file)!.sha256)
				throw new PackUpdateError(`${file} in the update does not match its SHA-256 (a corrupted download?)`);
		}

		// Checked: the new pack is assembled in a fresh folder, from the update and the old folder's regular files.
		await rm(staged, { recursive: true, force: true });
		await mkdir(staged);
		try {
			for (const file of manifest.files) {
				const entry = carried.get(file.path);
				const data = entry ? await inflateWhole(zip, entry, file.size) : await readInside(folder, file.path, { maxBytes: file.size });
				if (sha256(data) !== file.sha256) throw new PackUpdateError(`${file.path} ${entry ? 'in the update' : `in ${folder}`} does not match its SHA-256`);
				await writeInside(staged, file.path, data, { exclusive: true });
			}
			await writeInside(staged, MANIFEST_FILE, manifestBytes(manifest), { exclusive: true });
			const problems = await differences(staged, manifest);
			if (problems.length > 0) throw new PackUpdateError(`after the update the pack would not match its manifest (${problems.slice(0, 3).join('; ')})`);
		} catch (error) {
			await rm(staged, { recursive: true, force: true });
			throw error;
		}
		await writeFile(`${staged}.complete`, description.to);
		await rename(folder, previous);
		await rename(staged, folder);
		await rm(`${staged}.complete`, { force: true });
		await rm(previous, { recursive: true, force: true });
		return { from: description.from, to: description.to, changed: carried.size, removed: description.removed.length };
	} finally {
		zip.close();
	}
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

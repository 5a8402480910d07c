/**
 * The one way files are found, read, written, copied and removed, for content, UI strings, images, packs,
 * updates and imports. Symbolic links are refused at every depth, never followed: a link under `content/`
 * (or in an old site's folder, or an unpacked pack) could publish a file from outside the repository,
 * write or delete outside it, loop through a folder, or crawl the whole filesystem. Names that come from
 * input (a page, a manifest, a zip) are checked as plain relative paths before they touch the disk.
 *
 * Content and UI-string files are listed here. Symbolic links are refused, never followed:
 * a link under `content/` could publish a file from outside the repository, loop through a folder, or
 * crawl the whole filesystem. Files over the size limit are refused too, so one huge translation cannot
 * slow down or exhaust the build. Everything refused is reported, once, with the reason and a fix.
 */
import { CONTENT_EXTENSIONS } from '../content-model/content-format.ts';
import { constants, lstatSync, readdirSync, type Dirent, type Stats } from 'node:fs';
import { lstat, mkdir, open, readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { DEFAULT_MAX_FILE_BYTES, glossaConfig } from '../config/glossa-config.ts';
import { byCodeUnits } from '../build/reproducible-order.ts';

export { DEFAULT_MAX_FILE_BYTES };

/** The size limit for one content or UI-string file (`GLOSSA_MAX_FILE_BYTES`, `src/config/glossa-config.ts`). */
export function maxFileBytes(): number {
	return glossaConfig.maxFileBytes;
}

export interface RefusedFile {
	/** Path relative to the project root, with forward slashes. */
	file: string;
	reason: string;
}

export interface FileListing {
	/** Paths relative to the folder listed, with forward slashes, sorted. */
	files: string[];
	refused: RefusedFile[];
}

export interface ListOptions {
	/** Project root, for the paths in `refused`. */
	root: string;
	/** File name endings to list, e.g. `['.mdx']`. */
	extensions: readonly string[];
	maxBytes?: number;
	/** How deep to descend below `folder` (default: no limit). */
	maxDepth?: number;
}

/** `['.png']` → `['.png', '.PNG']`: file names from old sites and cameras are written either way. */
export function withUpperCase(extensions: readonly string[]): string[] {
	return [...extensions, ...extensions.map((extension) => extension.toUpperCase())];
}

/** Lists the regular files under `folder` whose names end with one of `extensions`. */
export function listFiles(folder: string, { root, extensions, maxBytes = maxFileBytes(), maxDepth = Infinity }: ListOptions): FileListing {
	const files: string[] = [];
	const refused: RefusedFile[] = [];
	const shown = (relative: string) => path.relative(root, path.join(folder, relative)).split(path.sep).join('/');
	const walk = (relative: string, depth: number) => {
		let entries;
		try {
			entries = readdirSync(path.join(folder, relative), { withFileTypes: true });
		} catch {
			return;
		}
		for (const entry of entries) {
			const child = relative ? `${relative}/${entry.name}` : entry.name;
			if (entry.isSymbolicLink()) {
				refused.push({ file: shown(child), reason: 'is a symbolic link; links are not followed (replace it with the file itself)' });
			} else if (entry.isDirectory()) {
				if (depth < maxDepth) walk(child, depth + 1);
			} else if (entry.isFile() && extensions.some((extension) => entry.name.endsWith(extension))) {
				const size = lstatSync(path.join(folder, child)).size;
				if (size > maxBytes) refused.push({ file: shown(child), reason: `is ${size} bytes, over the ${maxBytes}-byte limit (GLOSSA_MAX_FILE_BYTES)` });
				else files.push(child);
			}
		}
	};
	walk('', 0);
	files.sort();
	refused.sort(byCodeUnits((refusal) => refusal.file));
	return { files, refused };
}

/** Every page source (`.mdx`, `.md`) under the content folder that may be read, as `<locale>/<path>`. */
export function listContentFiles(root: string, contentDir = 'content'): FileListing {
	return listFiles(path.join(root, contentDir), { root, extensions: CONTENT_EXTENSIONS });
}

/**
 * Why a path from input was refused. Names the file (as given) and says what to do.
 */
export class UnsafePathError extends Error {
	override name = 'UnsafePathError';
	readonly file: string;
	readonly reason: string;
	constructor(file: string, reason: string) {
		super(`${file} ${reason}`);
		this.file = file;
		this.reason = reason;
	}
}

const LINK_REASON = 'goes through a symbolic link; links are never followed (replace the link with the file or folder itself)';

/**
 * The parts of a relative path that came from input (a page, a manifest, a zip, a command line), or an
 * error. Refused: empty, absolute, a drive letter, `..`, `.`, empty parts, backslashes and control
 * characters, which no name Glossa writes has and which could make a path leave its root.
 */
export function pathParts(relative: string): string[] {
	const parts = relative.split('/');
	const bad =
		relative === '' ||
		relative.startsWith('/') ||
		/^[a-z]:/i.test(relative) ||
		/[\\\0-\x1f\x7f]/.test(relative) ||
		parts.some((part) => part === '' || part === '.' || part === '..');
	if (bad) throw new UnsafePathError(JSON.stringify(relative), 'is not a plain relative path (no "..", leading "/", backslash or empty part); it was refused');
	return parts;
}

export function isSafeRelativePath(relative: string): boolean {
	try {
		pathParts(relative);
		return true;
	} catch {
		return false;
	}
}

/**
 * The absolute path of `relative` inside `root`, after checking every part that exists: none may be a
 * symbolic link, at any depth. Returns the `lstat` of the last part, or undefined when it does not exist.
 * (`root` itself is the caller's: the project, a pack folder given on the command line.)
 */
export function inspectInside(root: string, relative: string): { absolute: string; stats: Stats | undefined } {
	const parts = pathParts(relative);
	let current = path.resolve(root);
	let stats: Stats | undefined;
	for (const [index, part] of parts.entries()) {
		current = path.join(current, part);
		try {
			stats = lstatSync(current);
		} catch {
			return { absolute: path.join(path.resolve(root), ...parts), stats: undefined };
		}
		if (stats.isSymbolicLink()) throw new UnsafePathError(parts.slice(0, index + 1).join('/'), LINK_REASON);
		if (index < parts.length - 1 && !stats.isDirectory()) return { absolute: path.join(path.resolve(root), ...parts), stats: undefined };
	}
	return { absolute: current, stats };
}

/** Whether `relative` is a regular file inside `root`, reached through no link at all. */
export function isFileInside(root: string, relative: string): boolean {
	try {
		return inspectInside(root, relative).stats?.isFile() ?? false;
	} catch {
		return false;
	}
}

/** Whether `relative` is a folder inside `root`, reached through no link at all. */
export function isFolderInside(root: string, relative: string): boolean {
	try {
		return inspectInside(root, relative).stats?.isDirectory() ?? false;
	} catch {
		return false;
	}
}

/** Reads a regular file inside `root`; refuses links at any depth, and files over `maxBytes`. */
export async function readInside(root: string, relative: string, { maxBytes = Infinity }: { maxBytes?: number } = {}): Promise<Buffer> {
	const { absolute, stats } = inspectInside(root, relative);
	if (!stats) throw new UnsafePathError(relative, 'does not exist');
	if (!stats.isFile()) throw new UnsafePathError(relative, 'is not a regular file');
	// O_NOFOLLOW: a link swapped in after the check is refused by the kernel, not followed.
	const handle = await open(absolute, constants.O_RDONLY | constants.O_NOFOLLOW);
	try {
		const size = (await handle.stat()).size;
		if (size > maxBytes) throw new UnsafePathError(relative, `is ${size} bytes, over the ${maxBytes}-byte limit`);
		return await handle.readFile();
	} finally {
		await handle.close();
	}
}

/** Creates the folders of `relative` inside `root` one by one, refusing any that is a link or a file. */
export async function makeFoldersInside(root: string, relative: string): Promise<string> {
	const parts = relative === '' ? [] : pathParts(relative);
	let current = path.resolve(root);
	for (const [index, part] of parts.entries()) {
		current = path.join(current, part);
		try {
			await mkdir(current);
		} catch (error) {
			if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
		}
		const stats = await lstat(current);
		if (stats.isSymbolicLink()) throw new UnsafePathError(parts.slice(0, index + 1).join('/'), LINK_REASON);
		if (!stats.isDirectory()) throw new UnsafePathError(parts.slice(0, index + 1).join('/'), 'is a file where a folder is needed');
	}
	return current;
}

/**
 * Writes a file inside `root`, making its folders; never through a link (a link at the file's own place is
 * refused by the kernel, `O_NOFOLLOW`). `exclusive` refuses to replace an existing file.
 */
export async function writeInside(
	root: string,
	relative: string,
	data: string | Uint8Array,
	{ exclusive = false }: { exclusive?: boolean } = {},
): Promise<void> {
	const parts = pathParts(relative);
	const folder = await makeFoldersInside(root, parts.slice(0, -1).join('/'));
	const target = path.join(folder, parts.at(-1)!);
	const flags = constants.O_WRONLY | constants.O_CREAT | constants.O_NOFOLLOW | (exclusive ? constants.O_EXCL : constants.O_TRUNC);
	let handle;
	try {
		handle = await open(target, flags, 0o644);
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code === 'ELOOP') throw new UnsafePathError(relative, LINK_REASON);
		throw error;
	}
	try {
		await handle.writeFile(data);
	} finally {
		await handle.close();
	}
}

/** Copies a regular file from one root to another, through the checks of `readInside` and `writeInside`. */
export async function copyInside(
	from: { root: string; file: string },
	to: { root: string; file: string },
	options: { exclusive?: boolean; maxBytes?: number } = {},
): Promise<void> {
	await writeInside(to.root, to.file, await readInside(from.root, from.file, options), options);
}

/**
 * Removes a file or folder inside `root`. A link on the way is refused; a link at the place itself is
 * removed as a link (its target is never touched), and so is every link inside a removed folder.
 */
export async function removeInside(root: string, relative: string): Promise<void> {
	const parts = pathParts(relative);
	if (parts.length > 1) inspectInside(root, parts.slice(0, -1).join('/'));
	await rm(path.join(path.resolve(root), ...parts), { recursive: true, force: true });
}

/**
 * Every entry of a folder tree, without following links: regular files and folders, relative with forward
 * slashes, and the links and other special files found (which callers refuse or report).
 */
export async function walkInside(root: string, folder = ''): Promise<FolderListing> {
	const found = emptyListing();
	const start = folder === '' ? path.resolve(root) : inspectInside(root, folder).absolute;
	const walk = async (relative: string) => {
		for (const entry of await readdir(relative ? path.join(start, relative) : start, { withFileTypes: true })) {
			if (sortEntry(found, relative, entry)) await walk(relative ? `${relative}/${entry.name}` : entry.name);
		}
	};
	await walk('');
	return sortedListing(found);
}

/**
 * `walkInside` with direct calls, for a build step that has nothing else to do on its thread meanwhile: one
 * thread-pool round trip per folder made the output's 21,000 page folders a 3 s walk on 300 x 70. Not for a
 * server, whose requests would wait.
 */
export function walkInsideSync(root: string, folder = ''): FolderListing {
	const found = emptyListing();
	const start = folder === '' ? path.resolve(root) : inspectInside(root, folder).absolute;
	const walk = (relative: string) => {
		for (const entry of readdirSync(relative ? path.join(start, relative) : start, { withFileTypes: true })) {
			if (sortEntry(found, relative, entry)) walk(relative ? `${relative}/${entry.name}` : entry.name);
		}
	};
	walk('');
	return sortedListing(found);
}

export interface FolderListing {
	files: string[];
	folders: string[];
	links: string[];
	special: string[];
}

const emptyListing = (): FolderListing => ({ files: [], folders: [], links: [], special: [] });

/** Files an entry in its list; true for a folder, to walk into (a link is listed, never followed). */
function sortEntry(found: FolderListing, relative: string, entry: Dirent): boolean {
	const child = relative ? `${relative}/${entry.name}` : entry.name;
	if (entry.isSymbolicLink()) found.links.push(child);
	else if (entry.isDirectory()) {
		found.folders.push(child);
		return true;
	} else if (entry.isFile()) found.files.push(child);
	else found.special.push(child);
	return false;
}

function sortedListing(found: FolderListing): FolderListing {
	for (const list of Object.values(found)) list.sort();
	return found;
}

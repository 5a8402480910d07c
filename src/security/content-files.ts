/**
 * The one way content and UI-string files are found on disk. Symbolic links are refused, never followed:
 * a link under `content/` could publish a file from outside the repository, loop through a folder, or
 * crawl the whole filesystem. Files over the size limit are refused too, so one huge translation cannot
 * slow down or exhaust the build. Everything refused is reported, once, with the reason and a fix.
 */
import { CONTENT_EXTENSIONS } from '../content-model/content-format.ts';
import { lstatSync, readdirSync } from 'node:fs';
import path from 'node:path';

/** Default size limit for one content or UI-string file; `GLOSSA_MAX_FILE_BYTES` changes it. */
export const DEFAULT_MAX_FILE_BYTES = 1024 * 1024;

export function maxFileBytes(env: NodeJS.ProcessEnv = process.env): number {
	const configured = Number(env['GLOSSA_MAX_FILE_BYTES']);
	return Number.isInteger(configured) && configured > 0 ? configured : DEFAULT_MAX_FILE_BYTES;
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
	refused.sort((a, b) => a.file.localeCompare(b.file));
	return { files, refused };
}

/** Every page source (`.mdx`, `.md`) under the content folder that may be read, as `<locale>/<path>`. */
export function listContentFiles(root: string, contentDir = 'content'): FileListing {
	return listFiles(path.join(root, contentDir), { root, extensions: CONTENT_EXTENSIONS });
}

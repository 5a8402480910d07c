/**
 * Where each document's rendered, sanitized content tree is kept (hast as JSON): one file per rendering,
 * named by the document's digest, under Astro's cache folder (`document-set.ts` writes them). Astro bundles
 * its content store into the build and parses it again to render, so content kept in the store would be
 * carried through the bundler (the benchmark's 3,000 pages made that a 21 MB module: +1.5 s and +300 MB per build). A page
 * reads just the tree it shows, transforms it and serialises it once.
 */
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Root } from 'hast';

const FOLDER = 'glossa-rendered';
const EXTENSION = '.hast.json';

/** The folder under `cacheDir` (relative to the project root, forward slashes). */
export function renderedTreeFolder(cacheDir: string): string {
	return path.posix.join(cacheDir.split(path.sep).join('/'), FOLDER);
}

/** The file for one rendering, relative to the project root. */
export function renderedTreeFile(folder: string, digest: string): string {
	return `${folder}/${digest}${EXTENSION}`;
}

export async function writeRenderedTree(root: string, file: string, tree: Root): Promise<void> {
	await mkdir(path.dirname(path.join(root, file)), { recursive: true });
	await writeFile(path.join(root, file), JSON.stringify(tree));
}

export function hasRenderedTree(root: string, file: string): boolean {
	return existsSync(path.join(root, file));
}

export async function readStoredTree(root: string, file: string): Promise<Root> {
	return JSON.parse(await readFile(path.join(root, file), 'utf8')) as Root;
}

/** Removes renderings no entry refers to any more (edited or deleted pages). */
export async function pruneRenderedTrees(root: string, folder: string, keep: ReadonlySet<string>): Promise<void> {
	const names = await readdir(path.join(root, folder)).catch(() => []);
	await Promise.all(
		names.filter((name) => name.endsWith(EXTENSION) && !keep.has(`${folder}/${name}`)).map((name) => rm(path.join(root, folder, name), { force: true })),
	);
}

const sharedTrees = new Map<string, string>();

/**
 * Reads an entry's tree while pages render (the build runs in the project root), as a fresh copy the page
 * may transform. Source pages are kept in memory as text: every locale without a translation shows them.
 */
export function readRenderedTree(file: string, { shared }: { shared: boolean }): Root {
	let text = sharedTrees.get(file);
	if (text === undefined) {
		text = readFileSync(path.resolve(file), 'utf8');
		if (shared) sharedTrees.set(file, text);
	}
	return JSON.parse(text) as Root;
}

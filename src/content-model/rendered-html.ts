/**
 * Where the content loader keeps each entry's rendered HTML: one file per rendering, named by the entry's
 * digest, under Astro's cache folder. Astro bundles its content store into the build and parses it again
 * to render, so HTML kept in the store would be carried through the bundler (the benchmark's 3,000 pages
 * made that a 21 MB module: +1.5 s and +300 MB per build). A page reads just the HTML it shows.
 */
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';

const FOLDER = 'glossa-rendered';

/** The folder for `cacheDir` (Astro's, `node_modules/.astro/` unless configured), relative to `root`. */
export function renderedHtmlFolder(root: string, cacheDir: string): string {
	return path.relative(root, path.join(cacheDir, FOLDER)).split(path.sep).join('/');
}

/** The file for one rendering, relative to the project root. */
export function renderedHtmlFile(folder: string, digest: string): string {
	return `${folder}/${digest}.html`;
}

export async function writeRenderedHtml(root: string, file: string, html: string): Promise<void> {
	await mkdir(path.dirname(path.join(root, file)), { recursive: true });
	await writeFile(path.join(root, file), html);
}

export function hasRenderedHtml(root: string, file: string): boolean {
	return existsSync(path.join(root, file));
}

/** Removes renderings no entry refers to any more (edited or deleted pages). */
export async function pruneRenderedHtml(root: string, folder: string, keep: ReadonlySet<string>): Promise<void> {
	const names = await readdir(path.join(root, folder)).catch(() => []);
	await Promise.all(
		names.filter((name) => name.endsWith('.html') && !keep.has(`${folder}/${name}`)).map((name) => rm(path.join(root, folder, name), { force: true })),
	);
}

const sharedHtml = new Map<string, string>();

/**
 * Reads an entry's HTML while pages render (the build runs in the project root). Source pages are kept in
 * memory: every locale without a translation shows them again.
 */
export function readRenderedHtml(file: string, { shared }: { shared: boolean }): string {
	const cached = sharedHtml.get(file);
	if (cached !== undefined) return cached;
	const html = readFileSync(path.resolve(file), 'utf8');
	if (shared) sharedHtml.set(file, html);
	return html;
}

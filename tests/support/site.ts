import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import * as cheerio from 'cheerio';
import { glob } from 'tinyglobby';

/** The file a static host serves for a root-relative URL path, if any. */
export function fileForPath(dist: string, urlPath: string): string | undefined {
	const clean = decodeURIComponent(urlPath.split(/[?#]/)[0]!);
	const candidates = clean.endsWith('/') ? [path.join(dist, clean, 'index.html')] : [path.join(dist, clean), path.join(dist, clean, 'index.html')];
	return candidates.find((candidate) => existsSync(candidate));
}

export function loadPage(dist: string, urlPath: string): cheerio.CheerioAPI {
	const file = fileForPath(dist, urlPath);
	if (!file) throw new Error(`No built page for ${urlPath} in ${dist}`);
	return cheerio.load(readFileSync(file, 'utf8'));
}

export async function builtPages(dist: string): Promise<string[]> {
	return (await glob('**/*.html', { cwd: dist })).sort();
}

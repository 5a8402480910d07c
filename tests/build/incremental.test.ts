/**
 * Incremental rebuilds are correct by construction: after each kind of edit, a rebuild that reuses the
 * previous build's pages gives exactly the bytes of a cold build of the same tree (offline packs and the
 * service worker included). The cold reference is built in a second copy with no cache.
 */
import { appendFile, cp, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { astroBuild } from '../support/astro-build.ts';
import { folderSnapshot } from '../support/folder-snapshot.ts';
import { createFixtureProject } from '../support/fixture-project.ts';

let root: string;
let reference: string;

/** The same tree in the reference copy, built cold. */
async function coldBuildOfTheSameTree(): Promise<{ dist: Record<string, string>; packs: Record<string, string> }> {
	for (const entry of ['src', 'content', 'locales', 'public']) {
		await rm(path.join(reference, entry), { recursive: true, force: true });
		await cp(path.join(root, entry), path.join(reference, entry), { recursive: true });
	}
	await cp(path.join(root, 'translation-state.json'), path.join(reference, 'translation-state.json'));
	await rm(path.join(reference, 'node_modules'), { recursive: true, force: true });
	await rm(path.join(reference, 'dist'), { recursive: true, force: true });
	await rm(path.join(reference, 'dist-offline'), { recursive: true, force: true });
	const built = await astroBuild(reference, path.join(reference, 'dist'));
	expect(built.code, built.output).toBe(0);
	return { dist: await folderSnapshot(path.join(reference, 'dist')), packs: await folderSnapshot(path.join(reference, 'dist-offline')) };
}

async function rebuild(): Promise<{ dist: Record<string, string>; packs: Record<string, string>; output: string }> {
	const built = await astroBuild(root, path.join(root, 'dist'));
	expect(built.code, built.output).toBe(0);
	return { dist: await folderSnapshot(path.join(root, 'dist')), packs: await folderSnapshot(path.join(root, 'dist-offline')), output: built.output };
}

const edit = async (file: string, change: (text: string) => string) => writeFile(path.join(root, file), change(await readFile(path.join(root, file), 'utf8')));

beforeAll(async () => {
	root = await createFixtureProject('incremental', {});
	reference = await createFixtureProject('incremental-cold', {});
	const first = await astroBuild(root, path.join(root, 'dist'));
	expect(first.code, first.output).toBe(0);
}, 300_000);

/**
 * Whether the rebuild reused most pages (edits that change every page, a picker or a style, reuse none), and
 * which languages' search indexes it built again (undefined: not asserted).
 */
const EDITS: [string, () => Promise<void>, 'reuses pages' | 'renders every page', string?][] = [
	[
		// On a page es-419 and ru translate and ar does not: ar sits just above its publish threshold, and an
		// outdated Arabic page would unlist it (that edit comes below, on its own).
		'an English body edit on a page with translations',
		() => edit('content/en/learn/loops.mdx', (text) => text.replace('songs have choruses', 'songs have refrains')),
		'reuses pages',
		'en',
	],
	[
		'an English title edit (it is shown on fallback pages and in search)',
		() => edit('content/en/learn/loops.mdx', (text) => text.replace(/^title: (.*)$/m, 'title: "Loops: doing things once more"')),
		'reuses pages',
		'en',
	],
	['a translation edit', () => appendFile(path.join(root, 'content/es-419/values.mdx'), '\nUna frase nueva en la traducción.\n'), 'reuses pages', 'es-419'],
	['a UI string edit', () => edit('locales/es-419/common.json', (text) => text.replace('"Kitebird"', '"Kitebird (LatAm)"')), 'reuses pages', 'none'],
	[
		'a new English page',
		() => writeFile(path.join(root, 'content/en/new-page.mdx'), '---\ntitle: A new page\ndescription: Added between two builds.\n---\n\nNew text.\n'),
		'reuses pages',
		'en',
	],
	// Its page is gone from every locale: files the last build wrote and this one does not must not stay.
	['a deleted English page', () => rm(path.join(root, 'content/en/new-page.mdx')), 'reuses pages', 'en'],
	['a deleted translation', () => rm(path.join(root, 'content/ru/learn/loops.mdx')), 'reuses pages', 'ru'],
	[
		'a locale crossing its publish threshold',
		() => appendFile(path.join(root, 'content/en/index.mdx'), `\n${'A long English paragraph that no translation has yet. '.repeat(80)}\n`),
		'renders every page',
	],
	[
		'a new locale in the registry',
		() =>
			edit('src/i18n/locales.ts', (text) =>
				text.replace("\t{ tag: 'ar',", "\t{ tag: 'fr', crowdinId: 'fr', endonym: 'Français', englishName: 'French' },\n\t{ tag: 'ar',"),
			),
		'renders every page',
		'none',
	],
	['a CSS edit', () => appendFile(path.join(root, 'src/styles/global.css'), '\n.site-footer { letter-spacing: 0.01em; }\n'), 'renders every page', 'none'],
];

describe('an incremental rebuild', () => {
	it.each(EDITS)('after %s, equals a cold build of the same tree', { timeout: 300_000 }, async (_, change, reuse, reindexed) => {
		await change();
		const incremental = await rebuild();
		const restored = incremental.output.match(/\((?:restored|cached)\)/g)?.length ?? 0;
		if (reuse === 'reuses pages') expect(restored).toBeGreaterThan(100);
		else expect(restored).toBeLessThan(10);
		if (reindexed) expect(incremental.output).toMatch(new RegExp(`languages re-indexed \\(${reindexed}\\)`));
		// The last search index is taken back, with only the re-indexed languages' files swapped.
		if (reindexed === 'none') expect(incremental.output).toContain('(none), the last output kept;');
		else if (reindexed) expect(incremental.output).toContain("the last output kept, with those languages' files swapped");
		const cold = await coldBuildOfTheSameTree();
		const differing = Object.keys({ ...cold.dist, ...incremental.dist }).filter((file) => cold.dist[file] !== incremental.dist[file]);
		expect(differing).toEqual([]);
		expect(incremental.packs).toEqual(cold.packs);
	});
});

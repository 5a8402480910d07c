import { appendFile, readdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { astroBuild } from '../support/astro-build.ts';
import { createFixtureProject } from '../support/fixture-project.ts';
import { folderSnapshot } from '../support/folder-snapshot.ts';
import { loadPage } from '../support/site.ts';

/**
 * The content loader keeps each page's rendered HTML between builds (keyed by the file's text). A second
 * build must still show every edit and removal made in between.
 */
let root: string;
const dist = () => path.join(root, 'dist');
const renderedFiles = async () => (await readdir(path.join(root, 'node_modules/.astro/glossa-rendered'))).length;
let before: number;
/** The packs after the second build, and after a third whose pack cache was damaged in between. */
let packsAfterEdit: Record<string, string>;
let packsAfterDamage: Record<string, string>;
let damagedBuild: { code: number | null; output: string };
/** The search index after the second build, after the third (nothing changed), and after a fourth once a file of it was edited. */
let searchAfterEdit: Record<string, string>;
let searchAfterNothing: Record<string, string>;
let searchAfterTamper: Record<string, string>;
let tamperedBuild: { code: number | null; output: string };

beforeAll(async () => {
	root = await createFixtureProject('rebuild', {});
	const first = await astroBuild(root, dist());
	expect(first.code, first.output).toBe(0);
	before = await renderedFiles();
	await appendFile(path.join(root, 'content/en/values.mdx'), '\n## Edited between builds\n\nKitebird wrote this paragraph after the first build.\n');
	await rm(path.join(root, 'content/es-419/values.mdx'));
	const second = await astroBuild(root, dist());
	expect(second.code, second.output).toBe(0);
	packsAfterEdit = await folderSnapshot(path.join(root, 'dist-offline'));
	searchAfterEdit = await folderSnapshot(path.join(dist(), 'pagefind'));
	// A cache damaged between builds (a full disk, a build killed while writing): every kept pack and step.
	const packs = path.join(root, 'node_modules/.astro/glossa-packs');
	for (const entry of await readdir(packs, { recursive: true, withFileTypes: true }))
		if (entry.isFile() && entry.name.endsWith('.v8')) await writeFile(path.join(entry.parentPath, entry.name), 'half a file');
	damagedBuild = await astroBuild(root, dist());
	packsAfterDamage = await folderSnapshot(path.join(root, 'dist-offline'));
	searchAfterNothing = await folderSnapshot(path.join(dist(), 'pagefind'));
	// The index in the output edited by hand, and a file added to it: the next build must not keep either.
	await writeFile(path.join(dist(), 'pagefind/pagefind-entry.json'), '{}');
	await writeFile(path.join(dist(), 'pagefind/added-by-hand.txt'), 'not from the build');
	tamperedBuild = await astroBuild(root, dist());
	searchAfterTamper = await folderSnapshot(path.join(dist(), 'pagefind'));
});

describe('a second build after edits', () => {
	it('shows the edited English page, and the edit on pages that fall back to it', () => {
		expect(loadPage(dist(), '/en/values/')('h2#edited-between-builds').text()).toBe('Edited between builds');
		const thai = loadPage(dist(), '/th/values/');
		expect(thai('[data-notice=fallback]')).toHaveLength(1);
		expect(thai('article').text()).toContain('after the first build');
	});

	it('falls back to English where a translation was deleted', () => {
		const spanish = loadPage(dist(), '/es-419/values/');
		expect(spanish('[data-notice=fallback]')).toHaveLength(1);
		expect(spanish('article h1').text()).toBe('Our values');
	});

	it('makes the packs again, the same bytes, when their cache was damaged', () => {
		expect(damagedBuild.code, damagedBuild.output).toBe(0);
		expect(Object.keys(packsAfterEdit).filter((name) => name.endsWith('.zip')).length).toBeGreaterThan(10);
		expect(packsAfterDamage).toEqual(packsAfterEdit);
	});

	it("keeps the last build's search index when nothing it is made from changed, and writes it again when a file of it was edited", () => {
		expect(damagedBuild.output).toMatch(/0 of \d+ languages re-indexed \(none\), the last output kept/);
		expect(Object.keys(searchAfterEdit).filter((name) => name.endsWith('.pf_index')).length).toBeGreaterThan(5);
		expect(searchAfterNothing).toEqual(searchAfterEdit);
		expect(tamperedBuild.code, tamperedBuild.output).toBe(0);
		expect(tamperedBuild.output).toMatch(/0 of \d+ languages re-indexed \(none\), output written/);
		expect(searchAfterTamper).toEqual(searchAfterEdit);
	});

	it('keeps one rendering per page: the replaced and removed ones are pruned', async () => {
		// One page edited (its old rendering replaced) and one deleted.
		expect(await renderedFiles()).toBe(before - 1);
	});
});

/**
 * The shard plan (src/build/shard-plan.ts) and the assignment a shard computes before it parses anything
 * (src/build/shards.ts): a plan is used only for the tree it was made from, and every locale lands in one
 * shard, the same one whichever shard asks.
 */
import { mkdtemp, mkdir, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { serialize } from 'node:v8';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { planInputs, readShardPlan, writeShardPlan } from '../../src/build/shard-plan.ts';
import { listingAssignment } from '../../src/build/shards.ts';
import { locales } from '../../src/i18n/locales.ts';

let root: string;
let outside: string;

beforeEach(async () => {
	root = await mkdtemp(path.join(tmpdir(), 'glossa-plan-'));
	outside = await mkdtemp(path.join(tmpdir(), 'glossa-plan-outside-'));
	await mkdir(path.join(root, 'content/en'), { recursive: true });
	await mkdir(path.join(root, 'content/fr'), { recursive: true });
	await writeFile(path.join(root, 'content/en/about.md'), '---\ntitle: About\n---\nWho we are.\n');
	await writeFile(path.join(root, 'content/fr/about.md'), '---\ntitle: À propos\n---\nQui nous sommes.\n');
});

afterEach(async () => {
	await rm(root, { recursive: true, force: true });
	await rm(outside, { recursive: true, force: true });
});

describe('the inputs a plan was made from', () => {
	it('are the same for the same tree, and differ when a file changes, appears or moves', async () => {
		const first = await planInputs(root);
		expect(await planInputs(root)).toBe(first);
		await writeFile(path.join(root, 'content/fr/about.md'), '---\ntitle: À propos\n---\nQui sommes-nous ?\n');
		const edited = await planInputs(root);
		expect(edited).not.toBe(first);
		await writeFile(path.join(root, 'content/fr/team.md'), '---\ntitle: Équipe\n---\nNous.\n');
		const added = await planInputs(root);
		expect(added).not.toBe(edited);
		await mkdir(path.join(root, 'locales/fr'), { recursive: true });
		await writeFile(path.join(root, 'locales/fr/ui.json'), '{}');
		expect(await planInputs(root)).not.toBe(added);
	});

	it('name a symbolic link without following it', async () => {
		await writeFile(path.join(outside, 'secret.md'), 'one');
		await symlink(path.join(outside, 'secret.md'), path.join(root, 'content/fr/linked.md'));
		const linked = await planInputs(root);
		await writeFile(path.join(outside, 'secret.md'), 'two');
		expect(await planInputs(root)).toBe(linked);
		await rm(path.join(root, 'content/fr/linked.md'));
		expect(await planInputs(root)).not.toBe(linked);
	});
});

describe('reading a plan', () => {
	const translations = { 'fr/about.md': { outdated: [2] } };

	it('gives the plan made from this tree', async () => {
		const file = path.join(root, 'plan.v8');
		const inputs = await planInputs(root);
		await writeShardPlan(file, { inputs, translations });
		const read = await readShardPlan(file, inputs);
		expect(read).toEqual({ plan: { version: expect.any(Number), inputs, translations } });
	});

	it('says why it does not use a plan of another tree, another version, or no plan at all', async () => {
		const file = path.join(root, 'plan.v8');
		await writeShardPlan(file, { inputs: 'another tree', translations });
		expect(await readShardPlan(file, await planInputs(root))).toEqual({ problem: expect.stringMatching(/was made from other content, code or configuration/) });
		await writeFile(file, serialize({ version: -1, inputs: await planInputs(root), translations }));
		expect(await readShardPlan(file, await planInputs(root))).toEqual({ problem: expect.stringMatching(/was made by another version of Glossa/) });
		await writeFile(file, 'not a plan');
		expect(await readShardPlan(file, await planInputs(root))).toEqual({ problem: expect.stringMatching(/cannot be read/) });
		expect(await readShardPlan(path.join(root, 'missing.v8'), await planInputs(root))).toEqual({
			problem: expect.stringMatching(/missing\.v8 cannot be read/),
		});
	});
});

describe('the assignment from the content listing', () => {
	const english = Array.from({ length: 20 }, (_, index) => `en/page-${index}.md`);
	const translated = locales.all
		.filter((locale) => !locale.isSource)
		.flatMap((locale) => english.slice(0, 5).map((file) => file.replace(/^en\//, `${locale.tag}/`)));

	it('puts every locale in exactly one shard, each shard with some', () => {
		const assignment = listingAssignment(locales, [...english, ...translated], 3);
		expect([...assignment.keys()].sort()).toEqual(locales.all.map((locale) => locale.tag).sort());
		expect(new Set(assignment.values())).toEqual(new Set([1, 2, 3]));
	});

	it('weighs a locale by the English pages and its own regional pages, not by how much is translated', () => {
		const some = locales.all.find((locale) => !locale.isSource);
		if (!some) throw new Error('the registry has no translation locale');
		// More regional pages than all the other locales have pages together.
		const regional = Array.from({ length: english.length * locales.all.length }, (_, index) => `${some.tag}/local-${index}.md`);
		const assignment = listingAssignment(locales, [...english, ...translated, ...regional], 2);
		// The heavy locale has a shard to itself: every other locale is in the other one.
		const heavyShard = assignment.get(some.tag);
		for (const [tag, shard] of assignment) if (tag !== some.tag) expect(shard, tag).not.toBe(heavyShard);
		// Translating more of the English pages moves nothing: every locale has all the English pages anyway.
		expect(listingAssignment(locales, [...english, ...regional], 2)).toEqual(assignment);
	});
});

/**
 * Locale-sharded builds: three shards (`npm run build -- --shard K/3 --out DIR`) merged by `npm run merge`
 * equal a single build byte for byte, packs and service worker included; the merge refuses a missing
 * shard, shards of another source, and overlapping files that differ. Two shards use a shard plan
 * (`--plan`, so they parse only their own locales and English) and one does not: both kinds merge into the
 * single build's bytes. The fixture has a problem in a few locales' files (a linked file, a bad UI string,
 * a broken translation): each warning is given once across the shards, by the shard that renders its locale.
 */
import { cp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { deserialize } from 'node:v8';
import { glob } from 'tinyglobby';
import { beforeAll, describe, expect, it } from 'vitest';
import { createFixtureProject } from '../support/fixture-project.ts';
import { runScript } from '../support/run-script.ts';
import { folderSnapshot } from '../support/folder-snapshot.ts';

let root: string;
let planOutput = '';
const shardOutputs: Record<number, string> = {};
const folder = (name: string) => path.join(root, name);

const merge = (out: string, shards: string[]) => runScript(root, 'scripts/build/merge.ts', ['--out', folder(out), ...shards.map(folder)]);

beforeAll(async () => {
	root = await createFixtureProject('shards', {
		// Left out: it does not compile. Its page falls back to English, with a warning.
		'content/ru/about.mdx': '---\ntitle: О нас\n---\n\nТекст <Callout type="note">без конца\n',
	});
	// A file given as a link is not built, with a warning; a UI string of the wrong type falls back to English.
	await symlink('../en/values.mdx', path.join(root, 'content/pl/linked.mdx'));
	const koreanUi = path.join(root, 'locales/ko/common.json');
	const korean = JSON.parse(await readFile(koreanUi, 'utf8')) as { site: Record<string, unknown> };
	await writeFile(koreanUi, JSON.stringify({ ...korean, site: { ...korean.site, tagline: 42 } }, null, '\t'));
	const single = await runScript(root, 'scripts/build/build.ts', ['--force', '--out', folder('single')]);
	expect(single.code, single.output).toBe(0);
	const planned = await runScript(root, 'scripts/build/build.ts', ['--plan', folder('plan.v8')]);
	expect(planned.code, planned.output).toBe(0);
	planOutput = planned.output;
	for (const shard of [1, 2, 3]) {
		const plan = shard === 3 ? [] : ['--plan', folder('plan.v8')];
		const built = await runScript(root, 'scripts/build/build.ts', ['--force', '--shard', `${shard}/3`, ...plan, '--out', folder(`shard-${shard}`)]);
		expect(built.code, built.output).toBe(0);
		shardOutputs[shard] = built.output;
	}
}, 600_000);

describe('a build in three shards', () => {
	it('renders each locale in one shard only, balanced, and indexes only its own languages for search', async () => {
		const pages = await Promise.all([1, 2, 3].map(async (shard) => (await glob('*/**/index.html', { cwd: folder(`shard-${shard}`) })).length));
		expect(Math.max(...pages) - Math.min(...pages)).toBeLessThanOrEqual(15);
		const searched = async (name: string) =>
			Object.keys((JSON.parse(await readFile(path.join(folder(name), 'pagefind/pagefind-entry.json'), 'utf8')) as { languages: object }).languages);
		const all: string[] = [];
		for (const shard of [1, 2, 3]) {
			const stamp = JSON.parse(await readFile(path.join(folder(`shard-${shard}`), '.glossa-shard.json'), 'utf8')) as { locales: string[] };
			const languages = await searched(`shard-${shard}`);
			// Pagefind names its languages in lower case.
			for (const language of languages)
				expect(
					stamp.locales.map((tag) => tag.toLowerCase()),
					`shard ${shard}`,
				).toContain(language);
			all.push(...languages);
		}
		expect(all.sort()).toEqual((await searched('single')).sort());
	});

	it('gives each warning once across the shards, in the shard that renders its locale', async () => {
		const warnings = (output: string) =>
			new Set(
				output
					.split('\n')
					// Glossa's warnings about the site (Astro's own, such as its cache cleared by --force, are each build's).
					.filter((line) => /\[WARN\] \[glossa|\[glossa\] warning:/.test(line))
					.map((line) => line.replace(/^\S*\d\d:\d\d:\d\d\s+/, '')),
			);
		const givenBy = new Map<string, number[]>();
		for (const shard of [1, 2, 3]) for (const line of warnings(shardOutputs[shard]!)) givenBy.set(line, [...(givenBy.get(line) ?? []), shard]);
		expect([...givenBy].filter(([, shards]) => shards.length > 1)).toEqual([]);
		const stamps = await Promise.all(
			[1, 2, 3].map(async (shard) => JSON.parse(await readFile(path.join(folder(`shard-${shard}`), '.glossa-shard.json'), 'utf8')) as { locales: string[] }),
		);
		const shardOf = (tag: string) => stamps.findIndex((stamp) => stamp.locales.includes(tag)) + 1;
		for (const [planted, tag] of [
			['content/pl/linked.mdx is a symbolic link', 'pl'],
			['locales/ko/common.json', 'ko'],
			['content/ru/about.mdx is left out', 'ru'],
		] as const) {
			const lines = [...givenBy].filter(([line]) => line.includes(planted));
			expect(lines.length, planted).toBeGreaterThan(0);
			for (const [, shards] of lines) expect(shards, planted).toEqual([shardOf(tag)]);
		}
	});

	it('with a plan, parses only its own locales and English, and takes the others from the plan', async () => {
		expect(planOutput).toMatch(/shard plan written to .*: \d+ translations/);
		const plan = deserialize(await readFile(folder('plan.v8'))) as { translations: Record<string, unknown> };
		const translations = Object.keys(plan.translations);
		expect(translations.length).toBeGreaterThan(0);
		expect(translations.some((relative) => relative.startsWith('en/'))).toBe(false);
		for (const shard of [1, 2]) {
			const stamp = JSON.parse(await readFile(path.join(folder(`shard-${shard}`), '.glossa-shard.json'), 'utf8')) as { locales: string[] };
			// Every translation of the locales it does not render, and none of its own.
			const others = translations.filter((relative) => !stamp.locales.includes(relative.split('/')[0] ?? ''));
			expect(others.length).toBeGreaterThan(0);
			expect(shardOutputs[shard]).toContain(`shard plan: ${others.length} translations of other shards' locales taken from`);
		}
		expect(shardOutputs[3]).not.toContain('shard plan');
	});

	it('merged, equals the single build byte for byte, packs and service worker included', async () => {
		const merged = await merge('merged', ['shard-1', 'shard-2', 'shard-3']);
		expect(merged.code, merged.output).toBe(0);
		expect(await folderSnapshot(folder('merged'))).toEqual(await folderSnapshot(folder('single')));
		expect(await folderSnapshot(folder('merged-offline'))).toEqual(await folderSnapshot(folder('single-offline')));
	});

	it('refuses a missing shard', async () => {
		const result = await merge('merged-2', ['shard-1', 'shard-3']);
		expect(result.code).toBe(1);
		expect(result.output).toContain('shard 2/3 is missing');
	});

	it('refuses shards built from another tree', async () => {
		await rm(folder('shard-2-other'), { recursive: true, force: true });
		await cp(folder('shard-2'), folder('shard-2-other'), { recursive: true });
		const stampFile = path.join(folder('shard-2-other'), '.glossa-shard.json');
		const stamp = JSON.parse(await readFile(stampFile, 'utf8')) as { source: string };
		await writeFile(stampFile, JSON.stringify({ ...stamp, source: 'another-tree' }));
		const result = await merge('merged-3', ['shard-1', 'shard-2-other', 'shard-3']);
		expect(result.code).toBe(1);
		expect(result.output).toMatch(/was built from other content, configuration or commit/);
	});

	it('refuses overlapping files that differ', async () => {
		const changed = path.join(folder('shard-2-other'), 'favicon.svg');
		await cp(folder('shard-2'), folder('shard-2-other'), { recursive: true, force: true });
		await writeFile(changed, '<svg xmlns="http://www.w3.org/2000/svg"/>');
		const result = await merge('merged-4', ['shard-1', 'shard-2-other', 'shard-3']);
		expect(result.code).toBe(1);
		expect(result.output).toMatch(/favicon\.svg differs between/);
	});

	// Last: it edits the content the builds above were made from.
	it('does not use a plan made from another tree: the shard says so and parses every locale', async () => {
		const [translation] = await glob('*/**/*.md', { cwd: folder('content'), ignore: ['en/**'] });
		if (!translation) throw new Error('the fixture has no translated Markdown page');
		await writeFile(path.join(folder('content'), translation), `${await readFile(path.join(folder('content'), translation), 'utf8')}\nOne more sentence.\n`);
		const built = await runScript(root, 'scripts/build/build.ts', ['--force', '--shard', '1/3', '--plan', folder('plan.v8'), '--out', folder('shard-1-stale')]);
		expect(built.code, built.output).toBe(0);
		expect(built.output).toContain('was made from other content, code or configuration; this shard parses every locale instead');
		expect(built.output).not.toContain('taken from');
	});
});

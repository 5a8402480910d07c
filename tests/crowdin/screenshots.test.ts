import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CrowdinEmulator } from '../crowdin-emulator/server.ts';
import { astroBuild } from '../support/astro-build.ts';
import { runCrowdin } from '../support/crowdin-cli.ts';
import { createFixtureProject } from '../support/fixture-project.ts';

let emulator: CrowdinEmulator;
let root: string;
let firstRun: string;

beforeAll(async () => {
	emulator = await new CrowdinEmulator().start();
	root = await createFixtureProject('crowdin-screenshots', {});
	expect((await runCrowdin(root, emulator, ['upload'])).code).toBe(0);
	const result = await runCrowdin(root, emulator, ['screenshots']);
	expect(result.code, result.output).toBe(0);
	firstRun = result.output;
}, 300_000);
afterAll(() => emulator.stop());

const byName = (name: string) => [...emulator.screenshots.values()].find((shot) => shot.name === name);
const stringOf = (id: number) => emulator.strings.get(id)!;
const tagsOf = (name: string) => byName(name)!.tags.map((tag) => ({ ...tag, identifier: stringOf(tag.stringId).identifier }));

describe('npm run crowdin -- screenshots', () => {
	it('sends one screenshot per English page at 1280 px, plus the chooser and search templates', () => {
		const names = [...emulator.screenshots.values()].map((shot) => shot.name);
		expect(names).toContain('page en.png');
		expect(names).toContain('page en/values.png');
		expect(names).toContain('page en/learn/loops.png');
		expect(names).toContain('page en/search.png');
		expect(names).toContain('template language chooser.png');
		expect(names).toContain('template search results.png');
		for (const shot of emulator.screenshots.values()) expect(shot.size.width).toBe(1280);
		expect(firstRun).toMatch(new RegExp(`Screenshots: ${names.length} added, 0 replaced, 0 re-tagged, 0 unchanged`));
	});

	it('tags each UI string where the page shows it', () => {
		const tags = tagsOf('page en/values.png');
		const brand = tags.find((tag) => tag.identifier === 'site.name')!;
		expect(brand.position.y).toBeLessThan(120);
		expect(brand.position.width).toBeGreaterThan(20);
		const identifiers = new Set(tags.map((tag) => tag.identifier));
		// A plural form is tagged on its plural string.
		for (const key of ['site.tagline', 'search.button', 'search.placeholder', 'picker.label', 'footer.note', 'footer.languages', 'page.readingTime'])
			expect(identifiers, key).toContain(key);
		// Strings not on screen have no place on the image: a screen reader's label (clipped to 1 px), the closed
		// picker's list, the skip link above the page until it has focus.
		for (const hidden of ['nav.label', 'search.label', 'picker.fallback', 'nav.skipToContent']) expect(identifiers, hidden).not.toContain(hidden);
		const shot = byName('page en/values.png')!;
		for (const tag of shot.tags) {
			expect(tag.position.x + tag.position.width).toBeLessThanOrEqual(shot.size.width);
			expect(tag.position.y + tag.position.height).toBeLessThanOrEqual(shot.size.height);
		}
		expect(new Set(tagsOf('template search results.png').map((tag) => tag.identifier))).toContain('search.title');
	});

	it('sends nothing for unchanged pages', async () => {
		emulator.requests = [];
		const result = await runCrowdin(root, emulator, ['screenshots']);
		expect(result.code, result.output).toBe(0);
		expect(result.output).toMatch(/Screenshots: 0 added, 0 replaced, 0 re-tagged, \d+ unchanged/);
		expect(emulator.requests.filter((request) => request.method !== 'GET')).toEqual([]);
	});

	it('replaces the screenshot of a changed page instead of adding another', async () => {
		const count = emulator.screenshots.size;
		const before = byName('page en/values.png')!;
		const id = before.id;
		const file = path.join(root, 'content/en/values.mdx');
		// A new date: a metadata edit, which changes only this page (a text edit would make its translations
		// outdated, and the footer's count of listed languages on every page with them).
		await writeFile(file, (await readFile(file, 'utf8')).replace('updated: 2026-09-14', 'updated: 2026-09-15'));
		emulator.requests = [];
		const result = await runCrowdin(root, emulator, ['screenshots']);
		expect(result.code, result.output).toBe(0);
		expect(result.output).toMatch(/Screenshots: 0 added, 1 replaced, 0 re-tagged/);
		expect(emulator.screenshots.size).toBe(count);
		expect(byName('page en/values.png')!.id).toBe(id);
		expect(emulator.requests.filter((request) => request.method === 'PUT').map((request) => request.path)).toContain(
			`/projects/${emulator.projectId}/screenshots/${id}`,
		);
	});

	it('builds its marked pages apart, never into dist/', async () => {
		const html = await readFile(path.join(root, 'node_modules/.cache/glossa-screenshots/en/values/index.html'), 'utf8');
		expect(html).toContain('\uE000');
		expect(existsSync(path.join(root, 'dist'))).toBe(false);
		// A marked build into dist/ is refused before anything is written.
		const refused = await astroBuild(root, path.join(root, 'dist'), { GLOSSA_UI_MARKS: '1' });
		expect(refused.code).not.toBe(0);
		expect(refused.output).toContain('must not build into dist/');
		expect(existsSync(path.join(root, 'dist', 'index.html'))).toBe(false);
	});
});

describe('the emulated screenshots API', () => {
	const api = (method: string, route: string, body: unknown) =>
		fetch(`${emulator.apiUrl}/projects/${emulator.projectId}${route}`, {
			method,
			headers: { Authorization: `Bearer ${emulator.token}`, 'Content-Type': 'application/json' },
			body: JSON.stringify(body),
		});

	it('refuses tags for unknown strings and positions outside the image, as Crowdin does', async () => {
		const shot = byName('page en/values.png')!;
		const stringId = shot.tags[0]!.stringId;
		expect((await api('PUT', `/screenshots/${shot.id}/tags`, [{ stringId: 999_999, position: { x: 0, y: 0, width: 10, height: 10 } }])).status).toBe(400);
		const outside = await api('PUT', `/screenshots/${shot.id}/tags`, [{ stringId, position: { x: 1275, y: 0, width: 10, height: 10 } }]);
		expect(outside.status).toBe(400);
		expect(JSON.stringify(await outside.json())).toContain('inside the 1280x');
		expect(shot.tags.length).toBeGreaterThan(1);
	});
});

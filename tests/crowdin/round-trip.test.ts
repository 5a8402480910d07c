import { readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256 } from '../../src/content-model/content-document.ts';
import { CrowdinEmulator } from '../crowdin-emulator/server.ts';
import { astroBuild } from '../support/astro-build.ts';
import { runCrowdin } from '../support/crowdin-cli.ts';
import { createFixtureProject } from '../support/fixture-project.ts';
import { loadPage } from '../support/site.ts';

let emulator: CrowdinEmulator;
let root: string;

beforeAll(async () => {
	emulator = await new CrowdinEmulator().start();
	root = await createFixtureProject('crowdin-round-trip', {});
});
afterAll(() => emulator.stop());

const thaiValues = `---
title: คุณค่าของเรา
description: แนวคิดห้าข้อที่กำหนดวิธีที่ Kitebird เขียนบทเรียน ทำงานกับโรงเรียน และดูแลอาสาสมัคร
navOrder: 1
navLabel: คุณค่า
updated: 2026-09-14
---

Kitebird ก่อตั้งโดยครูสามคน

## เริ่มจากห้องเรียน

บทเรียนที่ดีต้องใช้ได้จริงในห้องเรียน

<Callout type="note" title="เราตัดสินใจอย่างไร">
ห้องเรียนมาก่อนเสมอ
</Callout>
`;

describe('upload', () => {
	it('creates directories and files with export patterns and import options', async () => {
		const result = await runCrowdin(root, emulator, ['upload']);
		expect(result.code, result.output).toBe(0);
		expect(result.output).toContain('Uploaded: 10 created, 0 updated, 0 unchanged, 0 deleted, 0 failed');
		const loops = emulator.fileByPath('/content/learn/loops.mdx')!;
		expect(loops.type).toBe('mdx_v2');
		expect(loops.exportOptions.exportPattern).toBe('/%locale%/%original_path%/%original_file_name%');
		expect(loops.importOptions).toEqual({ excludedFrontMatterElements: ['updated', 'published', 'navOrder', 'offlinePack'], excludeCodeBlocks: true });
		expect(emulator.fileByPath('/locales/common.json')!.type).toBe('i18next_json');
		// A Markdown page goes as Crowdin's Markdown type, with the same import options.
		const markdown = emulator.fileByPath('/content/stories/field-visit.md')!;
		expect(markdown.type).toBe('md');
		expect(markdown.importOptions).toEqual(loops.importOptions);
		const directories = [...emulator.directories.values()].map((directory) => directory.path).sort();
		expect(directories).toEqual(['/content', '/content/learn', '/content/stories', '/locales']);
	});

	it('sends nothing when nothing changed, and only the changed file after an edit', async () => {
		emulator.requests = [];
		const unchanged = await runCrowdin(root, emulator, ['upload']);
		expect(unchanged.output).toContain('0 created, 0 updated, 10 unchanged');
		expect(emulator.requests.filter((request) => request.method !== 'GET')).toEqual([]);

		const file = path.join(root, 'content/en/values.mdx');
		await writeFile(file, `${await readFile(file, 'utf8')}\nOne more sentence.\n`);
		const edited = await runCrowdin(root, emulator, ['upload']);
		expect(edited.output).toContain('0 created, 1 updated, 9 unchanged');
		expect(emulator.fileByPath('/content/values.mdx')!.revisionId).toBe(2);
		expect(emulator.fileByPath('/content/values.mdx')!.content.toString()).toContain('One more sentence.');
	});

	it('previews with --dry-run and changes nothing', async () => {
		await writeFile(path.join(root, 'content/en/news.mdx'), '---\ntitle: News\ndescription: News.\n---\n\nNews.\n');
		emulator.requests = [];
		const result = await runCrowdin(root, emulator, ['upload', '--dry-run']);
		expect(result.code).toBe(0);
		expect(result.output).toMatch(/create\s+content\/en\/news\.mdx -> \/content\/news\.mdx/);
		expect(emulator.requests.filter((request) => request.method !== 'GET')).toEqual([]);
		expect(emulator.fileByPath('/content/news.mdx')).toBeUndefined();
	});
});

describe('download', () => {
	it('brings a seeded translation into content/ and the site serves it in that locale', async () => {
		emulator.seedTranslation('th', '/content/values.mdx', thaiValues, 100, 40);
		emulator.seedTranslation('th', '/locales/common.json', JSON.stringify({ site: { tagline: 'วิทยาการคอมพิวเตอร์สำหรับทุกห้องเรียน' }, nav: { skipToContent: '' } }));
		const result = await runCrowdin(root, emulator, ['download', '--locale', 'th']);
		expect(result.code, result.output).toBe(0);
		expect(result.output).toMatch(/th\s+2\s+0\s+\d+\s+0/);
		expect(await readFile(path.join(root, 'content/th/values.mdx'), 'utf8')).toBe(thaiValues);
		const strings = JSON.parse(await readFile(path.join(root, 'locales/th/common.json'), 'utf8'));
		expect(strings).toEqual({ site: { tagline: 'วิทยาการคอมพิวเตอร์สำหรับทุกห้องเรียน' } });

		const state = JSON.parse(await readFile(path.join(root, 'translation-state.json'), 'utf8'));
		const record = state.translations['content/th/values.mdx'];
		expect(record.source).toBe('content/en/values.mdx');
		expect(record.sourceHash).toBe(sha256(await readFile(path.join(root, 'content/en/values.mdx'), 'utf8')));
		expect(record.sourceSections.map((section: { heading: string }) => section.heading)).toContain('Start from the classroom');
		expect(record.translationProgress).toBe(100);
		expect(state.progress.th.files['content/en/values.mdx']).toEqual({ translationProgress: 100, approvalProgress: 40, eTag: expect.any(String) });

		const build = await astroBuild(root, path.join(root, 'dist'));
		expect(build.code, build.output).toBe(0);
		const $ = loadPage(path.join(root, 'dist'), '/th/values/');
		expect($('html').attr('lang')).toBe('th');
		expect($('h1').text()).toBe('คุณค่าของเรา');
		expect($('[data-notice=fallback]')).toHaveLength(0);
		expect($('.brand-tagline').text()).toBe('วิทยาการคอมพิวเตอร์สำหรับทุกห้องเรียน');

		// The sync's progress is the first entry of Thai's history, which the status page lists.
		expect(state.history.th).toEqual([
			{
				date: new Date().toISOString().slice(0, 10),
				translationProgress: state.progress.th.translationProgress,
				approvalProgress: state.progress.th.approvalProgress,
			},
		]);
		const status = loadPage(path.join(root, 'dist'), '/status/');
		const entries = status('#status-th .status-history li');
		expect(entries).toHaveLength(1);
		expect(entries.text()).toMatch(new RegExp(`: ${state.progress.th.translationProgress}% translated, ${state.progress.th.approvalProgress}% approved$`));
		expect(entries.find('time').attr('datetime')).toBe(state.history.th[0].date);
	});

	it('writes nothing, and builds nothing, when nothing changed in Crowdin', async () => {
		const statePath = path.join(root, 'translation-state.json');
		const before = { text: await readFile(statePath, 'utf8'), mtime: (await stat(statePath)).mtimeMs };
		emulator.requests = [];
		const result = await runCrowdin(root, emulator, ['download', '--locale', 'th']);
		expect(result.code, result.output).toBe(0);
		expect(result.output).toContain('Nothing changed in Crowdin since the last download');
		expect(result.output).toMatch(/th\s+0\s+2\s+/);
		expect(emulator.requests.filter((request) => request.method !== 'GET')).toEqual([]);
		expect(await readFile(statePath, 'utf8')).toBe(before.text);
		expect((await stat(statePath)).mtimeMs).toBe(before.mtime);
		// --force builds and checks everything again, and still changes nothing.
		const forced = await runCrowdin(root, emulator, ['download', '--locale', 'th', '--force']);
		expect(forced.output).not.toContain('Nothing changed in Crowdin');
		expect(forced.output).toMatch(/th\s+0\s+2\s+/);
		expect(await readFile(statePath, 'utf8')).toBe(before.text);
	});

	it('downloads again when a translation changes in Crowdin, or a synced file was edited by hand', async () => {
		const target = path.join(root, 'content/th/values.mdx');
		await writeFile(target, thaiValues.replace('คุณค่าของเรา', 'แก้ด้วยมือ'));
		const restored = await runCrowdin(root, emulator, ['download', '--locale', 'th']);
		expect(restored.output).not.toContain('Nothing changed in Crowdin');
		expect(await readFile(target, 'utf8')).toBe(thaiValues);

		emulator.seedTranslation('th', '/content/values.mdx', thaiValues.replace('ห้องเรียนมาก่อนเสมอ', 'ห้องเรียนมาก่อนทุกครั้ง'), 100, 40);
		const changed = await runCrowdin(root, emulator, ['download', '--locale', 'th']);
		expect(changed.output).not.toContain('Nothing changed in Crowdin');
		expect(await readFile(target, 'utf8')).toContain('ห้องเรียนมาก่อนทุกครั้ง');
	});

	it('adds a sync that changed the progress to the history, oldest first', async () => {
		const statePath = path.join(root, 'translation-state.json');
		const state = JSON.parse(await readFile(statePath, 'utf8'));
		state.history.th = [{ date: '2026-11-20', translationProgress: 1, approvalProgress: 0 }];
		await writeFile(statePath, JSON.stringify(state, null, 2));
		await runCrowdin(root, emulator, ['download', '--locale', 'th']);
		const after = JSON.parse(await readFile(statePath, 'utf8'));
		expect(after.history.th.map((entry: { date: string }) => entry.date)).toEqual(['2026-11-20', new Date().toISOString().slice(0, 10)]);
	});

	it('skips pages that are not fully translated, so no page mixes languages', async () => {
		emulator.seedTranslation('th', '/content/about.mdx', '---\ntitle: เกี่ยวกับ\ndescription: x\n---\n\nHalf translated.\n', 60);
		const result = await runCrowdin(root, emulator, ['download', '--locale', 'th']);
		expect(result.output).toContain('skipped content/th/about.mdx: 60% translated; pages are published at 100%');
		expect(result.code).toBe(0);
	});
});

describe('status', () => {
	it('prints progress per locale, and per file for --locale', async () => {
		const result = await runCrowdin(root, emulator, ['status', '--locale', 'th']);
		expect(result.code, result.output).toBe(0);
		expect(result.output).toMatch(/^locale\s+crowdin\s+translated\s+approved\s+words translated$/m);
		expect(result.output).toMatch(/^zh-Hant\s+zh-TW\s+0%\s+0%\s+0\/\d+$/m);
		expect(result.output).toMatch(/^th\s+th\s+\d+%/m);
		expect(result.output).toMatch(/^content\/en\/values\.mdx\s+100%\s+40%$/m);
		expect(result.output).toMatch(/^content\/en\/about\.mdx\s+60%\s+0%$/m);
	});
});

describe('the command line', () => {
	it.each(['upload', 'download', 'status', 'recover'])('%s --help explains itself without credentials', async (command) => {
		const result = await runCrowdin(root, undefined, [command, '--help']);
		expect(result.code).toBe(0);
		expect(result.output).toContain(`Usage: npm run crowdin -- ${command}`);
	});

	it('rejects unknown commands, options and locales with exit code 2', async () => {
		expect((await runCrowdin(root, emulator, ['publish'])).code).toBe(2);
		expect((await runCrowdin(root, emulator, ['download', '--frobnicate'])).code).toBe(2);
		const unknownLocale = await runCrowdin(root, emulator, ['download', '--locale', 'xx']);
		expect(unknownLocale.code).toBe(2);
		expect(unknownLocale.output).toContain('Unknown locale "xx"');
	});
});

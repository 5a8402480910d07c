import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CrowdinEmulator } from '../crowdin-emulator/server.ts';
import { runCrowdin } from '../support/crowdin-cli.ts';
import { createFixtureProject } from '../support/fixture-project.ts';
import { runScriptWithEnv } from '../support/run-script.ts';

let emulator: CrowdinEmulator;
let root: string;

beforeAll(async () => {
	emulator = await new CrowdinEmulator().start();
	root = await createFixtureProject('crowdin-context', {});
	const first = await runCrowdin(root, emulator, ['upload']);
	expect(first.code, first.output).toBe(0);
});
afterAll(() => emulator.stop());

const commonFile = () => emulator.fileByPath('/locales/common.json')!;
const commonStrings = () => emulator.stringsOf(commonFile());
const writes = () => emulator.requests.filter((request) => request.method !== 'GET');

const runI18n = (args: string[], env: Record<string, string> = {}) => runScriptWithEnv(root, 'scripts/i18n/cli.ts', args, { NO_PROXY: '127.0.0.1', ...env });
const crowdinEnv = () => ({ CROWDIN_TOKEN: emulator.token, CROWDIN_PROJECT_ID: String(emulator.projectId), CROWDIN_BASE_URL: emulator.apiUrl });

describe('file context', () => {
	it('tells translators what each page is, where to see it, its length and what to keep as written', () => {
		const loops = emulator.fileByPath('/content/learn/loops.mdx')!;
		expect(loops.context).toMatch(/^Page: "[^"]+" \(\d+ words\)\./);
		expect(loops.context).toContain('On the site: https://glossa.example.org/en/learn/loops/');
		expect(loops.context).toContain('Preview of the latest English: http://localhost:4321/en/learn/loops/');
		expect(loops.context).toContain('Keep as written (do not translate):');
		expect(loops.context).toMatch(/code: \d+ code blocks?/);
		expect(loops.context).toContain('URLs and link targets');
		const values = emulator.fileByPath('/content/values.mdx')!;
		expect(values.context).toContain('the component name <Callout> and its prop names; keep the values of `type`; translate the text of `title`');
		expect(emulator.fileByPath('/content/index.mdx')!.context).toContain('On the site: https://glossa.example.org/en/\n');
	});

	it('says what a UI namespace is for', () => {
		expect(commonFile().context).toMatch(/^UI strings, namespace "common" \(\d+ strings\): The site's frame around every page/);
	});
});

describe('string context', () => {
	it('gives every UI string its context, and a length limit where the layout needs one', () => {
		const strings = commonStrings();
		expect(strings.length).toBeGreaterThan(50);
		for (const string of strings) expect(string.context, string.identifier).not.toBe('');
		const byKey = new Map(strings.map((string) => [string.identifier, string]));
		expect(byKey.get('picker.label')!.maxLength).toBe(16);
		expect(byKey.get('footer.note')!.maxLength).toBe(0);
		// Crowdin holds `readingTime_one` and `readingTime_other` as one plural string; it gets the key's context.
		const plural = byKey.get('page.readingTime')!;
		expect(plural.hasPlurals).toBe(true);
		expect(plural.text).toEqual({ one: '{{count, number}} minute read', other: '{{count, number}} minutes read' });
		expect(plural.context).toMatch(/^Under a page's title: how long the page takes to read\. \{\{count, number\}\} is the number of minutes/);
		expect(plural.maxLength).toBe(32);
	});

	it('sends no string or file edit when nothing changed', async () => {
		emulator.requests = [];
		const result = await runCrowdin(root, emulator, ['upload']);
		expect(result.code, result.output).toBe(0);
		expect(result.output).toContain('Context sent: 0 file(s), 0 UI string(s)');
		expect(writes()).toEqual([]);
		expect(emulator.requests.filter((request) => request.path.includes('/strings'))).toEqual([]);
	});

	it('keeps context edited in Crowdin until ours changes, then sends only the changed string', async () => {
		const edited = commonStrings().find((string) => string.identifier === 'footer.note')!;
		edited.context = 'Edited by the Crowdin project manager.';
		await runCrowdin(root, emulator, ['upload']);
		expect(commonStrings().find((string) => string.identifier === 'footer.note')!.context).toBe('Edited by the Crowdin project manager.');

		const contextPath = path.join(root, 'locales/en/common.context.json');
		const context = JSON.parse(await readFile(contextPath, 'utf8')) as { strings: Record<string, { context: string; maxLength?: number }> };
		context.strings['search.button']!.maxLength = 12;
		await writeFile(contextPath, JSON.stringify(context, null, 2));
		emulator.requests = [];
		const result = await runCrowdin(root, emulator, ['upload']);
		expect(result.output).toContain('Context sent: 0 file(s), 1 UI string(s)');
		expect(writes()).toEqual([{ method: 'PATCH', path: `/projects/${emulator.projectId}/strings` }]);
		expect(commonStrings().find((string) => string.identifier === 'search.button')!.maxLength).toBe(12);
		expect(commonStrings().find((string) => string.identifier === 'footer.note')!.context).toBe('Edited by the Crowdin project manager.');
	});

	it('leaves Crowdin’s contexts alone while the context file is broken, and sends them once it is fixed', async () => {
		const contextPath = path.join(root, 'locales/en/common.context.json');
		const good = await readFile(contextPath, 'utf8');
		const before = new Map(commonStrings().map((string) => [string.identifier, string.context]));
		await writeFile(contextPath, `${good.slice(0, -3)},,}`);
		emulator.requests = [];
		const broken = await runCrowdin(root, emulator, ['upload']);
		expect(broken.code, broken.output).toBe(0);
		expect(broken.output).toContain('string contexts in Crowdin are left as they are');
		expect(emulator.requests.filter((request) => request.path.endsWith('/strings') && request.method === 'PATCH')).toEqual([]);
		expect(new Map(commonStrings().map((string) => [string.identifier, string.context]))).toEqual(before);
		await writeFile(contextPath, good);
		const fixed = await runCrowdin(root, emulator, ['upload']);
		expect(fixed.code, fixed.output).toBe(0);
		expect(new Map(commonStrings().map((string) => [string.identifier, string.context]))).toEqual(before);
	});

	it('refuses a context longer than Crowdin allows', async () => {
		const id = commonStrings()[0]!.id;
		const response = await fetch(`${emulator.apiUrl}/projects/${emulator.projectId}/strings/${id}`, {
			method: 'PATCH',
			headers: { Authorization: `Bearer ${emulator.token}`, 'Content-Type': 'application/json' },
			body: JSON.stringify([{ op: 'replace', path: '/context', value: 'x'.repeat(70_000) }]),
		});
		expect(response.status).toBe(400);
	});
});

describe('renaming a UI key', () => {
	const languages = () => emulator.targetLanguageIds;

	it('warns, without the command, when a key disappears and a new one has the same English text', async () => {
		const englishPath = path.join(root, 'locales/en/common.json');
		const original = await readFile(englishPath, 'utf8');
		const renamedOutside = JSON.parse(original) as { search: Record<string, string> };
		renamedOutside.search.go = renamedOutside.search.button!;
		delete renamedOutside.search.button;
		await writeFile(englishPath, JSON.stringify(renamedOutside, null, 2));
		const real = await runCrowdin(root, emulator, ['upload']);
		expect(real.output).toContain('"search.button" is gone and "search.go" is new with the same English text');
		expect(real.output).toContain('npm run i18n -- rename-key common:search.button search.go');
		await writeFile(englishPath, original);
		expect((await runCrowdin(root, emulator, ['upload'])).code).toBe(0);
	});

	it('keeps every locale’s translation through rename, upload and download', async () => {
		const localeFolders = new Map<string, string>();
		for (const id of languages()) {
			const translated = `Idioma (${id})`;
			emulator.seedTranslation(id, '/locales/common.json', JSON.stringify({ picker: { label: translated } }));
			localeFolders.set(id, translated);
		}
		const renamed = await runI18n(['rename-key', 'common:picker.label', 'picker.heading'], crowdinEnv());
		expect(renamed.code, renamed.output).toBe(0);
		expect(renamed.output).toContain('Crowdin: picker.label -> picker.heading');
		expect(renamed.output).toMatch(/Update the code that still uses the old key:\n {2}src\/site\/page-model\.ts:\d+/);
		const english = JSON.parse(await readFile(path.join(root, 'locales/en/common.json'), 'utf8')) as { picker: Record<string, string> };
		expect(english.picker.heading).toBe('Language');
		expect(english.picker.label).toBeUndefined();
		expect(Object.keys(english.picker)[0]).toBe('heading');
		const context = JSON.parse(await readFile(path.join(root, 'locales/en/common.context.json'), 'utf8')) as { strings: Record<string, unknown> };
		expect(context.strings['picker.heading']).toBeDefined();

		emulator.requests = [];
		const upload = await runCrowdin(root, emulator, ['upload']);
		expect(upload.code, upload.output).toBe(0);
		expect(upload.output).not.toContain('is gone');
		// The renamed string kept its context: nothing to send for it.
		expect(upload.output).toContain('0 UI string(s)');

		const download = await runCrowdin(root, emulator, ['download']);
		expect(download.code, download.output).toBe(0);
		const registry = (await import(path.join(root, 'src/i18n/locales.ts'))) as { locales: { all: { tag: string; crowdinId: string }[] } };
		for (const [id, translated] of localeFolders) {
			const locale = registry.locales.all.find((candidate) => candidate.crowdinId === id)!;
			const file = JSON.parse(await readFile(path.join(root, `locales/${locale.tag}/common.json`), 'utf8')) as { picker?: Record<string, string> };
			expect(file.picker?.heading, locale.tag).toBe(translated);
			expect(file.picker?.label, locale.tag).toBeUndefined();
		}
	});

	it('renames a plural in Crowdin as the one string Crowdin holds, and every form comes back', async () => {
		emulator.seedTranslation(
			'ar',
			'/locales/common.json',
			JSON.stringify({ offline: { kept_zero: 'صفر', kept_one: 'واحدة', kept_few: 'قليلة', kept_other: 'كثيرة' } }),
		);
		const renamed = await runI18n(['rename-key', 'common:offline.kept', 'offline.saved'], crowdinEnv());
		expect(renamed.code, renamed.output).toBe(0);
		expect(renamed.output).toContain('Crowdin: offline.kept -> offline.saved');
		expect(commonStrings().find((string) => string.identifier === 'offline.saved')?.hasPlurals).toBe(true);
		expect((await runCrowdin(root, emulator, ['upload'])).code).toBe(0);
		expect((await runCrowdin(root, emulator, ['download', '--locale', 'ar'])).code).toBe(0);
		const arabic = JSON.parse(await readFile(path.join(root, 'locales/ar/common.json'), 'utf8')) as { offline?: Record<string, string> };
		expect(arabic.offline).toMatchObject({ saved_zero: 'صفر', saved_one: 'واحدة', saved_few: 'قليلة', saved_other: 'كثيرة' });
		expect(Object.keys(arabic.offline ?? {}).some((key) => key.startsWith('kept'))).toBe(false);
	});

	it('refuses a rename into an existing key, and needs credentials unless --local-only', async () => {
		const clash = await runI18n(['rename-key', 'common:search.label', 'search.button'], crowdinEnv());
		expect(clash.code).toBe(1);
		expect(clash.output).toContain('already has "search.button"');
		const noCredentials = await runI18n(['rename-key', 'common:search.label', 'search.name']);
		expect(noCredentials.code).toBe(2);
		expect(noCredentials.output).toContain('--local-only');
	});
});

describe('pseudo-locales', () => {
	it('are never uploaded or downloaded, even in a pseudo build’s environment', async () => {
		emulator.requests = [];
		const upload = await runCrowdin(root, emulator, ['upload'], { GLOSSA_PSEUDO: '1' });
		expect(upload.code, upload.output).toBe(0);
		expect(upload.output).toMatch(/Uploaded: 0 created, 0 updated, \d+ unchanged/);
		expect(writes()).toEqual([]);
		const download = await runCrowdin(root, emulator, ['download', '--dry-run'], { GLOSSA_PSEUDO: '1' });
		expect(download.code, download.output).toBe(0);
		expect(download.output).not.toMatch(/en-XA|ar-XB/);
		const asked = await runCrowdin(root, emulator, ['download', '--locale', 'en-XA'], { GLOSSA_PSEUDO: '1' });
		expect(asked.code).toBe(2);
		expect([...emulator.files.values()].some((file) => /en-XA|ar-XB/.test(file.path))).toBe(false);
	});
});

// Last: these rename keys locally, which the tests above must not see.
describe('renaming a UI key locally', () => {
	it('renames every plural form a locale has, Arabic’s six included', async () => {
		const arabicPath = path.join(root, 'locales/ar/common.json');
		const forms = ['zero', 'one', 'two', 'few', 'many', 'other'];
		await writeFile(arabicPath, JSON.stringify({ search: Object.fromEntries(forms.map((form) => [`results_${form}`, `{{count}} نتيجة (${form})`])) }, null, 2));
		const renamed = await runI18n(['rename-key', 'common:search.results', 'search.found', '--local-only']);
		expect(renamed.code, renamed.output).toBe(0);
		const arabic = JSON.parse(await readFile(arabicPath, 'utf8')) as { search: Record<string, string> };
		expect(Object.keys(arabic.search).filter((key) => key.startsWith('found_'))).toEqual([
			'found_zero',
			'found_one',
			'found_two',
			'found_few',
			'found_many',
			'found_other',
		]);
		expect(Object.keys(arabic.search).some((key) => key.startsWith('results'))).toBe(false);
		const english = JSON.parse(await readFile(path.join(root, 'locales/en/common.json'), 'utf8')) as { search: Record<string, string> };
		expect(Object.keys(english.search).filter((key) => key.startsWith('found_'))).toEqual(['found_one', 'found_other']);
	});

	it('refuses a namespace that is not a file name', async () => {
		const result = await runI18n(['rename-key', '../../package:name', 'title', '--local-only']);
		expect(result.code).toBe(1);
		expect(result.output).toContain('is not a namespace');
	});
});

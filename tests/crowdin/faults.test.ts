import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CrowdinEmulator } from '../crowdin-emulator/server.ts';
import { runCrowdin, type CliResult } from '../support/crowdin-cli.ts';
import { createFixtureProject } from '../support/fixture-project.ts';
import { snapshotTree } from '../support/tree.ts';

let emulator: CrowdinEmulator;
let root: string;
let counter = 0;

/** content/, locales/ and the state file, exactly. */
async function projectSnapshot(): Promise<Map<string, string>> {
	const snapshot = new Map<string, string>();
	for (const dir of ['content', 'locales']) for (const [file, text] of await snapshotTree(path.join(root, dir))) snapshot.set(`${dir}/${file}`, text);
	const state = path.join(root, 'translation-state.json');
	snapshot.set('translation-state.json', existsSync(state) ? await readFile(state, 'utf8') : '(none)');
	return snapshot;
}

async function expectUntouched(before: Map<string, string>) {
	expect(await projectSnapshot()).toEqual(before);
	expect(existsSync(path.join(root, '.glossa-sync'))).toBe(false);
}

const spanishValues = async () => readFile(path.join(root, 'content/es-419/values.mdx'), 'utf8');
const download = (...args: string[]) => runCrowdin(root, emulator, ['download', ...args]);

beforeEach(async () => {
	emulator = await new CrowdinEmulator().start();
	root = await createFixtureProject(`crowdin-faults-${++counter}`, {});
	const uploaded = await runCrowdin(root, emulator, ['upload', '--quiet']);
	expect(uploaded.code, uploaded.output).toBe(0);
});
afterEach(() => emulator.stop());

describe('credentials', () => {
	it('missing: a clear message, exit code 2, nothing touched', async () => {
		const before = await projectSnapshot();
		const result = await runCrowdin(root, undefined, ['download']);
		expect(result.code).toBe(2);
		expect(result.output).toContain('Missing CROWDIN_TOKEN and CROWDIN_PROJECT_ID');
		await expectUntouched(before);
	});

	it('rejected: a clear message, exit code 2, nothing touched', async () => {
		const before = await projectSnapshot();
		const result = await runCrowdin(root, emulator, ['upload'], { CROWDIN_TOKEN: 'wrong' });
		expect(result.code).toBe(2);
		expect(result.output).toMatch(/Crowdin rejected the credentials for project 4242: .*401/);
		await expectUntouched(before);
	});
});

describe('retries', () => {
	it('honours Retry-After on 429', async () => {
		emulator.armFault({ method: 'GET', path: '^/projects/4242/files', status: 429, headers: { 'Retry-After': '1' }, times: 1 });
		const result = await runCrowdin(root, emulator, ['upload']);
		expect(result.code, result.output).toBe(0);
		// The wait itself is the injected sleep's business (unit test); here the CLI reports the header's delay.
		expect(result.output).toMatch(/HTTP 429 on GET \/api\/v2\/projects\/4242\/files; retry 1 in 1\.0 s/);
	});

	it('backs off on 429 without Retry-After and with an HTML body', async () => {
		emulator.armFault({
			path: '^/projects/4242/directories',
			status: 429,
			contentType: 'text/html',
			body: '<html><body>Too Many Requests</body></html>',
			times: 2,
		});
		const result = await runCrowdin(root, emulator, ['upload']);
		expect(result.code, result.output).toBe(0);
		expect(result.output).toMatch(/HTTP 429 .* retry 1 in/);
		expect(result.output).toMatch(/HTTP 429 .* retry 2 in/);
	});

	it('retries a 500 with an HTML body, and a dropped connection, on reads', async () => {
		emulator.armFault({
			method: 'GET',
			path: '^/projects/4242$',
			status: 500,
			contentType: 'text/html',
			body: '<!doctype html><h1>Internal Server Error</h1>',
			times: 1,
		});
		emulator.armFault({ method: 'GET', path: '^/projects/4242/directories', status: 0, times: 1 });
		const result = await runCrowdin(root, emulator, ['upload']);
		expect(result.code, result.output).toBe(0);
		expect(result.output).toMatch(/HTTP 500 on GET/);
		expect(result.output).toMatch(/ECONNRESET on GET|socket hang up|network error on GET/);
	});

	it('gives up after the retries with a clear error and nothing touched', async () => {
		const before = await projectSnapshot();
		emulator.armFault({
			method: 'POST',
			path: '^/projects/4242/translations/builds$',
			status: 503,
			contentType: 'text/html',
			body: '<h1>Service Unavailable</h1>',
			times: 100,
		});
		const result = await download();
		expect(result.code).toBe(1);
		expect(result.output).toContain('Nothing was changed in content/ or locales/');
		await expectUntouched(before);
	});

	it('does not create a file twice when the server created it but the answer was lost', async () => {
		await import('node:fs/promises').then((fs) => fs.writeFile(path.join(root, 'content/en/news.mdx'), '---\ntitle: News\ndescription: News.\n---\n\nNews.\n'));
		emulator.armFault({ method: 'POST', path: '^/projects/4242/files$', status: 502, times: 1, afterApplying: true });
		emulator.requests = [];
		const result = await runCrowdin(root, emulator, ['upload']);
		expect(result.code, result.output).toBe(0);
		expect([...emulator.files.values()].filter((file) => file.path === '/content/news.mdx')).toHaveLength(1);
		expect(emulator.requests.filter((request) => request.method === 'POST' && request.path === '/projects/4242/files')).toHaveLength(1);
	});
});

describe('translation builds', () => {
	it('a failed build: reported, nothing touched', async () => {
		const before = await projectSnapshot();
		emulator.buildMode = 'failed';
		const result = await download();
		expect(result.code).toBe(1);
		expect(result.output).toMatch(/Crowdin could not build the translations \(build \d+ failed: Export failed/);
		await expectUntouched(before);
	});

	it('a build that never finishes: a timeout error, nothing touched', async () => {
		const before = await projectSnapshot();
		emulator.buildMode = 'stuck';
		const result = await download();
		expect(result.code).toBe(1);
		expect(result.output).toMatch(/the translation build did not finish within 2 s \(build \d+ still "inProgress"/);
		await expectUntouched(before);
	});

	it('an expired download link: a new one is requested', async () => {
		emulator.seedTranslation('es-419', '/content/values.mdx', `${await spanishValues()}\nUna frase más.\n`);
		emulator.expiredLinks = 1;
		const result = await download('--locale', 'es-419');
		expect(result.code, result.output).toBe(0);
		expect(result.output).toContain('the download link had expired (download link answered 403)');
		expect(await spanishValues()).toContain('Una frase más.');
	});
});

describe('hostile archives', () => {
	const expectRefused = (result: CliResult, name: string, reason: RegExp) => {
		const line = result.output.split('\n').find((candidate) => candidate.includes(`REFUSED archive entry "${name}"`));
		expect(line, result.output).toBeDefined();
		expect(line).toMatch(reason);
	};

	it('a truncated archive is refused whole, nothing touched', async () => {
		const before = await projectSnapshot();
		emulator.archiveTampers.push({ kind: 'truncated' });
		const result = await download();
		expect(result.code).toBe(1);
		expect(result.output).toMatch(/not a readable zip archive/);
		await expectUntouched(before);
	});

	it('refuses traversal, absolute paths, backslashes and links, and writes nothing outside content/ and locales/', async () => {
		const before = await projectSnapshot();
		emulator.archiveTampers.push(
			{ kind: 'extra', name: 'es-419/../../../escaped.mdx', content: 'pwned' },
			{ kind: 'extra', name: '/etc/glossa-evil', content: 'pwned' },
			{ kind: 'extra', name: 'es-419\\content\\values.mdx', content: 'pwned' },
			{ kind: 'symlink', name: 'es-419/content/link.mdx', target: '/etc/passwd' },
		);
		const result = await download('--locale', 'es-419');
		expect(result.code).toBe(1);
		expectRefused(result, 'es-419/../../../escaped.mdx', /path traversal/);
		expectRefused(result, '/etc/glossa-evil', /absolute path/);
		expectRefused(result, 'es-419\\content\\values.mdx', /backslash/);
		expectRefused(result, 'es-419/content/link.mdx', /symbolic link/);
		expect(existsSync(path.resolve(root, '../../escaped.mdx'))).toBe(false);
		expect(existsSync(path.resolve(root, '../escaped.mdx'))).toBe(false);
		expect(existsSync('/etc/glossa-evil')).toBe(false);
		await expectUntouched(before);
	});

	it('refuses a decompression bomb without inflating it', async () => {
		emulator.archiveTampers.push({ kind: 'bomb', name: 'es-419/content/values.mdx', bytes: 64 * 1024 * 1024 });
		const before = await projectSnapshot();
		const result = await download('--locale', 'es-419');
		expect(result.code).toBe(1);
		expect(result.output).toMatch(/es-419\/content\/values\.mdx": (67108864 bytes, more than the limit|appears 2 times)/);
		await expectUntouched(before);
	});

	it('refuses duplicate entries: neither copy can be trusted', async () => {
		const before = await projectSnapshot();
		emulator.archiveTampers.push({ kind: 'duplicate', name: 'es-419/content/about.mdx', contents: ['one', 'two'] });
		const result = await download('--locale', 'es-419');
		expect(result.code).toBe(1);
		expectRefused(result, 'es-419/content/about.mdx', /appears 3 times/);
		expect(result.output).toContain('so none of it was applied');
		await expectUntouched(before);
	});

	it('refuses entries of two languages that resolve to one folder', async () => {
		const before = await projectSnapshot();
		emulator.seedTranslation(
			'pt-BR',
			'/content/values.mdx',
			(await readFile(path.join(root, 'content/en/values.mdx'), 'utf8')).replace('title: Our values', 'title: Valores'),
		);
		emulator.languages.find((language) => language.id === 'pt-BR')!.locale = 'es-419';
		const result = await download('--locale', 'es-419', '--locale', 'pt-BR');
		expect(result.code).toBe(1);
		expectRefused(result, 'es-419/content/values.mdx', /"es-419" is the folder of es-419 and pt-BR: two languages resolve to one path/);
		const after = await projectSnapshot();
		for (const [file, text] of before) if (/^(content|locales)\/(es-419|pt-BR)\//.test(file)) expect(after.get(file), file).toBe(text);
		expect(after.has('content/pt-BR/values.mdx')).toBe(before.has('content/pt-BR/values.mdx'));
	});

	it('refuses languages the registry does not know and files the project does not send', async () => {
		// A language added in Crowdin before the registry knows it, and a file nobody uploaded.
		emulator.targetLanguageIds.push('fr');
		emulator.archiveTampers.push(
			{ kind: 'extra', name: 'fr-FR/content/values.mdx', content: '---\ntitle: Nos valeurs\ndescription: y\n---\n' },
			{ kind: 'extra', name: 'es-419/content/unknown.mdx', content: '---\ntitle: x\ndescription: y\n---\n' },
		);
		const before = await projectSnapshot();
		const result = await download();
		expect(result.code).toBe(1);
		expectRefused(result, 'fr-FR/content/values.mdx', /Crowdin language "fr" is not in the locale registry/);
		expectRefused(result, 'es-419/content/unknown.mdx', /\/content\/unknown\.mdx is not a source file of this project/);
		const after = await projectSnapshot();
		for (const [file, text] of before) if (file.startsWith('content/') || file.startsWith('locales/')) expect(after.get(file), file).toBe(text);
		expect([...after.keys()].filter((file) => !before.has(file))).toEqual([]);
	});
});

describe('hostile translations', () => {
	it.each([
		['a script tag', (text: string) => text.replace('## Start from the classroom', '<script>alert(1)</script>\n\n## Start'), /<script> is not allowed/],
		['an import', (text: string) => `${text}\nimport Evil from '../../src/evil.ts'\n`, /import\/export "import Evil/],
		['an expression', (text: string) => `${text}\n{process.exit(1)}\n`, /JavaScript expression \{process\.exit\(1\)\}/],
		[
			'a changed link',
			(text: string) => text.replace('Kitebird was founded', '[Kitebird](https://evil.example/) was founded'),
			/link target "https:\/\/evil\.example\/"/,
		],
		['a changed non-translatable frontmatter key', (text: string) => text.replace('navOrder: 1', 'navOrder: 9'), /frontmatter navOrder is not translatable/],
	])('rejects %s and keeps the local translation', async (_name, mutate, reason) => {
		const english = await readFile(path.join(root, 'content/en/values.mdx'), 'utf8');
		const localBefore = await spanishValues();
		emulator.seedTranslation('es-419', '/content/values.mdx', mutate(english));
		const result = await download('--locale', 'es-419');
		expect(result.code).toBe(1);
		const line = result.output.split('\n').find((candidate) => candidate.includes('REJECTED content/es-419/values.mdx'));
		expect(line, result.output).toMatch(reason);
		expect(await spanishValues()).toBe(localBefore);
	});

	it('rejects UI strings with a wrong placeholder and keeps the local file', async () => {
		const localBefore = await readFile(path.join(root, 'locales/es-419/common.json'), 'utf8');
		emulator.seedTranslation('es-419', '/locales/common.json', JSON.stringify({ footer: { languages_other: 'Disponible en {{cuenta}} idiomas.' } }));
		const result = await download('--locale', 'es-419');
		expect(result.code).toBe(1);
		expect(result.output).toMatch(
			/REJECTED locales\/es-419\/common\.json: footer\.languages_other: placeholders \{\{cuenta\}\} differ from English \{\{count\}\}/,
		);
		expect(await readFile(path.join(root, 'locales/es-419/common.json'), 'utf8')).toBe(localBefore);
	});

	it('accepts a link to the same page in the target locale', async () => {
		const english = await readFile(path.join(root, 'content/en/index.mdx'), 'utf8');
		emulator.seedTranslation('es-419', '/content/index.mdx', english.replace('(/en/values/)', '(/es-419/values/#partir-del-aula)'));
		const result = await download('--locale', 'es-419');
		expect(result.code, result.output).toBe(0);
		expect(await readFile(path.join(root, 'content/es-419/index.mdx'), 'utf8')).toContain('(/es-419/values/#partir-del-aula)');
	});
});

describe('atomic apply', () => {
	const seedThree = async () => {
		const english = (file: string) => readFile(path.join(root, 'content/en', file), 'utf8');
		emulator.seedTranslation('th', '/content/values.mdx', (await english('values.mdx')).replace('title: Our values', 'title: คุณค่าของเรา'));
		emulator.seedTranslation('th', '/content/about.mdx', (await english('about.mdx')).replace('title: About Kitebird', 'title: เกี่ยวกับ Kitebird'));
		emulator.seedTranslation('th', '/content/index.mdx', (await english('index.mdx')).replace('navLabel: Home', 'navLabel: หน้าแรก'));
	};

	it('an error half-way leaves content/ and locales/ exactly as before', async () => {
		await seedThree();
		const before = await projectSnapshot();
		const failed = await runCrowdin(root, emulator, ['download', '--locale', 'th'], { GLOSSA_SYNC_FAIL_AFTER_MOVES: '2' });
		expect(failed.code).toBe(1);
		expect(failed.output).toContain('injected failure after 2 move(s)');
		await expectUntouched(before);
	});

	it('a crash half-way is rolled back by the next command', async () => {
		await seedThree();
		const before = await projectSnapshot();
		const crashed = await runCrowdin(root, emulator, ['download', '--locale', 'th'], { GLOSSA_SYNC_CRASH_AFTER_MOVES: '2' });
		expect(crashed.signal).toBe('SIGKILL');
		expect(await projectSnapshot()).not.toEqual(before);
		const recovered = await runCrowdin(root, emulator, ['recover']);
		expect(recovered.code).toBe(0);
		expect(recovered.output).toContain('Rolled back a sync that was interrupted');
		await expectUntouched(before);
	});

	it('--dry-run prints the plan and touches nothing', async () => {
		await seedThree();
		const before = await projectSnapshot();
		const result = await download('--locale', 'th', '--dry-run');
		expect(result.code, result.output).toBe(0);
		expect(result.output).toContain('would write content/th/values.mdx');
		expect(result.output).toContain('Dry run: nothing was changed.');
		await expectUntouched(before);
	});
});

describe('many remote files', () => {
	it('pages through 1,234 files and prunes only with --prune', async () => {
		emulator.seedManyFiles(1234);
		emulator.requests = [];
		const kept = await runCrowdin(root, emulator, ['upload']);
		expect(kept.code, kept.output).toBe(0);
		expect(kept.output).toContain('1234 file(s) in Crowdin have no local source; kept (use --prune to delete them)');
		const offsets = emulator.requests.filter((request) => request.path === '/projects/4242/files').length;
		expect(offsets).toBeGreaterThanOrEqual(3);
		expect(emulator.files.size).toBe(10 + 1234);

		const pruned = await runCrowdin(root, emulator, ['upload', '--prune', '--quiet']);
		expect(pruned.code, pruned.output).toBe(0);
		expect(pruned.output).toContain('1234 deleted');
		expect(emulator.files.size).toBe(10);
	});
});

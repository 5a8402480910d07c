/**
 * The sync's file work, against links at every depth and hostile names. The project's own folders may be
 * symbolic links to folders elsewhere (a locale folder, a sub-folder, one file, the work folder), and the
 * names the sync reads (archive entries, Crowdin's language folders, translation-state.json, the journal in
 * .glossa-sync/) may hold `..`, absolute paths or paths through links. Nothing outside the project is read
 * into Crowdin or written, moved or deleted; a refused command says which path and what to do, and leaves
 * content/, locales/ and the state file exactly as they were.
 */
import { createHash, randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, readlink, readdir, rename, rm, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CrowdinEmulator } from '../crowdin-emulator/server.ts';
import { runCrowdin } from '../support/crowdin-cli.ts';
import { createFixtureProject } from '../support/fixture-project.ts';
import { tmpRoot } from '../support/paths.ts';
import { runScriptWithEnv } from '../support/run-script.ts';

let emulator: CrowdinEmulator;
let root: string;
/** A folder beside the project (not inside it), where the links point. */
let outside: string;
let counter = 0;
/** A string no project file has: wherever it turns up in Crowdin, an outside file was read. */
const MARKER = `outside-${randomUUID()}`;

const LINK_FIX = 'replace the link with the file or folder itself';

/** Every entry below `dir`: files with their content, folders, and links with their target (never followed). */
async function tree(dir: string): Promise<Map<string, string>> {
	const found = new Map<string, string>();
	if (!existsSync(dir)) return found;
	for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
		const full = path.join(entry.parentPath, entry.name);
		const relative = path.relative(dir, full);
		if (entry.isSymbolicLink()) found.set(relative, `-> ${await readlink(full)}`);
		else if (entry.isDirectory()) found.set(`${relative}/`, '');
		else found.set(relative, await readFile(full, 'utf8'));
	}
	return found;
}

/** content/, locales/, the state file and the outside folder, exactly (links as links). */
async function snapshot(): Promise<Map<string, string>> {
	const all = new Map<string, string>();
	for (const dir of ['content', 'locales']) for (const [file, text] of await tree(path.join(root, dir))) all.set(`${dir}/${file}`, text);
	for (const [file, text] of await tree(outside)) all.set(`(outside)/${file}`, text);
	const state = path.join(root, 'translation-state.json');
	all.set('translation-state.json', existsSync(state) ? await readFile(state, 'utf8') : '(none)');
	return all;
}

/** Moves a folder or file of the project outside it and leaves a link in its place. */
async function replaceWithLink(relative: string): Promise<string> {
	const target = path.join(outside, relative.replaceAll('/', '_'));
	await rename(path.join(root, relative), target);
	await symlink(target, path.join(root, relative));
	return target;
}

const english = (file: string) => readFile(path.join(root, 'content/en', file), 'utf8');
const download = (...args: string[]) => runCrowdin(root, emulator, ['download', ...args]);
const upload = (...args: string[]) => runCrowdin(root, emulator, ['upload', ...args]);
/** Whether anything sent to Crowdin (a file, a string's context, a file's context) holds the marker. */
const crowdinHasMarker = () =>
	[...emulator.storages.values()].some((storage) => storage.content.includes(MARKER)) ||
	[...emulator.strings.values()].some((string) => JSON.stringify(string).includes(MARKER)) ||
	[...emulator.files.values()].some((file) => (file.context ?? '').includes(MARKER));

beforeEach(async () => {
	emulator = await new CrowdinEmulator().start();
	root = await createFixtureProject(`crowdin-links-${++counter}`, {});
	outside = path.join(tmpRoot, `crowdin-links-${counter}-outside`);
	await rm(outside, { recursive: true, force: true });
	await mkdir(outside, { recursive: true });
});
afterEach(() => emulator.stop());

describe('download through a link', () => {
	const uploadFirst = async () => {
		const uploaded = await upload('--quiet');
		expect(uploaded.code, uploaded.output).toBe(0);
	};

	it.each([
		['a locale folder', 'content/es-419', 'es-419', '/content/values.mdx'],
		['a UI-string locale folder', 'locales/th', 'th', '/locales/common.json'],
		['a sub-folder of a locale', 'content/es-419/learn', 'es-419', '/content/learn/loops.mdx'],
		['one translated file', 'content/es-419/values.mdx', 'es-419', '/content/values.mdx'],
	])('%s (%s) fails before any move, naming the link and the fix', async (_what, linked, locale, crowdinPath) => {
		await uploadFirst();
		const translation = crowdinPath.endsWith('.json')
			? JSON.stringify({ site: { tagline: 'วิทยาการคอมพิวเตอร์สำหรับทุกห้องเรียน' } })
			: (await english(crowdinPath.replace('/content/', ''))).replace(/^title: .*$/m, 'title: Traducido');
		emulator.seedTranslation(locale, crowdinPath, translation);
		await replaceWithLink(linked);
		const before = await snapshot();

		const result = await download('--locale', locale);
		expect(result.code, result.output).toBe(1);
		expect(result.output).toContain(`${linked} goes through a symbolic link`);
		expect(result.output).toContain(LINK_FIX);
		expect(result.output).toContain('Nothing was changed in content/ or locales/');
		// The outside folder is as it was, the link is still a link, and no work folder is left.
		expect(await snapshot()).toEqual(before);
		expect(existsSync(path.join(root, '.glossa-sync'))).toBe(false);
	});

	it('a dry run says so too', async () => {
		await uploadFirst();
		emulator.seedTranslation('es-419', '/content/values.mdx', (await english('values.mdx')).replace(/^title: .*$/m, 'title: Valores'));
		await replaceWithLink('content/es-419');
		const before = await snapshot();
		const result = await download('--locale', 'es-419', '--dry-run');
		expect(result.code).toBe(1);
		expect(result.output).toContain(`content/es-419 goes through a symbolic link`);
		expect(await snapshot()).toEqual(before);
	});

	it('the work folder .glossa-sync as a link: refused, nothing staged there', async () => {
		await uploadFirst();
		emulator.seedTranslation('es-419', '/content/values.mdx', (await english('values.mdx')).replace(/^title: .*$/m, 'title: Valores'));
		await mkdir(path.join(outside, 'work'));
		await writeFile(path.join(outside, 'work/journal.json'), JSON.stringify({ startedAt: '', entries: [], createdDirs: [] }));
		await symlink(path.join(outside, 'work'), path.join(root, '.glossa-sync'));
		const before = await snapshot();
		const result = await download('--locale', 'es-419');
		expect(result.code).toBe(1);
		expect(result.output).toContain('.glossa-sync goes through a symbolic link');
		expect(await snapshot()).toEqual(before);
	});

	it('translation-state.json naming a file outside the project: refused, the file is never read', async () => {
		await uploadFirst();
		emulator.seedTranslation('es-419', '/content/values.mdx', (await english('values.mdx')).replace(/^title: .*$/m, 'title: Valores'));
		expect((await download('--locale', 'es-419')).code).toBe(0);
		// A record for a file outside, whose hash is right: read, it would make the download look current.
		const victim = path.join(outside, 'victim.txt');
		await writeFile(victim, 'outside\n');
		const statePath = path.join(root, 'translation-state.json');
		const state = JSON.parse(await readFile(statePath, 'utf8')) as { translations: Record<string, { translationHash?: string }> };
		const [, record] = Object.entries(state.translations).find(([target]) => target === 'content/es-419/values.mdx')!;
		const outsideName = path.relative(root, victim).split(path.sep).join('/');
		expect(outsideName.startsWith('../')).toBe(true);
		state.translations[outsideName] = { ...record, translationHash: createHash('sha256').update('outside\n').digest('hex') };
		await writeFile(statePath, JSON.stringify(state, null, 2));
		const before = await snapshot();
		const result = await download('--locale', 'es-419');
		expect(result.code, result.output).toBe(1);
		expect(result.output).toContain(`translation-state.json lists a translation "${outsideName}" is not a plain relative path`);
		expect(result.output).not.toContain('Nothing changed in Crowdin');
		expect(await snapshot()).toEqual(before);
	});

	it('keeps refusing archive entries whose language folder is ".."', async () => {
		await uploadFirst();
		emulator.seedTranslation('es-419', '/content/values.mdx', (await english('values.mdx')).replace(/^title: .*$/m, 'title: Valores'));
		emulator.languages.find((language) => language.id === 'es-419')!.locale = '..';
		const before = await snapshot();
		const result = await download('--locale', 'es-419');
		expect(result.code).toBe(1);
		expect(result.output).toMatch(/REFUSED archive entry "\.\.\/content\/values\.mdx": path traversal/);
		expect(existsSync(path.join(root, '../content/values.mdx'))).toBe(false);
		expect(await snapshot()).toEqual(before);
	});
});

describe('upload through a link', () => {
	it('a page that is a link to a file outside: not uploaded, with a message', async () => {
		await writeFile(path.join(outside, 'secret.mdx'), `---\ntitle: ${MARKER}\ndescription: x\n---\n\n${MARKER}\n`);
		await symlink(path.join(outside, 'secret.mdx'), path.join(root, 'content/en/secret.mdx'));
		await symlink('/etc/hostname', path.join(root, 'content/en/hostname.md'));
		const result = await upload();
		expect(result.code, result.output).toBe(0);
		expect(result.output).toContain('content/en/secret.mdx is a symbolic link; links are not followed');
		expect(result.output).toContain('content/en/hostname.md is a symbolic link; links are not followed');
		expect(result.output).toContain('it is not uploaded');
		expect(emulator.fileByPath('/content/secret.mdx')).toBeUndefined();
		expect(emulator.fileByPath('/content/hostname.md')).toBeUndefined();
		expect(crowdinHasMarker()).toBe(false);
	});

	it('a linked sub-folder of the English pages: not uploaded, with a message', async () => {
		await mkdir(path.join(outside, 'guides'));
		await writeFile(path.join(outside, 'guides/secret.mdx'), `---\ntitle: ${MARKER}\ndescription: x\n---\n\n${MARKER}\n`);
		await symlink(path.join(outside, 'guides'), path.join(root, 'content/en/guides'));
		const result = await upload();
		expect(result.code, result.output).toBe(0);
		expect(result.output).toContain('content/en/guides is a symbolic link; links are not followed');
		expect(emulator.fileByPath('/content/guides/secret.mdx')).toBeUndefined();
		expect(crowdinHasMarker()).toBe(false);
	});

	it.each([
		['the English pages folder', 'content/en'],
		['the English UI-string folder', 'locales/en'],
		['a UI file’s context file', 'locales/en/common.context.json'],
		['translation-state.json', 'translation-state.json'],
	])('%s as a link: the upload is refused before anything is sent', async (_what, linked) => {
		const target = await replaceWithLink(linked);
		// The outside copy is what a followed link would send: mark it.
		const marked = linked === 'content/en' ? path.join(target, 'values.mdx') : linked === 'locales/en' ? path.join(target, 'common.json') : target;
		await writeFile(
			marked,
			(await readFile(marked, 'utf8')).replace(/Kitebird|The site's frame/, (found) => `${MARKER} ${found}`),
		);
		const before = await snapshot();
		const result = await upload();
		expect(result.code, result.output).toBe(1);
		expect(result.output).toContain(`${linked} goes through a symbolic link`);
		expect(result.output).toContain(LINK_FIX);
		expect(emulator.storages.size).toBe(0);
		expect(crowdinHasMarker()).toBe(false);
		expect(await snapshot()).toEqual(before);
	});
});

describe('rename-key through a link', () => {
	it('a linked locale folder: refused, nothing renamed there or anywhere', async () => {
		await replaceWithLink('locales/th');
		const before = await snapshot();
		const result = await runScriptWithEnv(root, 'scripts/i18n/cli.ts', ['rename-key', 'common:picker.label', 'picker.heading', '--local-only'], {});
		expect(result.code).not.toBe(0);
		expect(result.output).toContain('locales/th goes through a symbolic link');
		expect(await snapshot()).toEqual(before);
	});
});

describe('recover with a hostile journal', () => {
	const writeJournal = async (journal: unknown) => {
		await mkdir(path.join(root, '.glossa-sync'), { recursive: true });
		await writeFile(path.join(root, '.glossa-sync/journal.json'), JSON.stringify(journal));
	};

	it.each([
		['a path with ..', [{ path: '../victim.txt', backup: null }]],
		['an absolute path', () => [{ path: path.join(outside, 'victim.txt'), backup: null }]],
		['a path through a linked folder', [{ path: 'content/en/linked/victim.txt', backup: null }]],
		['a backup with ..', [{ path: 'content/en/values.mdx', backup: '.glossa-sync/backup-x/../../content/en/about.mdx' }]],
		['a backup outside the work folder', [{ path: 'content/en/values.mdx', backup: 'content/en/about.mdx' }]],
		['a backup through a linked folder', [{ path: 'content/en/values.mdx', backup: '.glossa-sync/backup-x/content/en/values.mdx' }]],
	])('%s: refused whole, nothing moved or deleted, inside or outside', async (_what, hostile) => {
		await writeFile(path.join(outside, 'victim.txt'), 'keep me\n');
		await mkdir(path.join(outside, 'backup/content/en'), { recursive: true });
		await writeFile(path.join(outside, 'backup/content/en/values.mdx'), `${MARKER}\n`);
		await symlink(outside, path.join(root, 'content/en/linked'));
		await mkdir(path.join(root, '.glossa-sync'));
		await symlink(path.join(outside, 'backup'), path.join(root, '.glossa-sync/backup-x'));
		// A legitimate entry first: a rollback that starts before checking the rest would delete it.
		const entries = [{ path: 'content/en/about.mdx', backup: null }, ...(typeof hostile === 'function' ? hostile() : hostile)];
		await writeJournal({ startedAt: '2026-01-01T00:00:00.000Z', entries: entries.reverse(), createdDirs: [] });
		const before = await snapshot();

		for (const command of [['recover'], ['download', '--locale', 'es-419']]) {
			const result = await runCrowdin(root, emulator, command);
			expect(result.code, result.output).toBe(1);
			expect(result.output).toContain('.glossa-sync/journal.json is not a journal a sync wrote');
			expect(result.output).toContain('nothing was rolled back');
			expect(await snapshot()).toEqual(before);
		}
		expect(await readFile(path.join(outside, 'victim.txt'), 'utf8')).toBe('keep me\n');
	});

	it('the work folder as a link to a journal elsewhere: refused, nothing deleted', async () => {
		await mkdir(path.join(outside, 'work'));
		await writeFile(
			path.join(outside, 'work/journal.json'),
			JSON.stringify({ startedAt: '', entries: [{ path: 'content/en/about.mdx', backup: null }], createdDirs: [] }),
		);
		await symlink(path.join(outside, 'work'), path.join(root, '.glossa-sync'));
		const before = await snapshot();
		const result = await runCrowdin(root, emulator, ['recover']);
		expect(result.code).toBe(1);
		expect(result.output).toContain('.glossa-sync goes through a symbolic link');
		expect(await snapshot()).toEqual(before);
		expect(existsSync(path.join(outside, 'work/journal.json'))).toBe(true);
	});

	it('still rolls back a journal the sync wrote (a crash half-way)', async () => {
		const uploaded = await upload('--quiet');
		expect(uploaded.code).toBe(0);
		emulator.seedTranslation('th', '/content/values.mdx', (await english('values.mdx')).replace(/^title: .*$/m, 'title: คุณค่าของเรา'));
		emulator.seedTranslation('th', '/content/about.mdx', (await english('about.mdx')).replace(/^title: .*$/m, 'title: เกี่ยวกับ'));
		const before = await snapshot();
		const crashed = await runCrowdin(root, emulator, ['download', '--locale', 'th'], { GLOSSA_SYNC_CRASH_AFTER_MOVES: '1' });
		expect(crashed.signal).toBe('SIGKILL');
		const recovered = await runCrowdin(root, emulator, ['recover']);
		expect(recovered.code, recovered.output).toBe(0);
		expect(recovered.output).toContain('Rolled back a sync that was interrupted');
		expect(await snapshot()).toEqual(before);
		expect(existsSync(path.join(root, '.glossa-sync'))).toBe(false);
	});
});

/**
 * `npm run bench -- --sync`: the Crowdin sync at the size of a real project, against the project's Crowdin
 * emulator (tests/crowdin-emulator/) with the real client and CLI. First upload of 200 English pages and
 * 4 UI files; then a download of 15 locales x 204 files with 429s on 5% of requests; then a sync with no
 * change (upload and download). Reports wall time, requests, retries and peak RSS of each.
 */
import { createHash } from 'node:crypto';
import { cp, mkdir, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { CrowdinEmulator } from '../../tests/crowdin-emulator/server.ts';
import { table } from '../shared/report.ts';
import { generateCorpus, localesModuleSource } from './corpus.ts';
import { measureAsync, projectRoot, work } from './measure.ts';

export interface SyncPhase {
	name: string;
	wallSeconds: number;
	peakRssMb: number;
	requests: number;
	/** Requests that change something in Crowdin (anything but GET, and but the translation build, an export). */
	writes: number;
	retries: number;
	ok: boolean;
	detail: string;
}

export interface SyncBenchResult {
	pages: number;
	uiFiles: number;
	locales: number;
	rateLimitShare: number;
	phases: SyncPhase[];
	/** Files under content/, locales/ and the state file that the no-change sync changed (must be 0). */
	localChangesOnNoChange: number;
}

const NAMESPACES = ['lessons', 'forms', 'teachers'];

/** A UI namespace of `count` strings with their contexts, as a real project's would be. */
function uiNamespace(name: string, count: number): { strings: Record<string, Record<string, string>>; context: unknown } {
	const strings: Record<string, Record<string, string>> = {};
	const described: Record<string, { context: string; maxLength?: number }> = {};
	for (let index = 0; index < count; index++) {
		const group = `group${Math.floor(index / 10)}`;
		const key = `item${index % 10}`;
		(strings[group] ??= {})[key] = index % 7 === 0 ? `Show {{count}} ${name} in ${group}` : `The ${name} label number ${index}`;
		described[`${group}.${key}`] = { context: `Label ${index} of the ${name} screens.`, ...(index % 3 === 0 ? { maxLength: 40 } : {}) };
	}
	return { strings, context: { namespace: `Strings of the ${name} screens.`, strings: described } };
}

async function treeDigest(root: string, folders: string[]): Promise<Map<string, string>> {
	const digests = new Map<string, string>();
	const walk = async (relative: string) => {
		for (const entry of await readdir(path.join(root, relative), { withFileTypes: true }).catch(() => [])) {
			const child = `${relative}/${entry.name}`;
			if (entry.isDirectory()) await walk(child);
			else
				digests.set(
					child,
					createHash('sha256')
						.update(await readFile(path.join(root, child)))
						.digest('hex'),
				);
		}
	};
	for (const folder of folders) await walk(folder);
	return digests;
}

export async function benchSync(options: { pages: number; locales: number; seed: number; rateLimitShare: number }): Promise<SyncBenchResult> {
	const corpus = generateCorpus({ pages: options.pages, locales: options.locales + 1, translatedShare: 1, seed: options.seed });
	const site = path.join(work, 'sync');
	await rm(site, { recursive: true, force: true });
	await mkdir(site, { recursive: true });
	for (const entry of ['src', 'scripts', 'tests/crowdin-emulator', 'crowdin.config.ts', 'tsconfig.json', 'package.json'])
		await cp(path.join(projectRoot, entry), path.join(site, entry), { recursive: true });
	await cp(path.join(projectRoot, 'locales/en'), path.join(site, 'locales/en'), { recursive: true });
	for (const name of NAMESPACES) {
		const namespace = uiNamespace(name, 60);
		await writeFile(path.join(site, `locales/en/${name}.json`), `${JSON.stringify(namespace.strings, null, 2)}\n`);
		await writeFile(path.join(site, `locales/en/${name}.context.json`), `${JSON.stringify(namespace.context, null, 2)}\n`);
	}
	await writeFile(path.join(site, 'src/i18n/locales.ts'), localesModuleSource(corpus.locales, { listAll: false }));
	for (const page of corpus.pages.filter((candidate) => candidate.locale === 'en')) {
		await mkdir(path.join(site, 'content/en'), { recursive: true });
		await writeFile(path.join(site, 'content/en', `${page.slug}.mdx`), page.mdx);
	}

	const emulator = await new CrowdinEmulator().start();
	emulator.targetLanguageIds = corpus.locales.slice(1).map((locale) => locale.crowdinId);
	const env = {
		CROWDIN_TOKEN: emulator.token,
		CROWDIN_PROJECT_ID: String(emulator.projectId),
		CROWDIN_BASE_URL: emulator.apiUrl,
		CROWDIN_BUILD_POLL_MS: '200',
		NO_PROXY: '127.0.0.1',
	};
	const cli = path.join(site, 'scripts/crowdin/cli.ts');
	const phases: SyncPhase[] = [];
	const run = async (name: string, args: string[]) => {
		const before = emulator.requests.length;
		const measured = await measureAsync(process.execPath, [cli, ...args], site, env);
		const requests = emulator.requests.slice(before);
		const writes = requests.filter((request) => request.method !== 'GET' && !request.path.endsWith('/translations/builds')).length;
		const retries = measured.output.match(/; retry \d+ in /g)?.length ?? 0;
		const summary = measured.output.trim().split('\n').filter(Boolean).slice(-3).join(' | ');
		const phase = {
			name,
			wallSeconds: measured.wallSeconds,
			peakRssMb: measured.peakRssMb,
			requests: requests.length,
			writes,
			retries,
			ok: measured.ok,
			detail: summary,
		};
		phases.push(phase);
		console.log(
			`  ${name}: ${phase.wallSeconds.toFixed(1)} s, ${phase.requests} requests, ${retries} retries${measured.ok ? '' : ` FAILED\n${measured.output}`}`,
		);
		await writeFile(path.join(site, `${name.replace(/[^a-z0-9]+/gi, '-')}.log`), measured.output);
		for (const line of measured.output.split(/\r?\n|\r/).filter((text) => /^Time: |; retry \d+ in /.test(text.trim()))) console.log(`    ${line.trim()}`);
		return measured;
	};
	try {
		console.log(`Sync benchmark: ${options.pages} pages + ${NAMESPACES.length + 1} UI files, ${options.locales} locales`);
		await run('first upload', ['upload']);

		// Every file fully translated in every locale: the corpus's own translations, and every UI string.
		const englishUi = new Map<string, string>();
		for (const name of ['common', ...NAMESPACES]) englishUi.set(name, await readFile(path.join(site, `locales/en/${name}.json`), 'utf8'));
		for (const locale of corpus.locales.slice(1)) {
			for (const page of corpus.pages.filter((candidate) => candidate.locale === locale.tag))
				emulator.seedTranslation(locale.crowdinId, `/content/${page.slug}.mdx`, page.mdx, 100, 100);
			for (const [name, text] of englishUi) emulator.seedTranslation(locale.crowdinId, `/locales/${name}.json`, text, 100, 100);
		}
		emulator.rateLimitShare = options.rateLimitShare;
		await run(`download, ${Math.round(options.rateLimitShare * 100)}% 429s`, ['download']);

		const before = await treeDigest(site, ['content', 'locales']);
		const stateBefore = await readFile(path.join(site, 'translation-state.json'), 'utf8');
		emulator.rateLimitShare = 0;
		const upload = await run('no-change upload', ['upload']);
		const download = await run('no-change download', ['download']);
		const after = await treeDigest(site, ['content', 'locales']);
		let localChanges = [...after].filter(([file, digest]) => before.get(file) !== digest).length + [...before.keys()].filter((file) => !after.has(file)).length;
		if ((await readFile(path.join(site, 'translation-state.json'), 'utf8')) !== stateBefore) localChanges++;
		if (!upload.ok || !download.ok) localChanges = Number.NaN;
		return {
			pages: options.pages,
			uiFiles: NAMESPACES.length + 1,
			locales: options.locales,
			rateLimitShare: options.rateLimitShare,
			phases,
			localChangesOnNoChange: localChanges,
		};
	} finally {
		await emulator.stop();
	}
}

export function formatSyncTable(result: SyncBenchResult): string {
	const rows = [['phase', 'wall', 'requests', 'writes', 'retries', 'peak RSS']];
	for (const phase of result.phases)
		rows.push([
			phase.ok ? phase.name : `${phase.name} (FAILED)`,
			`${phase.wallSeconds.toFixed(1)} s`,
			String(phase.requests),
			String(phase.writes),
			String(phase.retries),
			`${Math.round(phase.peakRssMb)} MB`,
		]);
	return table(rows);
}

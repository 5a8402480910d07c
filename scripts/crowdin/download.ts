/**
 * `crowdin download`: builds translations in Crowdin, downloads the archive, treats every entry as
 * hostile, validates each file against its English source, and applies the result all or nothing.
 * Crowdin's build and archive (translation-build.ts), progress (progress.ts) and the matching of entries
 * (archive-match.ts) are their own modules; this one validates, records and applies.
 */
import pLimit from 'p-limit';
import type { LanguagesModel } from '@crowdin/crowdin-api-client';
import type { Locale } from '../../src/i18n/registry.ts';
import type { ContentDocument } from '../../src/content-model/content-document.ts';
import { sha256 } from '../../src/content-model/hash.ts';
import {
	serializeTranslationState,
	stableJson,
	withSyncCoverage,
	type LocaleProgress,
	type TranslationState,
} from '../../src/content-model/translation-state.ts';
import { checkUiTranslation } from '../../src/i18n/ui-checks.ts';
import { UnsafePathError } from '../../src/security/content-files.ts';
import { applyAtomically, type ApplyHooks, type FileWrite } from './apply.ts';
import { matchArchiveEntries } from './archive-match.ts';
import { readArchive, type RefusedEntry } from './archive.ts';
import type { SyncContext } from './client.ts';
import { readProgress } from './progress.ts';
import { listSourceFiles, readProjectFile, readStateFile, type SourceFile } from './project.ts';
import { readRemoteTree } from './remote.ts';
import { SyncError } from './sync-error.ts';
import { buildAndDownload } from './translation-build.ts';

export interface DownloadOptions extends SyncContext {
	dryRun: boolean;
	/** Build and download even when Crowdin's eTags say nothing changed. */
	force?: boolean;
	/** Registry tags to download; empty means every locale. */
	locales: string[];
	hooks?: ApplyHooks;
}

export interface LocaleResult {
	written: string[];
	unchanged: string[];
	rejected: { path: string; reason: string }[];
	skipped: { path: string; reason: string }[];
	/** Written, with something to fix (`file:line: message`): text that looks like markup, a broken English target it fixed. */
	warnings?: string[] | undefined;
}

export interface DownloadSummary {
	locales: Map<string, LocaleResult>;
	/** Archive entries refused before they could be matched to a locale and file. */
	refused: RefusedEntry[];
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

export async function download(options: DownloadOptions): Promise<DownloadSummary> {
	const { root, config, registry, client, projectId, output } = options;
	const project = (await client.projectsGroupsApi.getProject(projectId)).data as { targetLanguages?: LanguagesModel.Language[] };
	const targetLanguages = project.targetLanguages ?? [];
	// Pseudo-locales are made from English at build time; Crowdin has nothing for them.
	const wanted = registry.all.filter((locale) => !locale.isSource && !locale.pseudo && (options.locales.length === 0 || options.locales.includes(locale.tag)));
	const inProject = wanted.filter((locale) => targetLanguages.some((language) => language.id === locale.crowdinId));
	for (const locale of wanted) {
		if (!inProject.includes(locale)) output.warn(`${locale.tag} (Crowdin "${locale.crowdinId}") is not a target language of the Crowdin project; skipped`);
	}
	if (inProject.length === 0) throw new SyncError('none of the requested locales is a target language of the Crowdin project');

	const timer = phaseTimer();
	const sources = await listSourceFiles(root, config, registry);
	const remote = await readRemoteTree(client, projectId);
	const sourcesById = new Map<number, SourceFile>();
	for (const source of sources) {
		const file = remote.fileByPath.get(source.crowdinPath);
		if (file) sourcesById.set(file.id, source);
	}

	const now = new Date().toISOString();
	timer.mark('project');
	const progress = await readProgress(client, projectId, inProject, sourcesById, now, output, config.network.concurrency);
	timer.mark('progress');
	const state = await readStateFile(root, config.stateFile);
	// What decides the result besides Crowdin's files: the settings that filter and judge them.
	const syncKey = sha256(
		JSON.stringify([config.exportApprovedOnly, config.skipUntranslatedStrings, config.mdx.minFileProgress, config.mdx.translatableFrontMatterElements]),
	).slice(0, 16);
	for (const localeProgress of progress.values()) localeProgress.syncKey = syncKey;
	if (!options.force && (await nothingNew(root, config.stateFile, state, progress, inProject, syncKey))) {
		output.info(
			`Nothing changed in Crowdin since the last download (the eTags of ${sourcesById.size} file(s) in ${inProject.length} locale(s) are the same, and the local files are as it wrote them); nothing to build or download. --force downloads anyway.`,
		);
		const locales = new Map(
			inProject.map((locale) => [
				locale.tag,
				{
					written: [],
					unchanged: Object.entries(state.translations)
						.filter(([, record]) => record.locale === locale.tag && record.origin === 'crowdin')
						.map(([target]) => target),
					rejected: [],
					skipped: [],
				} as LocaleResult,
			]),
		);
		const stateText = recordProgress(state, progress, now);
		if (!options.dryRun && stateText !== (await readProjectFile(root, config.stateFile)))
			await applyAtomically(root, [{ path: config.stateFile, content: stateText }], options.hooks);
		return { locales, refused: [] };
	}
	const archive = await buildAndDownload(
		client,
		projectId,
		inProject.map((locale) => locale.crowdinId),
		config,
		output,
	);
	timer.mark('build and download');
	// The parser and the checks load only when there is an archive to check: a download with nothing new needs neither.
	const [
		{ parseContentDocument },
		{ snapshotOf },
		{ checkMdxTranslationVerdict, literalMarkupWarnings, formatProblem },
		{ siteTargets },
		{ listContentFiles },
	] = await Promise.all([
		import('../../src/content-model/content-document.ts'),
		import('../../src/content-model/freshness.ts'),
		import('../../src/content-model/translation-checks.ts'),
		import('../../src/content-model/source-revisions.ts'),
		import('../../src/security/content-files.ts'),
	]);
	// Whether a target a translation changed leads somewhere on the site (it may have fixed a broken English one).
	const siteTargetLookup = siteTargets(root, registry, listContentFiles(root, 'content').files);
	const contents = await readArchive(archive, config.limits);
	timer.mark('archive');
	output.info(`Archive: ${contents.files.length} file(s), ${contents.refused.length} refused`);
	if (contents.refused.length > 0) {
		// Entries that try to leave their folder, links, duplicates or bombs: the archive itself is not to be trusted.
		for (const refused of contents.refused) output.info(`  REFUSED archive entry "${refused.name}": ${refused.reason}`);
		throw new SyncError(
			`the translation archive has ${contents.refused.length} unsafe entr${contents.refused.length === 1 ? 'y' : 'ies'} (listed above), so none of it was applied`,
		);
	}

	const summary: DownloadSummary = {
		locales: new Map(inProject.map((locale) => [locale.tag, { written: [], unchanged: [], rejected: [], skipped: [] }])),
		refused: [],
	};
	// Match entries to (locale, source); anything unexpected is refused, and nothing else names a path.
	const { matched, refused } = matchArchiveEntries(contents.files, targetLanguages, registry, inProject, sources);
	summary.refused.push(...refused);
	const targets = new Map<string, number>();
	for (const entry of matched) targets.set(entry.target, (targets.get(entry.target) ?? 0) + 1);

	// Each English source is read, and snapshotted if needed, once for all the locales that translate it.
	const englishTexts = new Map<string, Promise<string>>();
	const englishText = (source: SourceFile) => {
		let text = englishTexts.get(source.localPath);
		if (!text) {
			text = readProjectFile(root, source.localPath).then((found) => found!);
			englishTexts.set(source.localPath, text);
		}
		return text;
	};
	const englishDocuments = new Map<string, ContentDocument>();
	const englishDocument = (source: SourceFile, text: string) => {
		let document = englishDocuments.get(source.localPath);
		if (!document) {
			document = parseContentDocument(source.localPath, text);
			englishDocuments.set(source.localPath, document);
		}
		return document;
	};
	const writes: FileWrite[] = [];
	const records: TranslationState['translations'] = {};
	for (const entry of matched) {
		const result = summary.locales.get(entry.locale.tag)!;
		const reject = (reason: string) => result.rejected.push({ path: entry.target, reason });
		if (targets.get(entry.target)! > 1) {
			reject(`${targets.get(entry.target)} archive entries resolve to this path`);
			continue;
		}
		let text: string;
		try {
			text = strictUtf8.decode(entry.data);
		} catch {
			reject('not UTF-8 text');
			continue;
		}
		const english = await englishText(entry.source);
		const fileProgress = progress.get(entry.locale.tag)?.files[entry.source.localPath];
		let content: string;
		// Crowdin exports an untranslated segment in English: no page, and no video's subtitles, should mix languages.
		const { kind } = entry.source.group;
		if (kind === 'page' || kind === 'subtitles') {
			const translated = fileProgress?.translationProgress ?? 0;
			if (translated < config.mdx.minFileProgress) {
				const published = kind === 'page' ? 'pages are' : 'subtitles are';
				result.skipped.push({ path: entry.target, reason: `${translated}% translated; ${published} published at ${config.mdx.minFileProgress}%` });
				continue;
			}
		}
		if (kind === 'page') {
			const source = englishDocument(entry.source, english);
			const { verdict, translation } = checkMdxTranslationVerdict(entry.target, text, source, {
				registry,
				locale: entry.locale.tag,
				translatableFrontmatter: config.mdx.translatableFrontMatterElements,
				checkFrontmatter: true,
				targets: siteTargetLookup,
			});
			if (verdict.problems.length > 0) {
				reject(verdict.problems.map(formatProblem).join('; '));
				continue;
			}
			// Written, and said: text a reader would see as markup (`<a href="…”>`), sections of an older English.
			const warnings = [...verdict.warnings, ...literalMarkupWarnings(translation, source)].map(formatProblem);
			if (warnings.length > 0) (result.warnings ??= []).push(...warnings);
			content = text;
		} else if (kind === 'variables') {
			// Crowdin exports an untranslated file as its English text: that would stop the locale's chain
			// (es-419 would never get es's values), so a file with nothing translated is not written.
			if ((fileProgress?.translationProgress ?? 0) === 0) {
				result.skipped.push({ path: entry.target, reason: 'no translated values yet' });
				continue;
			}
			// Values only for English's keys, each text (never a file that does not parse): the build puts them in as text.
			const problems = await variablesTranslationProblems(entry.target, text, entry.source.localPath, english);
			if (problems.length > 0) {
				reject(problems.join('; '));
				continue;
			}
			content = text;
		} else if (kind === 'subtitles') {
			const { subtitlesTranslationVerdict } = await import('./subtitle-checks.ts');
			const verdict = subtitlesTranslationVerdict(entry.target, text, entry.source.localPath, english);
			if (verdict.problems.length > 0) {
				reject(verdict.problems.join('; '));
				continue;
			}
			if (verdict.warnings.length > 0) (result.warnings ??= []).push(...verdict.warnings);
			content = text;
		} else {
			const checked = checkUiTranslation(text, english, entry.locale.tag);
			if (!checked.cleaned) {
				reject(checked.problems.join('; '));
				continue;
			}
			if (Object.keys(checked.cleaned).length === 0) {
				result.skipped.push({ path: entry.target, reason: 'no translated strings yet' });
				continue;
			}
			content = `${JSON.stringify(checked.cleaned, null, 2)}\n`;
		}
		// The English a translation was made from is the one last uploaded, which may be older than the file now.
		const uploaded = state.uploads[entry.source.localPath];
		const isMdx = entry.source.group.kind === 'page';
		const current =
			isMdx && !(uploaded?.sections && uploaded.frontmatterHash)
				? snapshotOf(englishDocument(entry.source, english), config.mdx.translatableFrontMatterElements)
				: undefined;
		const record = {
			locale: entry.locale.tag,
			source: entry.source.localPath,
			sourceHash: uploaded?.hash ?? sha256(english),
			sourceSections: isMdx ? (uploaded?.sections ?? current!.sections) : [],
			sourceFrontmatterHash: isMdx ? (uploaded?.frontmatterHash ?? current?.frontmatterHash) : undefined,
			translationProgress: fileProgress?.translationProgress,
			approvalProgress: fileProgress?.approvalProgress,
			syncedAt: now,
			origin: 'crowdin' as const,
			translationHash: sha256(content),
		};
		const local = await readProjectFile(root, entry.target);
		if (local === content) {
			result.unchanged.push(entry.target);
			// What an unchanged translation was made from has not changed either.
			const previous = state.translations[entry.target];
			records[entry.target] = previous ? { ...previous, translationHash: record.translationHash } : record;
			continue;
		}
		result.written.push(entry.target);
		writes.push({ path: entry.target, content });
		records[entry.target] = record;
	}

	for (const [tag, result] of summary.locales) {
		for (const item of result.written) output.info(`  ${options.dryRun ? 'would write' : 'write'} ${item}`);
		for (const item of result.rejected) output.info(`  REJECTED ${item.path}: ${item.reason}`);
		for (const item of result.skipped) output.info(`  skipped ${item.path}: ${item.reason}`);
		for (const item of result.warnings ?? []) output.info(`  WARNING ${item}`);
		if (result.written.length + result.rejected.length + result.skipped.length === 0) output.info(`  ${tag}: nothing new`);
	}
	for (const refused of summary.refused) output.info(`  REFUSED archive entry "${refused.name}": ${refused.reason}`);
	timer.mark('checks');
	if (options.dryRun) return summary;

	// A translation this download did not write or find unchanged (skipped, rejected, gone from Crowdin) is no
	// longer known to be as Crowdin has it: its hash goes, so it never makes a later download look current.
	const downloadedLocales = new Set(inProject.map((locale) => locale.tag));
	for (const [target, record] of Object.entries(state.translations))
		if (downloadedLocales.has(record.locale) && record.translationHash && !records[target]) delete record.translationHash;
	Object.assign(state.translations, records);
	const stateText = recordProgress(state, progress, now);
	if (stateText !== (await readProjectFile(root, config.stateFile))) writes.push({ path: config.stateFile, content: stateText });
	await applyAtomically(root, writes, options.hooks);
	timer.mark('apply');
	output.info(`Time: ${timer.report()}`);
	return summary;
}

/**
 * Whether a download would change nothing: every file's progress eTag in every locale is the one recorded
 * at the last download (Crowdin changes it with any translation or approval), with the same settings, and
 * every translation the sync wrote is still on disk as it wrote it.
 */
async function nothingNew(
	root: string,
	stateFile: string,
	state: TranslationState,
	progress: ReadonlyMap<string, LocaleProgress>,
	locales: readonly Locale[],
	syncKey: string,
): Promise<boolean> {
	for (const locale of locales) {
		const now = progress.get(locale.tag);
		const before = state.progress[locale.tag];
		if (!now || !before || before.syncKey !== syncKey) return false;
		const files = Object.keys(now.files);
		if (files.length !== Object.keys(before.files).length) return false;
		for (const file of files) {
			const current = now.files[file]!;
			const recorded = before.files[file];
			// The eTag, and the shares too: they cost nothing, and cover an approval that left the text alone.
			if (!current.eTag || recorded?.eTag !== current.eTag) return false;
			if (recorded.translationProgress !== current.translationProgress || recorded.approvalProgress !== current.approvalProgress) return false;
		}
	}
	const tags = new Set(locales.map((locale) => locale.tag));
	// Only what the last download wrote or found as it was carries a hash; a record it did not touch cannot block this.
	const synced = Object.entries(state.translations).filter(([, record]) => tags.has(record.locale) && record.origin === 'crowdin' && record.translationHash);
	const limit = pLimit(32);
	const same = await Promise.all(
		synced.map(([target, record]) =>
			limit(async () => {
				// The state file is input: a path in it is read only as a plain path inside the project, through no link.
				const text = await readProjectFile(root, target).catch((error: unknown) => {
					throw error instanceof UnsafePathError ? new SyncError(`${stateFile} lists a translation ${error.message}`) : error;
				});
				return text !== undefined && sha256(text) === record.translationHash;
			}),
		),
	);
	return same.every(Boolean);
}

/** Puts Crowdin's progress and its history into the state; returns the state's text. */
function recordProgress(state: TranslationState, progress: ReadonlyMap<string, LocaleProgress>, now: string): string {
	for (const [tag, localeProgress] of progress) {
		// Unchanged progress keeps its record (and its checkedAt), so a sync that changed nothing writes nothing.
		const previous = state.progress[tag];
		const unchanged = previous && stableJson({ ...previous, checkedAt: '' }) === stableJson({ ...localeProgress, checkedAt: '' });
		if (!unchanged) state.progress[tag] = localeProgress;
		state.history[tag] = withSyncCoverage(state.history[tag], {
			date: now.slice(0, 10),
			translationProgress: localeProgress.translationProgress,
			approvalProgress: localeProgress.approvalProgress,
		});
	}
	return serializeTranslationState(state);
}

/** Seconds spent in each step, for the closing line of a long download. */
function phaseTimer() {
	let last = performance.now();
	const phases: [string, number][] = [];
	return {
		mark(name: string) {
			const now = performance.now();
			phases.push([name, (now - last) / 1000]);
			last = now;
		},
		report: () => phases.map(([name, seconds]) => `${name} ${seconds.toFixed(1)} s`).join(', '),
	};
}

/** What keeps a translated `variables.yml` from being written: it must parse, and name only English's keys. */
export async function variablesTranslationProblems(target: string, text: string, sourcePath: string, english: string): Promise<string[]> {
	// Loaded with the other parsers, only when there is an archive to check.
	const [{ parseVariablesFile }, { formatProblem }] = await Promise.all([
		import('../../src/content-model/content-variables.ts'),
		import('../../src/content-model/problems.ts'),
	]);
	const translated = parseVariablesFile(target, text);
	const problems = translated.problems.map(formatProblem);
	const known = parseVariablesFile(sourcePath, english).values;
	for (const name of translated.values.keys()) if (!known.has(name)) problems.push(`${target}: ${name} is not a variable of ${sourcePath}`);
	return problems;
}

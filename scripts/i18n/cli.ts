/**
 * npm run i18n -- <status|mark-current|accept-source|rename-key|check> [options]
 * Translation status for editors, and the two commands that maintain translation-state.json by hand.
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import type { ProjectScan } from '../../src/content-model/project-scan.ts';
import { coveragePercent, type LocaleStatus, type UntranslatedSegments } from '../../src/content-model/translation-status.ts';
import { serializeTranslationState, type TranslationState } from '../../src/content-model/translation-state.ts';
import { locales as registry } from '../../src/i18n/locales.ts';
import { readDiskSite } from '../../src/site/disk-site.ts';
import { subtitleProgress } from '../../src/site/locale-page-model.ts';
import { applyAtomically } from '../crowdin/apply.ts';
import type { CrowdinSyncConfig } from '../crowdin/config.ts';
import { table } from '../shared/report.ts';
import { glossaConfig } from '../../src/config/glossa-config.ts';

const STATE_FILE = 'translation-state.json';

const HELP = {
	main: `Usage: npm run i18n -- <command> [options]

Commands:
  status [--locale <tag>]... [--json]    pages translated / outdated / missing and UI coverage per locale;
                                         per page with --locale
  mark-current <locale> <page>|--all     record that a translation written by hand matches the English
                                         page as it is now (its hashes go into ${STATE_FILE})
  accept-source <page>|--all             declare an English edit as needing no re-translation (a typo fix):
                                         every locale's translation of the page is marked current
  rename-key <namespace:old.key> <new.key> [--local-only]
                                         rename a UI key (with its plural forms) in Crowdin, in every
                                         locale's file, its context and ${STATE_FILE}, keeping every
                                         translation; needs CROWDIN_TOKEN and CROWDIN_PROJECT_ID unless
                                         --local-only (then Crowdin loses the key's translations on the
                                         next upload)
  check                                  every content and UI-string problem, with file and line

<page> is a slug (values, learn/loops; "" or index for the home page) or a path (content/en/values.mdx).`,
};

function pageSlug(scan: ProjectScan, page: string): string {
	const cleaned = page
		.replace(/^content\/[^/]+\//, '')
		.replace(/\.mdx?$/, '')
		.replace(/(^|\/)index$/, '')
		.replace(/^\/+|\/+$/g, '');
	if (!scan.pages.some((candidate) => candidate.slug === cleaned)) {
		throw new UsageError(`No English page "${page}". Pages: ${scan.pages.map((candidate) => candidate.slug || 'index').join(', ')}`);
	}
	return cleaned;
}

class UsageError extends Error {}

function listedLabel(entry: LocaleStatus): string {
	const { isSource, listed, publish: forced, publishThreshold } = entry.locale;
	if (isSource) return 'source';
	if (forced !== 'auto') return `${forced} (forced)`;
	return listed ? 'listed' : `preview (< ${coveragePercent(publishThreshold)})`;
}

async function writeState(root: string, state: TranslationState): Promise<void> {
	await applyAtomically(root, [{ path: STATE_FILE, content: serializeTranslationState(state) }]);
}

/** A translation's segments left in English, as the JSON status gives them. */
function untranslatedFigures(untranslated: UntranslatedSegments) {
	return { segments: untranslated.segments, total: untranslated.total, share: untranslated.share, words: untranslated.words, title: untranslated.title };
}

async function main(argv: string[]): Promise<number> {
	const { values, positionals } = parseArgs({
		args: argv,
		allowPositionals: true,
		options: {
			help: { type: 'boolean', short: 'h' },
			locale: { type: 'string', multiple: true },
			json: { type: 'boolean' },
			all: { type: 'boolean' },
			'local-only': { type: 'boolean' },
		},
	});
	const [command, ...rest] = positionals;
	if (values.help || !command) {
		console.log(HELP.main);
		return command || values.help ? 0 : 2;
	}
	const root = glossaConfig.root;
	if (command === 'check') {
		const { runContentCheck } = await import('./check.ts');
		return runContentCheck(root, registry);
	}
	if (command === 'rename-key') return renameKey(root, rest, Boolean(values['local-only']));
	// Status as the build publishes it: the same site model (src/site/site-model.ts).
	const { model, scan } = await readDiskSite(root);

	if (command === 'status') {
		const statuses = model.status;
		const selected = (values.locale ?? []).map((tag) => registry.get(tag).tag);
		// The same figures as the status page (src/site/locale-page-model.ts).
		const subtitles = (tag: string) => subtitleProgress(model.videos, tag, registry.source.tag);
		const subtitledVideos = subtitles(registry.source.tag).videos;
		if (values.json) {
			const json = statuses
				.filter((entry) => selected.length === 0 || selected.includes(entry.locale.tag))
				.map((entry) => ({
					locale: entry.locale.tag,
					listed: entry.locale.listed,
					publish: entry.locale.publish,
					threshold: entry.locale.publishThreshold,
					coverage: entry.coverage,
					uiCoverage: entry.uiCoverage,
					counts: entry.counts,
					wordsUntranslated: entry.wordsUntranslated,
					// Of the videos with English subtitles, those with the locale's own; words are the English subtitles'.
					subtitles: (({ videos, subtitled, words }) => ({ videos, subtitled, words }))(subtitles(entry.locale.tag)),
					// Translations with segments still in English (served, or refused for being mostly English).
					untranslated: entry.pages.flatMap((page) =>
						page.untranslated?.segments ? [{ slug: page.slug, path: page.translationPath, state: page.state, ...untranslatedFigures(page.untranslated) }] : [],
					),
					// Translations that exist but are not shown, and why.
					refused: entry.pages.flatMap((page) => (page.refusal ? [{ slug: page.slug, path: page.translationPath, ...page.refusal }] : [])),
					pages: selected.length > 0 ? entry.pages : undefined,
				}));
			console.log(JSON.stringify(json, null, 2));
			return 0;
		}
		// A subtitles column only for a project with videos subtitled in English: `1/2` videos have the locale's own.
		const rows = [
			['locale', 'current', 'outdated', 'missing', 'broken', 'words current', 'UI strings', ...(subtitledVideos > 0 ? ['subtitles'] : []), 'listing'],
		];
		for (const entry of statuses) {
			const subtitled = subtitles(entry.locale.tag);
			rows.push([
				entry.locale.tag,
				String(entry.counts.current + entry.counts.untracked),
				String(entry.counts.outdated),
				String(entry.counts.missing),
				String(entry.counts.broken),
				coveragePercent(entry.coverage),
				coveragePercent(entry.uiCoverage),
				...(subtitledVideos > 0 ? [`${subtitled.subtitled}/${subtitled.videos}`] : []),
				listedLabel(entry),
			]);
		}
		console.log(table(rows));
		if (subtitledVideos > 0)
			console.log(
				`\nSubtitles: ${subtitledVideos} video(s) have English subtitles; the column counts those with the locale's own (content/videos/<name>.<tag>.vtt).`,
			);
		for (const entry of statuses)
			for (const page of entry.pages) {
				if (page.refusal) console.log(`\n${entry.locale.tag}: ${page.translationPath} is not shown (${page.refusal.kind}): ${page.refusal.reason}`);
				else if (page.untranslated?.segments)
					console.log(
						`\n${entry.locale.tag}: ${page.translationPath} has ${page.untranslated.segments} of ${page.untranslated.total} segments still in English (${coveragePercent(page.untranslated.share)}); they count as missing`,
					);
			}
		const untracked = statuses.reduce((sum, entry) => sum + entry.counts.untracked, 0);
		if (untracked > 0)
			console.log(`\n${untracked} translation(s) have no record of their English version; \`npm run i18n -- mark-current <locale> --all\` records it.`);
		for (const tag of selected) {
			const entry = statuses.find((candidate) => candidate.locale.tag === tag)!;
			const pageRows = [['page', 'state', 'words', 'file']];
			for (const page of entry.pages) {
				const state = page.state === 'outdated' ? `outdated (${page.changedSections} section${page.changedSections === 1 ? '' : 's'})` : page.state;
				pageRows.push([page.slug || 'index', state, String(page.words), page.translationPath ?? '-']);
			}
			console.log(`\n${entry.locale.tag} (${entry.locale.endonym}):\n${table(pageRows)}`);
			if (subtitledVideos > 0) console.log(`Subtitles: ${subtitles(tag).label}`);
		}
		return 0;
	}

	if (command === 'mark-current') {
		const [tag, page] = rest;
		if (!tag || (!page && !values.all)) throw new UsageError('mark-current needs a locale and a page (or --all)');
		const locale = registry.get(tag);
		const slugs = values.all ? scan.pages.map((candidate) => candidate.slug) : [pageSlug(scan, page!)];
		const now = new Date().toISOString();
		let marked = 0;
		for (const slug of slugs) {
			const translation = scan.translations.find((candidate) => candidate.locale === locale.tag && candidate.slug === slug);
			if (!translation) {
				if (!values.all) throw new UsageError(`${locale.tag} has no translation of "${slug || 'index'}"`);
				continue;
			}
			const source = scan.pages.find((candidate) => candidate.slug === slug)!;
			scan.state.translations[translation.path] = {
				...translation.record,
				locale: locale.tag,
				source: source.sourcePath,
				sourceHash: source.snapshot.hash,
				sourceSections: source.snapshot.sections,
				sourceFrontmatterHash: source.snapshot.frontmatterHash,
				syncedAt: now,
				origin: translation.record?.origin ?? 'manual',
			};
			marked++;
			console.log(`marked ${translation.path} current with ${source.sourcePath}`);
		}
		await writeState(root, scan.state);
		console.log(`${marked} translation(s) marked current.`);
		return 0;
	}

	if (command === 'accept-source') {
		const [page] = rest;
		if (!page && !values.all) throw new UsageError('accept-source needs a page (or --all)');
		const slugs = values.all ? scan.pages.map((candidate) => candidate.slug) : [pageSlug(scan, page!)];
		let accepted = 0;
		for (const slug of slugs) {
			const source = scan.pages.find((candidate) => candidate.slug === slug)!;
			for (const translation of scan.translations.filter((candidate) => candidate.slug === slug && candidate.record)) {
				const record = scan.state.translations[translation.path]!;
				record.sourceHash = source.snapshot.hash;
				record.sourceSections = source.snapshot.sections;
				record.sourceFrontmatterHash = source.snapshot.frontmatterHash;
				accepted++;
				console.log(`${translation.path}: now current with ${source.sourcePath}`);
			}
			const upload = scan.state.uploads[source.sourcePath];
			if (upload && upload.hash !== source.snapshot.hash) {
				// The next upload still sends the fixed text; the translations it keeps stay current.
				console.log(`${source.sourcePath}: run \`npm run crowdin -- upload\` to send the edit to Crowdin`);
			}
		}
		await writeState(root, scan.state);
		console.log(`${accepted} translation(s) accepted as current.`);
		return 0;
	}

	console.error(`Unknown command "${command}".\n\n${HELP.main}`);
	return 2;
}

async function renameKey(root: string, args: string[], localOnly: boolean): Promise<number> {
	const [target, newKey] = args;
	if (!target || !newKey) throw new UsageError('rename-key needs the key and its new name, e.g. rename-key common:nav.home nav.homeLink');
	const { applyRename, planRename, renameInCrowdin, RenameError } = await import('./rename-key.ts');
	const { default: config } = (await import(pathToFileURL(path.join(root, 'crowdin.config.ts')).href)) as { default: CrowdinSyncConfig };
	const hasCredentials = Boolean(process.env.CROWDIN_TOKEN && process.env.CROWDIN_PROJECT_ID);
	if (!localOnly && !hasCredentials) {
		console.error(
			'i18n: rename-key renames the key in Crowdin too, so its translations stay: set CROWDIN_TOKEN and CROWDIN_PROJECT_ID, or pass --local-only if the project is not on Crowdin.',
		);
		return 2;
	}
	try {
		const plan = await planRename(root, registry, config, target, newKey);
		console.log(`Renaming ${plan.keys.map(([from, to]) => `${from} -> ${to}`).join(', ')} in ${plan.namespace}`);
		const renamed = localOnly ? 0 : await renameInCrowdin(plan, config, process.env, (line) => console.log(line));
		try {
			await applyRename(root, plan);
		} catch (error) {
			if (renamed > 0) {
				const back = { ...plan, keys: plan.keys.map(([from, to]) => [to, from] as [string, string]) };
				await renameInCrowdin(back, config, process.env, (line) => console.log(line));
			}
			throw error;
		}
		console.log(`Renamed in ${plan.locales.length} locale file(s): ${plan.locales.join(', ')}${renamed > 0 ? `; ${renamed} string(s) in Crowdin` : ''}.`);
		if (plan.codeUses.length > 0) console.log(`Update the code that still uses the old key:\n${plan.codeUses.map((use) => `  ${use}`).join('\n')}`);
		return 0;
	} catch (error) {
		if (error instanceof RenameError) {
			console.error(`i18n: ${error.message}. Nothing was changed.`);
			return 1;
		}
		throw error;
	}
}

try {
	process.exitCode = await main(process.argv.slice(2));
} catch (error) {
	if (error instanceof UsageError || (error as Error).name === 'LocaleRegistryError' || (error as { code?: string }).code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
		console.error(`i18n: ${(error as Error).message}`);
		process.exitCode = 2;
	} else {
		throw error;
	}
}

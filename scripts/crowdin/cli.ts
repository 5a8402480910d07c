/**
 * npm run crowdin -- <upload|download|status|screenshots|recover> [options]
 * Exit codes: 0 done, 1 something failed or was rejected (see the summary), 2 usage or credentials.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import type { LocaleRegistry } from '../../src/i18n/registry.ts';
import { recoverInterruptedApply, type ApplyHooks } from './apply.ts';
import { ArchiveError } from './archive.ts';
import { connectionFromEnvironment, CredentialsError, describeCrowdinError, isAuthenticationFailure } from './client.ts';
import { applyEnvironmentOverrides, type CrowdinSyncConfig } from './config.ts';
import { SyncError } from './sync-error.ts';
import { table } from '../shared/report.ts';
import { consoleOutput } from './output.ts';
import { glossaConfig } from '../../src/config/glossa-config.ts';

const HELP: Record<string, string> = {
	main: `Usage: npm run crowdin -- <command> [options]

Commands:
  upload     send English sources (content/en/**/*.mdx, locales/en/*.json) to Crowdin
  download   build translations in Crowdin and bring them into content/ and locales/
  status     show Crowdin's progress per locale (and per file with --locale)
  screenshots  shoot every English page (and the chooser and search templates) in Chromium at 1280 px,
             tagged with the UI strings each shows, and send new or changed ones to Crowdin
  recover    roll back a download that was interrupted half-way

Run \`npm run crowdin -- <command> --help\` for a command's options.

Environment:
  CROWDIN_TOKEN          personal access token (required)
  CROWDIN_PROJECT_ID     numeric project id (required)
  CROWDIN_BASE_URL       API root, e.g. http://127.0.0.1:8787/api/v2 (optional; tests and proxies)
  CROWDIN_ORGANIZATION   Crowdin Enterprise organization (optional)

Exit codes: 0 done, 1 something failed or was rejected, 2 usage or credentials.`,
	upload: `Usage: npm run crowdin -- upload [--dry-run] [--prune]

Creates missing directories and files in Crowdin and updates only sources whose content changed.
  --dry-run   print what would be created, updated or deleted; change nothing
  --prune     delete Crowdin files whose English source no longer exists (never done otherwise)`,
	download: `Usage: npm run crowdin -- download [--dry-run] [--force] [--locale <tag>]...

Builds translations, downloads the archive, validates every file and applies them all or nothing. When
Crowdin's progress eTags show no change since the last download (and the local files are as it wrote
them), it stops there: nothing to build, download or write.
  --locale <tag>  only this locale (repeatable), e.g. --locale es-419 --locale ar
  --force         build and download even when nothing changed
  --dry-run       print what would be written or rejected; change nothing`,
	status: `Usage: npm run crowdin -- status [--locale <tag>]...

Prints Crowdin's progress per locale; with --locale, per file for that locale.`,
	screenshots: `Usage: npm run crowdin -- screenshots [--dist DIR] [--dry-run]

Builds the English pages once more with UI marks (into node_modules/.cache/glossa-screenshots; dist/ is
not touched), opens each in Chromium (/usr/bin/chromium, or CHROMIUM_PATH) at 1280 px, and tags every UI
string on it at its place. New pages are added, changed ones replace their screenshot (same name), and
unchanged ones are not sent. Run \`upload\` first, so Crowdin has the strings to tag.
  --dist DIR  shoot a build made with GLOSSA_UI_MARKS=1 instead of building one
  --dry-run   print what would be added, replaced or re-tagged; change nothing`,
	recover: `Usage: npm run crowdin -- recover

Rolls content/ and locales/ back to how they were before a download that was interrupted (every
command does this first, too).`,
};

async function loadProject(root: string): Promise<{ config: CrowdinSyncConfig; registry: LocaleRegistry }> {
	const configModule = (await import(pathToFileURL(path.join(root, 'crowdin.config.ts')).href)) as { default: CrowdinSyncConfig };
	const registryModule = (await import(pathToFileURL(path.join(root, 'src/i18n/locales.ts')).href)) as { locales: LocaleRegistry };
	return { config: applyEnvironmentOverrides(configModule.default, process.env), registry: registryModule.locales };
}

/** Test hooks: make an apply fail, or the process die, after N file moves. */
function applyHooksFromEnvironment(): ApplyHooks {
	const failAfter = Number(process.env.GLOSSA_SYNC_FAIL_AFTER_MOVES ?? 0);
	const crashAfter = Number(process.env.GLOSSA_SYNC_CRASH_AFTER_MOVES ?? 0);
	if (!failAfter && !crashAfter) return {};
	return {
		afterMove(done) {
			if (crashAfter && done >= crashAfter) process.kill(process.pid, 'SIGKILL');
			if (failAfter && done >= failAfter) throw new Error(`injected failure after ${done} move(s)`);
		},
	};
}

async function main(argv: string[]): Promise<number> {
	let parsed;
	try {
		parsed = parseArgs({
			args: argv,
			allowPositionals: true,
			options: {
				help: { type: 'boolean', short: 'h' },
				'dry-run': { type: 'boolean' },
				prune: { type: 'boolean' },
				locale: { type: 'string', multiple: true },
				quiet: { type: 'boolean', short: 'q' },
				dist: { type: 'string' },
				force: { type: 'boolean' },
			},
		});
	} catch (error) {
		console.error(`${(error as Error).message}\n\n${HELP.main}`);
		return 2;
	}
	const { values, positionals } = parsed;
	const command = positionals[0];
	if (!command || !(command in HELP) || command === 'main') {
		if (values.help && !command) {
			console.log(HELP.main);
			return 0;
		}
		console.error(command ? `Unknown command "${command}".\n\n${HELP.main}` : HELP.main);
		return 2;
	}
	if (values.help) {
		console.log(HELP[command]);
		return 0;
	}
	if (values.prune && command !== 'upload') {
		console.error('--prune only applies to upload');
		return 2;
	}

	const root = glossaConfig.root;
	const output = consoleOutput(values.quiet);
	const { config, registry } = await loadProject(root);
	const locales = values.locale ?? [];
	for (const tag of locales) {
		const locale = registry.byTag(tag);
		if (!locale || locale.isSource || locale.pseudo) {
			console.error(
				`Unknown locale "${tag}". Known: ${registry.all
					.filter((l) => !l.isSource && !l.pseudo)
					.map((l) => l.tag)
					.join(', ')}`,
			);
			return 2;
		}
	}
	const canonicalLocales = locales.map((tag) => registry.get(tag).tag);

	try {
		if (await recoverInterruptedApply(root)) output.info('Rolled back a sync that was interrupted; content/ and locales/ are as they were before it.');
	} catch (error) {
		// A journal that is not one a sync wrote, or a work folder that is a link: nothing is moved, and nothing else runs.
		console.error(`crowdin: could not roll back the interrupted sync: ${(error as Error).message}`);
		return 1;
	}
	if (command === 'recover') {
		output.info('Nothing else to recover.');
		return 0;
	}

	let connection;
	try {
		connection = connectionFromEnvironment(process.env, config, (retry) =>
			output.info(`  ${retry.reason} on ${retry.method} ${new URL(retry.url).pathname}; retry ${retry.attempt} in ${(retry.delayMs / 1000).toFixed(1)} s`),
		);
	} catch (error) {
		if (error instanceof CredentialsError) {
			console.error(`crowdin: ${error.message}`);
			return 2;
		}
		throw error;
	}
	const { client, projectId } = connection;
	try {
		// Checks the credentials before anything else happens.
		await client.projectsGroupsApi.getProject(projectId);
	} catch (error) {
		if (isAuthenticationFailure(error)) {
			console.error(
				`crowdin: Crowdin rejected the credentials for project ${projectId}: ${describeCrowdinError(error)}. Check CROWDIN_TOKEN and CROWDIN_PROJECT_ID.`,
			);
			return 2;
		}
		console.error(`crowdin: could not reach project ${projectId}: ${describeCrowdinError(error)}`);
		return 1;
	}

	const dryRun = Boolean(values['dry-run']);
	const context = { root, config, registry, client, projectId, output };
	try {
		// Each command loads its own modules: a sync with nothing to do starts in a fraction of a second.
		if (command === 'upload') {
			const { upload } = await import('./upload.ts');
			const summary = await upload({ ...context, dryRun, prune: Boolean(values.prune) });
			output.info(
				`\n${dryRun ? 'Dry run: would upload' : 'Uploaded'}: ${summary.created.length} created, ${summary.updated.length} updated, ${summary.unchanged.length} unchanged, ${summary.deleted.length} deleted, ${summary.failed.length} failed`,
			);
			if (!dryRun) output.info(`Context sent: ${summary.contextEdits.files} file(s), ${summary.contextEdits.strings} UI string(s)`);
			for (const failure of summary.failed) output.info(`  FAILED ${failure.path}: ${failure.reason}`);
			return summary.failed.length > 0 ? 1 : 0;
		}
		if (command === 'download') {
			const { download } = await import('./download.ts');
			const summary = await download({ ...context, dryRun, force: Boolean(values.force), locales: canonicalLocales, hooks: applyHooksFromEnvironment() });
			const rows = [['locale', dryRun ? 'would write' : 'written', 'unchanged', 'skipped', 'rejected']];
			let rejected = summary.refused.length;
			for (const [tag, result] of summary.locales) {
				rows.push([tag, String(result.written.length), String(result.unchanged.length), String(result.skipped.length), String(result.rejected.length)]);
				rejected += result.rejected.length;
			}
			output.info(`\n${dryRun ? 'Dry run: nothing was changed.\n' : ''}${table(rows)}`);
			if (summary.refused.length > 0)
				output.info(`${summary.refused.length} archive entr${summary.refused.length === 1 ? 'y was' : 'ies were'} refused (listed above).`);
			return rejected > 0 ? 1 : 0;
		}
		if (command === 'screenshots') {
			const { screenshots } = await import('./screenshots.ts');
			const summary = await screenshots({ ...context, dryRun, dist: values.dist });
			output.info(
				`\n${dryRun ? 'Dry run: would send' : 'Screenshots'}: ${summary.added.length} added, ${summary.replaced.length} replaced, ${summary.retagged.length} re-tagged, ${summary.unchanged.length} unchanged`,
			);
			return 0;
		}
		const { status } = await import('./status.ts');
		await status({ ...context, locales: canonicalLocales });
		return 0;
	} catch (error) {
		if (error instanceof SyncError || error instanceof ArchiveError) {
			console.error(`crowdin: ${error.message}. Nothing was changed in content/ or locales/.`);
			return 1;
		}
		console.error(`crowdin: ${describeCrowdinError(error)}. Nothing was changed in content/ or locales/.`);
		return 1;
	}
}

process.exitCode = await main(process.argv.slice(2));

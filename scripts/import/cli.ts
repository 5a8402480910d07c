/**
 * npm run import -- <old site folder> [--translations <folder>] [--locale-map la=es-419,…] [--public <folder>]
 *                   [--site-url <url>] [--rules <rules.json>] [--dry-run]
 * Copies an old site's pages into content/<source locale>/ and their translations into content/<tag>/,
 * keeping their paths, with their frontmatter mapped, their images moved into content/images/ and their
 * links pointed at the imported pages (scripts/import/import-pages.ts), then prints one report: every file
 * imported or not and why, and what needs a person's attention, each with file and line.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { locales as registry } from '../../src/i18n/locales.ts';
import { isFolderInside, readInside } from '../../src/security/content-files.ts';
import { applyImport, planImport, STATE_FILE } from './import-pages.ts';
import { formatImportReport } from './import-report.ts';
import { parseRules, RULE_TIME_LIMIT_MS, RulesError } from './import-rules.ts';
import { glossaConfig } from '../../src/config/glossa-config.ts';

const HELP = `Usage: npm run import -- <old site folder> [options]

Imports the pages of <old site folder> (.md, .markdown, .mdx, .html, .htm, and Markdown with an extra
suffix such as .md.partial) into content/${registry.source.tag}/ as Markdown pages, at the same paths. Frontmatter is
mapped (title, description, date/lastmod and similar names); other keys are left out. Images the pages
refer to are copied into content/images/ and the references rewritten; links to the old site's pages are
pointed at the imported pages. {{ name }} content variables are kept as written. Nothing existing is
overwritten. Every file of the folder is imported or listed with the reason, and what needs attention is
listed with file and line.

Options:
  --translations <folder>  translations, at <folder>/<code>/<path of the English page>; each goes to
                           content/<tag>/ and is recorded in ${STATE_FILE} as current
  --locale-map <list>      translation folder codes that are not the site's tags, e.g.
                           la=es-419,cn=zh-Hans,zh=zh-Hant,pt=pt-BR (other codes are matched to a tag or URL
                           segment, ignoring case; an unknown code is reported, never guessed)
  --public <folder>        the old site's public folder: root-path images and files (/images/x.png,
                           /files/x.pdf) are looked up there; images go to content/images/, other files to public/
  --site-url <url>         the old site's address: links to its pages that were not imported lead there
  --rules <rules.json>     rewrites applied to every page and translation before it is read: a JSON list of
                           { "pattern": "<JavaScript regular expression>", "replace": "<text, $1 for a group>" },
                           each applied to every match, in order (a rule that runs over ${RULE_TIME_LIMIT_MS} ms on a
                           file is stopped: a pattern with nested repeats such as (a+)+ can take forever)
  --dry-run                report only; write nothing
  -h, --help               this text`;

/** A command-line mistake: printed with the help's hint, exit code 2. */
class UsageError extends Error {}

function folderOption(value: string | undefined, option: string): string | undefined {
	if (value === undefined) return undefined;
	const absolute = path.resolve(value);
	if (!isFolderInside(path.dirname(absolute), path.basename(absolute)))
		throw new UsageError(`${option} ${value}: not a folder (or a symbolic link, which is never followed); give the folder itself`);
	return absolute;
}

/** `la=es-419,cn=zh-Hans` as code → registry tag; a tag the registry lacks is an error. */
function localeMapOption(value: string | undefined): Map<string, string> | undefined {
	if (value === undefined) return undefined;
	const map = new Map<string, string>();
	for (const pair of value.split(',').filter((entry) => entry.trim() !== '')) {
		const [code, tag, ...extra] = pair.split('=').map((part) => part.trim());
		if (!code || !tag || extra.length > 0) throw new UsageError(`--locale-map: "${pair}" is not code=tag; write it as la=es-419`);
		const locale = registry.all.find((candidate) => candidate.tag.toLowerCase() === tag.toLowerCase());
		if (!locale)
			throw new UsageError(
				`--locale-map: "${tag}" (for ${code}) is not a locale of the site; use one of ${registry.all.map((candidate) => candidate.tag).join(', ')}`,
			);
		map.set(code.toLowerCase(), locale.tag);
	}
	return map;
}

function siteUrlOption(value: string | undefined): URL | undefined {
	if (value === undefined) return undefined;
	let url: URL;
	try {
		url = new URL(value);
	} catch {
		throw new UsageError(`--site-url ${value}: not a URL; write it whole, e.g. https://old.example.org`);
	}
	if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new UsageError(`--site-url ${value}: must start with https:// (or http://)`);
	return url;
}

async function main(): Promise<number> {
	const { values, positionals } = parseArgs({
		allowPositionals: true,
		options: {
			translations: { type: 'string' },
			'locale-map': { type: 'string' },
			public: { type: 'string' },
			'site-url': { type: 'string' },
			rules: { type: 'string' },
			'dry-run': { type: 'boolean' },
			help: { type: 'boolean', short: 'h' },
		},
	});
	if (values.help) {
		console.log(HELP);
		return 0;
	}
	if (positionals.length !== 1) throw new UsageError('Give exactly one folder: the old site.');
	const root = glossaConfig.root;
	const folder = folderOption(positionals[0], 'the old site folder')!;
	const translationsFolder = folderOption(values.translations, '--translations');
	const publicFolder = folderOption(values.public, '--public');
	const localeMap = localeMapOption(values['locale-map']);
	if (localeMap && !translationsFolder) throw new UsageError('--locale-map names the folders of --translations; give --translations too');
	const siteUrl = siteUrlOption(values['site-url']);
	let rules;
	if (values.rules !== undefined) {
		const file = path.resolve(values.rules);
		const shown = path.relative(root, file) || file;
		let text: string;
		try {
			text = (await readInside(path.dirname(file), path.basename(file), { maxBytes: 1024 * 1024 })).toString('utf8');
		} catch (error) {
			throw new UsageError(`--rules ${values.rules}: cannot be read (${(error as Error).message}); give a JSON file of rewrites`);
		}
		rules = { file: shown, rules: parseRules(shown, text) };
	}
	const plan = await planImport(folder, { root, registry, translationsFolder, localeMap, publicFolder, siteUrl, rules });
	const label = path.relative(root, folder) || '.';
	console.log(`Import from ${label}: ${plan.pages.length} page(s) and translation(s), ${plan.copies.length} file(s) to copy`);
	if (!values['dry-run']) await applyImport(plan, root, (line) => console.log(`  ${line}`));
	for (const line of formatImportReport(plan, { rules, dryRun: Boolean(values['dry-run']) })) console.log(line);
	console.log(values['dry-run'] ? '\nDry run: nothing was written.' : '\nRun `npm run check` to check the site with the new pages.');
	return 0;
}

try {
	process.exitCode = await main();
} catch (error) {
	if (error instanceof UsageError || error instanceof RulesError) {
		console.error(`import: ${error.message}\nNothing was changed. (npm run import -- --help lists the options.)`);
		process.exitCode = 2;
	} else {
		console.error(`import failed, nothing was changed: ${(error as Error).message}`);
		process.exitCode = 1;
	}
}

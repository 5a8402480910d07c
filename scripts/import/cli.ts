/**
 * npm run import -- <folder> [--dry-run]
 * Copies a folder of existing Markdown or HTML pages into content/<source locale>/, keeping their paths,
 * with their frontmatter mapped and their images moved into content/images/ (scripts/import/import-pages.ts),
 * then prints one report of what needs a person's attention, each with file and line.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { formatProblem } from '../../src/content-model/problems.ts';
import { SOURCE_LOCALE } from '../../src/i18n/locales.ts';
import { applyImport, planImport } from './import-pages.ts';

const HELP = `Usage: npm run import -- <folder> [--dry-run]

Imports the .md, .markdown, .mdx and .html pages of <folder> into content/${SOURCE_LOCALE}/ as Markdown pages,
at the same paths. Frontmatter is mapped (title, description, date/lastmod and similar names); other keys
are left out. Images the pages refer to are copied into content/images/ and the references rewritten.
Nothing existing is overwritten. Then it prints what needs attention, with file and line: missing titles,
keys left out, images not found, links to pages that do not exist, HTML the site does not keep, mojibake.
  --dry-run  report only; write nothing`;

async function main(): Promise<number> {
	const { values, positionals } = parseArgs({ allowPositionals: true, options: { 'dry-run': { type: 'boolean' }, help: { type: 'boolean', short: 'h' } } });
	if (values.help) {
		console.log(HELP);
		return 0;
	}
	if (positionals.length !== 1) {
		console.error(`${HELP}\n\nGive exactly one folder.`);
		return 2;
	}
	const folder = path.resolve(positionals[0]!);
	const root = process.cwd();
	const plan = await planImport(folder, { root, sourceLocale: SOURCE_LOCALE });
	console.log(`${plan.pages.length} page(s) and ${plan.images.length} image(s) to import from ${path.relative(root, folder) || '.'}`);
	if (!values['dry-run']) await applyImport(plan, root, (line) => console.log(`  ${line}`));
	if (plan.findings.length > 0) {
		console.log(`\nNeeds attention (${plan.findings.length}):`);
		for (const finding of plan.findings) console.log(`  ${formatProblem(finding)}`);
	} else {
		console.log('\nNothing needs attention.');
	}
	console.log(values['dry-run'] ? '\nDry run: nothing was written.' : '\nRun `npm run check` to check the site with the new pages.');
	return 0;
}

try {
	process.exitCode = await main();
} catch (error) {
	console.error(`import failed, nothing was changed: ${(error as Error).message}`);
	process.exitCode = 1;
}

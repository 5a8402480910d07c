/**
 * The report `npm run import` prints: what was imported, each file that was not and why, what the rewrite
 * rules did, each locale's translations, the content variables to define, links now pointing at the old
 * site, what needs a person (with file and line), and the counts it ends with.
 */
import { formatProblem } from '../../src/content-model/problems.ts';
import type { ImportPlan } from './import-pages.ts';
import type { RewriteRule } from './import-rules.ts';

export interface ReportOptions {
	rules?: { file: string; rules: readonly RewriteRule[] } | undefined;
	dryRun: boolean;
}

export function formatImportReport(plan: ImportPlan, options: ReportOptions): string[] {
	const lines: string[] = [];
	const section = (title: string, body: string[]) => {
		if (body.length === 0) return;
		lines.push('', title, ...body.map((line) => `  ${line}`));
	};
	const notImported = plan.files.filter((file) => file.reason !== undefined);
	section(
		`Files not imported (${notImported.length}):`,
		notImported.map((file) => `${file.file}: ${file.reason}`),
	);
	if (options.rules)
		section(
			`Rewrite rules (${options.rules.file}):`,
			options.rules.rules.map((rule, index) => `rule ${index + 1} /${rule.pattern}/ -> "${rule.replace}": ${plan.ruleHits[index] ?? 0} hit(s)`),
		);
	const { layout } = plan;
	if (layout.columns + layout.clears + layout.floats > 0)
		section("Layout (the old site's shortcodes and styles, in the layout vocabulary):", [
			`[col-NN] shortcodes: ${layout.columns} column(s) in ${layout.columnGroups} <div class="columns"> box(es)`,
			`empty clear elements removed: ${layout.clears}`,
			`floated elements left as they are (see Needs attention): ${layout.floats}`,
		]);
	section(
		'Translations (imported; would fall back to English, with the first reason):',
		plan.locales.map(
			(locale) =>
				`${locale.tag} (from ${locale.code}/): ${locale.imported} imported, ${locale.fallBack} would fall back${locale.firstReason ? `: ${locale.firstReason}` : ''}`,
		),
	);
	const variables = [...plan.variables].sort(([a], [b]) => a.localeCompare(b));
	section(
		`Content variables (${variables.length}; kept as written, define them in content/en/variables.yml):`,
		variables.map(([name, count]) => `{{ ${name} }}: ${count.english} in English pages, ${count.translations} in translations`),
	);
	section(
		`Links to old-site pages that were not imported, now links to the old site (${plan.oldSiteLinks.length}):`,
		plan.oldSiteLinks.map((link) => formatProblem(link)),
	);
	if (plan.findings.length > 0) section(`Needs attention (${plan.findings.length}):`, plan.findings.map(formatProblem));
	else lines.push('', 'Nothing needs attention.');

	const pages = plan.pages.filter((page) => page.locale === plan.sourceLocale).length;
	const translations = plan.pages.length - pages;
	const copied = plan.files.length - notImported.length - plan.pages.length;
	// Grouped by the reason's kind: the words before its first colon, with quoted names left out.
	const reasons = Map.groupBy(notImported, (file) => file.reason!.split(':')[0]!.replace(/"[^"]*"/g, '"…"'));
	lines.push(
		'',
		`${options.dryRun ? 'Would import' : 'Imported'}: ${plan.files.length - notImported.length} file(s) (${pages} page(s), ${translations} translation(s), ${copied} image(s) and file(s) of the folder; ${plan.copies.length} file(s) copied in all); reported: ${notImported.length} file(s)`,
		...[...reasons].sort(([, a], [, b]) => b.length - a.length).map(([reason, files]) => `  ${files.length} × ${reason}`),
	);
	if (plan.unusedPublicFiles > 0) lines.push(`${plan.unusedPublicFiles} file(s) of the public folder (--public) no page refers to: not copied`);
	return lines;
}

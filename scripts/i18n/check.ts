/**
 * `npm run check`: every content and string problem an editor should fix, with file and line. Errors
 * (exit code 1) break the English site; warnings are translations that will fall back, or smells.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { glob } from 'tinyglobby';
import { checkTranslations, formatProblem, inspectMdx, type ContentProblem } from '../../src/content-model/translation-checks.ts';
import type { Locale, LocaleRegistry } from '../../src/i18n/registry.ts';
import { parseContentId } from '../../src/i18n/routing.ts';
import { checkUiTranslation } from '../../src/i18n/ui-checks.ts';

interface Finding extends ContentProblem {
	severity: 'error' | 'warning';
}

const ASSET = /\.(?:svg|png|jpe?g|gif|webp|avif|pdf|zip|mp4|webm|mp3|txt|csv)$/i;

function lineOfKey(text: string, key: string): number | undefined {
	const last = key.split('.').at(-1)!;
	const index = text.split('\n').findIndex((line) => line.includes(`"${last}"`));
	return index >= 0 ? index + 1 : undefined;
}

export async function collectFindings(root: string, registry: LocaleRegistry): Promise<Finding[]> {
	const findings: Finding[] = [];
	const contentRoot = path.join(root, 'content');
	const files = (await glob('**/*.mdx', { cwd: contentRoot })).sort();
	const slugsByLocale = new Map<string, Set<string>>();
	for (const file of files) {
		const { localeFolder, slug } = parseContentId(file.replace(/\.mdx$/, ''));
		slugsByLocale.set(localeFolder, (slugsByLocale.get(localeFolder) ?? new Set()).add(slug));
	}
	const sourceSlugs = slugsByLocale.get(registry.source.tag) ?? new Set<string>();
	const pageExists = (locale: Locale, slug: string) => sourceSlugs.has(slug) || (slugsByLocale.get(locale.tag)?.has(slug) ?? false);

	// Translations that will fall back to English: warnings, with the same checks the build runs.
	const report = await checkTranslations({ root, registry });
	for (const folder of report.unknownLocaleFolders)
		findings.push({ severity: 'warning', file: `content/${folder}/`, message: 'not a registered locale; not built' });
	for (const problems of report.broken.values())
		for (const problem of problems) findings.push({ severity: 'warning', ...problem, message: `${problem.message} (the page falls back to English)` });

	for (const file of files) {
		const [folder = ''] = file.split('/');
		const locale = registry.byTag(folder);
		if (!locale) continue;
		const relative = `content/${file}`;
		const { problems, surface } = await inspectMdx(relative, await readFile(path.join(contentRoot, file), 'utf8'));
		if (locale.isSource) for (const problem of problems) findings.push({ severity: 'error', ...problem });
		if (!surface) continue;
		for (const [url, position] of surface.links) {
			if (!url.startsWith('/') || url.startsWith('//')) continue;
			const target = url.split(/[?#]/)[0]!;
			if (ASSET.test(target)) {
				if (!existsSync(path.join(root, 'public', target)))
					findings.push({ severity: 'error', file: relative, ...position, message: `image or file ${target} is missing from public/` });
				continue;
			}
			const [, segment = '', ...rest] = target.split('/');
			const linked = registry.bySegment(segment);
			const { slug } = parseContentId(`x/${rest.filter(Boolean).join('/')}`);
			if (!linked) {
				if (target !== '/' && !existsSync(path.join(root, 'public', target)))
					findings.push({ severity: 'error', file: relative, ...position, message: `link to ${url} leads nowhere` });
				continue;
			}
			if (!pageExists(linked, slug)) {
				const where = linked.isSource ? `no English page "${slug || 'index'}"` : `no page "${slug || 'index'}" in ${linked.tag} or English`;
				findings.push({ severity: 'error', file: relative, ...position, message: `link to ${url} leads nowhere (${where})` });
				continue;
			}
			// Links to English pages are localised when the page renders; a link into a third locale is not.
			if (!locale.isSource && linked.tag !== locale.tag && !linked.isSource && pageExists(locale, slug)) {
				findings.push({
					severity: 'warning',
					file: relative,
					...position,
					message: `links to the ${linked.tag} page ${url}; /${locale.segment}/${rest.filter(Boolean).join('/')}${rest.length ? '/' : ''} exists`,
				});
			}
		}
	}

	// UI strings: English must parse; translations may not change placeholders; extra keys are smells.
	const localesRoot = path.join(root, 'locales');
	for (const namespace of existsSync(path.join(localesRoot, registry.source.tag))
		? await glob('*.json', { cwd: path.join(localesRoot, registry.source.tag) })
		: []) {
		const sourceFile = `locales/${registry.source.tag}/${namespace}`;
		const sourceText = await readFile(path.join(root, sourceFile), 'utf8');
		try {
			JSON.parse(sourceText);
		} catch (error) {
			findings.push({ severity: 'error', file: sourceFile, message: `not valid JSON: ${(error as Error).message}` });
			continue;
		}
		for (const locale of registry.all.filter((candidate) => !candidate.isSource)) {
			const file = `locales/${locale.tag}/${namespace}`;
			if (!existsSync(path.join(root, file))) continue;
			const text = await readFile(path.join(root, file), 'utf8');
			const { issues } = checkUiTranslation(text, sourceText, locale.tag);
			for (const issue of issues) {
				const severity = issue.kind === 'unknown-key' || issue.kind === 'plural-form' ? 'warning' : 'error';
				findings.push({ severity, file, line: issue.key ? lineOfKey(text, issue.key) : undefined, message: issue.message });
			}
		}
	}
	return findings;
}

export async function runContentCheck(root: string, registry: LocaleRegistry): Promise<number> {
	const findings = await collectFindings(root, registry);
	const sorted = findings.sort((a, b) =>
		a.severity === b.severity ? a.file.localeCompare(b.file) || (a.line ?? 0) - (b.line ?? 0) : a.severity === 'error' ? -1 : 1,
	);
	for (const finding of sorted) console.log(`${finding.severity.padEnd(7)} ${formatProblem(finding)}`);
	const errors = findings.filter((finding) => finding.severity === 'error').length;
	console.log(`\n${errors} error(s), ${findings.length - errors} warning(s)`);
	return errors > 0 ? 1 : 0;
}

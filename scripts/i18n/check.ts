/**
 * `npm run check`: every content and string problem an editor should fix, with file and line. Errors
 * (exit code 1) break the English site; warnings are translations that will fall back, or smells.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { withoutContentExtension } from '../../src/content-model/content-format.ts';
import { imageReadability, missingReferenceMessage, resolvePageImages, unreadableImageMessage } from '../../src/content-model/content-images.ts';
import { readDocumentSet } from '../../src/content-model/document-set.ts';
import { resolveLink, type SiteLinkTargets } from '../../src/content-model/link-resolver.ts';
import { formatProblem, type ContentProblem } from '../../src/content-model/problems.ts';
import { literalMarkupWarnings } from '../../src/content-model/translation-checks.ts';
import { checkSourceSvgs, svgProblemText } from '../../src/security/svg-integration.ts';
import type { Locale, LocaleRegistry } from '../../src/i18n/registry.ts';
import { parseContentId } from '../../src/i18n/routing.ts';
import { flattenUiStrings } from '../../src/i18n/ui-checks.ts';
import { checkUiContext, UI_CONTEXT_SUFFIX } from '../../src/i18n/ui-context.ts';
import { lineOfJsonKey, validateUiResources } from '../../src/i18n/ui-resources.ts';

interface Finding extends ContentProblem {
	severity: 'error' | 'warning';
}

export async function collectFindings(root: string, registry: LocaleRegistry): Promise<Finding[]> {
	const findings: Finding[] = [];
	// The documents the build reads, with the same verdicts: each file is read and parsed once.
	const set = await readDocumentSet({ root, registry });
	const files = [...set.documents.keys(), ...set.leftOut.keys()];
	for (const refused of set.refused) findings.push({ severity: 'warning', file: refused.file, message: `${refused.reason}; it is not built` });
	// SVG is active content: what publishing would remove from each (the build says the same once).
	for (const check of await checkSourceSvgs(root, ['content', 'public']))
		findings.push({ severity: check.error ? 'error' : 'warning', file: check.file, message: svgProblemText(check) });
	const slugsByLocale = new Map<string, Set<string>>();
	for (const file of files) {
		const { localeFolder, slug } = parseContentId(withoutContentExtension(file));
		slugsByLocale.set(localeFolder, (slugsByLocale.get(localeFolder) ?? new Set()).add(slug));
	}
	const sourceSlugs = slugsByLocale.get(registry.source.tag) ?? new Set<string>();
	const pageExists = (locale: Locale, slug: string) => sourceSlugs.has(slug) || (slugsByLocale.get(locale.tag)?.has(slug) ?? false);
	// The import judges links with the same resolver (src/content-model/link-resolver.ts).
	const linkTargets: SiteLinkTargets = { registry, hasPage: pageExists, hasPublicFile: (rootPath) => existsSync(path.join(root, 'public', rootPath)) };

	// Translations that will fall back to English: warnings, with the same checks the build runs.
	for (const folder of set.unknownLocaleFolders)
		findings.push({ severity: 'warning', file: `content/${folder}/`, message: 'not a registered locale; not built' });
	for (const problems of set.leftOut.values())
		for (const problem of problems) findings.push({ severity: 'warning', ...problem, message: `${problem.message} (the page falls back to English)` });
	// Built, with something to fix: an English target the translation fixed, markup of an older English (served as outdated).
	for (const problems of set.warnings.values()) for (const problem of problems) findings.push({ severity: 'warning', ...problem });

	// Content variables (content/<locale>/variables.yml): English breaks pages, a translation falls back.
	for (const [tag, table] of set.variables.tables)
		for (const problem of table.problems)
			findings.push(
				tag === registry.source.tag
					? { severity: 'error', ...problem }
					: { severity: 'warning', ...problem, message: `${problem.message} (its values fall back along the locale's chain)` },
			);

	const unreadable = imageReadability(root);
	for (const [key, document] of set.documents) {
		const locale = registry.get(document.localeFolder);
		const relative = document.file;
		if (locale.isSource) for (const problem of [...document.problems, ...document.dropped]) findings.push({ severity: 'error', ...problem });
		// Unknown variables and template code: errors in English, warnings in a translation (once, where its
		// source does not have the same template code).
		const severity = locale.isSource ? 'error' : 'warning';
		if (!set.leftOut.has(key)) {
			for (const problem of document.unknownVariables) findings.push({ severity, ...problem });
			const inSource = new Set(locale.isSource ? [] : (set.sourceOf(key)?.templateCode.map((problem) => problem.message) ?? []));
			for (const problem of document.templateCode) if (!inSource.has(problem.message)) findings.push({ severity, ...problem });
			// Markup a reader would see as text (`<a href="…”>`), found on the parsed tree.
			if (!locale.isSource) for (const problem of literalMarkupWarnings(document, set.sourceOf(key))) findings.push({ severity: 'warning', ...problem });
		}
		for (const notice of set.ownNotices(document)) findings.push({ severity: 'warning', ...notice });
		if (!document.rendered) continue;
		// Images and files the page loads, in every form (Markdown, <img>, Figure; relative or root path), once:
		// a translation's are its English source's (the translation checks hold it to them).
		// Links to files (`[the poster](../images/poster.png)`) too, as the build publishes them. A damaged image
		// is an error as the build reports it (the page is built without it).
		if (locale.isSource)
			for (const image of resolvePageImages(root, document, { contentDir: set.contentDir })) {
				const reason = image.file && (await unreadable(image.file));
				if (!image.file || reason)
					findings.push({
						severity: 'error',
						file: relative,
						line: image.line,
						column: image.column,
						message:
							image.file && reason
								? unreadableImageMessage(image.written, image.file, reason)
								: missingReferenceMessage(document, image.written, set.contentDir),
					});
			}
		for (const { value: url, ...position } of document.links) {
			const link = resolveLink(url, linkTargets);
			if (link.kind === 'file' && !link.found)
				findings.push({ severity: 'error', file: relative, ...position, message: `image or file ${link.path} is missing from public/` });
			if (link.kind === 'dead') findings.push({ severity: 'error', file: relative, ...position, message: `link to ${url} ${link.reason}` });
			if (link.kind !== 'page') continue;
			// Links to English pages are localised when the page renders; a link into a third locale is not.
			if (!locale.isSource && link.locale.tag !== locale.tag && !link.locale.isSource && pageExists(locale, link.slug)) {
				const rest = link.path.split('/').slice(2).filter(Boolean);
				findings.push({
					severity: 'warning',
					file: relative,
					...position,
					message: `links to the ${link.locale.tag} page ${url}; /${locale.segment}/${rest.join('/')}${rest.length ? '/' : ''} exists`,
				});
			}
		}
	}

	// UI strings, with the build's own validation (src/i18n/ui-resources.ts). The build falls back for a bad
	// translated string; here a wrong placeholder, markup, a non-string or bad nesting is an error to fix.
	const ui = validateUiResources(path.join(root, 'locales'), registry, root);
	for (const finding of ui.findings) {
		const smell = finding.kind === 'unknown-key' || finding.kind === 'plural-form' || finding.kind === 'refused';
		findings.push({ severity: finding.severity === 'error' || !smell ? 'error' : 'warning', file: finding.file, line: finding.line, message: finding.message });
	}
	// Every English UI string is described for translators (locales/en/<namespace>.context.json).
	for (const [namespace, strings] of Object.entries(ui.resources[registry.source.tag] ?? {})) {
		const file = `locales/${registry.source.tag}/${namespace}${UI_CONTEXT_SUFFIX}`;
		const text = existsSync(path.join(root, file)) ? readFileSync(path.join(root, file), 'utf8') : undefined;
		const englishFile = `locales/${registry.source.tag}/${namespace}.json`;
		const englishText = readFileSync(path.join(root, englishFile), 'utf8');
		const english = { file: englishFile, lineOf: (key: string) => lineOfJsonKey(englishText, key) };
		for (const problem of checkUiContext(file, text, flattenUiStrings(strings).keys(), english)) findings.push({ severity: 'error', ...problem });
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

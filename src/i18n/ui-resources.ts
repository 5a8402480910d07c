/**
 * Reads `locales/<tag>/<namespace>.json` and validates it, for the site build, the offline packs and
 * `npm run check` alike. English is the source of every string, so a broken English file stops the build.
 * A translated string that fails the checks (placeholders, markup, a non-string value, `$t()` nesting
 * English does not have, a cycle, growth over the length limit) is dropped on its own, with a warning naming
 * file, line and key, and i18next falls back along the chain for it.
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { findNodeAtLocation, parseTree } from 'jsonc-parser';
import { listFiles } from '../security/content-files.ts';
import { pseudoStrings } from './pseudo-text.ts';
import type { LocaleRegistry } from './registry.ts';
import { isUiContextFile } from './ui-context.ts';
import { checkNesting, checkUiTranslation, flattenUiStrings, MAX_UI_DEPTH, nestedKeys, nestsDeeperThan, type UiIssueKind } from './ui-checks.ts';
import type { UiResources } from './ui.ts';
import { traceModel } from '../build/build-trace.ts';
import { byCodeUnits } from '../build/reproducible-order.ts';

export class UiResourceError extends Error {
	override name = 'UiResourceError';
}

export interface UiFinding {
	severity: 'error' | 'warning';
	/** Relative to the project root. */
	file: string;
	line?: number | undefined;
	key?: string | undefined;
	kind: UiIssueKind | 'refused';
	message: string;
}

export interface ValidatedUiResources {
	resources: UiResources;
	findings: UiFinding[];
}

/** The line of a dotted key in a JSON file, for messages. */
export function lineOfJsonKey(text: string, key: string): number | undefined {
	const tree = parseTree(text);
	const node = tree && findNodeAtLocation(tree, key.split('.'));
	const offset = node?.parent?.offset ?? node?.offset;
	return offset === undefined ? undefined : text.slice(0, offset).split('\n').length;
}

function deleteKey(strings: Record<string, unknown>, key: string): void {
	const parts = key.split('.');
	let node: unknown = strings;
	for (const part of parts.slice(0, -1)) node = (node as Record<string, unknown> | undefined)?.[part];
	if (node && typeof node === 'object') delete (node as Record<string, unknown>)[parts.at(-1)!];
}

/** The string i18next would use for `key` in a locale (its plural forms count as one, the longest). */
function resolver(chain: readonly Map<string, string>[]) {
	return (key: string): string | undefined => {
		for (const strings of chain) {
			const forms = [strings.get(key), ...[...strings].filter(([candidate]) => candidate.startsWith(`${key}_`)).map(([, value]) => value)].filter(
				(value): value is string => typeof value === 'string' && value.trim() !== '',
			);
			if (forms.length > 0) return forms.reduce((longest, value) => (value.length > longest.length ? value : longest));
		}
		return undefined;
	};
}

export function validateUiResources(localesDir: string, registry: LocaleRegistry, root = path.dirname(localesDir)): ValidatedUiResources {
	traceModel('ui-strings', path.relative(root, localesDir));
	const resources: UiResources = {};
	const findings: UiFinding[] = [];
	const relative = (...parts: string[]) =>
		path
			.relative(root, path.join(localesDir, ...parts))
			.split(path.sep)
			.join('/');
	let folders;
	try {
		folders = readdirSync(localesDir, { withFileTypes: true });
	} catch {
		return { resources, findings };
	}
	const texts = new Map<string, Map<string, string>>();
	for (const folder of folders.sort(byCodeUnits((folder) => folder.name))) {
		if (folder.isSymbolicLink()) {
			findings.push({
				severity: 'warning',
				file: relative(folder.name),
				kind: 'refused',
				message: 'is a symbolic link; links are not followed, its strings are ignored',
			});
			continue;
		}
		if (!folder.isDirectory()) continue;
		const locale = registry.byTag(folder.name);
		if (!locale) {
			findings.push({
				severity: 'warning',
				file: `${relative(folder.name)}/`,
				kind: 'refused',
				message: 'is not a registered locale; its strings are ignored',
			});
			continue;
		}
		const listing = listFiles(path.join(localesDir, folder.name), { root, extensions: ['.json'], maxDepth: 0 });
		for (const refused of listing.refused)
			findings.push({
				severity: locale.isSource ? 'error' : 'warning',
				file: refused.file,
				kind: 'refused',
				message: `${refused.reason}; its strings are ignored`,
			});
		texts.set(
			locale.tag,
			new Map(
				listing.files
					.filter((file) => !isUiContextFile(file))
					.map((file) => [file.slice(0, -'.json'.length), readFileSync(path.join(localesDir, folder.name, file), 'utf8')]),
			),
		);
	}

	const source = registry.source;
	const sourceTexts = texts.get(source.tag) ?? new Map<string, string>();
	for (const [namespace, text] of sourceTexts) {
		const file = relative(source.tag, `${namespace}.json`);
		let strings: unknown;
		try {
			strings = JSON.parse(text);
		} catch (error) {
			findings.push({ severity: 'error', file, kind: 'invalid-file', message: `not valid JSON (${(error as Error).message})` });
			continue;
		}
		if (!strings || typeof strings !== 'object' || Array.isArray(strings)) {
			findings.push({ severity: 'error', file, kind: 'invalid-file', message: 'expected an object of strings' });
			continue;
		}
		if (nestsDeeperThan(strings, MAX_UI_DEPTH)) {
			findings.push({ severity: 'error', file, kind: 'invalid-file', message: `nests more than ${MAX_UI_DEPTH} levels deep` });
			continue;
		}
		const problems: string[] = [];
		flattenUiStrings(strings, '', new Map(), problems);
		for (const message of problems) {
			const key = message.split(':')[0];
			findings.push({ severity: 'error', file, line: key ? lineOfJsonKey(text, key) : undefined, key, kind: 'not-a-string', message });
		}
		(resources[source.tag] ??= {})[namespace] = strings as Record<string, unknown>;
	}

	// A pseudo-locale's strings are made from English, never read from a file.
	for (const locale of registry.all.filter((candidate) => candidate.pseudo)) {
		for (const [namespace, strings] of Object.entries(resources[source.tag] ?? {}))
			(resources[locale.tag] ??= {})[namespace] = pseudoStrings(strings, locale.tag, locale.pseudo!);
	}

	for (const locale of registry.all.filter((candidate) => !candidate.isSource && !candidate.pseudo)) {
		for (const [namespace, text] of texts.get(locale.tag) ?? []) {
			const file = relative(locale.tag, `${namespace}.json`);
			const sourceText = sourceTexts.get(namespace);
			if (sourceText === undefined) {
				findings.push({
					severity: 'warning',
					file,
					kind: 'unknown-key',
					message: `there is no ${relative(source.tag, `${namespace}.json`)}; its strings are ignored`,
				});
				continue;
			}
			const checked = checkUiTranslation(text, sourceText, locale.tag);
			for (const issue of checked.issues) {
				findings.push({
					severity: 'warning',
					file,
					line: issue.key ? lineOfJsonKey(text, issue.key) : undefined,
					key: issue.key,
					kind: issue.kind,
					message: issue.message,
				});
			}
			if (checked.usable) (resources[locale.tag] ??= {})[namespace] = checked.usable;
		}
	}

	// `$t()` nesting, per locale, as i18next would resolve it: English must be sound; a translation's own
	// strings that make a key cycle or grow too far are dropped, with every string that key reaches.
	for (const locale of registry.all) {
		for (const namespace of sourceTexts.keys()) {
			const chain = () => locale.fallbackChain.map((tag) => flattenUiStrings(resources[tag]?.[namespace] ?? {}));
			for (let round = 0; round < 10; round++) {
				const flats = chain();
				const resolve = resolver(flats);
				const problems = checkNesting(flats[0]!.keys(), resolve);
				if (problems.length === 0) break;
				const file = relative(locale.tag, `${namespace}.json`);
				const text = texts.get(locale.tag)?.get(namespace) ?? '';
				for (const problem of problems) {
					findings.push({
						severity: locale.isSource ? 'error' : 'warning',
						file,
						line: lineOfJsonKey(text, problem.key),
						key: problem.key,
						kind: 'nesting',
						message: problem.message,
					});
				}
				if (locale.isSource) break;
				const own = resources[locale.tag]?.[namespace];
				if (!own) break;
				const reach = (key: string, seen: Set<string>) => {
					if (seen.has(key)) return;
					seen.add(key);
					for (const nested of nestedKeys(resolve(key) ?? '')) reach(nested, seen);
				};
				const dropped = new Set<string>();
				for (const problem of problems) reach(problem.key, dropped);
				for (const key of flats[0]!.keys()) if ([...dropped].some((base) => key === base || key.startsWith(`${base}_`))) deleteKey(own, key);
			}
		}
	}
	return { resources, findings };
}

export function formatUiFinding(finding: UiFinding): string {
	return `${finding.file}${finding.line ? `:${finding.line}` : ''}: ${finding.message}`;
}

/** Validated resources for a build: English errors throw, translation problems are warned about once each. */
export function loadUiResources(localesDir: string, registry: LocaleRegistry, warn: (message: string) => void = console.warn): UiResources {
	return usableUiResources(validateUiResources(localesDir, registry), registry, warn);
}

/**
 * The resources a build uses, from one validation (the project scan's): English errors throw, each
 * translation problem is warned about once, with the string i18next uses instead (`warn` is told the
 * finding's locale folder, so a shard can leave the other shards' locales to them).
 */
export function usableUiResources(
	{ resources, findings }: ValidatedUiResources,
	registry: LocaleRegistry,
	warn: (message: string, localeFolder: string) => void,
): UiResources {
	const errors = findings.filter((finding) => finding.severity === 'error');
	if (errors.length > 0) throw new UiResourceError(errors.map(formatUiFinding).join('\n'));
	for (const finding of findings) {
		const folder = finding.file.split('/')[1] ?? '';
		const locale = registry.byTag(folder);
		const fallback = finding.key && locale ? `; ${locale.tag} uses the ${locale.fallbackChain[1]} string instead` : '';
		warn(`[glossa] warning: ${formatUiFinding(finding)}${fallback}`, folder);
	}
	return resources;
}

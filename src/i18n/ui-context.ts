/**
 * What translators are told about each English UI string: `locales/en/<namespace>.context.json` beside
 * `<namespace>.json`. i18next never reads it (it is not a namespace); the Crowdin upload sends each entry as
 * the string's context in Crowdin, and `npm run check` fails on an English key without one.
 *
 * Keys are dotted paths; a plural key is written once, without its `_one`/`_other` suffix.
 */
import { findNodeAtLocation, parseTree } from 'jsonc-parser';
import { PLURAL_SUFFIX } from './ui-checks.ts';

export const UI_CONTEXT_SUFFIX = '.context.json';

export interface UiStringContext {
	/** Where the string appears and what its placeholders mean. */
	context: string;
	/** Longest translation the layout holds (buttons, labels); Crowdin warns translators beyond it. */
	maxLength?: number | undefined;
}

export interface UiNamespaceContext {
	/** What the namespace is for, sent as the Crowdin file's context. */
	namespace: string;
	strings: Map<string, UiStringContext>;
}

export interface UiContextProblem {
	file: string;
	line?: number | undefined;
	key?: string | undefined;
	message: string;
}

export function isUiContextFile(name: string): boolean {
	return name.endsWith(UI_CONTEXT_SUFFIX);
}

export function uiContextFileFor(namespaceFile: string): string {
	return namespaceFile.replace(/\.json$/, UI_CONTEXT_SUFFIX);
}

/** The context entry that describes a string key (a plural form is described by its base key). */
export function contextKeyOf(key: string): string {
	return key.replace(PLURAL_SUFFIX, '');
}

function lineAt(text: string, offset: number | undefined): number | undefined {
	return offset === undefined ? undefined : text.slice(0, offset).split('\n').length;
}

export function parseUiContext(file: string, text: string): { context: UiNamespaceContext; problems: UiContextProblem[] } {
	const problems: UiContextProblem[] = [];
	const context: UiNamespaceContext = { namespace: '', strings: new Map() };
	let parsed: unknown;
	try {
		parsed = JSON.parse(text);
	} catch (error) {
		problems.push({ file, message: `not valid JSON (${(error as Error).message})` });
		return { context, problems };
	}
	const tree = parseTree(text);
	const lineOf = (...location: string[]) => lineAt(text, tree && findNodeAtLocation(tree, location)?.parent?.offset);
	const root = (parsed ?? {}) as { namespace?: unknown; strings?: unknown };
	if (typeof root.namespace === 'string' && root.namespace.trim() !== '') context.namespace = root.namespace.trim();
	else problems.push({ file, line: 1, message: '`namespace` is missing: add `"namespace": "what these strings are for"`' });
	if (!root.strings || typeof root.strings !== 'object' || Array.isArray(root.strings)) {
		problems.push({ file, line: 1, message: '`strings` is missing: add `"strings": { "<key>": { "context": "where it appears" } }`' });
		return { context, problems };
	}
	for (const [key, value] of Object.entries(root.strings)) {
		const entry = (value ?? {}) as { context?: unknown; maxLength?: unknown };
		const line = lineOf('strings', key);
		if (typeof entry.context !== 'string' || entry.context.trim() === '') {
			problems.push({ file, line, key, message: `${key}: \`context\` must be a sentence saying where the string appears` });
			continue;
		}
		if (entry.maxLength !== undefined && !(Number.isInteger(entry.maxLength) && (entry.maxLength as number) > 0)) {
			problems.push({ file, line, key, message: `${key}: \`maxLength\` must be a whole number of characters` });
			continue;
		}
		context.strings.set(key, { context: entry.context.trim(), maxLength: entry.maxLength as number | undefined });
	}
	return { context, problems };
}

/** Problems for `npm run check`: English keys with no context, and context for keys that do not exist. */
export function checkUiContext(
	file: string,
	text: string | undefined,
	englishKeys: Iterable<string>,
	english?: { file: string; lineOf: (key: string) => number | undefined },
): UiContextProblem[] {
	const hint = `add it to ${file}`;
	const where = (key: string) => {
		const line = english?.lineOf(key);
		return english ? ` (${english.file}${line ? `:${line}` : ''})` : '';
	};
	const keys = [...englishKeys];
	if (text === undefined) {
		return keys.length === 0
			? []
			: [{ file, message: `is missing: every English UI string needs a description for translators (${keys.length} keys); create it` }];
	}
	const { context, problems } = parseUiContext(file, text);
	const described = new Set<string>();
	for (const key of keys) {
		const base = contextKeyOf(key);
		if (described.has(base)) continue;
		described.add(base);
		if (!context.strings.has(base)) problems.push({ file, key: base, message: `${base}${where(key)} has no context for translators; ${hint}` });
	}
	const tree = parseTree(text);
	for (const key of context.strings.keys()) {
		if (!described.has(key))
			problems.push({
				file,
				key,
				line: lineAt(text, tree && findNodeAtLocation(tree, ['strings', key])?.parent?.offset),
				message: `${key}: describes a key that is not in the English strings; remove it or fix its name`,
			});
	}
	return problems;
}

/** The text Crowdin shows translators for one string key. */
export function crowdinStringContext(key: string, entry: UiStringContext | undefined): string {
	const form = key.match(PLURAL_SUFFIX)?.[0]?.slice(1);
	const base = entry?.context ?? '';
	return form ? `${base}${base ? ' ' : ''}(Plural form "${form}".)` : base;
}

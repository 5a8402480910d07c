/**
 * Validation of a translated i18next JSON file against the English one: only English keys (plural
 * variants allowed per the locale's CLDR categories), the same {{placeholders}}, no markup, and empty
 * strings dropped so i18next falls back.
 */

export type UiIssueKind = 'unknown-key' | 'plural-form' | 'placeholder' | 'markup' | 'not-a-string' | 'too-long' | 'nesting' | 'invalid-file';

/** A tag, a closing tag or a comment: what an English string without markup must not gain. */
const MARKUP = /<\s*(?:[/!]\s*)?[a-z!-]/i;

/** Deeper than any UI-string file needs; deeper JSON would exhaust the stack of every walk over it. */
export const MAX_UI_DEPTH = 16;

/** Whether JSON `value` nests objects or arrays more than `max` levels deep (walked without recursion). */
export function nestsDeeperThan(value: unknown, max: number): boolean {
	const stack: [unknown, number][] = [[value, 0]];
	while (stack.length > 0) {
		const [node, depth] = stack.pop()!;
		if (!node || typeof node !== 'object') continue;
		if (depth >= max) return true;
		for (const child of Object.values(node)) stack.push([child, depth + 1]);
	}
	return false;
}

/** Longer than any UI string needs to be; also what one string may grow to through `$t()` nesting. */
export const MAX_UI_STRING_LENGTH = 2000;

export interface UiIssue {
	/** Dotted key, or undefined for problems with the whole file. */
	key?: string | undefined;
	kind: UiIssueKind;
	message: string;
}

export interface UiCheckResult {
	problems: string[];
	issues: UiIssue[];
	/** The translation with empty strings removed; undefined when anything in it is wrong (Crowdin downloads refuse it). */
	cleaned?: Record<string, unknown> | undefined;
	/** Only the strings that passed, for the build: each bad string falls back along the chain on its own. */
	usable?: Record<string, unknown> | undefined;
	droppedEmpty: number;
}

export const PLURAL_SUFFIX = /_(zero|one|two|few|many|other)$/;

type Flat = Map<string, string>;

function flatten(value: unknown, prefix = '', into: Flat = new Map(), problems: string[] = []): Flat {
	if (typeof value === 'string') {
		into.set(prefix, value);
	} else if (value && typeof value === 'object' && !Array.isArray(value)) {
		for (const [key, child] of Object.entries(value)) flatten(child, prefix ? `${prefix}.${key}` : key, into, problems);
	} else {
		problems.push(`${prefix || '(root)'}: expected a string or an object of strings`);
	}
	return into;
}

/** Placeholder names in a string: `{{count, number}}` -> `count`; `$t(key)` nesting counts too. */
export function placeholders(text: string): string[] {
	// Each part of the expressions takes characters the next cannot (no name holds a brace, no key a
	// parenthesis), so a string of `{{` or `$t(` runs in one pass: the earlier `\s*-?\s*…[^}]*` took 3 s on
	// 2,000 characters of a translated UI string.
	const names = [...text.matchAll(/\{\{\s*(?:-\s*)?([^,{}\s]+)(?:[,\s][^{}]*)?\}\}/g)].map((match) => match[1]!);
	const nested = [...text.matchAll(/\$t\(([^()]+)\)/g)].map((match) => `$t(${match[1]!.trim()})`);
	return [...new Set([...names, ...nested])].sort();
}

function pluralBase(key: string): { base: string; category: string } | undefined {
	const match = PLURAL_SUFFIX.exec(key);
	return match ? { base: key.slice(0, -match[0].length), category: match[1]! } : undefined;
}

function unflatten(flat: Iterable<[string, string]>): Record<string, unknown> {
	const root: Record<string, unknown> = {};
	for (const [key, value] of flat) {
		const parts = key.split('.');
		let node = root;
		for (const part of parts.slice(0, -1)) node = (node[part] ??= {}) as Record<string, unknown>;
		node[parts.at(-1)!] = value;
	}
	return root;
}

export function checkUiTranslation(translationText: string, sourceText: string, localeTag: string): UiCheckResult {
	let translation: unknown;
	let source: unknown;
	try {
		source = JSON.parse(sourceText);
	} catch (error) {
		const message = `the English file is not valid JSON: ${(error as Error).message}`;
		return { problems: [message], issues: [{ kind: 'invalid-file', message }], droppedEmpty: 0 };
	}
	try {
		translation = JSON.parse(translationText);
	} catch (error) {
		const message = `not valid JSON: ${(error as Error).message}`;
		return { problems: [message], issues: [{ kind: 'invalid-file', message }], droppedEmpty: 0 };
	}
	const issues: UiIssue[] = [];
	const report = (kind: UiIssueKind, key: string | undefined, message: string) => issues.push({ kind, key, message });
	if (!translation || typeof translation !== 'object' || Array.isArray(translation)) {
		return { problems: ['expected an object of strings'], issues: [{ kind: 'invalid-file', message: 'expected an object of strings' }], droppedEmpty: 0 };
	}
	if (nestsDeeperThan(translation, MAX_UI_DEPTH) || nestsDeeperThan(source, MAX_UI_DEPTH)) {
		const message = `nests more than ${MAX_UI_DEPTH} levels deep`;
		return { problems: [message], issues: [{ kind: 'invalid-file', message }], droppedEmpty: 0 };
	}
	const sourceFlat = flatten(source);
	const typeProblems: string[] = [];
	const translationFlat = flatten(translation, '', new Map(), typeProblems);
	for (const message of typeProblems) report('not-a-string', message.split(':')[0], message);
	const categories = new Set<string>(new Intl.PluralRules(localeTag).resolvedOptions().pluralCategories);
	const sourcePluralBases = new Map<string, string>();
	for (const key of sourceFlat.keys()) {
		const plural = pluralBase(key);
		if (plural) sourcePluralBases.set(plural.base, sourceFlat.get(`${plural.base}_other`) ?? sourceFlat.get(key)!);
	}

	const kept: Flat = new Map();
	let droppedEmpty = 0;
	for (const [key, value] of translationFlat) {
		let sourceValue = sourceFlat.get(key);
		const plural = pluralBase(key);
		if (sourceValue === undefined && plural && sourcePluralBases.has(plural.base)) {
			if (!categories.has(plural.category)) {
				report('plural-form', key, `${key}: "${plural.category}" is not a plural form of ${localeTag} (it has ${[...categories].join(', ')})`);
				continue;
			}
			sourceValue = sourcePluralBases.get(plural.base);
		} else if (sourceValue !== undefined && plural && !categories.has(plural.category)) {
			report('plural-form', key, `${key}: "${plural.category}" is not a plural form of ${localeTag} (it has ${[...categories].join(', ')})`);
			continue;
		}
		if (sourceValue === undefined) {
			report('unknown-key', key, `${key}: not a key of the English file`);
			continue;
		}
		if (value.trim() === '') {
			droppedEmpty++;
			continue;
		}
		const expected = placeholders(sourceValue);
		const actual = placeholders(value);
		// A plural form may spell its number out ("ملفان", two files), so only it may leave {{count}} out.
		const missing = expected.filter((name) => !actual.includes(name) && !(plural && name === 'count'));
		const extra = actual.filter((name) => !expected.includes(name));
		let ok = true;
		if (missing.length > 0 || extra.length > 0) {
			report('placeholder', key, `${key}: placeholders {{${actual.join(', ') || '-'}}} differ from English {{${expected.join(', ') || '-'}}}`);
			ok = false;
		}
		if (MARKUP.test(value) && !MARKUP.test(sourceValue)) {
			report('markup', key, `${key}: contains markup the English string does not have`);
			ok = false;
		}
		if (value.length > MAX_UI_STRING_LENGTH) {
			report('too-long', key, `${key}: is ${value.length} characters long, over the ${MAX_UI_STRING_LENGTH}-character limit for a UI string`);
			ok = false;
		}
		if (ok) kept.set(key, value);
	}
	const problems = issues.map((issue) => issue.message);
	const usable = unflatten(kept);
	return problems.length > 0 ? { problems, issues, usable, droppedEmpty } : { problems, issues, cleaned: usable, usable, droppedEmpty };
}

/** The keys a string nests with `$t(key)` or `$t(key, {options})`. */
export function nestedKeys(text: string): string[] {
	return [...text.matchAll(/\$t\(\s*([^,)\s]+)/g)].map((match) => match[1]!);
}

export interface NestingProblem {
	key: string;
	message: string;
}

/**
 * Checks `$t()` nesting without running it: a cycle, or a string that would grow over
 * `MAX_UI_STRING_LENGTH` once its nested strings are put in. `resolve(key)` is the string i18next would use
 * for the key in this locale (its own or a fallback); every key it can reach is judged.
 */
export function checkNesting(keys: Iterable<string>, resolve: (key: string) => string | undefined): NestingProblem[] {
	const problems: NestingProblem[] = [];
	const length = new Map<string, number>();
	const visiting = new Set<string>();
	const expand = (key: string, path: string[]): number => {
		const known = length.get(key);
		if (known !== undefined) return known;
		if (visiting.has(key)) throw new NestingCycle([...path.slice(path.indexOf(key)), key]);
		const text = resolve(key);
		if (text === undefined) return 0;
		visiting.add(key);
		try {
			let total = text.length;
			for (const nested of nestedKeys(text)) total = Math.min(Number.MAX_SAFE_INTEGER, total + expand(nested, [...path, key]));
			length.set(key, total);
			return total;
		} finally {
			visiting.delete(key);
		}
	};
	for (const key of keys) {
		try {
			const total = expand(key, []);
			if (total > MAX_UI_STRING_LENGTH)
				problems.push({ key, message: `${key}: grows to ${total} characters through $t() nesting, over the ${MAX_UI_STRING_LENGTH}-character limit` });
		} catch (error) {
			if (!(error instanceof NestingCycle)) throw error;
			length.set(key, Number.MAX_SAFE_INTEGER);
			problems.push({ key, message: `${key}: $t() nesting goes round in a cycle (${error.cycle.join(' → ')})` });
		}
	}
	return problems;
}

class NestingCycle extends Error {
	readonly cycle: string[];

	constructor(cycle: string[]) {
		super(cycle.join(' → '));
		this.cycle = cycle;
	}
}

export { flatten as flattenUiStrings, unflatten as unflattenUiStrings };

/**
 * Validation of a translated i18next JSON file against the English one: only English keys (plural
 * variants allowed per the locale's CLDR categories), the same {{placeholders}}, no markup, and empty
 * strings dropped so i18next falls back.
 */

export type UiIssueKind = 'unknown-key' | 'plural-form' | 'placeholder' | 'markup' | 'not-a-string' | 'invalid-file';

export interface UiIssue {
	/** Dotted key, or undefined for problems with the whole file. */
	key?: string | undefined;
	kind: UiIssueKind;
	message: string;
}

export interface UiCheckResult {
	problems: string[];
	issues: UiIssue[];
	/** The translation with empty strings removed; undefined when the file is unusable. */
	cleaned?: Record<string, unknown> | undefined;
	droppedEmpty: number;
}

const PLURAL_SUFFIX = /_(zero|one|two|few|many|other)$/;

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
	const names = [...text.matchAll(/\{\{\s*-?\s*([^,}\s]+)[^}]*\}\}/g)].map((match) => match[1]!);
	const nested = [...text.matchAll(/\$t\(([^)]+)\)/g)].map((match) => `$t(${match[1]!.trim()})`);
	return [...new Set([...names, ...nested])].sort();
}

function pluralBase(key: string): { base: string; category: string } | undefined {
	const match = PLURAL_SUFFIX.exec(key);
	return match ? { base: key.slice(0, -match[0].length), category: match[1]! } : undefined;
}

function unflatten(flat: Flat): Record<string, unknown> {
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
		if (missing.length > 0 || extra.length > 0) {
			report('placeholder', key, `${key}: placeholders {{${actual.join(', ') || '-'}}} differ from English {{${expected.join(', ') || '-'}}}`);
		}
		if (/<\s*\/?\s*[a-z]/i.test(value) && !/<\s*\/?\s*[a-z]/i.test(sourceValue))
			report('markup', key, `${key}: contains markup the English string does not have`);
		kept.set(key, value);
	}
	const problems = issues.map((issue) => issue.message);
	return problems.length > 0 ? { problems, issues, droppedEmpty } : { problems, issues, cleaned: unflatten(kept), droppedEmpty };
}

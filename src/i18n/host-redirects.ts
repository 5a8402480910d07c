/**
 * The language choice at `/`, for hosts that can make it before the page loads: rules derived from the same
 * table the page's script reads (`buildLocaleTable`, src/i18n/locale-table.ts), one language range each,
 * most specific first. A host applies them to the visitor's first language: the first rule whose range is
 * that tag, or a prefix of it ending at a subtag, decides. A rule without a path leaves the visitor on `/`,
 * as does no rule at all; there the script walks the visitor's other languages, as it always has. For the
 * first language the rules answer as the table does, so the host and the script never disagree.
 *
 * Written as Netlify's `_redirects` (`Language=` conditions) and as JSON for other hosts (README, "Visitors").
 */
import { likelyScript, type LocaleTable } from './locale-table.ts';
import { intlSubtags } from './subtags.ts';
import { compareCodeUnits } from '../build/reproducible-order.ts';

/** Where the build writes the rules as JSON, in dist/ (served, for the Cloudflare Pages Function). */
export const HOST_RULES_FILE = 'language-rules.json';

export interface HostLanguageRule {
	/** A lower-case language range: `zh-hant-tw`, `es-419`, `pt`. */
	range: string;
	/** Where visitors whose first language it matches go; undefined: they stay on `/`, whose script decides. */
	path: string | undefined;
}

const LETTERS = 'abcdefghijklmnopqrstuvwxyz';
const SCRIPT_SUBTAG = /^[A-Z][a-z]{3}$/;

const subtagCount = (range: string) => range.split('-').length;
const byRange = (a: string, b: string) => subtagCount(b) - subtagCount(a) || compareCodeUnits(a, b);

/** The first rule whose range is `tag` or a prefix of it ending at a subtag boundary, as hosts match them. */
export function matchingHostRule(rules: readonly HostLanguageRule[], tag: string): HostLanguageRule | undefined {
	const lower = tag.toLowerCase();
	return rules.find((rule) => lower === rule.range || lower.startsWith(`${rule.range}-`));
}

function canonical(tag: string): string | undefined {
	try {
		return Intl.getCanonicalLocales(tag)[0];
	} catch {
		return undefined;
	}
}

function likelyRegion(tag: string): string | undefined {
	try {
		return new Intl.Locale(tag).maximize().region;
	} catch {
		return undefined;
	}
}

/**
 * `scripts`: every script a browser can send (`intlSubtags`, the special codes included: a language written
 * in one matches nothing on the page, so a broader range must not send it elsewhere).
 */
export function hostLanguageRules(table: LocaleTable, scripts: readonly string[] = intlSubtags().scripts): HostLanguageRule[] {
	const pathOf = (index: number | undefined) => (index === undefined || index < 0 ? undefined : table.locales[index]?.[1]);
	const keys = new Map(Object.entries(table.table));
	const rules = new Map<string, string | undefined>([...keys].map(([key, index]) => [key, pathOf(index)]));
	const languages = [...keys.keys()].filter((key) => !key.includes('-'));
	for (const language of languages) {
		const likely = likelyScript(language);
		// The script reads `lang-Likely-REGION` as `lang-REGION`; a range `lang-likely` would not reach it.
		if (likely && !keys.has(`${language}-${likely}`))
			for (const [key, index] of keys) {
				const [keyLanguage, region, ...rest] = key.split('-');
				if (keyLanguage === language && region && !SCRIPT_SUBTAG.test(region) && rest.length === 0 && !keys.has(`${language}-${likely}-${region}`))
					rules.set(`${language}-${likely}-${region}`, pathOf(index));
			}
		// Written in a script other than its own, a language matches nothing unless the table says so; the
		// range `lang` would catch it. Only scripts CLDR places the language in elsewhere (uz-Arab in
		// Afghanistan, mn-Mong in China) get a rule: a browser sends a language's real written forms.
		if (pathOf(keys.get(language)) === undefined) continue;
		const home = likelyRegion(language);
		for (const script of scripts)
			if (script !== likely && !keys.has(`${language}-${script}`) && likelyRegion(`${language}-${script}`) !== home)
				rules.set(`${language}-${script}`, undefined);
	}
	// Legacy and three-letter codes a browser may still send (`in` for `id`, `cmn` for `zh`): read as the
	// script reads them, through their canonical form.
	const sorted = (entries: Map<string, string | undefined>) =>
		[...entries].map(([range, path]) => ({ range: range.toLowerCase(), path })).sort((a, b) => byRange(a.range, b.range));
	const canonicalRules = sorted(rules);
	for (const a of LETTERS)
		for (const b of LETTERS)
			for (const code of [`${a}${b}`, ...[...LETTERS].map((c) => `${a}${b}${c}`)]) {
				const form = canonical(code);
				if (!form || form === code || rules.has(code)) continue;
				const path = matchingHostRule(canonicalRules, form)?.path;
				if (path) rules.set(code, path);
			}
	return sorted(rules);
}

/**
 * Netlify's `_redirects`: one line per range, in the rules' order (Netlify applies the first line that
 * matches). Forced (`!`), since `/` is a file and Netlify would otherwise serve it. A range that leaves the
 * visitor on `/` is a rewrite to the page itself, so no broader range below it applies. `Vary` is Netlify's
 * own business for these conditions. Cloudflare Pages reads `_redirects` too, but ignores lines with more
 * than three fields, so these lines do nothing there (its Function does the same job, README).
 */
export function netlifyRedirects(rules: readonly HostLanguageRule[]): string {
	const lines = rules.map((rule) => (rule.path ? `/  ${rule.path}  302!  Language=${rule.range}` : `/  /index.html  200!  Language=${rule.range}`));
	return [
		'# The language choice at / before the page loads, from the table the page itself uses (src/i18n/host-redirects.ts).',
		'# Most specific range first; a visitor no line matches gets /, whose script decides.',
		...lines,
		'',
	].join('\n');
}

/** An nginx `map` from `$http_accept_language` to the path, for the visitor's first language (README, "Visitors"). */
export function nginxLanguageMap(rules: readonly HostLanguageRule[], variable = '$glossa_language_path'): string {
	const escaped = (range: string) => range.replace(/[^a-z0-9-]/g, '');
	return [
		`map $http_accept_language ${variable} {`,
		'\tdefault "";',
		...rules.map((rule) => `\t"~*^${escaped(rule.range)}(?:[-;,\\s]|$)" "${rule.path ?? ''}";`),
		'}',
		'',
	].join('\n');
}

/** The rules as JSON for other hosts (the Cloudflare Pages Function in functions/index.ts): `[range, path or null]`, in order. */
export function hostRulesJson(rules: readonly HostLanguageRule[]): string {
	return `${JSON.stringify(rules.map((rule) => [rule.range, rule.path ?? null]))}\n`;
}

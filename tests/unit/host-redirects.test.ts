/**
 * The language choice at `/` on hosts that decide before the page loads (issue #28): the rules written to
 * `dist/_redirects` (Netlify), `language-rules.json` (the Cloudflare Pages Function, functions/index.ts) and
 * the nginx map come from the table `/` carries, and answer the 266 browser tags as the full CLDR matcher does.
 */
import { describe, expect, it } from 'vitest';
import { languageRedirect, type HostRules } from '../../functions/index.ts';
import { hostLanguageRules, hostRulesJson, matchingHostRule, netlifyRedirects, nginxLanguageMap } from '../../src/i18n/host-redirects.ts';
import { buildLocaleTable } from '../../src/i18n/locale-table.ts';
import { locales } from '../../src/i18n/locales.ts';
import { negotiateLocale } from '../../src/i18n/negotiate.ts';
import { LOCALE_LOOKUP_FUNCTION } from '../../src/security/inline-scripts.ts';
import { BROWSER_TAGS } from './browser-tags.fixture.ts';

const offered = locales.listed;
const table = buildLocaleTable(
	offered.map((locale) => ({ tag: locale.tag, path: `/${locale.segment}/` })),
	locales.source.tag,
);
const rules = hostLanguageRules(table);
const pathOf = (tag: string) => `/${offered.find((locale) => locale.tag === tag)!.segment}/`;
const pickLocale = new Function(`${LOCALE_LOOKUP_FUNCTION}\nreturn glossaPickLocale;`)() as (lookup: typeof table.table, tags: readonly string[]) => number;

/** Where a visitor whose first language is `tag` ends up: the host's redirect, or `/`, whose script decides. */
function landing(hostPath: string | undefined, tag: string): string {
	if (hostPath) return hostPath;
	const picked = pickLocale(table.table, [tag]);
	return table.locales[picked >= 0 ? picked : table.fallback]![1];
}

/** Netlify's lines read back: `/  <to>  <status>  Language=<range>`, in order. */
function netlifyRules(text: string): HostRules {
	return text
		.split('\n')
		.filter((line) => line.startsWith('/'))
		.map((line) => {
			const [from, to, status, condition] = line.split(/\s+/);
			expect(from).toBe('/');
			expect(status === '302!' || (status === '200!' && to === '/index.html'), line).toBe(true);
			return [condition!.replace(/^Language=/, ''), status === '302!' ? to! : null] as const;
		});
}

/** The nginx map read back as nginx applies it: regular expressions in order, against the whole header. */
function nginxPath(map: string, acceptLanguage: string): string | undefined {
	for (const [, pattern, path] of map.matchAll(/^\t"~\*(.+)" "(.*)";$/gm)) if (new RegExp(pattern!, 'i').test(acceptLanguage)) return path || undefined;
	return undefined;
}

describe('the host rules for /', () => {
	it.each(BROWSER_TAGS)('send %s where the full CLDR matcher does, on every host', (tag) => {
		const expected = pathOf(negotiateLocale([tag], offered, locales.source).tag);
		const header = `${tag},en;q=0.5`;
		const hostPaths = {
			rules: matchingHostRule(rules, tag)?.path,
			netlify: languageRedirect(netlifyRules(netlifyRedirects(rules)), tag),
			cloudflare: languageRedirect(JSON.parse(hostRulesJson(rules)) as HostRules, header),
			nginx: nginxPath(nginxLanguageMap(rules), header),
		};
		for (const [host, hostPath] of Object.entries(hostPaths)) expect(landing(hostPath, tag), host).toBe(expected);
		// The host decides wherever the visitor's language has a page of its own.
		if (expected !== pathOf(locales.source.tag)) expect(hostPaths.rules, 'decided before the page loads').toBe(expected);
	});

	it('answer every key of the table as the page script does', () => {
		for (const key of Object.keys(table.table)) {
			const picked = pickLocale(table.table, [key]);
			const rule = matchingHostRule(rules, key);
			expect(rule?.path, key).toBe(picked >= 0 ? table.locales[picked]![1] : undefined);
		}
	});

	it('leave und-TW and und-CN to the script, which sends them to Traditional and Simplified Chinese; zh-TW comes ahead of zh', () => {
		// A host cannot read `und-TW` as its likely language (zh-Hant-TW); the page's script can.
		expect(matchingHostRule(rules, 'und-TW')).toBeUndefined();
		expect(landing(undefined, 'und-TW')).toBe('/zh-hant/');
		expect(landing(undefined, 'und-CN')).toBe('/zh-hans/');
		const lines = netlifyRedirects(rules).split('\n');
		expect(lines.indexOf('/  /zh-hant/  302!  Language=zh-tw')).toBeGreaterThan(-1);
		expect(lines.indexOf('/  /zh-hant/  302!  Language=zh-tw')).toBeLessThan(lines.indexOf('/  /zh-hans/  302!  Language=zh'));
	});

	it('leave the visitor on / when the first language has no page, so the script can try the others', () => {
		expect(
			languageRedirect(
				rules.map((rule) => [rule.range, rule.path ?? null]),
				'de-DE,ru;q=0.8',
			),
		).toBeUndefined();
		expect(
			languageRedirect(
				rules.map((rule) => [rule.range, rule.path ?? null]),
				'de-DE;q=0.5,ru;q=0.8',
			),
		).toBe('/ru/');
		expect(
			languageRedirect(
				rules.map((rule) => [rule.range, rule.path ?? null]),
				'*',
			),
		).toBeUndefined();
		expect(
			languageRedirect(
				rules.map((rule) => [rule.range, rule.path ?? null]),
				null,
			),
		).toBeUndefined();
	});
});

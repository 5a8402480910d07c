/**
 * Language choice at `/` without shipping the CLDR matcher: at build time, the same matcher that
 * `negotiateLocale` uses (`@formatjs/intl-localematcher`, best fit) is asked about every language, script
 * and region a browser can send, and the answers that matter are kept in a compact table. The page carries
 * the table and `LOCALE_LOOKUP_FUNCTION` (src/security/inline-scripts.ts), a few lines that walk the
 * visitor's languages in order and stop at the first one the table maps.
 *
 * Keys are `lang`, `lang-Script`, `lang-REGION` and `lang-Script-REGION`, looked up most specific first;
 * a key is stored only where its answer differs from what the shorter keys would give, and -1 means "no
 * locale". A script other than the language's likely one (`sr-Latn`) matches nothing unless it has a key.
 */
import { match } from '@formatjs/intl-localematcher';
import { cachedJson } from '../cache/cached-json.ts';
import { packageVersion } from '../cache/package-version.ts';
import { sha256 } from '../content-model/hash.ts';
import type { Locale } from './registry.ts';
import { localizedPath } from './routing.ts';
import { intlSubtags, type IntlSubtags } from './subtags.ts';

export interface LocaleTable {
	/** The offered locales: [tag, path]. Table values index into this list. */
	locales: [string, string][];
	table: Record<string, number>;
	/** Where a visitor goes when none of their languages is offered (the source locale). */
	fallback: number;
}

/** A locale the table can answer, and the address of its home page. */
export interface OfferedLocale {
	tag: string;
	path: string;
}

/** What the root page offers, from the listed locales: each one's home page. */
export function offeredAtRoot(listed: readonly Pick<Locale, 'tag' | 'segment'>[]): OfferedLocale[] {
	return listed.map((locale) => ({ tag: locale.tag, path: localizedPath(locale, '') }));
}

const NO_MATCH = 'und';

/** Codes for no script, common, inherited, symbols and the like (Zyyy, Zinh, Zzzz, …): no table key names them. */
const SPECIAL_SCRIPT = /^Z[a-z]{3}$/;

/** The script a language is written in when none is given (`sr` -> `Cyrl`), as the browser's Intl says. */
export function likelyScript(language: string): string | undefined {
	try {
		return new Intl.Locale(language).maximize().script;
	} catch {
		return undefined;
	}
}

/** What the full matcher answers for one tag: an offered tag, or undefined when nothing is close enough. */
export function fullMatch(tag: string, offered: readonly string[]): string | undefined {
	let canonical: string;
	try {
		canonical = Intl.getCanonicalLocales(tag)[0]!;
	} catch {
		return undefined;
	}
	const result = match([canonical], offered, NO_MATCH, { algorithm: 'best fit' });
	return result === NO_MATCH ? undefined : result;
}

/**
 * `fallback` is where a visitor goes when nothing matches (the source locale). The matcher also pairs many
 * unrelated languages with English at a large distance; the table leaves those out, which gives the same
 * page for that tag and lets a later, closer language in the visitor's list win.
 */
export function buildLocaleTable(offered: readonly OfferedLocale[], fallback: string, subtags: IntlSubtags = intlSubtags()): LocaleTable {
	const tags = offered.map((locale) => locale.tag);
	const index = new Map(tags.map((tag, position) => [tag, position]));
	const table: Record<string, number> = {};
	const fallbackLanguage = new Intl.Locale(fallback).language;
	const answer = (tag: string) => {
		const result = fullMatch(tag, tags);
		return result === fallback && new Intl.Locale(tag).language !== fallbackLanguage ? undefined : result;
	};
	const keep = (key: string, result: string | undefined, predicted: string | undefined) => {
		if (result !== predicted) table[key] = result === undefined ? -1 : index.get(result)!;
	};
	const { regions } = subtags;
	const scripts = subtags.scripts.filter((script) => !SPECIAL_SCRIPT.test(script));
	for (const language of subtags.languages) {
		const bare = answer(language);
		keep(language, bare, undefined);
		// A language no offered locale is close to stays unmatched whatever its script or region: CLDR's
		// distances between languages do not depend on them. The unit tests hold the table to the full
		// matcher on real browser tags, so a counter-example would show there. (An undetermined language,
		// `und-TW`, is read by the lookup as its likely language, `zh-Hant-TW`, so it needs no keys.)
		if (bare === undefined) continue;
		const likely = likelyScript(language);
		// Written in a script other than its own, a language matches nothing unless the table says so.
		const withScript = (script: string) => (script === likely ? bare : undefined);
		const byScript = new Map(scripts.map((script) => [script, answer(`${language}-${script}`)]));
		const byRegion = new Map(regions.map((region) => [region, answer(`${language}-${region}`)]));
		for (const [script, result] of byScript) keep(`${language}-${script}`, result, withScript(script));
		for (const [region, result] of byRegion) keep(`${language}-${region}`, result, bare);
		const distinctRegions = regions.filter((region) => byRegion.get(region) !== bare);
		for (const script of scripts.filter((candidate) => byScript.get(candidate) !== undefined)) {
			for (const region of byScript.get(script) !== bare ? regions : distinctRegions) {
				const predicted =
					`${language}-${script}` in table
						? byScript.get(script)
						: script !== likely
							? undefined
							: `${language}-${region}` in table
								? byRegion.get(region)
								: bare;
				keep(`${language}-${script}-${region}`, answer(`${language}-${script}-${region}`), predicted);
			}
		}
	}
	return { locales: offered.map((locale) => [locale.tag, locale.path]), table, fallback: index.get(fallback) ?? 0 };
}

/** Bump when `buildLocaleTable` changes what it computes. */
const TABLE_VERSION = 1;

/**
 * `buildLocaleTable`, remembered in `cacheDir` (none: computed, as with `GLOSSA_FULL=1`): asking the matcher
 * about every subtag takes about 2 s. The key is everything the table depends on: the offered locales, the
 * fallback, the matcher's version, the runtime's ICU and CLDR data (likely subtags, canonical forms), the
 * subtags asked about (their lists themselves, so a change to how they are listed is a new table) and this
 * module's version.
 */
export function cachedLocaleTable(offered: readonly OfferedLocale[], fallback: string, cacheDir: string | undefined): LocaleTable {
	const subtags = intlSubtags(cacheDir);
	if (cacheDir === undefined) return buildLocaleTable(offered, fallback, subtags);
	const matcherVersion = packageVersion('@formatjs/intl-localematcher', import.meta.url);
	const { icu, cldr, unicode } = process.versions;
	const asked = sha256(JSON.stringify(subtags));
	return cachedJson(cacheDir, 'locale-table', { offered, fallback, matcherVersion, icu, cldr, unicode, asked, TABLE_VERSION }, () =>
		buildLocaleTable(offered, fallback, subtags),
	);
}

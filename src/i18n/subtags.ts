/**
 * Every language, script and region subtag a browser can send, as this runtime's Intl knows them: the
 * locale table (`locale-table.ts`) asks the matcher about each, and the host rules (`host-redirects.ts`)
 * cover every script. Listing them means asking Intl for half a million names (about 0.7 s); the lists
 * depend only on the runtime's ICU and CLDR data, so a build keeps them in its cache folder, and the host
 * rules, made after the pages, read what the locale table listed.
 */
import { cachedJson } from '../cache/cached-json.ts';

export interface IntlSubtags {
	/** Two- and three-letter language subtags in canonical form (three letters only where Intl names the language). */
	languages: string[];
	/** Every script Intl can name (ISO 15924), the special codes (Zyyy, Zinh, Zzzz, …) included. */
	scripts: string[];
	/** ISO 3166 regions Intl can name, less the private-use ones, and the UN M.49 areas. */
	regions: string[];
}

/** Bump when `listSubtags` changes what it lists. */
const SUBTAGS_VERSION = 1;

const LETTERS = 'abcdefghijklmnopqrstuvwxyz';
const UPPER = LETTERS.toUpperCase();

/** Private-use and pseudo-locale regions (AA, QM–QZ, XA–XZ, ZZ), which name no place. */
const PRIVATE_REGION = /^(?:AA|Q[M-Z]|X[A-Z]|ZZ)$/;

/** Whether `code` is its own canonical form (`abk` and `iw` are not: the browser reads them as `ab`, `he`). */
function isCanonical(code: string): boolean {
	try {
		return Intl.getCanonicalLocales(code)[0] === code;
	} catch {
		return false;
	}
}

export function listSubtags(): IntlSubtags {
	const languageNames = new Intl.DisplayNames(['en'], { type: 'language', fallback: 'none' });
	const languages: string[] = [];
	for (const a of LETTERS)
		for (const b of LETTERS) {
			if (isCanonical(`${a}${b}`)) languages.push(`${a}${b}`);
			for (const c of LETTERS) {
				const code = `${a}${b}${c}`;
				if (languageNames.of(code) !== undefined && isCanonical(code)) languages.push(code);
			}
		}
	const scriptNames = new Intl.DisplayNames(['en'], { type: 'script', fallback: 'none' });
	const scripts: string[] = [];
	for (const a of UPPER)
		for (const b of LETTERS)
			for (const c of LETTERS)
				for (const d of LETTERS) {
					const code = `${a}${b}${c}${d}`;
					if (scriptNames.of(code) !== undefined) scripts.push(code);
				}
	const regionNames = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'none' });
	const regions: string[] = [];
	for (const a of UPPER) for (const b of UPPER) if (!PRIVATE_REGION.test(`${a}${b}`) && regionNames.of(`${a}${b}`) !== undefined) regions.push(`${a}${b}`);
	for (let code = 1; code < 1000; code++) {
		const area = String(code).padStart(3, '0');
		if (regionNames.of(area) !== undefined) regions.push(area);
	}
	return { languages, scripts, regions };
}

/** `listSubtags()`, kept in `cacheDir` (when given) by the runtime's ICU, CLDR and Unicode versions. */
export function intlSubtags(cacheDir?: string): IntlSubtags {
	if (cacheDir === undefined) return listSubtags();
	const { icu, cldr, unicode } = process.versions;
	return cachedJson(cacheDir, 'intl-subtags', { icu, cldr, unicode, SUBTAGS_VERSION }, listSubtags);
}

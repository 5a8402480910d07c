import type { Locale } from './registry.ts';

// Intl formatters are costly to create and a build formats the same way on thousands of pages: keep one each.
const dateFormats = new Map<string, Intl.DateTimeFormat>();
const numberFormats = new Map<string, Intl.NumberFormat>();
const languageNamesByPair = new Map<string, string | undefined>();
const languageNames = new Map<string, Intl.DisplayNames>();

/** Dates in the page's locale. Content dates are calendar days, so they are shown in UTC to never shift a day. */
export function formatDate(locale: Pick<Locale, 'tag'>, date: Date): string {
	let format = dateFormats.get(locale.tag);
	if (!format) {
		format = new Intl.DateTimeFormat(locale.tag, { dateStyle: 'long', timeZone: 'UTC' });
		dateFormats.set(locale.tag, format);
	}
	return format.format(date);
}

export function formatNumber(locale: Pick<Locale, 'tag'>, value: number): string {
	let format = numberFormats.get(locale.tag);
	if (!format) {
		format = new Intl.NumberFormat(locale.tag);
		numberFormats.set(locale.tag, format);
	}
	return format.format(value);
}

/**
 * The name of language `tag` in the language of `inLocale` ("inglés" for en, in Spanish). Kept per pair: every
 * fallback page names its content's language, and `Intl.DisplayNames.of` is slow enough to show in a rebuild
 * of 21,000 pages.
 */
export function languageName(inLocale: Pick<Locale, 'tag'>, tag: string): string | undefined {
	const key = `${inLocale.tag}\u0000${tag}`;
	if (languageNamesByPair.has(key)) return languageNamesByPair.get(key);
	let names = languageNames.get(inLocale.tag);
	if (!names) {
		names = new Intl.DisplayNames([inLocale.tag], { type: 'language' });
		languageNames.set(inLocale.tag, names);
	}
	const name = names.of(tag);
	languageNamesByPair.set(key, name);
	return name;
}

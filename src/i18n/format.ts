import type { Locale } from './registry.ts';

// Intl formatters are costly to create and a build formats the same way on thousands of pages: keep one each.
const dateFormats = new Map<string, Intl.DateTimeFormat>();
const numberFormats = new Map<string, Intl.NumberFormat>();
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

/** The name of language `tag` in the language of `inLocale` ("inglés" for en, in Spanish). */
export function languageName(inLocale: Pick<Locale, 'tag'>, tag: string): string | undefined {
	let names = languageNames.get(inLocale.tag);
	if (!names) {
		names = new Intl.DisplayNames([inLocale.tag], { type: 'language' });
		languageNames.set(inLocale.tag, names);
	}
	return names.of(tag);
}

import type { Locale } from './registry.ts';

/** Dates in the page's locale. Content dates are calendar days, so they are shown in UTC to never shift a day. */
export function formatDate(locale: Pick<Locale, 'tag'>, date: Date): string {
	return new Intl.DateTimeFormat(locale.tag, { dateStyle: 'long', timeZone: 'UTC' }).format(date);
}

export function formatNumber(locale: Pick<Locale, 'tag'>, value: number): string {
	return new Intl.NumberFormat(locale.tag).format(value);
}

import { match } from '@formatjs/intl-localematcher';
import type { Locale } from './registry.ts';

/**
 * The full CLDR matcher, as the reference for the table `/` uses (src/i18n/locale-table.ts, which asks the
 * same matcher at build time). Picks the offered locale that best serves a visitor who prefers `requested` (navigator.languages or an
 * Accept-Language list, best first), using CLDR language matching: es-MX -> es-419, zh-HK -> zh-Hant,
 * pt-PT -> pt-BR. Returns `fallback` when nothing is close enough.
 */
export function negotiateLocale<L extends Pick<Locale, 'tag'>>(requested: readonly string[], offered: readonly L[], fallback: L): L {
	const valid = requested.filter((tag) => {
		try {
			return Intl.getCanonicalLocales(tag).length > 0;
		} catch {
			return false;
		}
	});
	if (valid.length === 0) return fallback;
	const tag = match(
		valid,
		offered.map((locale) => locale.tag),
		fallback.tag,
		{ algorithm: 'best fit' },
	);
	return offered.find((locale) => locale.tag === tag) ?? fallback;
}

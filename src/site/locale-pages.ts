/** Pages that exist once per locale (404, search, the offline page) rather than once per content page. */
import { siteLocales } from './locales.ts';
import { localizedPath, type PickerOption } from '../i18n/routing.ts';
import type { Locale } from '../i18n/registry.ts';

/** `getStaticPaths` for a page built in every locale, with the locale as its prop. */
export async function everyLocalePaths(): Promise<{ params: { locale: string }; props: { locale: Locale } }[]> {
	const { registry } = await siteLocales();
	return registry.all.map((locale) => ({ params: { locale: locale.segment }, props: { locale } }));
}

/**
 * The picker on such a page: the same kind of page in every listed locale (`slug` '' is each locale's home,
 * for pages with no counterpart elsewhere).
 */
export async function localePagePickerOptions(current: Locale, slug = ''): Promise<PickerOption[]> {
	const { registry } = await siteLocales();
	return registry.all
		.filter((locale) => locale.listed || locale.tag === current.tag)
		.map((locale) => ({ locale, href: localizedPath(locale, slug), current: locale.tag === current.tag, state: 'translated' }));
}

import { siteLocales } from './locales.ts';
import { localizedPath, type PickerOption } from '../i18n/routing.ts';
import type { Locale } from '../i18n/registry.ts';

/** On a 404 page there is no "same page" elsewhere: the picker offers each locale's home. */
export async function notFoundPickerOptions(current: Locale): Promise<PickerOption[]> {
	const { registry: locales } = await siteLocales();
	return locales.all
		.filter((locale) => locale.listed || locale.tag === current.tag)
		.map((locale) => ({ locale, href: localizedPath(locale, ''), current: locale.tag === current.tag, state: 'translated' }));
}

/**
 * The site's locales: the one list every other part (routes, picker, hreflang, i18next, Crowdin) derives from.
 * To add a locale, add a line here, then `content/<tag>/` and `locales/<tag>/` as translations arrive.
 */
import { createLocaleRegistry, type LocaleDefinition } from './registry.ts';

export const SOURCE_LOCALE = 'en';

export const localeDefinitions = [
	{ tag: 'en', crowdinId: 'en', endonym: 'English', englishName: 'English' },
	{ tag: 'es-419', crowdinId: 'es-419', endonym: 'Español (Latinoamérica)', englishName: 'Spanish (Latin America)' },
	{ tag: 'pt-BR', crowdinId: 'pt-BR', endonym: 'Português (Brasil)', englishName: 'Portuguese (Brazil)' },
	{ tag: 'id', crowdinId: 'id', endonym: 'Bahasa Indonesia', englishName: 'Indonesian' },
	{ tag: 'ru', crowdinId: 'ru', endonym: 'Русский', englishName: 'Russian' },
	{ tag: 'zh-Hans', crowdinId: 'zh-CN', endonym: '简体中文', englishName: 'Chinese (Simplified)' },
	{ tag: 'zh-Hant', crowdinId: 'zh-TW', endonym: '繁體中文', englishName: 'Chinese (Traditional)' },
	{ tag: 'pl', crowdinId: 'pl', endonym: 'Polski', englishName: 'Polish' },
	{ tag: 'tr', crowdinId: 'tr', endonym: 'Türkçe', englishName: 'Turkish' },
	{ tag: 'ko', crowdinId: 'ko', endonym: '한국어', englishName: 'Korean' },
	{ tag: 'th', crowdinId: 'th', endonym: 'ไทย', englishName: 'Thai' },
	{ tag: 'uz', crowdinId: 'uz', endonym: 'Oʻzbekcha', englishName: 'Uzbek' },
	{ tag: 'ar', crowdinId: 'ar', endonym: 'العربية', englishName: 'Arabic' },
] as const satisfies readonly LocaleDefinition[];

export type LocaleTag = (typeof localeDefinitions)[number]['tag'];

export const locales = createLocaleRegistry(localeDefinitions, { source: SOURCE_LOCALE });

/**
 * The site's locales: the one list every other part (routes, picker, hreflang, i18next, Crowdin) derives from.
 * To add a locale, add a line here, then `content/<tag>/` and `locales/<tag>/` as translations arrive.
 *
 * Locales are listed once 75% of the English words are translated and current (`publish: 'auto'`, the
 * default). The partly translated demo locales were launched early on purpose (`publish: 'listed'`): their
 * readers prefer a partial translation with English fallback to no language at all. th and uz stay previews.
 */
import { pseudoText } from './pseudo-text.ts';
import { createLocaleRegistry, type LocaleDefinition } from './registry.ts';
import { glossaConfig } from '../config/glossa-config.ts';

export const SOURCE_LOCALE = 'en';

export const localeDefinitions = [
	{ tag: 'en', crowdinId: 'en', endonym: 'English', englishName: 'English' },
	{
		tag: 'es-419',
		crowdinId: 'es-419',
		endonym: 'Español (Latinoamérica)',
		englishName: 'Spanish (Latin America)',
		localPages: { 'becas-docentes': { navOrder: 7 } },
	},
	{ tag: 'pt-BR', crowdinId: 'pt-BR', endonym: 'Português (Brasil)', englishName: 'Portuguese (Brazil)', publish: 'listed' },
	{ tag: 'id', crowdinId: 'id', endonym: 'Bahasa Indonesia', englishName: 'Indonesian', publish: 'listed' },
	{ tag: 'ru', crowdinId: 'ru', endonym: 'Русский', englishName: 'Russian', publish: 'listed' },
	{ tag: 'zh-Hans', crowdinId: 'zh-CN', endonym: '简体中文', englishName: 'Chinese (Simplified)', publish: 'listed' },
	{ tag: 'zh-Hant', crowdinId: 'zh-TW', endonym: '繁體中文', englishName: 'Chinese (Traditional)', publish: 'listed' },
	{ tag: 'pl', crowdinId: 'pl', endonym: 'Polski', englishName: 'Polish', publish: 'listed' },
	{ tag: 'tr', crowdinId: 'tr', endonym: 'Türkçe', englishName: 'Turkish', publish: 'listed' },
	{ tag: 'ko', crowdinId: 'ko', endonym: '한국어', englishName: 'Korean', publish: 'listed' },
	{ tag: 'th', crowdinId: 'th', endonym: 'ไทย', englishName: 'Thai' },
	{ tag: 'uz', crowdinId: 'uz', endonym: 'Oʻzbekcha', englishName: 'Uzbek' },
	{ tag: 'ar', crowdinId: 'ar', endonym: 'العربية', englishName: 'Arabic' },
] as const satisfies readonly LocaleDefinition[];

export type LocaleTag = (typeof localeDefinitions)[number]['tag'];

/**
 * `GLOSSA_PSEUDO=1 npm run build` adds two preview-only pseudo-locales made from English, to find hard-coded
 * text and layouts that break with longer or right-to-left text before a launch (README, "Pseudo-locales").
 */
export const pseudoLocaleDefinitions: readonly LocaleDefinition[] = [
	{
		tag: 'en-XA',
		crowdinId: 'en-XA',
		endonym: pseudoText('English (accented)', 'accented'),
		englishName: 'Pseudo-locale: accented and expanded',
		fallback: [],
		pseudo: 'accented',
	},
	{
		tag: 'ar-XB',
		crowdinId: 'ar-XB',
		endonym: pseudoText('English (mirrored)', 'mirrored'),
		englishName: 'Pseudo-locale: right to left',
		fallback: [],
		pseudo: 'mirrored',
	},
];

/** The locales this build has: the site's, plus the pseudo-locales when asked for. */
export const activeLocaleDefinitions: readonly LocaleDefinition[] = glossaConfig.pseudo
	? [...localeDefinitions, ...pseudoLocaleDefinitions]
	: localeDefinitions;

export const locales = createLocaleRegistry(activeLocaleDefinitions, { source: SOURCE_LOCALE });

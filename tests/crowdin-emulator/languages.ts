/** A slice of Crowdin's language table: the fields the sync reads, with Crowdin's ids and locales. */
export interface EmulatedLanguage {
	id: string;
	name: string;
	editorCode: string;
	twoLettersCode: string;
	threeLettersCode: string;
	locale: string;
	androidCode: string;
	osxCode: string;
	osxLocale: string;
	pluralCategoryNames: string[];
	pluralRules: string;
	pluralExamples: string[];
	textDirection: 'ltr' | 'rtl';
	dialectOf: string | null;
}

const language = (
	id: string,
	name: string,
	locale: string,
	two: string,
	three: string,
	plurals: string[],
	direction: 'ltr' | 'rtl' = 'ltr',
): EmulatedLanguage => ({
	id,
	name,
	editorCode: id,
	twoLettersCode: two,
	threeLettersCode: three,
	locale,
	androidCode: locale.replace('-', '-r'),
	osxCode: `${locale.replace('-', '_')}.lproj`,
	osxLocale: locale.replace('-', '_'),
	pluralCategoryNames: plurals,
	pluralRules: '',
	pluralExamples: [],
	textDirection: direction,
	dialectOf: null,
});

export const LANGUAGES: EmulatedLanguage[] = [
	language('en', 'English', 'en-US', 'en', 'eng', ['one', 'other']),
	language('es-419', 'Spanish, Latin America', 'es-419', 'es', 'spa', ['one', 'many', 'other']),
	language('es-ES', 'Spanish', 'es-ES', 'es', 'spa', ['one', 'many', 'other']),
	language('pt-BR', 'Portuguese, Brazilian', 'pt-BR', 'pt', 'por', ['one', 'many', 'other']),
	language('id', 'Indonesian', 'id-ID', 'id', 'ind', ['other']),
	language('ru', 'Russian', 'ru-RU', 'ru', 'rus', ['one', 'few', 'many', 'other']),
	language('zh-CN', 'Chinese Simplified', 'zh-CN', 'zh', 'zho', ['other']),
	language('zh-TW', 'Chinese Traditional', 'zh-TW', 'zh', 'zho', ['other']),
	language('pl', 'Polish', 'pl-PL', 'pl', 'pol', ['one', 'few', 'many', 'other']),
	language('tr', 'Turkish', 'tr-TR', 'tr', 'tur', ['one', 'other']),
	language('ko', 'Korean', 'ko-KR', 'ko', 'kor', ['other']),
	language('th', 'Thai', 'th-TH', 'th', 'tha', ['other']),
	language('uz', 'Uzbek', 'uz-UZ', 'uz', 'uzb', ['one', 'other']),
	language('ar', 'Arabic', 'ar-SA', 'ar', 'ara', ['zero', 'one', 'two', 'few', 'many', 'other'], 'rtl'),
	language('fr', 'French', 'fr-FR', 'fr', 'fra', ['one', 'many', 'other']),
	language('de', 'German', 'de-DE', 'de', 'deu', ['one', 'other']),
	language('hi', 'Hindi', 'hi-IN', 'hi', 'hin', ['one', 'other']),
	language('he', 'Hebrew', 'he-IL', 'he', 'heb', ['one', 'two', 'other'], 'rtl'),
	language('ja', 'Japanese', 'ja-JP', 'ja', 'jpn', ['other']),
];

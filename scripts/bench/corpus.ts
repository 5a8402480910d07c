/**
 * A deterministic multilingual corpus for the build benchmark: N English pages of 800 to 3,000 words
 * (headings, a GFM table, two code blocks, a callout, internal links), L locales, and a seeded share T
 * of the (page, locale) pairs translated. The same corpus comes out as MDX for Glossa and as plain
 * Markdown for the peers (the callout becomes a blockquote). Same seed, same bytes.
 */
import { seededRandom as random } from '../shared/seeded-random.ts';

export interface CorpusOptions {
	pages: number;
	locales: number;
	translatedShare: number;
	seed: number;
}

export interface BenchLocale {
	tag: string;
	crowdinId: string;
	endonym: string;
	englishName: string;
	dir: 'ltr' | 'rtl';
	/** Hugo's language key: lower case, as Hugo folds language codes. */
	hugoKey: string;
}

export interface CorpusPage {
	slug: string;
	locale: string;
	title: string;
	description: string;
	/** Body in MDX (with <Callout>) and in plain Markdown (callout as a blockquote). */
	mdx: string;
	markdown: string;
	words: number;
}

export interface Corpus {
	options: CorpusOptions;
	locales: BenchLocale[];
	pages: CorpusPage[];
	/** English slugs, in order. */
	slugs: string[];
}

/** Locales in the order the benchmark adds them: the scripts that stress segmentation and direction first. */
const LOCALE_POOL: [string, string, string, string, 'ltr' | 'rtl'][] = [
	['ar', 'ar', 'العربية', 'Arabic', 'rtl'],
	['zh-Hans', 'zh-CN', '简体中文', 'Chinese (Simplified)', 'ltr'],
	['th', 'th', 'ไทย', 'Thai', 'ltr'],
	['ru', 'ru', 'Русский', 'Russian', 'ltr'],
	['es-419', 'es-419', 'Español (Latinoamérica)', 'Spanish (Latin America)', 'ltr'],
	['pt-BR', 'pt-BR', 'Português (Brasil)', 'Portuguese (Brazil)', 'ltr'],
	['hi', 'hi', 'हिन्दी', 'Hindi', 'ltr'],
	['ko', 'ko', '한국어', 'Korean', 'ltr'],
	['fr', 'fr', 'Français', 'French', 'ltr'],
	['de', 'de', 'Deutsch', 'German', 'ltr'],
	['he', 'he', 'עברית', 'Hebrew', 'rtl'],
	['ja', 'ja', '日本語', 'Japanese', 'ltr'],
	['tr', 'tr', 'Türkçe', 'Turkish', 'ltr'],
	['id', 'id', 'Bahasa Indonesia', 'Indonesian', 'ltr'],
	['zh-Hant', 'zh-TW', '繁體中文', 'Chinese (Traditional)', 'ltr'],
	['pl', 'pl', 'Polski', 'Polish', 'ltr'],
	['uk', 'uk', 'Українська', 'Ukrainian', 'ltr'],
	['vi', 'vi', 'Tiếng Việt', 'Vietnamese', 'ltr'],
	['fa', 'fa', 'فارسی', 'Persian', 'rtl'],
	['bn', 'bn', 'বাংলা', 'Bengali', 'ltr'],
	['it', 'it', 'Italiano', 'Italian', 'ltr'],
	['nl', 'nl', 'Nederlands', 'Dutch', 'ltr'],
	['sv', 'sv-SE', 'Svenska', 'Swedish', 'ltr'],
	['el', 'el', 'Ελληνικά', 'Greek', 'ltr'],
	['cs', 'cs', 'Čeština', 'Czech', 'ltr'],
	['ro', 'ro', 'Română', 'Romanian', 'ltr'],
	['hu', 'hu', 'Magyar', 'Hungarian', 'ltr'],
	['fi', 'fi', 'Suomi', 'Finnish', 'ltr'],
	['da', 'da', 'Dansk', 'Danish', 'ltr'],
	['nb', 'nb', 'Norsk bokmål', 'Norwegian Bokmål', 'ltr'],
	['sk', 'sk', 'Slovenčina', 'Slovak', 'ltr'],
	['bg', 'bg', 'Български', 'Bulgarian', 'ltr'],
	['hr', 'hr', 'Hrvatski', 'Croatian', 'ltr'],
	['sr-Latn', 'sr-CS', 'Srpski', 'Serbian (Latin)', 'ltr'],
	['sl', 'sl', 'Slovenščina', 'Slovenian', 'ltr'],
	['lt', 'lt', 'Lietuvių', 'Lithuanian', 'ltr'],
	['lv', 'lv', 'Latviešu', 'Latvian', 'ltr'],
	['et', 'et', 'Eesti', 'Estonian', 'ltr'],
	['ca', 'ca', 'Català', 'Catalan', 'ltr'],
	['eu', 'eu', 'Euskara', 'Basque', 'ltr'],
	['gl', 'gl', 'Galego', 'Galician', 'ltr'],
	['ur', 'ur-PK', 'اردو', 'Urdu', 'rtl'],
	['ta', 'ta', 'தமிழ்', 'Tamil', 'ltr'],
	['te', 'te', 'తెలుగు', 'Telugu', 'ltr'],
	['mr', 'mr', 'मराठी', 'Marathi', 'ltr'],
	['kn', 'kn', 'ಕನ್ನಡ', 'Kannada', 'ltr'],
	['ms', 'ms', 'Bahasa Melayu', 'Malay', 'ltr'],
	['fil', 'fil', 'Filipino', 'Filipino', 'ltr'],
	['sw', 'sw', 'Kiswahili', 'Swahili', 'ltr'],
	['am', 'am', 'አማርኛ', 'Amharic', 'ltr'],
	['km', 'km', 'ខ្មែរ', 'Khmer', 'ltr'],
	['my', 'my', 'မြန်မာ', 'Burmese', 'ltr'],
	['ne', 'ne-NP', 'नेपाली', 'Nepali', 'ltr'],
	['si', 'si-LK', 'සිංහල', 'Sinhala', 'ltr'],
	['ka', 'ka', 'ქართული', 'Georgian', 'ltr'],
	['hy', 'hy-AM', 'Հայերեն', 'Armenian', 'ltr'],
	['az', 'az', 'Azərbaycan dili', 'Azerbaijani', 'ltr'],
	['kk', 'kk', 'Қазақ тілі', 'Kazakh', 'ltr'],
	['uz', 'uz', 'Oʻzbekcha', 'Uzbek', 'ltr'],
	['ky', 'ky', 'Кыргызча', 'Kyrgyz', 'ltr'],
	['mn', 'mn', 'Монгол', 'Mongolian', 'ltr'],
	['ps', 'ps', 'پښتو', 'Pashto', 'rtl'],
	['af', 'af', 'Afrikaans', 'Afrikaans', 'ltr'],
	['sq', 'sq', 'Shqip', 'Albanian', 'ltr'],
	['mk', 'mk', 'Македонски', 'Macedonian', 'ltr'],
	['is', 'is', 'Íslenska', 'Icelandic', 'ltr'],
	['ga', 'ga-IE', 'Gaeilge', 'Irish', 'ltr'],
	['cy', 'cy', 'Cymraeg', 'Welsh', 'ltr'],
	['mt', 'mt', 'Malti', 'Maltese', 'ltr'],
];

/** Syllables per script, so translated text is in the right script and segments like the real thing. */
const SYLLABLES: Record<string, string[]> = {
	Latn: ['ka', 'lo', 'mi', 'ne', 'ra', 'to', 'vi', 'sa', 'de', 'pu', 'ri', 'ma', 'ten', 'dor', 'lin', 'sul'],
	Arab: ['كا', 'لو', 'مي', 'نا', 'را', 'تو', 'في', 'سا', 'دي', 'بو', 'ري', 'ما'],
	Hebr: ['כה', 'לו', 'מי', 'נה', 'רא', 'תו', 'וי', 'סה', 'דה', 'בו'],
	Hans: ['学', '生', '计', '算', '机', '课', '程', '老', '师', '语', '言', '数', '据', '网', '络', '循', '环'],
	Hant: ['學', '生', '計', '算', '機', '課', '程', '老', '師', '語', '言', '數', '據', '網', '絡', '迴', '圈'],
	Jpan: ['が', 'く', 'せ', 'い', 'の', 'じ', 'ゅ', 'ぎ', 'ょ', 'う', '学', '習'],
	Thai: ['การ', 'เรียน', 'รู้', 'คอม', 'พิว', 'เตอร์', 'ห้อง', 'ครู', 'นัก', 'เรียน', 'ภาษา', 'โรง'],
	Cyrl: ['ка', 'ло', 'ми', 'не', 'ра', 'то', 'ви', 'са', 'де', 'пу', 'ри', 'ма'],
	Deva: ['क', 'लो', 'मि', 'ने', 'रा', 'तो', 'वि', 'सा', 'दे', 'पु'],
	Kore: ['가', '로', '미', '네', '라', '토', '비', '사', '데', '푸'],
	Other: ['ka', 'lo', 'mi', 'ne', 'ra', 'to'],
};

const ENGLISH =
	'loop lesson pupil teacher school computer program language translate offline classroom volunteer sequence condition sort search data network idea practice question answer example table code page'.split(
		' ',
	);

function scriptOf(tag: string): string {
	const script = new Intl.Locale(tag).maximize().script ?? 'Latn';
	if (script === 'Hans' || script === 'Hant' || script === 'Jpan' || script === 'Kore') return script;
	return SYLLABLES[script] ? script : 'Other';
}

export function benchLocales(count: number): BenchLocale[] {
	if (count < 1 || count > LOCALE_POOL.length + 1) throw new Error(`locales must be between 1 and ${LOCALE_POOL.length + 1}`);
	const english: BenchLocale = { tag: 'en', crowdinId: 'en', endonym: 'English', englishName: 'English', dir: 'ltr', hugoKey: 'en' };
	return [
		english,
		...LOCALE_POOL.slice(0, count - 1).map(([tag, crowdinId, endonym, englishName, dir]) => ({
			tag,
			crowdinId,
			endonym,
			englishName,
			dir,
			hugoKey: tag.toLowerCase(),
		})),
	];
}

export function generateCorpus(options: CorpusOptions): Corpus {
	const next = random(options.seed);
	const pick = <T>(items: readonly T[]) => items[Math.floor(next() * items.length)]!;
	const locales = benchLocales(options.locales);
	const slugs = Array.from({ length: options.pages }, (_, index) => `topic-${String(index + 1).padStart(4, '0')}`);

	const word = (script: string) => {
		if (script === 'Latn-en') return pick(ENGLISH);
		const syllables = SYLLABLES[script] ?? SYLLABLES.Other!;
		const length = script === 'Hans' || script === 'Hant' ? 2 : 2 + Math.floor(next() * 2);
		return Array.from({ length }, () => pick(syllables)).join('');
	};
	const joiner = (script: string) => (script === 'Hans' || script === 'Hant' || script === 'Jpan' || script === 'Thai' ? '' : ' ');
	const sentence = (script: string, words: number) => {
		const text = Array.from({ length: words }, () => word(script)).join(joiner(script));
		return `${text.charAt(0).toUpperCase()}${text.slice(1)}${script === 'Hans' || script === 'Hant' || script === 'Jpan' ? '。' : '.'}`;
	};

	type Block =
		{ kind: 'heading' } | { kind: 'text'; words: number; target: string } | { kind: 'table' } | { kind: 'code'; steps: number } | { kind: 'callout' };

	/** The page's shape, chosen once per slug: every translation keeps its headings, links and components. */
	const structure = (wordCount: number): Block[] => {
		const blocks: Block[] = [];
		let written = 0;
		let section = 0;
		while (written < wordCount) {
			if (written === 0 || written / 300 > section) {
				section++;
				blocks.push({ kind: 'heading' });
			}
			const words = 40 + Math.floor(next() * 60);
			blocks.push({ kind: 'text', words, target: pick(slugs) });
			written += words + 1;
			if (section === 2 && !blocks.some((block) => block.kind === 'table')) blocks.push({ kind: 'table' });
			if ((section === 1 || section === 3) && blocks.filter((block) => block.kind === 'code').length < (section === 1 ? 1 : 2))
				blocks.push({ kind: 'code', steps: section + 2 });
			if (section === 2 && !blocks.some((block) => block.kind === 'callout')) blocks.push({ kind: 'callout' });
		}
		return blocks;
	};

	const page = (slug: string, locale: BenchLocale, blocks: Block[]): CorpusPage => {
		const script = locale.tag === 'en' ? 'Latn-en' : scriptOf(locale.tag);
		const title = `${sentence(script, 3).slice(0, -1)} ${slug.slice(-4)}`;
		const description = sentence(script, 12);
		let words = 0;
		const rendered = blocks.map((block): { mdx: string; markdown: string } => {
			switch (block.kind) {
				case 'heading': {
					const heading = `## ${sentence(script, 4).slice(0, -1)}`;
					return { mdx: heading, markdown: heading };
				}
				case 'text': {
					words += block.words + 1;
					const text = `${sentence(script, block.words)} [${word(script)}](/en/${block.target}/)`;
					return { mdx: text, markdown: text };
				}
				case 'table': {
					const table = [
						'| A | B | C |',
						'| - | -: | - |',
						...Array.from({ length: 4 }, (_, row) => `| ${word(script)} | ${row * 7 + 3} | ${word(script)} |`),
					].join('\n');
					return { mdx: table, markdown: table };
				}
				case 'code': {
					const code = `\`\`\`python\nfor step in range(${block.steps}):\n    print("*" * (step + 1))\n\`\`\``;
					return { mdx: code, markdown: code };
				}
				case 'callout': {
					const title = word(script);
					const text = sentence(script, 20);
					return { mdx: `<Callout type="tip" title="${title}">\n${text}\n</Callout>`, markdown: `> **${title}**\n>\n> ${text}` };
				}
			}
		});
		const front = `---\ntitle: ${JSON.stringify(title)}\ndescription: ${JSON.stringify(description)}\n---\n\n`;
		return {
			slug,
			locale: locale.tag,
			title,
			description,
			mdx: `${front}${rendered.map((block) => block.mdx).join('\n\n')}\n`,
			markdown: `${front}${rendered.map((block) => block.markdown).join('\n\n')}\n`,
			words,
		};
	};

	const pages: CorpusPage[] = [];
	for (const slug of slugs) {
		const blocks = structure(800 + Math.floor(next() * 2200));
		pages.push(page(slug, locales[0]!, blocks));
		for (const locale of locales.slice(1)) {
			if (next() < options.translatedShare) pages.push(page(slug, locale, blocks));
		}
	}
	return { options, locales, pages, slugs };
}

/**
 * The `src/i18n/locales.ts` of a benchmark's Glossa site: the corpus's locales, with the exports the site
 * imports (the same names as the project's own module), and no pseudo-locales.
 */
export function localesModuleSource(locales: readonly BenchLocale[], options: { listAll: boolean }): string {
	const definitions = locales.map((locale) => ({
		tag: locale.tag,
		crowdinId: locale.crowdinId,
		endonym: locale.endonym,
		englishName: locale.englishName,
		...(options.listAll && locale.tag !== 'en' ? { publish: 'listed' } : {}),
	}));
	return [
		"import { createLocaleRegistry, type LocaleDefinition } from './registry.ts';",
		"export const SOURCE_LOCALE = 'en';",
		`export const localeDefinitions = ${JSON.stringify(definitions, null, 1)} as const satisfies readonly LocaleDefinition[];`,
		'export const pseudoLocaleDefinitions: readonly LocaleDefinition[] = [];',
		'export const activeLocaleDefinitions: readonly LocaleDefinition[] = localeDefinitions;',
		'export const locales = createLocaleRegistry(localeDefinitions, { source: SOURCE_LOCALE });',
		'',
	].join('\n');
}

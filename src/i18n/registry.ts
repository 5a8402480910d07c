/**
 * The locale registry model: what a locale definition says, and everything derived from it.
 * The demo site's list lives in `locales.ts`; tests build other registries with the same function.
 */
import { iso6393 } from 'iso-639-3';
import type { PseudoStyle } from './pseudo-text.ts';

export type TextDirection = 'ltr' | 'rtl';

export interface LocaleDefinition {
	/** BCP 47 tag, as written in `<html lang>` and used as the folder name under `content/` and `locales/`. */
	tag: string;
	/** Crowdin's language id for this locale (e.g. `es-419`, `zh-TW`, `pt-BR`). */
	crowdinId: string;
	/** The language's name in itself, as shown in the picker. */
	endonym: string;
	englishName: string;
	/**
	 * Locales to try, in order, before the source locale when a string or page is missing.
	 * Defaults to the tag's registered ancestors (`es-419` -> `es`), if any.
	 */
	fallback?: readonly string[];
	/** URL segment; defaults to the tag in lower case (`pt-BR` -> `pt-br`). */
	segment?: string;
	/**
	 * Whether the locale is offered to visitors (picker, negotiation, sitemap). `auto` (the default) lists
	 * it once enough of the English words are translated and current (`publishThreshold`); `listed` and
	 * `preview` force it, for launches. An unlisted locale is still built, as a preview reachable by URL.
	 */
	publish?: 'auto' | 'listed' | 'preview';
	/** Share of English words that must be translated and current to list the locale (0 to 1). */
	publishThreshold?: number;
	/**
	 * Pages this locale publishes that have no English source (`content/<tag>/<slug>.mdx`), by slug, with
	 * their place in this locale's menu. Editors decide this here, in the repository: a regional page that
	 * is not listed is refused, and a page's own `navOrder` never changes a menu.
	 */
	localPages?: Readonly<Record<string, LocalPage>>;
	/** ISO 639-3 code (Kiwix ZIM metadata); defaults to the primary language subtag's (`es-419` -> `spa`). */
	iso6393?: string;
	/**
	 * A pseudo-locale for testing layouts (`GLOSSA_PSEUDO=1`): its pages and strings are made from English
	 * (src/i18n/pseudo-text.ts), it is never listed, and the Crowdin sync leaves it alone.
	 */
	pseudo?: PseudoStyle;
}

export interface LocalPage {
	/** Position in this locale's menu; without it, the page is not in the menu. */
	navOrder?: number;
}

export const DEFAULT_PUBLISH_THRESHOLD = 0.75;

export interface Locale {
	tag: string;
	segment: string;
	crowdinId: string;
	endonym: string;
	englishName: string;
	dir: TextDirection;
	/** This locale first, then its fallbacks, ending with the source locale. */
	fallbackChain: readonly string[];
	/** Offered to visitors; otherwise a preview (see `LocaleDefinition.publish`). */
	listed: boolean;
	publish: 'auto' | 'listed' | 'preview';
	publishThreshold: number;
	localPages: Readonly<Record<string, LocalPage>>;
	isSource: boolean;
	/** ISO 639-3 code of the language (`spa`, `por`, `zho`, `ara`, `uzb`), as Kiwix's ZIM metadata wants it. */
	iso6393: string;
	pseudo: PseudoStyle | undefined;
}

export interface LocaleRegistry {
	readonly source: Locale;
	readonly all: readonly Locale[];
	readonly listed: readonly Locale[];
	byTag(tag: string): Locale | undefined;
	bySegment(segment: string): Locale | undefined;
	/** Like `byTag`, but throws with the known tags when the tag is not registered. */
	get(tag: string): Locale;
}

export class LocaleRegistryError extends Error {
	override name = 'LocaleRegistryError';
}

/** Languages written right-to-left; the backup when the runtime's Intl has no text info. */
const RIGHT_TO_LEFT_LANGUAGES = new Set(['ar', 'he', 'iw', 'fa', 'ur', 'ps', 'dv', 'ckb', 'sd', 'yi', 'ug']);
const RIGHT_TO_LEFT_SCRIPTS = new Set(['Arab', 'Hebr', 'Thaa', 'Syrc', 'Nkoo', 'Adlm', 'Rohg', 'Mand', 'Samr']);

interface TextInfoLocale extends Intl.Locale {
	getTextInfo?: () => { direction?: string };
	textInfo?: { direction?: string };
}

/** Text direction of a BCP 47 tag, from Intl where the runtime knows it, else from the script or language. */
export function textDirection(tag: string): TextDirection {
	const locale = new Intl.Locale(tag) as TextInfoLocale;
	const direction = locale.getTextInfo?.().direction ?? locale.textInfo?.direction;
	if (direction === 'rtl' || direction === 'ltr') return direction;
	const script = locale.script ?? (locale.maximize().script as string | undefined);
	if (script) return RIGHT_TO_LEFT_SCRIPTS.has(script) ? 'rtl' : 'ltr';
	return RIGHT_TO_LEFT_LANGUAGES.has(locale.language) ? 'rtl' : 'ltr';
}

/** Tags obtained by dropping subtags from the end: `zh-Hant-TW` -> `zh-Hant`, `zh`. */
function ancestorTags(tag: string): string[] {
	const parts = tag.split('-');
	const ancestors: string[] = [];
	for (let length = parts.length - 1; length >= 1; length--) ancestors.push(parts.slice(0, length).join('-'));
	return ancestors;
}

function canonicalTag(tag: string, where: string): string {
	try {
		const [canonical] = Intl.getCanonicalLocales(tag);
		if (canonical) return canonical;
	} catch {
		// reported below
	}
	throw new LocaleRegistryError(`${where}: "${tag}" is not a valid BCP 47 language tag`);
}

function isListed(definition: LocaleDefinition, options: RegistryOptions): boolean {
	if (definition.pseudo) return false;
	const publish = definition.publish ?? 'auto';
	if (publish !== 'auto') return publish === 'listed';
	return options.reachedThreshold ? options.reachedThreshold(definition.tag) : true;
}

const SEGMENT_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/**
 * Validates the definitions and derives every field the site, i18next and the Crowdin sync need.
 * Throws a `LocaleRegistryError` naming the offending locale on any inconsistency.
 */
const ISO_639_3 = new Map<string, string>(
	iso6393.flatMap((language) => [[language.iso6393, language.iso6393] as const, ...(language.iso6391 ? [[language.iso6391, language.iso6393] as const] : [])]),
);

/** The ISO 639-3 code of a tag's primary language subtag (two letters are mapped, three are checked). */
export function iso6393Of(tag: string): string | undefined {
	return ISO_639_3.get(tag.split('-')[0]!.toLowerCase());
}

export interface RegistryOptions {
	source: string;
	/**
	 * Which `auto` locales have reached their threshold, as measured on the content (src/site/site-model.ts).
	 * Without it, every locale that is not forced to preview is listed.
	 */
	reachedThreshold?: (tag: string) => boolean;
}

export function createLocaleRegistry(definitions: readonly LocaleDefinition[], options: RegistryOptions): LocaleRegistry {
	const seen = { tag: new Map<string, string>(), segment: new Map<string, string>(), crowdin: new Map<string, string>() };
	const claim = (kind: keyof typeof seen, value: string, owner: string) => {
		const key = value.toLowerCase();
		const previous = seen[kind].get(key);
		if (previous) throw new LocaleRegistryError(`Locales "${previous}" and "${owner}" share the ${kind} "${value}"`);
		seen[kind].set(key, owner);
	};

	for (const definition of definitions) {
		const canonical = canonicalTag(definition.tag, `Locale "${definition.tag}"`);
		if (canonical !== definition.tag) {
			throw new LocaleRegistryError(`Locale "${definition.tag}" should be written in canonical form "${canonical}"`);
		}
		const segment = definition.segment ?? definition.tag.toLowerCase();
		if (!SEGMENT_PATTERN.test(segment)) {
			throw new LocaleRegistryError(`Locale "${definition.tag}": URL segment "${segment}" must be lower-case letters, digits and hyphens`);
		}
		claim('tag', definition.tag, definition.tag);
		claim('segment', segment, definition.tag);
		claim('crowdin', definition.crowdinId, definition.tag);
		if (!definition.endonym.trim() || !definition.englishName.trim()) {
			throw new LocaleRegistryError(`Locale "${definition.tag}" needs an endonym and an English name`);
		}
		if (definition.iso6393 === undefined && !iso6393Of(definition.tag)) {
			throw new LocaleRegistryError(`Locale "${definition.tag}": no ISO 639-3 code is known for its language; set iso6393`);
		}
		const threshold = definition.publishThreshold ?? DEFAULT_PUBLISH_THRESHOLD;
		if (!(threshold >= 0 && threshold <= 1)) {
			throw new LocaleRegistryError(`Locale "${definition.tag}": publishThreshold must be between 0 and 1, got ${threshold}`);
		}
	}
	const definitionsByTag = new Map(definitions.map((definition) => [definition.tag, definition]));
	if (!definitionsByTag.has(options.source)) {
		throw new LocaleRegistryError(`The source locale "${options.source}" is not in the registry`);
	}

	const locales = definitions.map((definition): Locale => {
		const isSource = definition.tag === options.source;
		const declared = definition.fallback ?? ancestorTags(definition.tag).filter((tag) => definitionsByTag.has(tag));
		for (const tag of declared) {
			if (!definitionsByTag.has(tag)) {
				throw new LocaleRegistryError(`Locale "${definition.tag}" falls back to "${tag}", which is not in the registry`);
			}
			if (tag === definition.tag) throw new LocaleRegistryError(`Locale "${definition.tag}" falls back to itself`);
		}
		// A regional page's menu place is frontmatter the registry sets: held to the same rule as a page's own.
		for (const [slug, page] of Object.entries(definition.localPages ?? {}))
			if (page.navOrder !== undefined && !(Number.isSafeInteger(page.navOrder) && page.navOrder >= 0))
				throw new LocaleRegistryError(`Locale "${definition.tag}": localPages["${slug}"].navOrder must be a whole number of 0 or more (got ${page.navOrder})`);
		const chain = isSource ? [definition.tag] : [...new Set([definition.tag, ...declared.filter((tag) => tag !== options.source), options.source])];
		return {
			tag: definition.tag,
			segment: definition.segment ?? definition.tag.toLowerCase(),
			crowdinId: definition.crowdinId,
			endonym: definition.endonym,
			englishName: definition.englishName,
			dir: textDirection(definition.tag),
			fallbackChain: chain,
			listed: isSource || isListed(definition, options),
			publish: definition.pseudo ? 'preview' : (definition.publish ?? 'auto'),
			publishThreshold: definition.publishThreshold ?? DEFAULT_PUBLISH_THRESHOLD,
			localPages: definition.localPages ?? {},
			isSource,
			iso6393: definition.iso6393 ?? iso6393Of(definition.tag)!,
			pseudo: definition.pseudo,
		};
	});

	const byTag = new Map(locales.map((locale) => [locale.tag, locale]));
	const byTagLowerCase = new Map(locales.map((locale) => [locale.tag.toLowerCase(), locale]));
	const bySegment = new Map(locales.map((locale) => [locale.segment, locale]));
	const source = byTag.get(options.source)!;
	return {
		source,
		all: locales,
		listed: locales.filter((locale) => locale.listed),
		byTag: (tag) => byTag.get(tag) ?? byTagLowerCase.get(tag.toLowerCase()),
		bySegment: (segment) => bySegment.get(segment.toLowerCase()),
		get(tag) {
			const locale = byTag.get(tag) ?? byTagLowerCase.get(tag.toLowerCase());
			if (!locale) {
				throw new LocaleRegistryError(`Unknown locale "${tag}"; registered: ${locales.map((l) => l.tag).join(', ')}`);
			}
			return locale;
		},
	};
}

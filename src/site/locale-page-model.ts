/**
 * Models of the pages every locale has once (not once per content page): 404, search, the offline page
 * the service worker shows, and the page about other languages' offline packs; and of the two pages the
 * site has once (the root language chooser and the translation status).
 */
import type { UiKey } from '../i18n/ui-keys.ts';
import { coveragePercent, type LocaleStatus } from '../content-model/translation-status.ts';
import type { SyncCoverage } from '../content-model/translation-state.ts';
import { formatDate } from '../i18n/format.ts';
import type { Locale, TextDirection } from '../i18n/registry.ts';
import { localizedPath } from '../i18n/routing.ts';
import { offeredAtRoot, type OfferedLocale } from '../i18n/locale-table.ts';
import { layoutModel, searchFormModel, type LayoutModel, type SearchFormModel } from './page-model.ts';
import type { SiteModel } from './site-model.ts';

export interface MessagePageModel {
	layout: LayoutModel;
	title: string;
	body: string;
	/** The way home; none when the site has no home page (`content/<locale>/index.mdx`), as a link to it would be a 404. */
	home: { href: string; label: string } | undefined;
}

/** The 404 page and the offline page share one shape: a title, a sentence, the way home. */
export function messagePageModel(site: SiteModel, locale: Locale, kind: 'notFound' | 'offline'): MessagePageModel {
	const t = (key: UiKey) => site.ui.t(locale, key);
	const title = t(kind === 'notFound' ? 'notFound.title' : 'offline.offlineTitle');
	return {
		layout: layoutModel(site, { locale, title, pickerLinks: site.pickerLinks(locale, '', 'locale-page'), noindex: true }),
		title,
		body: t(kind === 'notFound' ? 'notFound.body' : 'offline.offlineBody'),
		home: homeLink(site, locale, t('notFound.home')),
	};
}

function homeLink(site: SiteModel, locale: Locale, label: string): MessagePageModel['home'] {
	const home = site.plan.find(locale, '');
	return home && { href: home.path, label };
}

export interface SearchPageModel {
	layout: LayoutModel;
	title: string;
	form: SearchFormModel;
	needsJs: string;
	/** Plural and interpolated strings are resolved in the browser: the raw i18next values, per form. */
	strings: { locale: string; results: Record<string, string>; none: string; searching: string; unavailable: string };
}

export function searchPageModel(site: SiteModel, locale: Locale): SearchPageModel {
	const { ui } = site;
	const t = (key: UiKey) => ui.t(locale, key);
	const categories = new Intl.PluralRules(locale.tag).resolvedOptions().pluralCategories;
	return {
		layout: layoutModel(site, {
			locale,
			title: t('search.title'),
			pickerLinks: site.pickerLinks(locale, 'search', 'locale-page'),
			currentSlug: 'search',
			noindex: true,
			siteSearch: false,
		}),
		title: t('search.title'),
		form: searchFormModel(site, locale, 'search-page-query'),
		needsJs: t('search.needsJs'),
		strings: {
			locale: locale.tag,
			results: Object.fromEntries(
				categories.flatMap((category) => {
					const template = ui.raw(locale, `search.results_${category}`);
					return template ? [[category, template]] : [];
				}),
			),
			none: ui.raw(locale, 'search.none') ?? '',
			searching: t('search.searching'),
			unavailable: t('search.unavailable'),
		},
	};
}

export interface OtherLanguagesModel {
	layout: LayoutModel;
	title: string;
	body: string;
	/** Where the online site offers every pack, written out: in a pack, links to the site would need a network. */
	siteAddress: string;
	languages: { tag: string; dir: TextDirection; endonym: string; pack: string; site: string }[];
}

/**
 * The page every link to another language leads to inside an offline pack (and, online, a list of every
 * language's pack): the listed languages, with the addresses of their packs.
 */
export function otherLanguagesModel(site: SiteModel, locale: Locale): OtherLanguagesModel {
	const t = (key: UiKey, options?: Record<string, unknown>) => site.ui.t(locale, key, options);
	const title = t('offline.otherTitle');
	return {
		layout: layoutModel(site, { locale, title, pickerLinks: site.pickerLinks(locale, 'other-languages', 'locale-page'), noindex: true }),
		title,
		body: t('offline.otherBody', { language: locale.endonym }),
		siteAddress: new URL(localizedPath(locale, 'offline-access'), site.siteUrl).href,
		languages: site.registry.listed
			.filter((other) => other.tag !== locale.tag)
			.map((other) => ({
				tag: other.tag,
				dir: other.dir,
				endonym: other.endonym,
				pack: new URL(`/offline/${other.segment}.zip`, site.siteUrl).href,
				site: new URL(localizedPath(other, ''), site.siteUrl).href,
			})),
	};
}

export interface RootPageModel {
	lang: string;
	dir: TextDirection;
	title: string;
	description: string;
	intro: string;
	alternates: { hreflang: string; href: string }[];
	languages: { tag: string; dir: TextDirection; endonym: string; href: string }[];
	/** What the language table answers with (`locale-table.ts`): the same languages and addresses. */
	offered: OfferedLocale[];
}

/** The root `/`: the listed languages; the browser's preferred one is chosen by a table computed at build time. */
export function rootPageModel(site: SiteModel): RootPageModel {
	const { registry, ui } = site;
	const absolute = (urlPath: string) => new URL(urlPath, site.siteUrl).href;
	return {
		lang: registry.source.tag,
		dir: registry.source.dir,
		title: ui.t(registry.source, 'site.name'),
		description: ui.t(registry.source, 'site.tagline'),
		intro: ui.t(registry.source, 'root.intro'),
		alternates: [
			...registry.listed.map((locale) => ({ hreflang: locale.tag, href: absolute(localizedPath(locale, '')) })),
			{ hreflang: 'x-default', href: absolute('/') },
		],
		languages: registry.listed.map((locale) => ({ tag: locale.tag, dir: locale.dir, endonym: locale.endonym, href: localizedPath(locale, '') })),
		offered: offeredAtRoot(registry.listed),
	};
}

/** A locale's progress as shares of the English words (0 to 1), for the status page's bar, and the same in words. */
export interface LocaleProgress {
	current: number;
	outdated: number;
	missing: number;
	/** The share at which an `auto` locale is listed. */
	threshold: number;
	/** The bar as a sentence, for screen readers (the bar is an image). */
	label: string;
}

/**
 * Current (and untracked) words, outdated words, and the rest (missing, broken, or left in English in a
 * served translation), as shares of the English words.
 */
export function localeProgress(entry: LocaleStatus): LocaleProgress {
	const total = entry.wordsTotal || 1;
	const words = (states: readonly string[]) =>
		entry.pages.filter((page) => states.includes(page.state)).reduce((sum, page) => sum + page.words - (page.untranslated?.words ?? 0), 0) / total;
	const current = words(['current', 'untracked']);
	const outdated = words(['outdated']);
	const missing = Math.max(0, 1 - current - outdated);
	const threshold = entry.locale.publishThreshold;
	return {
		current,
		outdated,
		missing,
		threshold,
		label: `${coveragePercent(current)} translated and current, ${coveragePercent(outdated)} outdated, ${coveragePercent(missing)} missing or broken; listed from ${coveragePercent(threshold)}`,
	};
}

/** Crowdin's progress at the last syncs that changed it, oldest first, as the status page lists it. */
export interface SyncHistoryItem {
	date: string;
	/** For the `datetime` attribute. */
	isoDate: string;
	translated: string;
	approved: string;
}

export function syncHistory(history: readonly SyncCoverage[] | undefined, source: Pick<Locale, 'tag'>): SyncHistoryItem[] {
	return (history ?? []).map((entry) => ({
		date: formatDate(source, new Date(`${entry.date}T00:00:00Z`)),
		isoDate: entry.date,
		translated: `${entry.translationProgress}%`,
		approved: `${entry.approvalProgress}%`,
	}));
}

/** A locale's subtitles: of the videos with English subtitles, how many have subtitles in the locale. */
export interface SubtitleProgress {
	/** Videos whose English subtitles the site publishes. */
	videos: number;
	/** Of those, the ones with the locale's own subtitles the site publishes (a fallback language's do not count). */
	subtitled: number;
	/** The English subtitles' words: of every such video, and of those subtitled in the locale. */
	words: { total: number; subtitled: number };
	/** The figures as the status page and `npm run i18n -- status` print them: `1 of 2 videos with English subtitles (25 of 60 English words)`. */
	label: string;
}

/**
 * Subtitle figures for `tag`, from the videos the project scan found (`video-scan.ts`): only files the site
 * publishes count, so a translation the WebVTT parser cannot read is not counted as subtitles.
 */
export function subtitleProgress(videos: SiteModel['videos'], tag: string, sourceTag: string): SubtitleProgress {
	let count = 0;
	let subtitled = 0;
	const words = { total: 0, subtitled: 0 };
	for (const video of Object.values(videos)) {
		const english = video.tracks.find((track) => track.tag === sourceTag);
		if (!english) continue;
		count++;
		words.total += english.words;
		if (video.tracks.some((track) => track.tag === tag)) {
			subtitled++;
			words.subtitled += english.words;
		}
	}
	return {
		videos: count,
		subtitled,
		words,
		label: `${subtitled} of ${count} video${count === 1 ? '' : 's'} with English subtitles (${words.subtitled} of ${words.total} English words)`,
	};
}

export interface StatusPageModel {
	layout: LayoutModel;
	translations: (LocaleStatus & {
		pageHref: (slug: string) => string;
		progress: LocaleProgress;
		history: SyncHistoryItem[];
		subtitles: SubtitleProgress;
	})[];
	/** Videos with English subtitles: the page has a subtitles column and line only when there are any. */
	subtitledVideos: number;
	sourceHref: (slug: string) => string;
	/** Images with text that some locale has its own copy of, and the locales (endonym, tag) still showing the English one. */
	localizedImages: { file: string; missing: { tag: string; endonym: string }[] }[];
}

/** The translation status page (English only: it is for editors). */
export function statusPageModel(site: SiteModel): StatusPageModel {
	const { registry, plan } = site;
	return {
		layout: layoutModel(site, {
			locale: registry.source,
			title: 'Translation status',
			description: 'How much of the site is translated, per language and per page.',
			pickerLinks: site.pickerLinks(registry.source, '', 'locale-page'),
			noindex: true,
		}),
		translations: site.status
			.filter((entry) => !entry.locale.isSource)
			.map((entry) => ({
				...entry,
				pageHref: (slug: string) => plan.find(entry.locale, slug)?.path ?? localizedPath(entry.locale, slug),
				progress: localeProgress(entry),
				history: syncHistory(site.syncHistory[entry.locale.tag], registry.source),
				subtitles: subtitleProgress(site.videos, entry.locale.tag, registry.source.tag),
			})),
		subtitledVideos: subtitleProgress(site.videos, registry.source.tag, registry.source.tag).videos,
		sourceHref: (slug) => localizedPath(registry.source, slug),
		localizedImages: site.localizedImages.map((image) => ({
			file: image.file,
			missing: image.missing.map((tag) => {
				const locale = registry.get(tag);
				return { tag: locale.tag, endonym: locale.endonym };
			}),
		})),
	};
}

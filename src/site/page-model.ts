/**
 * Page models: everything one page shows, computed from the site model by pure functions, so a page is
 * tested without a build and components only print what they are given. `pageModel(site, route)` is a
 * content page; `localePageModel` the pages every locale has (404, search, offline, other languages).
 */
import type { UiKey } from '../i18n/ui-keys.ts';
import { formatDate, languageName } from '../i18n/format.ts';
import { minutesForWords } from '../i18n/reading-time.ts';
import type { Locale, TextDirection } from '../i18n/registry.ts';
import { canonicalPath, localizedPath, type PickerOption } from '../i18n/routing.ts';
import { contentBodyHtml, untranslatedMark } from './content-body.ts';
import { zimName } from './site-config.ts';
import { traceModel } from '../build/build-trace.ts';
import { VIDEO_FRAME_SOURCES } from '../content-model/content-videos.ts';
import type { SiteModel, SiteRoute } from './site-model.ts';
import { hashedOnce, modelKey } from './model-key.ts';

/**
 * A page's cache key for incremental builds: the hash of everything its model holds, so a page that would
 * render differently has another key (Astro adds the hash of the page's modules: layout, components, CSS).
 * A content page's HTML is not in it: the page holds the key of what that HTML is made from
 * (`article.contentKey`), so a page that is kept never prints its content (`pageModel`).
 */

export interface LinkModel {
	href: string;
	label: string;
	lang?: string | undefined;
	current?: boolean;
}

/** One locale's link in the language picker: the same for every page of one path (`SiteModel.pickerLinks`). */
export interface PickerLink {
	href: string;
	tag: string;
	dir: TextDirection;
	endonym: string;
	state: PickerOption['state'];
}

export interface PickerModel {
	label: string;
	/** The page's own locale: its link is the current one. */
	current: { tag: string; endonym: string } | undefined;
	/** What each state but `translated` is called in the page's language, shown beside the links in that state. */
	stateLabels: Partial<Record<PickerOption['state'], string>>;
	/** Shared by the page's other locales (`hashedOnce`): a page's own things are in `current` and `stateLabels`. */
	options: readonly PickerLink[];
}

export interface SearchFormModel {
	id: string;
	action: string;
	label: string;
	placeholder: string;
	button: string;
}

/** The page's frame: head, header, menu, picker, preview notice and footer. */
export interface LayoutModel {
	lang: string;
	dir: TextDirection;
	documentTitle: string;
	description?: string | undefined;
	/** Absolute URLs. */
	canonical?: string | undefined;
	alternates: readonly { hreflang: string; href: string }[];
	noindex: boolean;
	skipToContent: string;
	/** `href`: the locale's home page; absent on a site without one (`content/<locale>/index.mdx`), so no page links to nothing. */
	brand: Readonly<{ href: string | undefined; name: string; tagline: string }>;
	navigation: { label: string; items: LinkModel[] };
	search?: Readonly<SearchFormModel> | undefined;
	picker: PickerModel;
	/** On a preview locale's pages: it is not listed yet, with its share translated. */
	preview?: Readonly<{ title: string; body: string }> | undefined;
	footer: readonly string[];
	/**
	 * The origins the page may frame (`frame-src`): the video hosts' players on a page with a hosted video,
	 * none on every other page (src/layouts/BaseLayout.astro puts it in the page's policy).
	 */
	frameSources: readonly string[];
}

export interface FallbackNoticeModel {
	/**
	 * `missing`: the visitor's locale has no translation of the page; `refused`: it has one that is not shown
	 * (it failed its checks, or is mostly still English), with a notice that says so.
	 */
	kind: 'missing' | 'refused';
	title: string;
	body: string;
	original: { href: string; hreflang: string; label: string };
	helpTranslate: { href: string; label: string };
}

export interface OutdatedNoticeModel {
	title: string;
	body: string;
	original: { href: string; hreflang: string; label: string };
}

export interface OfflinePackModel {
	segment: string;
	href: string;
	download: string;
	/** `{{size}}` is filled in once the pack is written (src/offline/offline-outputs.ts). */
	detailsTemplate: string;
	/** `offline.videos` per plural category: the pack's videos and their size, filled in once it is written. */
	videosTemplates: Record<string, string>;
	unavailable: string;
	keep: string;
	keepStrings: { locale: string; keeping: string; failed: string; kept: Record<string, string> };
	/** The Kiwix file, shown once `npm run offline -- --format zim` has written it (it fills in the size). */
	zim: { href: string; download: string; detailsTemplate: string };
}

export interface ContentPageModel {
	layout: LayoutModel;
	fallback?: FallbackNoticeModel | undefined;
	outdated?: OutdatedNoticeModel | undefined;
	article: {
		title: string;
		/** Set on a translated page whose title is still the English one. */
		titleLang?: string | undefined;
		titleDir?: TextDirection | undefined;
		/** Set on a fallback page: the content's own language and direction. */
		lang?: string | undefined;
		dir?: TextDirection | undefined;
		contentLocale: string;
		/** Only a page's own-language content is indexed for search. */
		searchable: boolean;
		meta: { lang?: string | undefined; dir?: TextDirection | undefined; updated?: string | undefined; readingTime: string };
		/**
		 * Sanitized, then transformed as a tree (`content-body.ts`): printed on first read, which only a
		 * rendered page does (not enumerable, so not in `modelKey`; `contentKey` stands for it).
		 */
		readonly html: string;
		/** The hash of everything `html` is made from (`SiteModel.contentInputs`). */
		contentKey: string;
	};
	offlinePack?: OfflinePackModel | undefined;
	/** Whether the page shows a hosted video, whose play link the video script turns into the player (read with `html`). */
	readonly hostedVideo: boolean;
}

interface LayoutInput {
	locale: Locale;
	title: string;
	description?: string | undefined;
	/** Root-relative. */
	canonical?: string | undefined;
	/** Absolute (`SiteModel.alternates`). */
	alternates?: readonly { hreflang: string; href: string }[];
	/** The picker's links (`SiteModel.pickerLinks`), the page's own locale among them. */
	pickerLinks: readonly PickerLink[];
	currentSlug?: string | undefined;
	noindex?: boolean;
	/** The search page has its own form, the page's one search landmark. */
	siteSearch?: boolean;
	/** A content page with a video from YouTube or Vimeo (and no local file): its player may be framed. */
	hostedVideo?: boolean;
}

export function searchFormModel(site: SiteModel, locale: Locale, id = 'site-search'): SearchFormModel {
	const t = (key: UiKey) => site.ui.t(locale, key);
	return { id, action: localizedPath(locale, 'search'), label: t('search.label'), placeholder: t('search.placeholder'), button: t('search.button') };
}

/** The parts of the frame that are the same on every page of one locale. */
interface LocaleFrame {
	siteName: string;
	skipToContent: string;
	brand: LayoutModel['brand'];
	navigationLabel: string;
	search: Readonly<SearchFormModel>;
	pickerLabel: string;
	stateLabels: PickerModel['stateLabels'];
	preview: LayoutModel['preview'];
	footer: LayoutModel['footer'];
}

/**
 * Each locale's frame, made once per site model: a rebuild of 21,000 pages asked for the same twenty strings
 * on each page, and hashed them into each page's key. Its parts are shared, frozen, and hashed once.
 */
const localeFrames = new WeakMap<SiteModel, Map<string, LocaleFrame>>();

function localeFrame(site: SiteModel, locale: Locale): LocaleFrame {
	let frames = localeFrames.get(site);
	if (!frames) {
		frames = new Map();
		localeFrames.set(site, frames);
	}
	const kept = frames.get(locale.tag);
	if (kept) return kept;
	const t = (key: UiKey, options?: Record<string, unknown>) => site.ui.t(locale, key, options);
	const siteName = t('site.name');
	const coverage = site.localeStatus(locale)?.coverage ?? 0;
	const frame: LocaleFrame = {
		siteName,
		skipToContent: t('nav.skipToContent'),
		brand: hashedOnce({ href: site.plan.find(locale, '')?.path, name: siteName, tagline: t('site.tagline') }),
		navigationLabel: t('nav.label'),
		search: hashedOnce(searchFormModel(site, locale)),
		pickerLabel: t('picker.label'),
		stateLabels: hashedOnce({ outdated: t('picker.outdated'), fallback: t('picker.fallback'), missing: t('picker.missing') }),
		preview: locale.listed
			? undefined
			: hashedOnce({
					title: t('preview.title'),
					body: t('preview.body', {
						percent: new Intl.NumberFormat(locale.tag, { style: 'percent', maximumFractionDigits: 0 }).format(Math.floor(coverage * 100) / 100),
					}),
				}),
		footer: hashedOnce([t('footer.languages', { count: site.registry.listed.length }), t('footer.note')]),
	};
	frames.set(locale.tag, frame);
	return frame;
}

export function layoutModel(site: SiteModel, input: LayoutInput): LayoutModel {
	const { locale } = input;
	const frame = localeFrame(site, locale);
	const current = input.pickerLinks.find((link) => link.tag === locale.tag);
	return {
		lang: locale.tag,
		dir: locale.dir,
		documentTitle: input.title === frame.siteName ? input.title : `${input.title} · ${frame.siteName}`,
		description: input.description,
		canonical: input.canonical === undefined ? undefined : new URL(input.canonical, site.siteUrl).href,
		alternates: input.alternates ?? [],
		noindex: Boolean(input.noindex) || !locale.listed,
		skipToContent: frame.skipToContent,
		brand: frame.brand,
		navigation: {
			label: frame.navigationLabel,
			items: site.menu(locale).map((item) => ({ href: item.href, label: item.label, lang: item.lang, current: item.slug === input.currentSlug })),
		},
		search: input.siteSearch === false ? undefined : frame.search,
		picker: {
			label: frame.pickerLabel,
			current: current && { tag: current.tag, endonym: current.endonym },
			stateLabels: frame.stateLabels,
			options: input.pickerLinks,
		},
		preview: frame.preview,
		footer: frame.footer,
		frameSources: input.hostedVideo ? VIDEO_FRAME_SOURCES : [],
	};
}

export function offlinePackModel(site: SiteModel, locale: Locale): OfflinePackModel {
	const { ui } = site;
	/** A plural string's raw template per category of the locale (filled in by a script or the offline outputs). */
	const pluralTemplates = (key: UiKey): Record<string, string> =>
		Object.fromEntries(
			new Intl.PluralRules(locale.tag).resolvedOptions().pluralCategories.flatMap((category) => {
				const template = ui.raw(locale, `${key}_${category}`);
				return template ? [[category, template]] : [];
			}),
		);
	return {
		segment: locale.segment,
		href: `/offline/${locale.segment}.zip`,
		download: ui.t(locale, 'offline.download', { language: locale.endonym }),
		detailsTemplate: ui.raw(locale, 'offline.details') ?? '',
		videosTemplates: pluralTemplates('offline.videos'),
		unavailable: ui.t(locale, 'offline.unavailable'),
		keep: ui.t(locale, 'offline.keep'),
		keepStrings: {
			locale: locale.tag,
			keeping: ui.t(locale, 'offline.keeping'),
			failed: ui.t(locale, 'offline.keepFailed'),
			kept: pluralTemplates('offline.kept'),
		},
		zim: {
			href: `/offline/${zimName(locale)}.zim`,
			download: ui.t(locale, 'offline.zimDownload', { language: locale.endonym }),
			detailsTemplate: ui.raw(locale, 'offline.zimDetails') ?? '',
		},
	};
}

/** Everything a content page shows: a translated, fallback, outdated, preview or regional page alike. */
export function pageModel(site: SiteModel, route: SiteRoute): ContentPageModel {
	traceModel('page-model', route.path);
	const { registry, plan, ui } = site;
	const { locale, contentLocale, entry, isFallback } = route;
	const isOutdated = (candidate: Pick<Locale, 'tag'>, slug: string) => site.pageState(candidate, slug)?.state === 'outdated';
	const englishRoute = plan.find(registry.source, route.slug);
	const updated = entry.data.updated ?? entry.data.published;
	const helpTranslate = plan.find(locale, 'help-translate')?.path ?? localizedPath(registry.source, 'help-translate');
	const contentLanguage = languageName(locale, contentLocale.tag) ?? contentLocale.endonym;
	const englishLanguage = languageName(locale, registry.source.tag) ?? registry.source.endonym;
	const englishUpdated = englishRoute?.entry.data.updated;
	const status = contentLocale.isSource ? undefined : site.pageState(contentLocale, route.slug);
	// A fallback page whose locale has a translation that is not shown says so, rather than "not translated yet".
	const refused = isFallback && site.pageState(locale, route.slug)?.refusal !== undefined;
	const titleMark = status?.untranslated?.title ? untranslatedMark(registry.source, contentLocale) : undefined;
	const sectionIds = entry.sections.map((section) => section.id);
	// The content is printed when the page renders, once; Astro keeps an unchanged page without asking for it.
	let content: { html: string; hostedVideo: boolean } | undefined;
	const printed = () => {
		if (content) return content;
		let hostedVideo = false;
		const html = contentBodyHtml({
			tree: site.contentTree(entry),
			visitor: locale,
			contentLocale,
			slug: route.slug,
			registry,
			plan,
			status,
			sectionIds,
			ui,
			imageFor: (written) => site.displayImage(entry, written),
			videoFor: (placeholder) => {
				const video = site.displayVideo(entry, placeholder, locale);
				if (video?.hosted && !video.file) hostedVideo = true;
				return video;
			},
		});
		content = { html, hostedVideo };
		return content;
	};
	// Everything the printed content depends on; without a tree file to name it (a CLI's model), the HTML itself.
	const inputs = site.contentInputs(entry, locale, contentLocale);
	const contentKey = modelKey(
		inputs === undefined ? printed().html : { inputs, contentLocale: contentLocale.tag, slug: route.slug, status: status ?? null, sectionIds },
	);
	const model: ContentPageModel = {
		layout: layoutModel(site, {
			locale,
			title: entry.data.title,
			description: entry.data.description,
			canonical: canonicalPath(route),
			alternates: site.alternates(route),
			pickerLinks: site.pickerLinks(locale, route.slug, 'content'),
			currentSlug: route.slug,
		}),
		fallback: isFallback
			? {
					kind: refused ? 'refused' : 'missing',
					title: ui.t(locale, refused ? 'notice.refusedTitle' : 'notice.fallbackTitle'),
					body: ui.t(locale, refused ? 'notice.refusedBody' : 'notice.fallbackBody', { language: contentLanguage }),
					original: {
						href: localizedPath(contentLocale, route.slug),
						hreflang: contentLocale.tag,
						label: ui.t(locale, 'notice.readOriginal', { language: contentLanguage }),
					},
					helpTranslate: { href: helpTranslate, label: ui.t(locale, 'notice.helpTranslate') },
				}
			: undefined,
		outdated:
			!isFallback && isOutdated(locale, route.slug) && englishRoute
				? {
						title: ui.t(locale, 'outdated.title'),
						body: englishUpdated
							? ui.t(locale, 'outdated.bodyWithDate', { date: formatDate(locale, englishUpdated), language: englishLanguage })
							: ui.t(locale, 'outdated.body', { language: englishLanguage }),
						original: { href: englishRoute.path, hreflang: registry.source.tag, label: ui.t(locale, 'notice.readOriginal', { language: englishLanguage }) },
					}
				: undefined,
		article: {
			title: entry.data.title,
			titleLang: titleMark?.lang,
			titleDir: titleMark?.dir,
			lang: isFallback ? contentLocale.tag : undefined,
			dir: isFallback ? contentLocale.dir : undefined,
			contentLocale: contentLocale.tag,
			searchable: !isFallback,
			meta: {
				lang: isFallback ? locale.tag : undefined,
				dir: isFallback ? locale.dir : undefined,
				updated: updated && ui.t(locale, 'page.updated', { date: formatDate(locale, updated) }),
				readingTime: ui.t(locale, 'page.readingTime', { count: minutesForWords(entry.words) }),
			},
			get html() {
				return printed().html;
			},
			contentKey,
		},
		offlinePack: englishRoute?.entry.data.offlinePack ? offlinePackModel(site, locale) : undefined,
		get hostedVideo() {
			return printed().hostedVideo;
		},
	};
	// What the printed content decides is read as the page renders, and left out of its key (`contentKey` stands for it).
	Object.defineProperty(model.layout, 'frameSources', { get: () => (printed().hostedVideo ? VIDEO_FRAME_SOURCES : []) });
	for (const [holder, key] of [
		[model.article, 'html'],
		[model, 'hostedVideo'],
		[model.layout, 'frameSources'],
	] as const)
		Object.defineProperty(holder, key, { enumerable: false });
	return model;
}

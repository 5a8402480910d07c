/**
 * The site model: one per build, the only place the site's data comes together. It holds the published
 * registry (each `auto` locale listed or previewed from its measured coverage: progress-driven publishing),
 * the translation status, the route plan and the UI strings. Pages, the sitemap, the CLIs and the offline
 * packs all read it, so a preview locale is treated the same everywhere. Pure: built from a project scan
 * and the content entries, it reads nothing itself (`astro-site.ts` builds it in `astro build`,
 * `disk-site.ts` for the CLIs).
 */
import { createHash } from 'node:crypto';
import { traceModel } from '../build/build-trace.ts';
import { sha256 } from '../content-model/hash.ts';
import type { Root } from 'hast';
import { computeTranslationStatus, publish, type LocaleStatus, type PageStatus } from '../content-model/translation-status.ts';
import type { ProjectScan } from '../content-model/project-scan.ts';
import type { DocumentSection } from '../content-model/content-document.ts';
import type { Frontmatter } from '../content-model/frontmatter.ts';
import type { Element } from 'hast';
import type { DisplayImage, DisplayVideo } from '../content-model/content-html.ts';
import {
	CONTENT_VIDEOS,
	playerUrl,
	preselectedTrack,
	readVideoPlaceholder,
	VIDEO_TYPES,
	watchUrl,
	type ScannedTrack,
} from '../content-model/content-videos.ts';
import type { Locale, LocaleDefinition, LocaleRegistry } from '../i18n/registry.ts';
import {
	alternateLinks,
	localizedPath,
	pickerOptions,
	planRoutes,
	type AlternateLink,
	type PageRoute,
	type PickerOption,
	type RoutePlan,
} from '../i18n/routing.ts';
import { hashedOnce } from './model-key.ts';
import type { PickerLink } from './page-model.ts';
import { localizedContentHref } from '../i18n/content-links.ts';
import type { UiStrings } from '../i18n/ui.ts';

/** A content entry as the site model needs it. */
export interface SiteEntry {
	/** `<locale folder>/<path without extension>`, e.g. `es-419/values`. */
	id: string;
	data: Frontmatter;
	words: number;
	/** The sections of the entry's document, keyed by heading id (section 0 has id ''). */
	sections: readonly DocumentSection[];
	/** The file of its rendered tree, named by the digest of its document (none: the tree is not named, a CLI's model). */
	treeFile?: string | undefined;
	/** Its tree's links that pages localize (`localizableLinks`); with `treeFile`, what lets a page key its content without printing it. */
	localizableLinks?: readonly string[] | undefined;
}

export type SiteRoute = PageRoute<SiteEntry>;

export interface MenuItem {
	slug: string;
	href: string;
	label: string;
	/** Set when the label is in another language than the menu (an untranslated page's title). */
	lang?: string | undefined;
}

export interface SiteModel {
	registry: LocaleRegistry;
	status: readonly LocaleStatus[];
	plan: RoutePlan<SiteEntry>;
	ui: UiStrings;
	/** The online site's origin, for absolute URLs (canonical, hreflang, the packs' page about other languages). */
	siteUrl: string;
	/** Status of one page in one locale. */
	pageState(locale: Pick<Locale, 'tag'>, slug: string): PageStatus | undefined;
	localeStatus(locale: Pick<Locale, 'tag'>): LocaleStatus | undefined;
	/** The menu of one locale, the same on all its pages. */
	menu(locale: Locale): readonly MenuItem[];
	/**
	 * A page's hreflang alternates, as absolute URLs (`alternateLinks`): the same list for every locale's page
	 * of one path, so it is made once per path and hashed once for every page that shows it.
	 */
	alternates(route: SiteRoute): readonly AlternateLink[];
	/**
	 * The language picker's links on `viewer`'s page at `slug`: the same page in every listed locale (and in
	 * `viewer`'s, when it is a preview), with each one's state. `content`: a content page, whose links say where
	 * it is translated, outdated, shown in another language or missing; `locale-page`: a page every locale has
	 * (404, search, offline access), where `slug` '' is each locale's home (its search page on a site without one). Made once per path, and hashed once for every page that shows them.
	 */
	pickerLinks(viewer: Locale, slug: string, kind: 'content' | 'locale-page'): readonly PickerLink[];
	/** A fresh copy of an entry's rendered tree, which the page may change. */
	contentTree(entry: SiteEntry): Root;
	/**
	 * Everything besides the page's own route and status that an entry's content, shown to `visitor`, is
	 * printed from: its tree's file, the registry, the visitor's pages (links), both locales' UI strings, its
	 * images and videos as published, and the code and settings that print it. Undefined when the entry's tree
	 * has no file to name it or its links are not known. A page keys its content by these, so it need not print it to know it is unchanged.
	 */
	contentInputs(entry: SiteEntry, visitor: Locale, contentLocale: Locale): unknown;
	/**
	 * How an image an entry's file refers to (as written) is shown: undefined when it is not a local image,
	 * null when its file is missing.
	 */
	displayImage(entry: SiteEntry, written: string): DisplayImage | null | undefined;
	/**
	 * How a video placeholder of an entry's tree is shown to a visitor of `visitor`'s locale: its file with
	 * the subtitles the project has (the visitor's language preselected), or its host's player.
	 */
	displayVideo(entry: SiteEntry, placeholder: Element, visitor: Locale): DisplayVideo | undefined;
	/** Every video file with its subtitles per language (`video-scan.ts`). */
	videos: ProjectScan['videos']['videos'];
	/** Images some locale has its own copy of, with the locales that still show the shared one (the status page lists them). */
	localizedImages: ProjectScan['localizedImages'];
	/** Crowdin's progress per locale at the last syncs that changed it (translation-state.json). */
	syncHistory: ProjectScan['state']['history'];
}

export interface SiteModelInputs {
	definitions: readonly LocaleDefinition[];
	sourceTag: string;
	scan: ProjectScan;
	entries: readonly SiteEntry[];
	ui: UiStrings;
	siteUrl: string;
	contentTree: (entry: SiteEntry) => Root;
	/**
	 * Content images as the image pipeline made them, by file (`content/images/…`); `astro-site.ts` makes
	 * them. Without it (the CLIs), content images keep their `src` as written.
	 */
	pipelineImages?: ReadonlyMap<string, DisplayImage> | undefined;
	/** The URL each video file (`content/videos/…`) is published at; `astro-site.ts` has Vite copy them. */
	publishedVideos?: ReadonlyMap<string, string> | undefined;
	/** The hash of the code and settings that print pages (`astro-site.ts`: the project's `src/`, UI marks). */
	renderDigest?: string | undefined;
}

const digest = (value: unknown) => sha256(JSON.stringify(value));

/** `compute(key)` once per key. */
function memoized<Value>(compute: (key: string) => Value): (key: string) => Value {
	const values = new Map<string, Value>();
	return (key) => {
		if (!values.has(key)) values.set(key, compute(key));
		return values.get(key)!;
	};
}

/**
 * Where a subtitle file is published (src/pages/subtitles/): `content/videos/course/intro.es.vtt` →
 * `/subtitles/course/intro.es.<hash>.vtt`, named by what it says, as Vite names the site's files: a page
 * that shows other subtitles is another page (its cache key, an offline pack's copy of it).
 */
export function subtitleUrl(track: Pick<ScannedTrack, 'file' | 'published'>, contentDir = 'content'): string {
	const relative = track.file.slice(`${contentDir}/${CONTENT_VIDEOS}/`.length, -'.vtt'.length);
	return `/subtitles/${relative}.${createHash('sha256').update(track.published).digest('hex').slice(0, 10)}.vtt`;
}

/**
 * Pages with a `navOrder`: the source's, labelled in the visitor's locale where translated, then the
 * locale's own regional pages.
 */
function buildMenu(plan: RoutePlan<SiteEntry>, registry: LocaleRegistry, locale: Locale): MenuItem[] {
	const inMenu = plan.routes.filter(
		(route) =>
			route.entry.data.navOrder !== undefined &&
			(route.locale.tag === registry.source.tag || (route.locale.tag === locale.tag && !route.translatedIn.some((translated) => translated.isSource))),
	);
	return inMenu
		.sort((a, b) => a.entry.data.navOrder! - b.entry.data.navOrder!)
		.flatMap((menuRoute) => {
			const route = plan.find(locale, menuRoute.slug);
			if (!route) return [];
			const { navLabel, title } = route.entry.data;
			return [
				{ slug: route.slug, href: route.path, label: navLabel ?? title, lang: route.contentLocale.tag !== locale.tag ? route.contentLocale.tag : undefined },
			];
		});
}

export function createSiteModel({
	definitions,
	sourceTag,
	scan,
	entries,
	ui,
	siteUrl,
	contentTree,
	pipelineImages,
	publishedVideos,
	renderDigest,
}: SiteModelInputs): SiteModel {
	traceModel('site-model', `${entries.length} entries`);
	const base = publish(definitions, sourceTag, []).registry;
	const { registry, status } = publish(definitions, sourceTag, computeTranslationStatus(base, scan));
	const plan = planRoutes(registry, entries);
	const pages = new Map(status.flatMap((entry) => entry.pages.map((page) => [`${entry.locale.tag}\u0000${page.slug}`, page] as const)));
	const menuOf = memoized((tag) => buildMenu(plan, registry, registry.get(tag)));
	const isOutdated = (locale: Pick<Locale, 'tag'>, slug: string) => pages.get(`${locale.tag}\u0000${slug}`)?.state === 'outdated';
	const pickerLinksOf = memoized((key) => {
		const [kind, viewerTag = '', slug = ''] = key.split('\u0000');
		const viewer = registry.get(viewerTag);
		const options: PickerOption[] =
			kind === 'content'
				? pickerOptions(plan, registry, { locale: viewer, slug }, isOutdated)
				: registry.all
						.filter((locale) => locale.listed || locale.tag === viewer.tag)
						// A locale's home on a site without one would be a 404: its search page, which each locale has, instead.
						.map((locale) => ({
							locale,
							href: localizedPath(locale, slug === '' && !plan.find(locale, '') ? 'search' : slug),
							current: locale.tag === viewer.tag,
							state: 'translated',
						}));
		return hashedOnce(options.map(({ locale, href, state }): PickerLink => ({ href, tag: locale.tag, dir: locale.dir, endonym: locale.endonym, state })));
	});
	const alternatesOf = new Map<string, Readonly<AlternateLink[]>>();
	const alternates = (route: SiteRoute) => {
		let links = alternatesOf.get(route.slug);
		if (!links) {
			links = hashedOnce(alternateLinks(route, registry).map((link) => ({ hreflang: link.hreflang, href: new URL(link.href, siteUrl).href })));
			alternatesOf.set(route.slug, links);
		}
		return links;
	};
	// Where a content link leads each visitor: the same for every page of one locale that has it.
	const localizedLinkOf = memoized((key) => {
		const split = key.indexOf('\u0000');
		return localizedContentHref(key.slice(split + 1), registry.get(key.slice(0, split)), registry, plan);
	});
	const displayImage = (entry: SiteEntry, written: string): DisplayImage | null | undefined => {
		const image = scan.images[entry.id]?.[written];
		if (image === undefined) return undefined;
		if (image === null) return null;
		if (image.file.startsWith('public/')) return { src: image.file.slice('public'.length), width: image.width, height: image.height };
		return pipelineImages?.get(image.file);
	};
	// What content inputs share, computed once: per site and per locale's UI strings.
	const siteInputs = digest({
		renderDigest,
		siteUrl,
		locales: registry.all.map((locale) => [locale.tag, locale.segment, locale.dir, locale.endonym, locale.listed, locale.fallbackChain]),
	});
	const stringsOf = memoized((tag) => digest(registry.get(tag)?.fallbackChain.map((chained) => ui.instance.getDataByLanguage(chained) ?? null)));
	const contentInputs = (entry: SiteEntry, visitor: Locale, contentLocale: Locale) => {
		if (!entry.treeFile || !entry.localizableLinks) return undefined;
		const images = Object.entries(scan.images[entry.id] ?? {}).map(([written]) => [written, displayImage(entry, written) ?? null]);
		const videos = Object.values(scan.videos.pages[entry.id] ?? {}).map((file) => file && [file, publishedVideos?.get(file), scan.videos.videos[file]?.tracks]);
		return {
			tree: entry.treeFile,
			site: siteInputs,
			visitor: visitor.tag,
			links: entry.localizableLinks.map((href) => localizedLinkOf(`${visitor.tag}\u0000${href}`)),
			strings: [stringsOf(visitor.tag), stringsOf(contentLocale.tag)],
			images,
			videos,
		};
	};
	return {
		registry,
		status,
		plan,
		ui,
		siteUrl,
		pageState: (locale, slug) => pages.get(`${locale.tag}\u0000${slug}`),
		localeStatus: (locale) => status.find((entry) => entry.locale.tag === locale.tag),
		menu: (locale) => menuOf(locale.tag),
		alternates,
		// A listed viewer's links are every listed locale's, whoever views them; a preview's add its own.
		pickerLinks: (viewer, slug, kind) => pickerLinksOf(`${kind}\u0000${viewer.listed ? registry.source.tag : viewer.tag}\u0000${slug}`),
		contentTree,
		contentInputs,
		displayImage,
		displayVideo: (entry, placeholder, visitor) => {
			const video = readVideoPlaceholder(placeholder);
			if (!video) return undefined;
			const poster = video.poster ? (displayImage(entry, video.poster) ?? undefined) : undefined;
			const hostedId = video.youtube ?? video.vimeo;
			const host = video.youtube ? 'youtube' : 'vimeo';
			const hosted = hostedId
				? { player: playerUrl(host, hostedId, visitor.tag), watch: watchUrl(host, hostedId), hostName: host === 'youtube' ? 'YouTube' : 'Vimeo' }
				: undefined;
			const file = video.file ? scan.videos.pages[entry.id]?.[video.file] : undefined;
			const src = file ? publishedVideos?.get(file) : undefined;
			if (!file || !src) return { hosted, poster, address: hosted?.watch };
			const tracks = scan.videos.videos[file]?.tracks ?? [];
			const preselected = preselectedTrack(
				tracks.map((track) => track.tag),
				visitor.fallbackChain,
			);
			return {
				file: {
					src,
					type: VIDEO_TYPES[file.slice(file.lastIndexOf('.')).toLowerCase() as keyof typeof VIDEO_TYPES],
					tracks: tracks.map((track) => ({
						src: subtitleUrl(track),
						srclang: track.tag,
						label: registry.get(track.tag)?.endonym ?? track.tag,
						default: track.tag === preselected,
					})),
				},
				poster,
				address: hosted?.watch ?? new URL(src, siteUrl).href,
			};
		},
		videos: scan.videos.videos,
		localizedImages: scan.localizedImages,
		syncHistory: scan.state.history,
	};
}

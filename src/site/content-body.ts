/**
 * The body HTML one page shows: its entry's stored tree with links kept in the visitor's locale, footnote
 * labels in the content's language, a marker on each section whose English changed since it was
 * translated, and `lang="en"` (with `dir`, in a right-to-left page) on each segment left in English. Pure: the page passes in the site data, so this is tested without a build.
 */
import type { Root } from 'hast';
import { toHtml } from 'hast-util-to-html';
import {
	insertOutdatedMarkers,
	localizeFootnotes,
	placeImages,
	placeVideos,
	prioritizeFirstImage,
	type DisplayImage,
	type DisplayVideo,
} from '../content-model/content-html.ts';
import type { Element } from 'hast';
import type { PageStatus } from '../content-model/translation-status.ts';
import { localizeContentLinks } from '../i18n/content-links.ts';
import { languageName } from '../i18n/format.ts';
import type { Locale, LocaleRegistry } from '../i18n/registry.ts';
import { localizedPath, type RoutePlan } from '../i18n/routing.ts';
import type { UiStrings } from '../i18n/ui.ts';
import { markUntranslatedSegments } from '../content-model/translation-segments.ts';

/** How a segment left in English is marked on a translated page: its language, and its direction where the page's differs. */
export function untranslatedMark(source: Locale, contentLocale: Locale): { lang: string; dir?: Locale['dir'] | undefined } {
	return { lang: source.tag, dir: source.dir !== contentLocale.dir ? source.dir : undefined };
}

export interface ContentBodyInput {
	/** The entry's tree; this page's own copy, changed in place. */
	tree: Root;
	visitor: Locale;
	/** The language of the content shown (the visitor's, or English on a fallback page). */
	contentLocale: Locale;
	slug: string;
	registry: LocaleRegistry;
	plan: Pick<RoutePlan, 'find'>;
	/** The translation's status, for a translated page (undefined for English and fallback pages). */
	status: PageStatus | undefined;
	/** The ids of the content's own section headings, in order (section 0, before the first heading, is ''). */
	sectionIds: readonly string[];
	ui: Pick<UiStrings, 't'>;
	/** How each image the content's file refers to is shown (`SiteModel.displayImage`). */
	imageFor?: ((written: string) => DisplayImage | null | undefined) | undefined;
	/** How each video placeholder is shown (`SiteModel.displayVideo`, for the visitor). */
	videoFor?: ((placeholder: Element) => DisplayVideo | undefined) | undefined;
}

export function contentBodyHtml({ tree, visitor, contentLocale, slug, registry, plan, status, sectionIds, ui, imageFor, videoFor }: ContentBodyInput): string {
	// First, while the tree is as parsed: segments are found by their index in it (translation-segments.ts).
	if (!contentLocale.isSource && status?.untranslated?.indices.length)
		markUntranslatedSegments(tree, status.untranslated.indices, untranslatedMark(registry.source, contentLocale));
	// Videos first: their posters are printed as the pipeline made them, and never take the first image's priority.
	if (videoFor)
		placeVideos(tree, videoFor, {
			play: (title) => ui.t(visitor, title ? 'video.play' : 'video.playUntitled', { title }),
			loadsFrom: (host) => ui.t(visitor, 'video.loadsFrom', { host }),
			needsInternet: ui.t(visitor, 'video.needsInternet'),
		});
	if (imageFor) placeImages(tree, imageFor);
	prioritizeFirstImage(tree);
	localizeContentLinks(tree, visitor, registry, plan);
	localizeFootnotes(tree, {
		heading: ui.t(contentLocale, 'page.footnotes'),
		backToReference: (reference) => ui.t(contentLocale, 'page.backToReference', { reference }),
	});
	if (!contentLocale.isSource && status?.state === 'outdated' && status.changedSectionIndices?.length) {
		const englishIds = ['', ...status.sourceHeadingIds];
		const englishPage = localizedPath(registry.source, slug);
		const language = languageName(contentLocale, registry.source.tag) ?? registry.source.endonym;
		const text = ui.t(contentLocale, 'outdated.section', { language });
		const link = ui.t(contentLocale, 'outdated.sectionLink', { language });
		insertOutdatedMarkers(tree, sectionIds, status.changedSectionIndices, (index) => ({
			type: 'element',
			tagName: 'p',
			properties: { className: ['outdated-marker'], role: 'note', dataOutdatedSection: String(index) },
			children: [
				{ type: 'text', value: `${text} ` },
				{
					type: 'element',
					tagName: 'a',
					properties: { href: `${englishPage}${englishIds[index] ? `#${englishIds[index]}` : ''}`, hrefLang: registry.source.tag },
					children: [{ type: 'text', value: link }],
				},
			],
		}));
	}
	return toHtml(tree);
}

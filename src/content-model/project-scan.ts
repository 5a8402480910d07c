/**
 * The project as the status report and the publishing decision need it, from its parsed documents: every
 * English page with its word count and current hashes, every translation with what it was translated from
 * and whether it can be built, and UI string coverage. Serializable: the build keeps it in the content
 * store for the pages (`content-loader.ts`), and the CLIs compute it the same way.
 */
import path from 'node:path';
import { PLURAL_SUFFIX } from '../i18n/ui-checks.ts';
import { validateUiResources, type ValidatedUiResources } from '../i18n/ui-resources.ts';
import type { LocaleRegistry } from '../i18n/registry.ts';
import { isMostlyUntranslated, type DocumentSet } from './document-set.ts';
import { formatProblem } from './problems.ts';
import type { SegmentReport } from './translation-segments.ts';
import { compareWithRecord, snapshotOf, type Freshness, type SourceSnapshot } from './freshness.ts';
import { readTranslationState, type TranslationRecord, type TranslationState } from './translation-state.ts';
import sharp from 'sharp';
import type { VideoScan } from './content-videos.ts';
import { scanVideos } from './video-scan.ts';
import { CONTENT_IMAGES, imageReadability, isProjectFile, localizedImageFile, resolvePageImages } from './content-images.ts';
import { byCodeUnits } from '../build/reproducible-order.ts';

export interface ScannedPage {
	slug: string;
	/** e.g. `content/en/values.mdx` */
	sourcePath: string;
	title: string;
	updated?: Date | undefined;
	words: number;
	snapshot: SourceSnapshot;
}

export interface ScannedTranslation {
	locale: string;
	slug: string;
	/** e.g. `content/es-419/values.mdx` */
	path: string;
	record?: TranslationRecord | undefined;
	freshness: Freshness;
	/** False when the build leaves it out (it failed its checks, or is mostly English): its page falls back to English. */
	buildable: boolean;
	/** Why it is left out, when it is: `untranslated` for a mostly English one, with the first problem found. */
	refusal?: { kind: 'checks' | 'untranslated'; reason: string; problems: number } | undefined;
	/** Its segments left in English, when it passed its checks (`translation-segments.ts`). */
	segments?: SegmentReport | undefined;
}

/** An image file a page shows, as the scan found it. */
export interface ScannedImage {
	/** Relative to the project root: `content/images/…` (through the image pipeline) or `public/…` (as it is). */
	file: string;
	/** The file's own size, for `public/` raster images (content images get theirs from the pipeline). */
	width?: number | undefined;
	height?: number | undefined;
}

export interface ProjectScan {
	pages: ScannedPage[];
	translations: ScannedTranslation[];
	/** Per locale tag: UI string keys of the source that the locale translates itself. */
	uiStrings: Record<string, { translated: number; total: number }>;
	/** The UI strings, validated once per sync: what the site model uses (`usableUiResources`), and what was wrong. */
	ui: ValidatedUiResources;
	state: TranslationState;
	/**
	 * Per entry id (`es-419/values`): each local image its file refers to, as written, and the file it is
	 * (the locale's own copy on a translated page, where there is one); null when the file is missing.
	 * Found again on every sync: adding an image changes pages without changing any source file.
	 */
	images: Record<string, Record<string, ScannedImage | null>>;
	/** Images some locale has its own copy of, with the locales that still show the shared one. */
	localizedImages: { file: string; missing: string[] }[];
	/** Video files with their subtitles per language, and the videos each page plays (`video-scan.ts`). */
	videos: VideoScan;
}

export interface ScanOptions {
	localesDir?: string;
	stateFile?: string;
}

function stringKeys(value: unknown, prefix = '', into = new Set<string>()): Set<string> {
	if (typeof value === 'string') {
		if (value.trim() !== '') into.add(prefix.replace(PLURAL_SUFFIX, ''));
	} else if (value && typeof value === 'object' && !Array.isArray(value)) {
		for (const [key, child] of Object.entries(value)) stringKeys(child, prefix ? `${prefix}.${key}` : key, into);
	}
	return into;
}

export async function scanProject(root: string, registry: LocaleRegistry, documents: DocumentSet, options: ScanOptions = {}): Promise<ProjectScan> {
	const localesDir = options.localesDir ?? 'locales';
	const state = await readTranslationState(path.join(root, options.stateFile ?? 'translation-state.json'));
	const source = registry.source;
	const sourcePrefix = `${source.tag}/`;
	const pages: ScannedPage[] = [];
	const pageBySlug = new Map<string, ScannedPage>();
	for (const [relative, document] of documents.documents) {
		if (!relative.startsWith(sourcePrefix)) continue;
		const data = (document.frontmatter ?? {}) as { title?: unknown; updated?: unknown };
		const page: ScannedPage = {
			slug: document.slug,
			sourcePath: document.file,
			title: typeof data.title === 'string' ? data.title : relative,
			updated: data.updated instanceof Date || typeof data.updated === 'string' ? new Date(data.updated) : undefined,
			words: document.words,
			snapshot: snapshotOf(document),
		};
		pages.push(page);
		pageBySlug.set(page.slug, page);
	}

	const translations: ScannedTranslation[] = [];
	const translationFiles = [...new Set([...documents.documents.keys(), ...documents.leftOut.keys(), ...documents.planned.keys()])]
		.filter((relative) => !relative.startsWith(sourcePrefix))
		.sort();
	for (const relative of translationFiles) {
		const english = documents.sourceOf(relative);
		const page = english && pageBySlug.get(english.slug);
		if (!page) continue; // a regional page (nothing to be current with), or one at the wrong path
		const translationPath = path.posix.join(documents.contentDir, relative);
		const record = state.translations[translationPath];
		const problems = documents.leftOut.get(relative);
		translations.push({
			locale: relative.split('/')[0]!,
			slug: page.slug,
			path: translationPath,
			record,
			freshness: withUnalignedSections(compareWithRecord(record, page.snapshot), documents.outdated.get(relative)),
			buildable: !problems,
			refusal: problems && {
				kind: isMostlyUntranslated(documents, relative) ? 'untranslated' : 'checks',
				reason: problems[0] ? formatProblem(problems[0]) : 'it cannot be built',
				problems: problems.length,
			},
			segments: documents.segments.get(relative),
		});
	}

	// UI strings as the site uses them: validated, bad strings dropped, files found without links or oversize.
	const ui = validateUiResources(path.join(root, localesDir), registry, root);
	const { resources } = ui;
	const uiStrings: ProjectScan['uiStrings'] = {};
	const sourceKeys = new Map(Object.entries(resources[source.tag] ?? {}).map(([namespace, strings]) => [namespace, stringKeys(strings)]));
	const total = [...sourceKeys.values()].reduce((sum, keys) => sum + keys.size, 0);
	for (const locale of registry.all) {
		let translated = 0;
		for (const [namespace, keys] of sourceKeys) {
			const own = stringKeys(resources[locale.tag]?.[namespace]);
			for (const key of keys) if (own.has(key)) translated++;
		}
		uiStrings[locale.tag] = { translated, total };
	}
	const { images, localizedImages } = await scanImages(root, registry, documents);
	const built = [...documents.documents].filter(([relative]) => !documents.leftOut.has(relative)).map(([, document]) => document);
	const videos = await scanVideos(root, registry, built, documents.contentDir);
	// A shard's other locales, as its plan found them (src/build/shard-plan.ts).
	for (const planned of documents.planned.values()) {
		if (!planned.built) continue;
		if (planned.built.images) images[planned.built.entry.id] = planned.built.images;
		if (planned.built.videos) videos.pages[planned.built.entry.id] = planned.built.videos;
	}
	// By entry id, whichever documents were parsed here: a shard's scan is the same as a single build's.
	return { pages, translations, uiStrings, ui, state, images: byKey(images), localizedImages, videos: { ...videos, pages: byKey(videos.pages) } };
}

function byKey<Value>(record: Record<string, Value>): Record<string, Value> {
	return Object.fromEntries(Object.entries(record).sort(byCodeUnits(([key]) => key)));
}

/**
 * A translation built though its sections do not line up with today's English (`translation-checks.ts`) is
 * outdated in those sections, whatever its record says (or with none).
 */
function withUnalignedSections(freshness: Freshness, unaligned: readonly number[] | undefined): Freshness {
	if (!unaligned?.length) return freshness;
	const recorded = freshness.state === 'outdated' ? freshness.changedSections : [];
	return {
		state: 'outdated',
		changedSections: [...new Set([...recorded, ...unaligned])].sort((a, b) => a - b),
		frontmatterChanged: freshness.state === 'outdated' && freshness.frontmatterChanged,
	};
}

async function imageSize(root: string, file: string): Promise<{ width?: number; height?: number }> {
	try {
		const { width, height } = await sharp(path.join(root, file)).metadata();
		return { width, height };
	} catch {
		return {};
	}
}

async function scanImages(root: string, registry: LocaleRegistry, documents: DocumentSet): Promise<Pick<ProjectScan, 'images' | 'localizedImages'>> {
	const images: ProjectScan['images'] = {};
	const sizes = new Map<string, Promise<{ width?: number; height?: number }>>();
	const shared = new Set<string>();
	const unreadable = imageReadability(root);
	for (const [relative, document] of documents.documents) {
		if (documents.leftOut.has(relative)) continue;
		const translated = document.localeFolder === registry.source.tag ? undefined : document.localeFolder;
		const found: Record<string, ScannedImage | null> = {};
		for (const image of resolvePageImages(root, document, { contentDir: documents.contentDir, localeFolder: translated })) {
			if (!image.file) {
				found[image.written] = null;
				continue;
			}
			if (image.file.startsWith(`${documents.contentDir}/${CONTENT_IMAGES}/`)) {
				// An image the pipeline cannot read is shown as a missing one (the content loader names the page).
				if (await unreadable(image.file)) {
					found[image.written] = null;
					continue;
				}
				if (!translated) shared.add(image.file);
				found[image.written] = { file: image.file };
			} else {
				if (!sizes.has(image.file)) sizes.set(image.file, imageSize(root, image.file));
				found[image.written] = { file: image.file, ...(await sizes.get(image.file)) };
			}
		}
		if (Object.keys(found).length > 0) images[document.id] = found;
	}
	const translatedLocales = registry.all.filter((locale) => !locale.isSource);
	const localizedImages = [...shared]
		.sort()
		.map((file) => {
			const has = translatedLocales.filter((locale) => isProjectFile(root, localizedImageFile(file, locale.tag, documents.contentDir)));
			return { file, has, missing: translatedLocales.filter((locale) => !has.includes(locale)).map((locale) => locale.tag) };
		})
		.filter((image) => image.has.length > 0)
		.map(({ file, missing }) => ({ file, missing }));
	return { images, localizedImages };
}

/**
 * Per-locale translation status from a project scan: pages current, outdated, missing or broken, the share
 * of English words that are translated and current, UI string coverage, and whether the locale is listed.
 */
import { createLocaleRegistry, type Locale, type LocaleDefinition, type LocaleRegistry } from '../i18n/registry.ts';
import type { ProjectScan } from './project-scan.ts';
import { untranslatedShare } from './translation-segments.ts';

export type PageState = 'current' | 'outdated' | 'untracked' | 'broken' | 'missing';

export interface PageStatus {
	slug: string;
	title: string;
	sourcePath: string;
	translationPath?: string | undefined;
	state: PageState;
	words: number;
	/** For outdated pages: how many English sections changed since the translation. */
	changedSections?: number | undefined;
	/** For outdated pages: which English sections (0 is the text before the first heading). */
	changedSectionIndices?: number[] | undefined;
	/** The ids of the English page's section headings on its rendered page, in order (for links to sections). */
	sourceHeadingIds: string[];
	/**
	 * For a translation that passed its checks: its segments left as the English text (`translation-segments.ts`).
	 * `indices` are the body's, in `segmentElements` order; `words` count as missing, not translated.
	 */
	untranslated?: UntranslatedSegments | undefined;
	/** For a translation that exists but is not shown (state `broken`): why. */
	refusal?: { kind: 'checks' | 'untranslated'; reason: string } | undefined;
}

export interface UntranslatedSegments {
	/** How many segments are the English text, of how many with words in them (the title included). */
	segments: number;
	total: number;
	/** segments / total, 0 to 1. */
	share: number;
	/** English words of the body left in English. */
	words: number;
	title: boolean;
	indices: number[];
}

export interface LocaleStatus {
	locale: Locale;
	counts: Record<PageState, number>;
	wordsTotal: number;
	/** English words on pages whose translation is current (or untracked: hand-written, never marked), less those left in English. */
	wordsCurrent: number;
	/** English words of served translations that are still the English text (they count as missing). */
	wordsUntranslated: number;
	/** wordsCurrent / wordsTotal, 0 to 1. */
	coverage: number;
	uiCoverage: number;
	/** Whether coverage reaches the locale's threshold (before any forced publish setting). */
	reachesThreshold: boolean;
	pages: PageStatus[];
}

/** A share (0 to 1) as the status reports write it: whole percent, rounded down, so 74.9% never reads as 75%. */
export function coveragePercent(share: number): string {
	return `${Math.floor(share * 100)}%`;
}

export function computeTranslationStatus(registry: LocaleRegistry, scan: ProjectScan): LocaleStatus[] {
	const wordsTotal = scan.pages.reduce((sum, page) => sum + page.words, 0);
	const translationIndex = new Map(scan.translations.map((translation) => [`${translation.locale}\u0000${translation.slug}`, translation]));
	return registry.all.map((locale) => {
		const counts: Record<PageState, number> = { current: 0, outdated: 0, untracked: 0, broken: 0, missing: 0 };
		let wordsCurrent = 0;
		let wordsUntranslated = 0;
		const pages = scan.pages.map((page): PageStatus => {
			const sourceHeadingIds = page.snapshot.headingIds;
			if (locale.isSource) {
				counts.current++;
				wordsCurrent += page.words;
				return {
					slug: page.slug,
					title: page.title,
					sourcePath: page.sourcePath,
					translationPath: page.sourcePath,
					state: 'current',
					words: page.words,
					sourceHeadingIds,
				};
			}
			const translation = translationIndex.get(`${locale.tag}\u0000${page.slug}`);
			let state: PageState;
			if (!translation) state = 'missing';
			else if (!translation.buildable) state = 'broken';
			else state = translation.freshness.state;
			counts[state]++;
			const report = translation?.segments;
			const untranslated: UntranslatedSegments | undefined = report && {
				segments: report.untranslated.length + (report.untranslatedTitle ? 1 : 0),
				total: report.total,
				share: untranslatedShare(report),
				words: Math.min(page.words, report.untranslatedWords),
				title: report.untranslatedTitle,
				indices: report.untranslated,
			};
			if (state === 'current' || state === 'untracked') {
				wordsCurrent += page.words - (untranslated?.words ?? 0);
				wordsUntranslated += untranslated?.words ?? 0;
			} else if (state === 'outdated') wordsUntranslated += untranslated?.words ?? 0;
			return {
				slug: page.slug,
				title: page.title,
				sourcePath: page.sourcePath,
				translationPath: translation?.path,
				state,
				words: page.words,
				changedSections: translation?.freshness.state === 'outdated' ? translation.freshness.changedSections.length : undefined,
				changedSectionIndices: translation?.freshness.state === 'outdated' ? translation.freshness.changedSections : undefined,
				sourceHeadingIds,
				untranslated,
				refusal: translation?.refusal && { kind: translation.refusal.kind, reason: translation.refusal.reason },
			};
		});
		const coverage = wordsTotal === 0 ? 1 : wordsCurrent / wordsTotal;
		const ui = scan.uiStrings[locale.tag];
		return {
			locale,
			counts,
			wordsTotal,
			wordsCurrent,
			wordsUntranslated,
			coverage,
			uiCoverage: ui && ui.total > 0 ? ui.translated / ui.total : 0,
			reachesThreshold: locale.isSource || coverage >= locale.publishThreshold,
			pages,
		};
	});
}

/**
 * The registry as published: each `auto` locale listed or previewed by its measured coverage, and the
 * status re-attached to those locales. The site builds with it and `npm run i18n -- status` reports it.
 */
export function publish(
	definitions: readonly LocaleDefinition[],
	source: string,
	measured: readonly LocaleStatus[],
): { registry: LocaleRegistry; status: LocaleStatus[] } {
	const registry = createLocaleRegistry(definitions, {
		source,
		reachedThreshold: (tag) => measured.find((entry) => entry.locale.tag === tag)?.reachesThreshold ?? false,
	});
	return { registry, status: measured.map((entry) => ({ ...entry, locale: registry.get(entry.locale.tag) })) };
}

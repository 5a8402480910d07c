/**
 * The registry the site is built with: the locale list, with each `auto` locale listed or previewed from
 * the measured share of English words that are translated and current (progress-driven publishing).
 */
import { getCollection } from 'astro:content';
import { computeTranslationStatus, publish, type LocaleStatus } from '../content-model/translation-status.ts';
import { scanProject } from '../content-model/project-scan.ts';
import { localeDefinitions, locales as baseLocales, SOURCE_LOCALE } from '../i18n/locales.ts';
import type { LocaleRegistry } from '../i18n/registry.ts';

export interface SiteLocales {
	registry: LocaleRegistry;
	status: LocaleStatus[];
	/** Status of one page in one locale, by tag and slug. */
	pageState(tag: string, slug: string): LocaleStatus['pages'][number] | undefined;
}

let computed: Promise<SiteLocales> | undefined;

async function compute(): Promise<SiteLocales> {
	const entries = await getCollection('pages');
	// Translations left out of the collection did not pass the checks: they count as broken, not translated.
	const buildable = new Set(entries.map((entry) => `content/${entry.id}.mdx`));
	const scan = await scanProject(process.cwd(), baseLocales);
	const measured = computeTranslationStatus(baseLocales, scan, { isBuildable: (file) => buildable.has(file) });
	const { registry, status } = publish(localeDefinitions, SOURCE_LOCALE, measured);
	const pageIndex = new Map(status.flatMap((entry) => entry.pages.map((page) => [`${entry.locale.tag}\u0000${page.slug}`, page] as const)));
	return {
		registry,
		status,
		pageState: (tag, slug) => pageIndex.get(`${tag}\u0000${slug}`),
	};
}

export function siteLocales(): Promise<SiteLocales> {
	computed ??= compute();
	return computed;
}

/**
 * The frontmatter a content entry is built with. A translation takes every key translators do not
 * translate from its English source (a different value is reported and ignored); a regional page takes its
 * menu place from the registry (`localPages`), never from the page itself.
 */
import type { LocaleRegistry, LocalPage } from '../i18n/registry.ts';
import { TEMPLATE_CODE_KEYS, type ContentDocument } from './content-document.ts';
import { findTemplateCode } from './template-syntax.ts';
import type { DocumentSet } from './document-set.ts';
import { FRONTMATTER_KEYS, TRANSLATABLE_FRONTMATTER_KEYS } from './frontmatter.ts';
import { formatProblem } from './problems.ts';

/** Frontmatter a translation may not change: the English value is used, and a different one is reported. */
function pinnedFrontmatter(
	file: string,
	lines: Record<string, number>,
	frontmatter: Record<string, unknown>,
	english: Record<string, unknown>,
): { data: Record<string, unknown>; warnings: string[] } {
	const translatable = new Set<string>(TRANSLATABLE_FRONTMATTER_KEYS);
	const data: Record<string, unknown> = {};
	const warnings: string[] = [];
	for (const [key, value] of Object.entries(english)) if (!translatable.has(key) && FRONTMATTER_KEYS.includes(key)) data[key] = value;
	for (const [key, value] of Object.entries(frontmatter)) {
		if (translatable.has(key)) data[key] = value;
		else if (JSON.stringify(value) !== JSON.stringify(english[key])) {
			warnings.push(
				formatProblem({
					file,
					line: lines[key],
					message: `frontmatter ${key} is not translatable; it is ignored and the English value is used (change it in the English page)`,
				}),
			);
		}
	}
	return { data, warnings };
}

/** A regional page's menu place comes from the registry (`localPages`), never from the page itself. */
function regionalFrontmatter(
	file: string,
	lines: Record<string, number>,
	frontmatter: Record<string, unknown>,
	page: LocalPage,
): { data: Record<string, unknown>; warnings: string[] } {
	const { navOrder, ...rest } = frontmatter;
	const warnings =
		navOrder !== undefined && navOrder !== page.navOrder
			? [
					formatProblem({
						file,
						line: lines['navOrder'],
						message: 'frontmatter navOrder is ignored on a regional page; its menu place is set in localPages (src/i18n/locales.ts)',
					}),
				]
			: [];
	return { data: page.navOrder === undefined ? rest : { ...rest, navOrder: page.navOrder }, warnings };
}

/** What an entry's frontmatter depends on beyond its own file: its English source's frontmatter, or its regional menu place. */
export function entryDependencies(
	set: DocumentSet,
	relative: string,
	registry: LocaleRegistry,
): { english?: Record<string, unknown> | undefined; localPage?: LocalPage | undefined } {
	const locale = registry.get(relative.split('/')[0]!);
	if (locale.isSource) return {};
	const english = set.sourceOf(relative)?.frontmatter;
	return english ? { english } : { localPage: locale.localPages[set.documents.get(relative)?.slug ?? ''] };
}

/**
 * The frontmatter an entry is built with: only the keys Glossa knows (the document reports the others once),
 * and a description from the page's first paragraph (or its title) when it has none.
 */
export function entryFrontmatter(
	document: ContentDocument,
	english: Record<string, unknown> | undefined,
	localPage: LocalPage | undefined,
): { data: Record<string, unknown>; warnings: string[] } {
	const frontmatter = Object.fromEntries(Object.entries(document.frontmatter ?? {}).filter(([key]) => FRONTMATTER_KEYS.includes(key)));
	const built = english
		? pinnedFrontmatter(document.file, document.frontmatterLines, frontmatter, english)
		: localPage
			? regionalFrontmatter(document.file, document.frontmatterLines, frontmatter, localPage)
			: { data: frontmatter, warnings: [] };
	// Template code is never printed (the document reports it): a title that was nothing else becomes the
	// page's first heading, or its path.
	for (const key of TEMPLATE_CODE_KEYS) {
		const value = built.data[key];
		if (typeof value !== 'string') continue;
		const code = findTemplateCode(value);
		if (code.length === 0) continue;
		let kept = '';
		let copied = 0;
		for (const token of code) {
			kept += value.slice(copied, token.start);
			copied = token.end;
		}
		kept = `${kept}${value.slice(copied)}`.replace(/\s+/g, ' ').trim();
		if (kept) built.data[key] = kept;
		else if (key === 'title') built.data[key] = document.headings[0]?.text || document.slug || document.id;
		else delete built.data[key];
	}
	built.data['description'] ??= document.summary || built.data['title'];
	return built;
}

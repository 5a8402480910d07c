/**
 * The frontmatter a content entry is built with. A translation takes every key translators do not
 * translate from its English source (a different value is reported and ignored); a regional page takes its
 * menu place from the registry (`localPages`), never from the page itself.
 */
import type { LocaleRegistry, LocalPage } from '../i18n/registry.ts';
import { TEMPLATE_CODE_KEYS, type ContentDocument } from './content-document.ts';
import { findTemplateCode } from './template-syntax.ts';
import type { DocumentSet } from './document-set.ts';
import { fitText, FRONTMATTER_FIELDS, TRANSLATABLE_FRONTMATTER_KEYS, type Frontmatter, type SourceFrontmatter } from './frontmatter.ts';
import { formatProblem } from './problems.ts';

/** Frontmatter a translation may not change: the English value is used, and a different one is reported. */
function pinnedFrontmatter(file: string, lines: Record<string, number>, own: SourceFrontmatter, english: SourceFrontmatter): Built {
	const translatable = new Set<string>(TRANSLATABLE_FRONTMATTER_KEYS);
	const data: SourceFrontmatter = { title: own.title };
	const warnings: string[] = [];
	for (const key of FRONTMATTER_FIELDS) if (!translatable.has(key)) copyField(data, english, key);
	for (const key of FRONTMATTER_FIELDS) {
		if (translatable.has(key)) copyField(data, own, key);
		else if (own[key] !== undefined && JSON.stringify(own[key]) !== JSON.stringify(english[key])) {
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

function copyField<Key extends keyof SourceFrontmatter>(to: SourceFrontmatter, from: SourceFrontmatter, key: Key): void {
	if (from[key] !== undefined) to[key] = from[key];
}

/** A regional page's menu place comes from the registry (`localPages`), never from the page itself. */
function regionalFrontmatter(file: string, lines: Record<string, number>, own: SourceFrontmatter, page: LocalPage): Built {
	const { navOrder, ...rest } = own;
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

interface Built {
	data: SourceFrontmatter;
	warnings: string[];
}

/** What an entry's frontmatter depends on beyond its own file: its English source's frontmatter, or its regional menu place. */
export function entryDependencies(
	set: DocumentSet,
	relative: string,
	registry: LocaleRegistry,
): { english?: SourceFrontmatter | undefined; localPage?: LocalPage | undefined } {
	const locale = registry.get(relative.split('/')[0]!);
	if (locale.isSource) return {};
	const english = set.sourceOf(relative)?.data;
	return english ? { english } : { localPage: locale.localPages[set.documents.get(relative)?.slug ?? ''] };
}

/**
 * The frontmatter an entry is built with, from its document's validated frontmatter (`ContentDocument.data`):
 * what it takes from English or the registry, template code left out, and a description from the page's
 * first paragraph (or its title) when it has none. What is derived is made to fit the schema (`fitText`), so
 * the result is valid without a second validation.
 */
export function entryFrontmatter(
	document: ContentDocument,
	english: SourceFrontmatter | undefined,
	localPage: LocalPage | undefined,
): { data: Frontmatter; warnings: string[] } {
	const own = document.data;
	// The loader and the CLIs only make entries of documents without problems, and a frontmatter that is not
	// valid is a problem: this is a bug, not bad content.
	if (!own) throw new Error(`${document.file}: its frontmatter is not valid, so it cannot be an entry (see its problems)`);
	const built = english
		? pinnedFrontmatter(document.file, document.frontmatterLines, own, english)
		: localPage
			? regionalFrontmatter(document.file, document.frontmatterLines, own, localPage)
			: { data: { ...own }, warnings: [] };
	const data = built.data;
	// Template code is never printed (the document reports it): a title that was nothing else becomes the
	// page's first heading, or its path.
	for (const key of TEMPLATE_CODE_KEYS) {
		const value = data[key];
		if (value === undefined) continue;
		const code = findTemplateCode(value);
		if (code.length === 0) continue;
		let kept = '';
		let copied = 0;
		for (const token of code) {
			kept += value.slice(copied, token.start);
			copied = token.end;
		}
		kept = `${kept}${value.slice(copied)}`.replace(/\s+/g, ' ').trim();
		if (kept) data[key] = kept;
		else if (key === 'title')
			data.title = [document.headings[0]?.text ?? '', document.slug, document.id].map((text) => fitText('title', text)).find(Boolean) ?? 'Untitled';
		else delete data[key];
	}
	const description = data.description ?? (fitText('description', document.summary) || data.title);
	return { data: { ...data, description }, warnings: built.warnings };
}

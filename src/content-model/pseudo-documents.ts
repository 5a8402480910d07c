/**
 * The pages of a pseudo-locale (`GLOSSA_PSEUDO=1`): one per English page, made from its parsed document and
 * rendered tree, never from a file. Text nodes and the translatable frontmatter are in pseudo form
 * (src/i18n/pseudo-text.ts); everything else is the English document's, so links, images, components and
 * sections line up with English exactly as a faithful translation's would.
 */
import type { Locale } from '../i18n/registry.ts';
import { pseudoText, pseudoTree } from '../i18n/pseudo-text.ts';
import { sha256, type ContentDocument } from './content-document.ts';
import { fitText, TRANSLATABLE_FRONTMATTER_KEYS } from './frontmatter.ts';
import { hasRenderedTree, readStoredTree, renderedTreeFile, writeRenderedTree } from './rendered-tree.ts';

/** Part of every pseudo document's digest: raise it when the pseudo transform changes its output. */
export const PSEUDO_DOCUMENT_VERSION = 1;

export interface PseudoDocumentOptions {
	root: string;
	contentDir: string;
	treeFolder: string;
	/** The English document's tree file. */
	englishTree: (document: ContentDocument) => string | undefined;
}

export async function pseudoDocument(english: ContentDocument, locale: Locale, options: PseudoDocumentOptions): Promise<ContentDocument> {
	const style = locale.pseudo!;
	const relativeToLocale = english.file.slice(options.contentDir.length + 1 + english.localeFolder.length + 1);
	const digest = sha256(`pseudo\u0000${PSEUDO_DOCUMENT_VERSION}\u0000${locale.tag}\u0000${english.digest}`);
	const englishTree = options.englishTree(english);
	if (englishTree) {
		const file = renderedTreeFile(options.treeFolder, digest);
		if (!hasRenderedTree(options.root, file)) await writeRenderedTree(options.root, file, pseudoTree(await readStoredTree(options.root, englishTree), style));
	}
	const frontmatter = english.frontmatter ? { ...english.frontmatter } : undefined;
	if (frontmatter) {
		for (const key of TRANSLATABLE_FRONTMATTER_KEYS) if (typeof frontmatter[key] === 'string') frontmatter[key] = pseudoText(frontmatter[key], style);
		if (frontmatter['description'] === undefined && english.summary) frontmatter['description'] = pseudoText(english.summary, style);
	}
	// The pseudo form of valid text can be longer than a field allows: fitted, as any derived text is.
	const data = english.data && {
		...english.data,
		title: fitText('title', pseudoText(english.data.title, style)) || english.data.title,
		...(english.data.description !== undefined ? { description: fitText('description', pseudoText(english.data.description, style)) } : {}),
		...(english.data.navLabel !== undefined ? { navLabel: fitText('navLabel', pseudoText(english.data.navLabel, style)) } : {}),
	};
	return {
		...english,
		file: `${options.contentDir}/${locale.tag}/${relativeToLocale}`,
		id: `${locale.tag}/${english.id.slice(english.localeFolder.length + 1)}`,
		localeFolder: locale.tag,
		digest,
		frontmatter,
		data,
		headings: english.headings.map((heading) => ({ ...heading, text: pseudoText(heading.text, style) })),
		sections: english.sections.map((section) => ({ ...section, heading: section.heading ? pseudoText(section.heading, style) : '' })),
		summary: english.summary ? pseudoText(english.summary, style) : '',
		notices: [],
		tree: undefined,
	};
}

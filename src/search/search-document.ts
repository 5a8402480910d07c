/** The document Pagefind indexes for one page, built as a tree from the page's rendered content. */
import type { Root } from 'hast';
import { h } from 'hastscript';
import { toHtml } from 'hast-util-to-html';
import { markUntranslatedSegments } from '../content-model/translation-segments.ts';

export interface SearchDocument {
	/** The page's path, e.g. `/es-419/values/`. */
	url: string;
	/** The page's BCP 47 tag, as in its `<html lang>`: each language gets its own index. */
	lang: string;
	title: string;
	/** The page's content tree, as the content loader rendered it. */
	tree: Root;
	/** A translation's segments left in English, by index (`translation-segments.ts`): left out of this language's index. */
	untranslated?: readonly number[] | undefined;
}

/**
 * The document Pagefind indexes for a page: what its `data-pagefind-body` holds, less the page's date line
 * and GFM's screen-reader-only footnote heading (in English until the page localises it), and the segments of a
 * translation that are still the English text.
 */
export function searchDocumentHtml({ lang, title, tree, untranslated }: SearchDocument): string {
	// Pagefind gives each page one language; English text in a Spanish page is left to the English index.
	if (untranslated?.length) {
		tree = structuredClone(tree);
		markUntranslatedSegments(tree, untranslated, {}, { dataPagefindIgnore: '' });
	}
	const content = tree.children.map((child) =>
		child.type === 'element' && child.tagName === 'section' && child.properties['dataFootnotes'] !== undefined
			? { ...child, children: child.children.filter((node) => !(node.type === 'element' && node.properties['id'] === 'footnote-label')) }
			: child,
	);
	return toHtml({
		type: 'root',
		children: [{ type: 'doctype' }, h('html', { lang }, [h('body', [h('article', { dataPagefindBody: '' }, [h('h1', title), ...content])])])],
	});
}

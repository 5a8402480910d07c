/**
 * Render-time touches on a page's content tree, before it is serialised once: footnote labels in the
 * content's language, and markers on sections whose English changed. They work on the stored hast tree
 * (never on HTML text), so nothing a translation writes, in text or in an attribute, can be mistaken for a
 * heading or a footnote.
 */
import type { Element, ElementContent, Root } from 'hast';

export interface FootnoteLabels {
	heading: string;
	backToReference: (reference: string) => string;
}

/** Calls `visit` on every element of the tree, parents before children. */
export function visitElements(node: Root | Element, visit: (element: Element) => void): void {
	for (const child of node.children) {
		if (child.type !== 'element') continue;
		visit(child);
		visitElements(child, visit);
	}
}

const BACK_TO_REFERENCE = /^Back to reference (.+)$/;

/** GFM footnotes come with an English heading and English back-link labels; these speak the page's language. */
export function localizeFootnotes(tree: Root, labels: FootnoteLabels): void {
	visitElements(tree, (element) => {
		if (element.properties['dataFootnotes'] !== undefined && element.tagName === 'section') {
			const heading = element.children.find((child): child is Element => child.type === 'element' && child.properties['id'] === 'footnote-label');
			if (heading) heading.children = [{ type: 'text', value: labels.heading }];
		}
		if (element.tagName === 'a' && element.properties['dataFootnoteBackref'] !== undefined) {
			const reference = BACK_TO_REFERENCE.exec(String(element.properties['ariaLabel'] ?? ''))?.[1];
			if (reference) element.properties['ariaLabel'] = labels.backToReference(reference);
		}
	});
}

/**
 * The headings that start sections, as `sections.ts` splits the page: h1 to h3 at the top level of the body
 * (a heading inside a callout or the footnotes is not a section boundary).
 */
export function sectionHeadings(tree: Root): Element[] {
	return tree.children.filter((child): child is Element => child.type === 'element' && /^h[1-3]$/.test(child.tagName));
}

/**
 * Inserts `marker(index)` for each changed section: index 0 (the text before the first heading) at the top,
 * index k right after the k-th section heading.
 */
export function insertOutdatedMarkers(tree: Root, changedSections: readonly number[], marker: (index: number) => ElementContent): void {
	if (changedSections.length === 0) return;
	const wanted = new Set(changedSections);
	const headings = sectionHeadings(tree);
	const children: Root['children'] = wanted.has(0) ? [marker(0)] : [];
	for (const child of tree.children) {
		children.push(child);
		const index = child.type === 'element' ? headings.indexOf(child) + 1 : 0;
		if (index > 0 && wanted.has(index)) children.push(marker(index));
	}
	tree.children = children;
}

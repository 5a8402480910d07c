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
 * Inserts `marker(index)` for each changed section: index 0 (the text before the first heading) at the top,
 * index k right after the heading that starts section k. Sections are found by their heading ids, the ones
 * the page's document gave them (`content-document.ts`), so a heading elsewhere (in a callout, in a
 * component, written as HTML) never takes a section's marker.
 */
export function insertOutdatedMarkers(
	tree: Root,
	sectionIds: readonly string[],
	changedSections: readonly number[],
	marker: (index: number) => ElementContent,
): void {
	if (changedSections.length === 0) return;
	const wanted = new Set(changedSections);
	const indexById = new Map(sectionIds.map((id, index) => [id, index] as const).filter(([id, index]) => index > 0 && id !== ''));
	const children: Root['children'] = wanted.has(0) ? [marker(0)] : [];
	for (const child of tree.children) {
		children.push(child);
		const id = child.type === 'element' && /^h[1-6]$/.test(child.tagName) ? child.properties['id'] : undefined;
		const index = typeof id === 'string' ? indexById.get(id) : undefined;
		if (index !== undefined && wanted.has(index)) {
			children.push(marker(index));
			indexById.delete(id as string);
		}
	}
	tree.children = children;
}

/** How one image is shown: its file's URL and size, and its variants when the image pipeline made some. */
export interface DisplayImage {
	src: string;
	width?: number | undefined;
	height?: number | undefined;
	/** Variants in the image's own format, on the `<img>` (the fallback). */
	srcset?: string | undefined;
	sizes?: string | undefined;
	/** Variants in smaller formats, as the `<source>`s of a `<picture>`, best first. */
	sources?: { type: string; srcset: string }[] | undefined;
	/** Where a link to the image leads: its largest variant in its own format (`src` when there are none). */
	href?: string | undefined;
}

/**
 * Shows each local image as the pipeline made it (and points each link to one at its file): with its size (no layout shift), lazily, and as a
 * `<picture>` where there are smaller formats. `imageFor` gets the `src` as the file wrote it: undefined
 * leaves the image alone (another site's), null removes it (its file is missing; the build said so once).
 */
export function placeImages(node: Root | Element, imageFor: (written: string) => DisplayImage | null | undefined): void {
	const children: (Root['children'][number] | ElementContent)[] = node.children;
	node.children = children.flatMap((child): (Root['children'][number] | ElementContent)[] => {
		if (child.type !== 'element') return [child];
		// A link to a content image (`[the poster](../images/poster.png)`) leads to the published file; a link to
		// a missing one is text (the build said so once).
		if (child.tagName === 'a' && typeof child.properties['href'] === 'string') {
			const linked = imageFor(child.properties['href']);
			if (linked !== undefined) child.properties = { ...child.properties, href: linked ? (linked.href ?? linked.src) : undefined };
		}
		if (child.tagName !== 'img' || typeof child.properties['src'] !== 'string') {
			placeImages(child, imageFor);
			return [child];
		}
		const image = imageFor(child.properties['src']);
		if (image === undefined) return [child];
		if (image === null) return [];
		const img: Element = {
			...child,
			properties: {
				...child.properties,
				src: image.src,
				srcSet: image.srcset,
				sizes: image.srcset ? image.sizes : undefined,
				width: image.width ?? child.properties['width'],
				height: image.height ?? child.properties['height'],
				loading: 'lazy',
				decoding: 'async',
			},
		};
		if (!image.sources?.length) return [img];
		const sources = image.sources.map((source): Element => ({
			type: 'element',
			tagName: 'source',
			properties: { type: source.type, srcSet: source.srcset, sizes: image.sizes },
			children: [],
		}));
		return [{ type: 'element', tagName: 'picture', properties: {}, children: [...sources, img] }];
	}) as typeof node.children;
}

/**
 * The first image of a page's content is often the largest thing on its first screen (the LCP element):
 * it loads at once, with high fetch priority. Every other image stays lazy, as `placeImages` left it.
 */
export function prioritizeFirstImage(tree: Root): void {
	let first: Element | undefined;
	visitElements(tree, (element) => {
		if (!first && element.tagName === 'img') first = element;
	});
	if (first) first.properties = { ...first.properties, loading: 'eager', fetchPriority: 'high' };
}

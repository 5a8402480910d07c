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
	// A video's poster waits for the video (and its offline copy is hidden online).
	const firstImage = (node: Root | Element): Element | undefined => {
		for (const child of node.children) {
			if (child.type !== 'element' || child.properties['dataVideo'] !== undefined) continue;
			const found = child.tagName === 'img' ? child : firstImage(child);
			if (found) return found;
		}
		return undefined;
	};
	const first = firstImage(tree);
	if (first) first.properties = { ...first.properties, loading: 'eager', fetchPriority: 'high' };
}

/** How one video is shown: the page's own markup, made from the stored placeholder (`content-videos.ts`). */
export interface DisplayVideo {
	/** A local file, played by the browser's own player with its subtitles. */
	file?: { src: string; type: string; tracks: { src: string; srclang: string; label: string; default: boolean }[] } | undefined;
	/** A YouTube or Vimeo video: its privacy-enhanced player (loaded on play) and its address on the host's site. */
	hosted?: { player: string; watch: string; hostName: string } | undefined;
	poster?: DisplayImage | undefined;
	/** The address a copy without the video prints: the host's page, or the file on the online site. */
	address?: string | undefined;
}

export interface VideoStrings {
	/** The play link's label, with the video's title. */
	play: (title: string) => string;
	/** Under the poster: playing loads the video from the host. */
	loadsFrom: (host: string) => string;
	/** In a copy without the video (a pack): it needs the internet, at this address. */
	needsInternet: string;
}

const h = (tagName: string, properties: Element['properties'], children: ElementContent[] = []): Element => ({
	type: 'element',
	tagName,
	properties,
	children,
});

function posterImage(poster: DisplayImage, alt = ''): Element {
	return h('img', {
		src: poster.src,
		srcSet: poster.srcset,
		sizes: poster.srcset ? poster.sizes : undefined,
		width: poster.width,
		height: poster.height,
		alt,
		loading: 'lazy',
		decoding: 'async',
	});
}

/**
 * Prints each video placeholder as the page's player: a local file in `<video controls>` with a `<track>`
 * per language (the visitor's preselected); a hosted video as its poster, title and a play link that loads
 * nothing from the host until pressed (`src/site/video-client.ts` then puts the player in its place). Each
 * also carries, hidden, what a copy without the video shows (`data-video-offline`: the offline packs unhide it).
 */
export function placeVideos(node: Root | Element, videoFor: (placeholder: Element) => DisplayVideo | undefined, strings: VideoStrings): void {
	node.children = node.children.map((child) => {
		if (child.type !== 'element') return child;
		const classes = child.properties['className'];
		const isVideo = child.tagName === 'figure' && Array.isArray(classes) && classes.includes('video');
		if (!isVideo) {
			placeVideos(child, videoFor, strings);
			return child;
		}
		const display = videoFor(child);
		const caption = child.children.find((part): part is Element => part.type === 'element' && part.tagName === 'figcaption');
		const title = caption ? textOfElement(caption) : '';
		const parts: ElementContent[] = [];
		let kind = 'unavailable';
		if (display?.file) {
			kind = 'file';
			parts.push(
				h(
					'video',
					{
						controls: true,
						preload: 'metadata',
						playsInline: true,
						poster: display.poster?.src,
						width: display.poster?.width,
						height: display.poster?.height,
						title: title || undefined,
					},
					[
						h('source', { src: display.file.src, type: display.file.type }),
						...display.file.tracks.map((track) =>
							h('track', { kind: 'subtitles', src: track.src, srcLang: track.srclang, label: track.label, default: track.default || undefined }),
						),
					],
				),
			);
		} else if (display?.hosted) {
			kind = 'hosted';
			parts.push(
				h('div', { className: ['video-facade'], dataVideoFacade: '', dataPlayer: display.hosted.player, dataPackOmit: '' }, [
					...(display.poster ? [posterImage(display.poster)] : []),
					h('a', { className: ['video-play'], href: display.hosted.watch, dataVideoPlay: '' }, [
						h('span', { className: ['video-play-icon'], ariaHidden: 'true' }, [{ type: 'text', value: '▶' }]),
						{ type: 'text', value: strings.play(title) },
					]),
					h('p', { className: ['video-host-note'] }, [{ type: 'text', value: strings.loadsFrom(display.hosted.hostName) }]),
				]),
			);
		} else if (display?.poster) {
			parts.push(posterImage(display.poster));
		}
		if (display?.address)
			parts.push(
				h('div', { className: ['video-offline'], dataVideoOffline: '', hidden: true }, [
					...(display.poster ? [posterImage(display.poster)] : []),
					h('p', {}, [{ type: 'text', value: `${strings.needsInternet} ` }, h('a', { href: display.address }, [{ type: 'text', value: display.address }])]),
				]),
			);
		return h('figure', { className: ['video'], dataVideo: kind }, [...parts, ...(caption ? [caption] : [])]);
	}) as typeof node.children;
}

function textOfElement(element: Element): string {
	return element.children.map((child) => (child.type === 'text' ? child.value : child.type === 'element' ? textOfElement(child) : '')).join('');
}

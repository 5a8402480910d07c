/**
 * Render-time touches on a page's content HTML, as Astro serialises it (attributes double-quoted, text
 * escaped): footnote labels in the content's language, and markers on sections whose English changed.
 */

/** Text or a double-quoted attribute value, safe inside HTML the site writes itself. */
export const escapeHtml = (text: string): string => text.replace(/[&<>"]/g, (character) => `&#${character.charCodeAt(0)};`);

export interface FootnoteLabels {
	heading: string;
	backToReference: (reference: string) => string;
}

/** GFM footnotes come with an English heading and English back-link labels; these speak the page's language. */
export function localizeFootnotes(html: string, labels: FootnoteLabels): string {
	return html
		.replace(/(<h2\b[^>]*\bid="footnote-label"[^>]*>)[^<]*(<\/h2>)/, (_, open: string, close: string) => `${open}${escapeHtml(labels.heading)}${close}`)
		.replace(
			/(<a\b[^>]*\bdata-footnote-backref\b[^>]*\baria-label=")Back to reference ([^"]*)(")/g,
			(_, before: string, reference: string, after: string) => `${before}${escapeHtml(labels.backToReference(reference))}${after}`,
		)
		.replace(
			/(<a\b[^>]*\baria-label=")Back to reference ([^"]*)("[^>]*\bdata-footnote-backref)/g,
			(_, before: string, reference: string, after: string) => `${before}${escapeHtml(labels.backToReference(reference))}${after}`,
		);
}

/**
 * Inserts `marker(index)` for each changed section: index 0 (the text before the first heading) at the top,
 * index k right after the k-th h2/h3 of the content. Footnote headings do not count.
 */
export function insertOutdatedMarkers(html: string, changedSections: readonly number[], marker: (index: number) => string): string {
	if (changedSections.length === 0) return html;
	const wanted = new Set(changedSections);
	let heading = 0;
	const body = html.replace(/<(h[23])\b([^>]*)>[\s\S]*?<\/\1>/g, (whole, _tag: string, attributes: string) => {
		if (/\bid="footnote-label"/.test(attributes)) return whole;
		heading++;
		return wanted.has(heading) ? `${whole}${marker(heading)}` : whole;
	});
	return wanted.has(0) ? `${marker(0)}${body}` : body;
}

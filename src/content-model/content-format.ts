/**
 * The formats a page's source may be written in, and the one place that maps a file name to its format
 * and to its entry id. MDX is for pages written for Glossa (components, no raw HTML); Markdown is for pages
 * brought from elsewhere (CommonMark and GFM, with raw HTML parsed as HTML and then sanitized).
 */
export type ContentFormat = 'mdx' | 'md';

/** File name endings the content folder is listed for, in order of preference. */
export const CONTENT_EXTENSIONS = ['.mdx', '.md'] as const;

export function contentFormatOf(file: string): ContentFormat | undefined {
	if (file.endsWith('.mdx')) return 'mdx';
	if (file.endsWith('.md')) return 'md';
	return undefined;
}

/** `es-419/values.mdx` -> `es-419/values`; `en/guide.md` -> `en/guide`. */
export function withoutContentExtension(file: string): string {
	return file.replace(/\.mdx?$/, '');
}

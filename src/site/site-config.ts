/**
 * Who makes the site, for the metadata of what it publishes outside the web (Kiwix ZIM files). The site's
 * name shown to readers is a UI string (`site.name`), translated like any other.
 */
export const siteConfig = {
	/** The first part of a ZIM's Name (`<id>_<language>_all`): lower-case letters, digits and hyphens. */
	id: 'kitebird',
	creator: 'Kitebird Learning',
	publisher: 'Kitebird Learning',
} as const;

/** A locale's ZIM Name (and file name, with `.zim`), as openZIM names them: `<site>_<language>_all`. */
export function zimName(locale: { segment: string }): string {
	return `${siteConfig.id}_${locale.segment}_all`.toLowerCase();
}

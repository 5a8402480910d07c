/**
 * Where the site lives and who makes it: its URLs (links, sitemap, translators' context) and the metadata of
 * what it publishes outside the web (Kiwix ZIM files). The site's name shown to readers is a UI string
 * (`site.name`), translated like any other.
 */
import { glossaConfig } from '../config/glossa-config.ts';

export const siteConfig = {
	/** Where the site is published (Astro's `site`): canonical links, the sitemap and translators' context in Crowdin. */
	url: glossaConfig.siteUrl,
	/** Where editors preview it (`npm run dev`), also shown to translators: a page there reflects the latest sources. */
	previewUrl: glossaConfig.previewUrl,
	/** The first part of a ZIM's Name (`<id>_<language>_all`): lower-case letters, digits and hyphens. */
	id: 'kitebird',
	creator: 'Kitebird Learning',
	publisher: 'Kitebird Learning',
} as const;

/** A locale's ZIM Name (and file name, with `.zim`), as openZIM names them: `<site>_<language>_all`. */
export function zimName(locale: { segment: string }): string {
	return `${siteConfig.id}_${locale.segment}_all`.toLowerCase();
}

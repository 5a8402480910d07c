import type { AlternateLink } from '../i18n/routing.ts';

export interface SitemapPage {
	loc: string;
	lastmod?: Date | undefined;
	alternates: readonly AlternateLink[];
}

const escapeXml = (value: string) => value.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);

export function renderSitemap(pages: readonly SitemapPage[]): string {
	const urls = pages.map((page) => {
		const lines = [`  <url>`, `    <loc>${escapeXml(page.loc)}</loc>`];
		if (page.lastmod) lines.push(`    <lastmod>${page.lastmod.toISOString().slice(0, 10)}</lastmod>`);
		for (const link of page.alternates) {
			lines.push(`    <xhtml:link rel="alternate" hreflang="${escapeXml(link.hreflang)}" href="${escapeXml(link.href)}"/>`);
		}
		lines.push(`  </url>`);
		return lines.join('\n');
	});
	return [
		'<?xml version="1.0" encoding="UTF-8"?>',
		'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">',
		...urls,
		'</urlset>',
		'',
	].join('\n');
}

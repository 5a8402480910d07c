import type { APIRoute } from 'astro';
import { alternateLinks } from '../i18n/routing.ts';
import { siteModel } from '../site/astro-site.ts';
import { renderSitemap } from '../site/sitemap.ts';

/** Real pages only: fallback pages are duplicates of the source and are left to its canonical URL. */
export const GET: APIRoute = async () => {
	const { plan, registry, siteUrl } = await siteModel();
	const pages = plan.routes
		.filter((route) => !route.isFallback && route.locale.listed)
		.map((route) => ({
			loc: new URL(route.path, siteUrl).href,
			lastmod: route.entry.data.updated ?? route.entry.data.published,
			alternates: alternateLinks(route, registry).map((link) => ({ ...link, href: new URL(link.href, siteUrl).href })),
		}));
	return new Response(renderSitemap(pages), { headers: { 'Content-Type': 'application/xml; charset=utf-8' } });
};

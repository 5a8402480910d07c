import type { APIRoute } from 'astro';
import { siteModel } from '../site/astro-site.ts';
import { renderSitemap } from '../site/sitemap.ts';

/** Real pages only: fallback pages are duplicates of the source and are left to its canonical URL. */
export const GET: APIRoute = async () => {
	const site = await siteModel();
	const { plan, siteUrl } = site;
	const pages = plan.routes
		.filter((route) => !route.isFallback && route.locale.listed)
		.map((route) => ({
			loc: new URL(route.path, siteUrl).href,
			lastmod: route.entry.data.updated ?? route.entry.data.published,
			alternates: site.alternates(route),
		}));
	return new Response(renderSitemap(pages), { headers: { 'Content-Type': 'application/xml; charset=utf-8' } });
};

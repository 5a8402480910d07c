import type { APIRoute } from 'astro';
import { siteLocales } from '../site/locales.ts';
import { alternateLinks } from '../i18n/routing.ts';
import { sitePlan } from '../site/plan.ts';
import { renderSitemap } from '../site/sitemap.ts';

/** Real pages only: fallback pages are duplicates of the source and are left to its canonical URL. */
export const GET: APIRoute = async ({ site }) => {
	const base = site ?? new URL('http://localhost:4321/');
	const plan = await sitePlan();
	const { registry: locales } = await siteLocales();
	const pages = plan.routes
		.filter((route) => !route.isFallback && route.locale.listed)
		.map((route) => ({
			loc: new URL(route.path, base).href,
			lastmod: route.entry.data.updated ?? route.entry.data.published,
			alternates: alternateLinks(route, locales).map((link) => ({ ...link, href: new URL(link.href, base).href })),
		}));
	return new Response(renderSitemap(pages), { headers: { 'Content-Type': 'application/xml; charset=utf-8' } });
};

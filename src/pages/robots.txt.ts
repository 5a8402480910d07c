import type { APIRoute } from 'astro';
import { siteModel } from '../site/astro-site.ts';

/**
 * Every path may be crawled. The `Sitemap:` line must be an absolute URL (sitemaps.org; Lighthouse's
 * `robots-txt` audit fails a relative one), so it is built from the configured site URL (`GLOSSA_SITE`).
 */
export const GET: APIRoute = async () => {
	const { siteUrl } = await siteModel();
	const body = ['User-agent: *', 'Allow: /', `Sitemap: ${new URL('/sitemap.xml', siteUrl).href}`, ''].join('\n');
	return new Response(body, { headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
};

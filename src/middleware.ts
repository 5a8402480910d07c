import { defineMiddleware } from 'astro:middleware';
import { indexRenderedPage } from './search/build-index.ts';

/** During `astro build`, every rendered page goes to the search index as it is produced (see build-index.ts). */
export const onRequest = defineMiddleware(async (context, next) => {
	const response = await next();
	if (!context.isPrerendered || !response.headers.get('content-type')?.startsWith('text/html')) return response;
	const html = await response.text();
	indexRenderedPage(context.url.pathname, html);
	return new Response(html, { status: response.status, statusText: response.statusText, headers: response.headers });
});

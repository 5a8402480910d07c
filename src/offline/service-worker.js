/*
 * Glossa's service worker. The build prepends `self.GLOSSA = { buildId, segments, shell }` (scripts/offline).
 * Pages: network first, so readers get updates, with the cached copy when the network fails, and the
 * locale's offline page for pages never saved. Fingerprinted assets (/_astro/): cache first. Every deploy
 * has its own caches; older ones are deleted when the new worker activates.
 */
/* global self, caches, fetch, Response, URL */
const { buildId, segments, shell } = self.GLOSSA;
const PAGES = `glossa-pages-${buildId}`;
const ASSETS = `glossa-assets-${buildId}`;

const offlinePage = (segment) => `/${segment}/offline/`;

self.addEventListener('install', (event) => {
	event.waitUntil(
		(async () => {
			const pages = await caches.open(PAGES);
			await pages.addAll(segments.map(offlinePage));
			const assets = await caches.open(ASSETS);
			await assets.addAll(shell);
			await self.skipWaiting();
		})(),
	);
});

self.addEventListener('activate', (event) => {
	event.waitUntil(
		(async () => {
			for (const name of await caches.keys()) {
				if (name.startsWith('glossa-') && name !== PAGES && name !== ASSETS) await caches.delete(name);
			}
			await self.clients.claim();
		})(),
	);
});

async function networkFirst(request) {
	const cache = await caches.open(PAGES);
	try {
		const response = await fetch(request);
		if (response.ok) await cache.put(request, response.clone());
		return response;
	} catch {
		const cached = await cache.match(request, { ignoreSearch: true });
		if (cached) return cached;
		const segment = new URL(request.url).pathname.split('/')[1];
		const fallback = (segments.includes(segment) && (await cache.match(offlinePage(segment)))) || (await cache.match(offlinePage(segments[0])));
		return fallback ?? new Response('Offline', { status: 503, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
	}
}

async function cacheFirst(request) {
	const cache = await caches.open(ASSETS);
	const cached = await cache.match(request);
	if (cached) return cached;
	const response = await fetch(request);
	if (response.ok) await cache.put(request, response.clone());
	return response;
}

async function staleWhileRevalidate(request) {
	const cache = await caches.open(ASSETS);
	const cached = await cache.match(request);
	const fresh = fetch(request)
		.then(async (response) => {
			if (response.ok) await cache.put(request, response.clone());
			return response;
		})
		.catch(() => cached);
	return cached ?? fresh;
}

self.addEventListener('fetch', (event) => {
	const { request } = event;
	const url = new URL(request.url);
	if (request.method !== 'GET' || url.origin !== self.location.origin) return;
	if (request.mode === 'navigate') event.respondWith(networkFirst(request));
	else if (url.pathname.startsWith('/_astro/')) event.respondWith(cacheFirst(request));
	else if (!url.pathname.startsWith('/offline/') || url.pathname.endsWith('.json')) event.respondWith(staleWhileRevalidate(request));
});

/* "Keep this language offline": save every page of one locale and what they use. */
self.addEventListener('message', (event) => {
	const { data } = event;
	const port = event.ports[0];
	if (data?.type !== 'keep-locale' || !segments.includes(data.segment)) return;
	event.waitUntil(
		(async () => {
			try {
				const manifest = await (await fetch(`/offline/${data.segment}.json`, { cache: 'no-cache' })).json();
				const pages = await caches.open(PAGES);
				const assets = await caches.open(ASSETS);
				await pages.addAll(manifest.pages);
				await assets.addAll(manifest.assets);
				port?.postMessage({ ok: true, count: manifest.pages.length });
			} catch {
				port?.postMessage({ ok: false, count: 0 });
			}
		})(),
	);
});

/*
 * Glossa's service worker. The build strips its types and prepends `self.GLOSSA`, a `ServiceWorkerConfig`
 * (src/offline/offline-outputs.ts). Pages: network first, so readers get updates, with the cached copy when
 * the network fails, and the locale's offline page for pages never saved. Fingerprinted assets (/_astro/):
 * cache first. Every deploy has its own caches; older ones are deleted when the new worker activates.
 *
 * This file runs in the worker, not in a page: it imports types only, and declares the few worker APIs it
 * uses (the project's TypeScript program has the DOM's, not the worker's, global types).
 */
import type { KeepLocaleRequest, KeepLocaleResult, OfflineManifest, ServiceWorkerConfig } from './protocol.ts';

interface ExtendableEvent extends Event {
	waitUntil(promise: Promise<unknown>): void;
}
interface WorkerFetchEvent extends ExtendableEvent {
	readonly request: Request;
	respondWith(response: Promise<Response> | Response): void;
}
interface WorkerMessageEvent extends ExtendableEvent {
	readonly data: unknown;
	readonly ports: readonly MessagePort[];
}
interface WorkerScope {
	readonly GLOSSA: ServiceWorkerConfig;
	readonly location: Location;
	readonly clients: { claim(): Promise<void> };
	skipWaiting(): Promise<void>;
	addEventListener(type: 'install' | 'activate', listener: (event: ExtendableEvent) => void): void;
	addEventListener(type: 'fetch', listener: (event: WorkerFetchEvent) => void): void;
	addEventListener(type: 'message', listener: (event: WorkerMessageEvent) => void): void;
}

const worker = self as unknown as WorkerScope;
const { buildId, segments, shell, cachePrefix, keepLocaleMessage } = worker.GLOSSA;
const PAGES = `${cachePrefix}pages-${buildId}`;
const ASSETS = `${cachePrefix}assets-${buildId}`;

const offlinePage = (segment: string) => `/${segment}/offline/`;

worker.addEventListener('install', (event) => {
	event.waitUntil(
		(async () => {
			const pages = await caches.open(PAGES);
			await pages.addAll(segments.map(offlinePage));
			const assets = await caches.open(ASSETS);
			await assets.addAll(shell);
			await worker.skipWaiting();
		})(),
	);
});

worker.addEventListener('activate', (event) => {
	event.waitUntil(
		(async () => {
			for (const name of await caches.keys()) {
				if (name.startsWith(cachePrefix) && name !== PAGES && name !== ASSETS) await caches.delete(name);
			}
			await worker.clients.claim();
		})(),
	);
});

async function networkFirst(request: Request): Promise<Response> {
	const cache = await caches.open(PAGES);
	try {
		const response = await fetch(request);
		if (response.ok) await cache.put(request, response.clone());
		return response;
	} catch {
		const cached = await cache.match(request, { ignoreSearch: true });
		if (cached) return cached;
		const segment = new URL(request.url).pathname.split('/')[1] ?? '';
		const fallback = (segments.includes(segment) && (await cache.match(offlinePage(segment)))) || (await cache.match(offlinePage(segments[0]!)));
		return fallback || new Response('Offline', { status: 503, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
	}
}

async function cacheFirst(request: Request): Promise<Response> {
	const cache = await caches.open(ASSETS);
	const cached = await cache.match(request);
	if (cached) return cached;
	const response = await fetch(request);
	if (response.ok) await cache.put(request, response.clone());
	return response;
}

async function staleWhileRevalidate(request: Request): Promise<Response> {
	const cache = await caches.open(ASSETS);
	const cached = await cache.match(request);
	const fresh = fetch(request)
		.then(async (response) => {
			if (response.ok) await cache.put(request, response.clone());
			return response;
		})
		.catch(() => cached ?? Response.error());
	return cached ?? fresh;
}

worker.addEventListener('fetch', (event) => {
	const { request } = event;
	const url = new URL(request.url);
	if (request.method !== 'GET' || url.origin !== worker.location.origin) return;
	if (request.mode === 'navigate') event.respondWith(networkFirst(request));
	else if (url.pathname.startsWith('/_astro/')) event.respondWith(cacheFirst(request));
	else if (!url.pathname.startsWith('/offline/') || url.pathname.endsWith('.json')) event.respondWith(staleWhileRevalidate(request));
});

function isKeepLocaleRequest(data: unknown): data is KeepLocaleRequest {
	const request = data as Partial<KeepLocaleRequest> | null;
	return request?.type === keepLocaleMessage && typeof request.segment === 'string' && segments.includes(request.segment);
}

/* "Keep this language offline": save every page of one locale and what they use. */
worker.addEventListener('message', (event) => {
	const { data } = event;
	const port = event.ports[0];
	if (!isKeepLocaleRequest(data)) return;
	const reply = (result: KeepLocaleResult) => port?.postMessage(result);
	event.waitUntil(
		(async () => {
			try {
				const manifest = (await (await fetch(`/offline/${data.segment}.json`, { cache: 'no-cache' })).json()) as OfflineManifest;
				const pages = await caches.open(PAGES);
				const assets = await caches.open(ASSETS);
				await pages.addAll(manifest.pages);
				await assets.addAll(manifest.assets);
				reply({ ok: true, count: manifest.pages.length });
			} catch {
				reply({ ok: false, count: 0 });
			}
		})(),
	);
});

/**
 * What a visitor downloads to see one page: the page served from the build on loopback, opened in Debian's
 * Chromium at a phone's and a desktop's width, every response counted (HTML, CSS, images, scripts). "First
 * view" is what loads before the visitor scrolls (lazy images below the fold wait); "whole page" is after
 * scrolling to the end. Text (HTML, CSS, scripts) is counted gzipped, as any host sends it; images as they are.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import sirv from 'sirv';

export interface Transfer {
	viewport: number;
	firstViewBytes: number;
	wholePageBytes: number;
	/** Bytes by kind of response, for the whole page. */
	byKind: Record<string, number>;
	/** Each image the page loaded: its URL and bytes. */
	images: { url: string; bytes: number }[];
}

function kindOf(contentType: string): string {
	if (contentType.startsWith('image/')) return 'images';
	if (contentType.includes('css')) return 'css';
	if (contentType.includes('html')) return 'html';
	if (contentType.includes('javascript')) return 'scripts';
	return 'other';
}

async function serve(dist: string): Promise<{ server: Server; origin: string }> {
	const assets = sirv(dist, { dev: false, etag: false, extensions: ['html'] });
	const server = createServer((request, response) =>
		assets(request, response, () => {
			response.writeHead(404).end();
		}),
	);
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	return { server, origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

export async function measureTransfer(
	dist: string,
	urlPath: string,
	viewports: readonly number[],
	executablePath = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
): Promise<Transfer[]> {
	const { server, origin } = await serve(dist);
	const browser = await chromium.launch({ executablePath, args: ['--headless', '--no-sandbox', '--disable-gpu'] });
	try {
		const results: Transfer[] = [];
		for (const viewport of viewports) {
			const context = await browser.newContext({
				viewport: { width: viewport, height: Math.round(viewport * 1.9 > 900 ? 900 : viewport * 1.9) },
				serviceWorkers: 'block',
			});
			const page = await context.newPage();
			const responses: { url: string; bytes: number; kind: string; atFirstView: boolean }[] = [];
			let firstViewDone = false;
			page.on('response', (response) => {
				const kind = kindOf(response.headers()['content-type'] ?? '');
				const atFirstView = !firstViewDone;
				void response.body().then(
					(body) => responses.push({ url: response.url(), bytes: kind === 'images' ? body.length : gzipSync(body).length, kind, atFirstView }),
					() => undefined,
				);
			});
			await page.goto(`${origin}${urlPath}`, { waitUntil: 'networkidle' });
			await page.waitForTimeout(300);
			firstViewDone = true;
			const firstViewBytes = responses.filter((response) => response.atFirstView).reduce((sum, response) => sum + response.bytes, 0);
			// Scroll to the end a screen at a time, so each lazy image comes into view.
			await page.evaluate(async () => {
				for (let y = 0; y < document.documentElement.scrollHeight; y += window.innerHeight / 2) {
					window.scrollTo(0, y);
					await new Promise((resolve) => setTimeout(resolve, 60));
				}
			});
			await page.waitForLoadState('networkidle');
			await page.waitForTimeout(300);
			const byKind: Record<string, number> = {};
			for (const response of responses) byKind[response.kind] = (byKind[response.kind] ?? 0) + response.bytes;
			results.push({
				viewport,
				firstViewBytes,
				wholePageBytes: responses.reduce((sum, response) => sum + response.bytes, 0),
				byKind,
				images: responses.filter((response) => response.kind === 'images').map(({ url, bytes }) => ({ url: url.slice(origin.length), bytes })),
			});
			await context.close();
		}
		return results;
	} finally {
		await browser.close();
		server.close();
	}
}

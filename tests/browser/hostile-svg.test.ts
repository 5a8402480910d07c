/**
 * An SVG with script, opened at its own URL in Chromium, on both servers Glossa ships: with the site's
 * Content-Security-Policy on every answer it runs nothing (no dialog, no mark left on the document) and no
 * request leaves the site. Without the header (as before), its script ran at the site's origin.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, serveSite, startClassroom, type RunningServer } from '../support/browser.ts';
import { HOSTILE_SVG_URL, servedCopies } from '../support/served-copies.ts';

let browser: Browser;
const servers: Record<string, RunningServer> = {};

beforeAll(async () => {
	const { site, packs } = await servedCopies('hostile-svg');
	servers['npm run serve'] = await serveSite(site);
	servers['npm run classroom'] = await startClassroom(packs);
	browser = await launchChromium();
}, 120_000);

afterAll(async () => {
	await browser?.close();
	await Promise.all(Object.values(servers).map((server) => server.stop()));
});

describe.each(['npm run serve', 'npm run classroom'])('%s', (name) => {
	it('serves an SVG with script that, opened at its URL, runs nothing and reaches no other origin', async () => {
		const origin = servers[name]!.url;
		const context = await browser.newContext({ serviceWorkers: 'block' });
		const dialogs: string[] = [];
		const leaving: string[] = [];
		// Nothing may leave: a request to another origin is recorded and never sent.
		await context.route(
			(url) => url.origin !== origin,
			async (route) => {
				leaving.push(route.request().url());
				await route.abort();
			},
		);
		const tab = await context.newPage();
		tab.on('dialog', (dialog) => {
			dialogs.push(dialog.message());
			void dialog.dismiss();
		});
		const response = await tab.goto(`${origin}${HOSTILE_SVG_URL}`, { waitUntil: 'load' });
		expect(response?.status()).toBe(200);
		expect(response?.headers()['content-type']).toBe('image/svg+xml');
		// A request made after the document's own script and handlers had their turn: any request they made came before it.
		await Promise.all([tab.waitForRequest(`${origin}/after-the-svg`), tab.evaluate(() => void fetch('/after-the-svg'))]);
		expect(await tab.evaluate(() => document.documentElement.getAttribute('data-ran'))).toBeNull();
		expect(await tab.evaluate(() => document.documentElement.localName)).toBe('svg');
		expect(dialogs).toEqual([]);
		expect(leaving).toEqual([]);
		await context.close();
	});
});

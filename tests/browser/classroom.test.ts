/**
 * The classroom server (`npm run classroom`) with the demo's packs, in Chromium: `/` sends each browser to
 * its language from Accept-Language alone, a missing page gets its locale's 404 (styled), and every answer
 * must be revalidated.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, startClassroom, type RunningServer } from '../support/browser.ts';
import { demoPacks } from '../support/paths.ts';

let browser: Browser;
let server: RunningServer & { readonly output: string };
let origin: string;

beforeAll(async () => {
	server = await startClassroom(demoPacks);
	origin = server.url;
	browser = await launchChromium();
}, 60_000);

afterAll(async () => {
	await browser?.close();
	await server?.stop();
});

async function visit(locale: string, url: string): Promise<{ page: Page; status: number | undefined }> {
	const context = await browser.newContext({ locale, javaScriptEnabled: false });
	const page = await context.newPage();
	const response = await page.goto(url);
	return { page, status: response?.status() };
}

const headerBackground = (page: Page) => page.locator('.site-header').evaluate((element) => getComputedStyle(element).backgroundColor);

describe('npm run classroom', () => {
	it('listens on this computer only unless told otherwise', () => {
		expect(server.output).toContain('Only this computer can connect');
	});

	it.each([
		['th', '/th/index.html', 'th'],
		['uz', '/uz/index.html', 'uz'],
		['es-MX', '/es-419/index.html', 'es-419'],
		['pt-PT', '/pt-br/index.html', 'pt-BR'],
	])('a browser in %s lands on %s, without JavaScript', async (locale, landing, lang) => {
		const { page } = await visit(locale, `${origin}/`);
		expect(new URL(page.url()).pathname).toBe(landing);
		expect(await page.locator('html').getAttribute('lang')).toBe(lang);
		expect(await headerBackground(page)).toBe('rgb(241, 239, 231)');
		await page.context().close();
	});

	it('lists the packs, each in its own language', async () => {
		const { page } = await visit('en', `${origin}/languages/`);
		expect(await page.locator('a[lang=th]').textContent()).toBe('ไทย');
		expect(await page.locator('a[lang=ar]').getAttribute('dir')).toBe('rtl');
		expect(await page.locator('a').count()).toBe(13);
		await page.context().close();
	});

	it('answers a missing page with the 404 page of its locale, styled', async () => {
		const { page, status } = await visit('ar', `${origin}/ar/no/such/page/`);
		expect(status).toBe(404);
		expect(await page.locator('html').getAttribute('lang')).toBe('ar');
		expect(await page.locator('.not-found h1').count()).toBe(1);
		expect(await headerBackground(page)).toBe('rgb(241, 239, 231)');
		await page.context().close();
	});

	it('makes every answer revalidate, so a proxy never serves a page from before an update', async () => {
		for (const url of ['/', '/th/index.html', '/_astro/', '/th/missing/']) {
			const response = await fetch(`${origin}${url}`, { redirect: 'manual' });
			expect(response.headers.get('cache-control'), url).toBe('no-cache');
		}
		const page = await fetch(`${origin}/th/index.html`);
		expect(page.headers.get('etag')).toBeTruthy();
		expect((await fetch(`${origin}/th/index.html`, { headers: { 'If-None-Match': page.headers.get('etag')! } })).status).toBe(304);
		expect((await fetch(`${origin}/`, { redirect: 'manual', headers: { 'Accept-Language': 'th' } })).headers.get('vary')).toBe('Accept-Language');
	});
});

/**
 * The es-419 and Arabic ZIMs served by the real kiwix-serve (Debian's kiwix-tools) on 127.0.0.1, read in
 * Chromium as a classroom would: styles applied, images loaded, Arabic right to left, the picker, and no
 * request leaving kiwix-serve. The catalog kiwix-serve builds from the ZIMs shows their metadata.
 */
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, screenshotsDir, startKiwixServe, type RunningServer } from '../support/browser.ts';
import { makeZims, type ZimFixture } from '../support/zims.ts';

let browser: Browser;
let kiwix: RunningServer;
let zims: ZimFixture;
let origin: string;

beforeAll(async () => {
	zims = await makeZims('kiwix', ['es-419', 'ar']);
	expect(zims.code, zims.output).toBe(0);
	kiwix = await startKiwixServe([path.join(zims.out, 'kitebird_es-419_all.zim'), path.join(zims.out, 'kitebird_ar_all.zim')]);
	origin = kiwix.url;
	browser = await launchChromium();
}, 120_000);

afterAll(async () => {
	await browser?.close();
	await kiwix?.stop();
});

/** A page whose every request is recorded; a dialog would fail the test. */
async function openPage(): Promise<{ page: Page; requests: string[]; dialogs: string[] }> {
	const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
	const requests: string[] = [];
	const dialogs: string[] = [];
	page.on('request', (request) => requests.push(request.url()));
	page.on('dialog', (dialog) => {
		dialogs.push(dialog.message());
		void dialog.dismiss();
	});
	return { page, requests, dialogs };
}

const headerBackground = (page: Page) => page.locator('.site-header').evaluate((element) => getComputedStyle(element).backgroundColor);
const STYLED_HEADER = 'rgb(241, 239, 231)';

describe('kiwix-serve with the es-419 and Arabic ZIMs', () => {
	it('lists both in its catalog, with openZIM metadata in each language', async () => {
		const catalog = await (await fetch(`${origin}/catalog/v2/entries`)).text();
		for (const [name, language] of [
			['kitebird_es-419_all', 'spa'],
			['kitebird_ar_all', 'ara'],
		]) {
			const entry = catalog.split('<entry>').find((part) => part.includes(`<name>${name}</name>`))!;
			expect(entry, name).toBeDefined();
			expect(entry).toContain(`<language>${language}</language>`);
			expect(entry).toContain('<title>Kitebird</title>');
			expect(entry).toMatch(/<author>\s*<name>Kitebird Learning<\/name>/);
			expect(entry).toContain('_category:education');
			expect(entry).toContain('type="image/png;width=48;height=48;scale=1"');
		}
		expect(catalog).toContain('<summary>Ciencias de la computación para todas las aulas</summary>');
	});

	it('serves translated pages, styled, with their images, and the picker', async () => {
		const { page, requests, dialogs } = await openPage();
		await page.goto(`${origin}/kitebird_es-419_all/es-419/offline-access/index.html`);
		expect(await headerBackground(page)).toBe(STYLED_HEADER);
		const figure = page.locator('article figure img');
		await expect.poll(() => figure.evaluate((image: HTMLImageElement) => image.complete && image.naturalWidth)).toBeGreaterThan(0);
		expect(await page.locator('[data-pack-omit]').count()).toBe(0);

		await page.goto(`${origin}/kitebird_es-419_all/es-419/values/index.html`);
		expect(await page.locator('h1').first().textContent()).toBe('Nuestros valores');
		expect(await page.locator('[data-notice=fallback]').count()).toBe(0);

		// The picker: another language leads to the page about its pack, inside this ZIM.
		await page.locator('.picker summary').click();
		await page.locator('.picker-list a[lang=ar]').click();
		await page.waitForURL('**/kitebird_es-419_all/es-419/other-languages/index.html');
		expect(await page.locator('article').textContent()).toContain('https://glossa.example.org/offline/ar.zip');

		expect(dialogs).toEqual([]);
		expect(requests.filter((url) => !url.startsWith(`${origin}/`))).toEqual([]);
		await page.close();
	});

	it('serves Arabic right to left, styled, and a fallback page with its English content', async () => {
		const { page, requests, dialogs } = await openPage();
		await page.goto(`${origin}/kitebird_ar_all/ar/values/index.html`);
		expect(await page.locator('html').getAttribute('dir')).toBe('rtl');
		expect(await page.locator('h1').first().textContent()).toBe('قيمنا');
		expect(await headerBackground(page)).toBe(STYLED_HEADER);
		const start = await page.locator('.site-header').evaluate((element) => getComputedStyle(element).direction);
		expect(start).toBe('rtl');
		await page.screenshot({ path: path.join(screenshotsDir, 'kiwix-ar-values.png') });

		await page.goto(`${origin}/kitebird_ar_all/ar/learn/loops/index.html`);
		expect(await page.locator('[data-notice=fallback]').count()).toBe(1);
		expect(await page.locator('article').getAttribute('lang')).toBe('en');
		expect(await page.locator('article').getAttribute('dir')).toBe('ltr');
		expect(await page.locator('article h1').textContent()).toBe('Loops: doing things again');
		expect(await headerBackground(page)).toBe(STYLED_HEADER);
		expect(dialogs).toEqual([]);
		expect(requests.filter((url) => !url.startsWith(`${origin}/`))).toEqual([]);
		await page.close();
	});
});

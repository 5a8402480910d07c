import path from 'node:path';
import type { BrowserContextOptions, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { demoSiteInChromium, screenshotsDir } from '../support/browser.ts';

const site = demoSiteInChromium();

async function openPage(options: BrowserContextOptions = {}): Promise<Page> {
	const context = await site.browser.newContext({ locale: 'en-US', ...options });
	return context.newPage();
}

const pathOf = (page: Page) => new URL(page.url()).pathname;

describe('choosing a language', () => {
	it('lands on the same page in the chosen locale, and / returns there later', async () => {
		const page = await openPage();
		await page.goto(`${site.url}/en/values/`);
		await page.getByText('Language:').click();
		await page.locator('.picker-list a[lang="es-419"]').click();
		await page.waitForURL('**/es-419/values/');
		expect(await page.locator('h1').textContent()).toBe('Nuestros valores');
		expect(await page.locator('.picker-list a[aria-current=page]').getAttribute('lang')).toBe('es-419');

		await page.goto(`${site.url}/`);
		await page.waitForURL('**/es-419/');
		expect(pathOf(page)).toBe('/es-419/');
		await page.context().close();
	});

	it('works with the keyboard alone', async () => {
		const page = await openPage();
		await page.goto(`${site.url}/en/`);
		await page.locator('.picker summary').focus();
		await page.keyboard.press('Enter');
		await page.locator('.picker-list a[lang="ko"]').focus();
		await page.keyboard.press('Enter');
		await page.waitForURL('**/ko/');
		expect(await page.locator('html').getAttribute('lang')).toBe('ko');
		await page.context().close();
	});
});

describe('a first visit to /', () => {
	it.each([
		['ar', '/ar/'],
		['es-MX', '/es-419/'],
		['zh-HK', '/zh-hant/'],
		['pt-PT', '/pt-br/'],
		['de-DE', '/en/'],
	])('with %s as browser language lands on %s', async (locale, expected) => {
		const page = await openPage({ locale });
		await page.goto(`${site.url}/`);
		await page.waitForURL(`**${expected}`);
		expect(pathOf(page)).toBe(expected);
		await page.context().close();
	});

	it('without JavaScript shows every language in its own name', async () => {
		const page = await openPage({ javaScriptEnabled: false, locale: 'ar' });
		await page.goto(`${site.url}/`);
		expect(pathOf(page)).toBe('/');
		const names = await page.locator('.root-languages a').allTextContents();
		// 11 listed languages; th and uz are previews (below their publish threshold).
		expect(names).toHaveLength(11);
		expect(names).not.toContain('ไทย');
		expect(names).toContain('العربية');
		expect(names).toContain('Español (Latinoamérica)');
		await page.context().close();
	});
});

describe('right-to-left layout', () => {
	it('mirrors the Arabic page and keeps code left to right', async () => {
		const page = await openPage({ viewport: { width: 1280, height: 900 } });
		await page.goto(`${site.url}/ar/about/`);
		const box = async (selector: string) => (await page.locator(selector).first().boundingBox())!;
		const brand = await box('.brand');
		const picker = await box('.picker');
		// The rectangle of the heading's text, not of its full-width block.
		const heading = await page.locator('article h1').evaluate((element) => {
			const range = document.createRange();
			range.selectNodeContents(element);
			const { x, width } = range.getBoundingClientRect();
			return { x, width };
		});
		const main = await page.locator('article').evaluate((element) => {
			const { x, width } = element.getBoundingClientRect();
			return { x, width };
		});
		// The brand starts the header: on the right in Arabic.
		expect(brand.x).toBeGreaterThan(picker.x);
		// Headings hug the right edge of the reading column.
		expect(Math.abs(heading.x + heading.width - (main.x + main.width))).toBeLessThan(40);
		expect(heading.x).toBeGreaterThan(main.x + 40);
		await page.screenshot({ path: path.join(screenshotsDir, 'ar-about-1280.png'), fullPage: true });

		await page.goto(`${site.url}/ar/learn/loops/`);
		expect(await page.locator('article').evaluate((element) => getComputedStyle(element).direction)).toBe('ltr');
		expect(
			await page
				.locator('pre')
				.first()
				.evaluate((element) => getComputedStyle(element).direction),
		).toBe('ltr');
		const notice = await box('[data-notice=fallback]');
		expect(await page.locator('[data-notice=fallback]').evaluate((element) => getComputedStyle(element).direction)).toBe('rtl');
		expect(notice.width).toBeGreaterThan(300);
		await page.screenshot({ path: path.join(screenshotsDir, 'ar-loops-fallback-1280.png'), fullPage: true });

		const english = await openPage({ viewport: { width: 1280, height: 900 } });
		await english.goto(`${site.url}/en/about/`);
		const englishBrand = (await english.locator('.brand').boundingBox())!;
		const englishPicker = (await english.locator('.picker').boundingBox())!;
		expect(englishBrand.x).toBeLessThan(englishPicker.x);
		await english.context().close();
		await page.context().close();
	});
});

describe('a missing page', () => {
	it('answers 404 with the error page of the locale in the path', async () => {
		const page = await openPage();
		const response = await page.goto(`${site.url}/ar/no-such-page/`);
		expect(response?.status()).toBe(404);
		expect(await page.locator('html').getAttribute('lang')).toBe('ar');
		expect(await page.locator('h1').textContent()).toBe('الصفحة غير موجودة');
		await page.context().close();
	});
});

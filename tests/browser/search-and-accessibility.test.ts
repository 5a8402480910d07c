import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { demoSiteInChromium, screenshotsDir } from '../support/browser.ts';

const site = demoSiteInChromium();

async function open(urlPath: string, viewport = { width: 1280, height: 900 }, javaScriptEnabled = true): Promise<Page> {
	const context = await site.browser.newContext({ viewport, javaScriptEnabled, locale: 'en-US' });
	const page = await context.newPage();
	await page.goto(`${site.url}${urlPath}`);
	return page;
}

async function searchFor(segment: string, query: string): Promise<{ status: string; links: string[] }> {
	const page = await open(`/${segment}/search/?q=${encodeURIComponent(query)}`);
	await page.waitForFunction(() => {
		const text = document.querySelector('[data-search-status]')?.textContent ?? '';
		return text !== '' && !text.endsWith('…');
	});
	const status = (await page.locator('[data-search-status]').textContent()) ?? '';
	const links = await page.locator('[data-search-results] a').evaluateAll((anchors) => anchors.map((anchor) => anchor.getAttribute('href') ?? ''));
	await page.context().close();
	return { status, links };
}

describe('search, per locale and script', () => {
	it.each([
		['zh-hans', '计算机科学', '/zh-hans/'],
		['zh-hans', '志愿者', '/zh-hans/values/'],
		['zh-hant', '迴圈', '/zh-hant/learn/loops/'],
		['th', 'ห้องเรียน', '/th/'],
		['ko', '교실', '/ko/values/'],
		['ar', 'الحاسوب', '/ar/about/'],
		['ru', 'циклы', '/ru/learn/loops/'],
	])('in %s, "%s" finds %s', async (segment, query, expected) => {
		const { status, links } = await searchFor(segment, query);
		expect(links).toContain(expected);
		// Only that locale's pages.
		for (const link of links) expect(link.startsWith(`/${segment}/`), link).toBe(true);
		expect(status).toContain(query);
		expect(status).toMatch(/\d/);
	});

	it('does not find English fallback text under another locale', async () => {
		expect((await searchFor('en', 'clapping')).links).toContain('/en/learn/loops/');
		const arabic = await searchFor('ar', 'clapping');
		expect(arabic.links).toEqual([]);
		expect(arabic.status).toBe('لا توجد نتائج لـ «clapping».');
	});

	it('says the number of results in the language, with its plural rules', async () => {
		const { status, links } = await searchFor('ru', 'циклы');
		expect(status).toBe(`${links.length} ${links.length === 2 ? 'результата' : 'результат'} по запросу «циклы»`);
	});

	it('is reachable by keyboard from any page, and explains itself without JavaScript', async () => {
		const page = await open('/es-419/values/');
		await page.locator('header input[type=search]').focus();
		await page.keyboard.type('bucles');
		await page.keyboard.press('Enter');
		await page.waitForURL('**/es-419/search/?q=bucles');
		await page.waitForFunction(() => document.querySelectorAll('[data-search-results] a').length > 0);
		expect(await page.locator('[data-search-results] a').first().getAttribute('href')).toMatch(/^\/es-419\//);
		await page.context().close();

		const noScript = await open('/es-419/search/?q=bucles', undefined, false);
		expect(await noScript.locator('noscript').first().textContent()).toContain('La búsqueda necesita JavaScript');
		await noScript.context().close();
	});
});

describe('keyboard and landmarks (axe runs on every page in accessibility.test.ts)', () => {
	it('has a skip link, landmarks and a visible focus', async () => {
		const page = await open('/ar/values/');
		await page.keyboard.press('Tab');
		const skip = page.locator(':focus');
		expect(await skip.textContent()).toBe('انتقل إلى المحتوى');
		const box = (await skip.boundingBox())!;
		expect(box.y).toBeGreaterThanOrEqual(0);
		expect(await skip.evaluate((element) => getComputedStyle(element).outlineStyle)).not.toBe('none');
		await page.keyboard.press('Enter');
		expect(await page.evaluate(() => document.activeElement?.id)).toBe('main');
		for (const role of ['banner', 'navigation', 'main', 'contentinfo', 'search'] as const)
			expect(await page.getByRole(role).count(), role).toBeGreaterThanOrEqual(1);
		// Every language name in the picker says which language it is in.
		const names = await page.locator('.picker-list a').evaluateAll((links) => links.map((link) => link.getAttribute('lang')));
		expect(names.every(Boolean)).toBe(true);
		await page.context().close();
	});
});

describe('the status page on a phone', () => {
	it('shows each language as a card with its progress bar, and no table wider than the screen', async () => {
		const page = await open('/status/', { width: 360, height: 800 });
		expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
		const widths = await page.locator('.status-table table').evaluateAll((tables) => tables.map((table) => table.getBoundingClientRect().width));
		for (const width of widths) expect(width).toBeLessThanOrEqual(360);
		const bar = page.locator('tr[data-locale=es-419] svg.progress-bar');
		expect(await bar.getAttribute('role')).toBe('img');
		expect(await bar.getAttribute('aria-label')).toMatch(/^\d+% translated and current, \d+% outdated, \d+% missing or broken; listed from 75%$/);
		expect((await bar.boundingBox())!.width).toBeGreaterThan(50);
		await page.screenshot({ path: path.join(screenshotsDir, 'status-360.png'), fullPage: true });
		await page.context().close();
	});
});

describe('layout at 360 and 1280 pixels', () => {
	const cases = ['en', 'ar', 'th', 'zh-hant'].flatMap((segment) => [`/${segment}/`, `/${segment}/learn/loops/`]);
	it.each(cases)('%s never scrolls sideways on a phone', async (urlPath) => {
		for (const width of [360, 1280]) {
			const page = await open(urlPath, { width, height: 800 });
			const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
			expect(overflow, `${urlPath} at ${width}px`).toBeLessThanOrEqual(0);
			await page.screenshot({ path: path.join(screenshotsDir, `${urlPath.replace(/\//g, '_').replace(/^_|_$/g, '') || 'root'}-${width}.png`), fullPage: true });
			await page.context().close();
		}
	});

	it('mirrors Arabic on a phone', async () => {
		const page = await open('/ar/', { width: 360, height: 800 });
		const brand = (await page.locator('.brand').boundingBox())!;
		const heading = await page.locator('article h1').evaluate((element) => {
			const range = document.createRange();
			range.selectNodeContents(element);
			const rect = range.getBoundingClientRect();
			return { right: rect.right, left: rect.left };
		});
		expect(brand.x + brand.width).toBeGreaterThan(300);
		expect(heading.right).toBeGreaterThan(330);
		await page.context().close();
	});

	it('wraps long words (Thai runs, compound words, URLs) instead of overflowing', async () => {
		const page = await open('/th/', { width: 360, height: 800 });
		await page.evaluate(() => {
			const article = document.querySelector('article')!;
			for (const text of [
				'วิทยาการคอมพิวเตอร์สำหรับทุกห้องเรียนและครูอาสาสมัครที่ช่วยแปลบทเรียนให้โรงเรียนในชนบท'.repeat(3),
				'Donaudampfschifffahrtsgesellschaftskapitänsmützenhalterungsbefestigungsschraube',
				'https://example.org/a/very/long/path/that/keeps/going/and/going/without/any/spaces/at/all',
			]) {
				const paragraph = document.createElement('p');
				paragraph.textContent = text;
				article.append(paragraph);
			}
		});
		expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
		await page.screenshot({ path: path.join(screenshotsDir, 'th-long-words-360.png'), fullPage: true });
		await page.context().close();
	});
});

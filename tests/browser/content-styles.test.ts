/**
 * Issue 27 in real Chromium: the values page, unchanged but for a content stylesheet written for its old
 * classes, is two rows of three tiles at 1280 px with small icons, one column at 360 px, and never wider
 * than the window; the layout vocabulary does the same with no stylesheet at all. The stylesheet that
 * styles the header and the one with @import are refused: the header is as the site draws it.
 */
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { fixtureSiteInChromium, screenshotsDir } from '../support/browser.ts';
import { valuesFixtureFiles } from '../support/values-fixture.ts';

const site = fixtureSiteInChromium('content-styles-browser', valuesFixtureFiles);

interface Box {
	x: number;
	y: number;
	width: number;
	height: number;
}

/** Opens `url` at `width` px, with every image loaded, and collects what the policy refused. */
async function open(url: string, width: number): Promise<{ tab: Page; refused: string[]; close: () => Promise<void> }> {
	const context = await site.browser.newContext({ viewport: { width, height: 900 }, serviceWorkers: 'block' });
	const tab = await context.newPage();
	const refused: string[] = [];
	tab.on('console', (message) => {
		if (message.text().includes('Content Security Policy')) refused.push(message.text());
	});
	await tab.goto(`${site.url}${url}`);
	await tab.waitForFunction(() => [...document.querySelectorAll('article img')].every((image) => (image as HTMLImageElement).complete));
	return { tab, refused, close: () => context.close() };
}

const boxes = (tab: Page, selector: string): Promise<Box[]> =>
	tab.locator(selector).evaluateAll((elements) =>
		elements.map((element) => {
			const rect = element.getBoundingClientRect();
			return { x: Math.round(rect.x), y: Math.round(rect.y), width: rect.width, height: rect.height };
		}),
	);

/** The rows a set of boxes forms: how many boxes share each top edge, top to bottom. */
const rows = (found: Box[]) => [...Map.groupBy(found, (box) => box.y).values()].map((row) => row.length);

const overflows = (tab: Page) => tab.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth);

describe('the values page with its content stylesheet', () => {
	it('is two rows of three tiles at 1280 px, with icons at most 96 px wide, styled by a file the policy allows', async () => {
		const { tab, refused, close } = await open('/en/careers-values/', 1280);
		const tiles = await boxes(tab, '.careers__values-tile');
		expect(tiles).toHaveLength(6);
		expect(rows(tiles)).toEqual([3, 3]);
		expect(new Set(tiles.map((tile) => tile.x)).size).toBe(3);
		const icons = await boxes(tab, '.careers__values-icon');
		expect(icons).toHaveLength(6);
		for (const icon of icons) {
			expect(icon.width).toBeGreaterThan(0);
			expect(icon.width).toBeLessThanOrEqual(96);
		}
		// Each icon is above its sentence, inside its tile.
		const sentences = await boxes(tab, '.careers__values-tile p');
		sentences.forEach((sentence, index) => expect(sentence.y).toBeGreaterThanOrEqual(icons[index]!.y + icons[index]!.height));
		expect(await overflows(tab)).toBe(false);
		expect(refused).toEqual([]);
		await tab.screenshot({ path: path.join(screenshotsDir, 'values-grid-1280.png'), fullPage: true });
		await close();
	});

	it('is one column at 360 px, with no horizontal overflow', async () => {
		const { tab, close } = await open('/en/careers-values/', 360);
		const tiles = await boxes(tab, '.careers__values-tile');
		expect(rows(tiles)).toEqual([1, 1, 1, 1, 1, 1]);
		expect(new Set(tiles.map((tile) => tile.x)).size).toBe(1);
		for (const icon of await boxes(tab, '.careers__values-icon')) expect(icon.width).toBeLessThanOrEqual(96);
		expect(await overflows(tab)).toBe(false);
		await tab.screenshot({ path: path.join(screenshotsDir, 'values-grid-360.png'), fullPage: true });
		await close();
	});

	it('leaves the header as the site draws it: the stylesheet that hides it, and the one with @import, are refused', async () => {
		const { tab, close } = await open('/en/careers-values/', 1280);
		const header = tab.locator('.site-header');
		expect(await header.isVisible()).toBe(true);
		expect(await header.evaluate((element) => getComputedStyle(element).display)).not.toBe('none');
		// No rule of a content stylesheet matches anything outside the page body.
		const outside = await tab.evaluate(() => {
			const body = document.querySelector('.content-body')!;
			const matched: string[] = [];
			for (const sheet of document.styleSheets)
				for (const rule of sheet.cssRules) {
					const rules = rule instanceof CSSMediaRule ? [...rule.cssRules] : [rule];
					for (const inner of rules) {
						if (!(inner instanceof CSSStyleRule) || !inner.selectorText.includes('careers__')) continue;
						for (const element of document.querySelectorAll(inner.selectorText)) if (!body.contains(element)) matched.push(inner.selectorText);
					}
				}
			return matched;
		});
		expect(outside).toEqual([]);
		const text = await tab.evaluate(() => [...document.styleSheets].flatMap((sheet) => [...sheet.cssRules].map((rule) => rule.cssText)).join('\n'));
		for (const refused of ['careers__banner', 'careers__imported', '@import', 'cdn.example']) expect(text).not.toContain(refused);
		await close();
	});
});

describe('a stylesheet that tries to leave the page body', () => {
	it('cannot paint over the header: what it moves out of the page body is clipped', async () => {
		const { tab, close } = await open('/en/cover/', 1280);
		const header = (await boxes(tab, '.site-header'))[0]!;
		const hits = await tab.evaluate(
			(box) =>
				[0.1, 0.5, 0.9].flatMap((across) =>
					[0.25, 0.75].map((down) => document.elementFromPoint(box.x + box.width * across, box.y + box.height * down)?.closest('.site-header') !== null),
				),
			header,
		);
		expect(hits.every(Boolean)).toBe(true);
		await close();
	});
});

describe('the layout vocabulary, with no stylesheet', () => {
	for (const url of ['/en/layout-markdown/', '/en/layout-mdx/'])
		it(`${url}: columns side by side and tiles three across at 1280 px, stacked at 360 px`, async () => {
			const wide = await open(url, 1280);
			const columns = await boxes(wide.tab, '.columns > .column');
			expect(columns).toHaveLength(2);
			expect(columns[0]!.y).toBe(columns[1]!.y);
			expect(rows(await boxes(wide.tab, '.tiles > *'))).toEqual([3, 3]);
			for (const icon of await boxes(wide.tab, 'img.icon')) expect(icon.width).toBeLessThanOrEqual(96);
			await wide.close();
			const narrow = await open(url, 360);
			const stacked = await boxes(narrow.tab, '.columns > .column');
			expect(stacked[0]!.x).toBe(stacked[1]!.x);
			expect(stacked[1]!.y).toBeGreaterThan(stacked[0]!.y);
			expect(rows(await boxes(narrow.tab, '.tiles > *'))).toEqual([1, 1, 1, 1, 1, 1]);
			expect(await overflows(narrow.tab)).toBe(false);
			await narrow.close();
		});
});

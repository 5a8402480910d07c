/**
 * What Lighthouse found on the built demo (issue #28), checked in Chromium: the search page does not shift
 * as its results arrive, the first content image loads at once and every image's `sizes` is the width the
 * column shows it at, and the status page shows its whole table, bars included, at desktop width.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { demoSiteInChromium } from '../support/browser.ts';

const site = demoSiteInChromium();

async function open(urlPath: string, viewport: { width: number; height: number }, beforeLoad?: () => void): Promise<Page> {
	const context = await site.browser.newContext({ viewport, locale: 'en-US' });
	const page = await context.newPage();
	if (beforeLoad) await page.addInitScript(beforeLoad);
	await page.goto(`${site.url}${urlPath}`);
	return page;
}

/** Waits for a frame to be rendered, so that the layout shifts of what changed before are reported. */
const nextFrame = (page: Page) => page.evaluate(() => new Promise<void>((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve()))));

interface LayoutShiftEntry extends PerformanceEntry {
	value: number;
	hadRecentInput: boolean;
}
interface ShiftRecorder {
	observer: PerformanceObserver;
	total: number;
}
declare global {
	interface Window {
		layoutShifts?: ShiftRecorder;
	}
}

/** Sums every layout shift of the page from its start (CLS as Lighthouse counts it for a page without input). */
function recordLayoutShifts(): void {
	const recorder = { total: 0 } as ShiftRecorder;
	const add = (entries: PerformanceEntryList) => {
		for (const entry of entries as LayoutShiftEntry[]) if (!entry.hadRecentInput) recorder.total += entry.value;
	};
	recorder.observer = new PerformanceObserver((list) => add(list.getEntries()));
	recorder.observer.observe({ type: 'layout-shift', buffered: true });
	window.layoutShifts = recorder;
}

describe('the search page', () => {
	it.each([
		{ width: 412, height: 823 },
		{ width: 1280, height: 800 },
	])('does not move as its results arrive (CLS < 0.01 at $width px)', async (viewport) => {
		const page = await open(`/es-419/search/?q=${encodeURIComponent('bucles')}`, viewport, recordLayoutShifts);
		await page.locator('[data-search-results] li').first().waitFor();
		await page.waitForFunction(() => !(document.querySelector('[data-search-status]')?.textContent ?? '…').endsWith('…'));
		await nextFrame(page);
		const shift = await page.evaluate(() => {
			const recorder = window.layoutShifts!;
			for (const entry of recorder.observer.takeRecords() as LayoutShiftEntry[]) if (!entry.hadRecentInput) recorder.total += entry.value;
			return recorder.total;
		});
		expect(shift).toBeLessThan(0.01);
		await page.context().close();
	});
});

describe('the images of a content page', () => {
	it('load the first one eagerly with high priority, the others lazily', async () => {
		const page = await open('/en/stories/field-visit/', { width: 412, height: 823 });
		const images = await page
			.locator('main img')
			.evaluateAll((elements) => elements.map((image) => [image.getAttribute('loading'), image.getAttribute('fetchpriority')]));
		expect(images.length).toBeGreaterThan(2);
		expect(images[0]).toEqual(['eager', 'high']);
		for (const image of images.slice(1)) expect(image).toEqual(['lazy', null]);
		await page.context().close();
	});

	it.each([360, 412, 600, 760, 1280])('declare in `sizes` the width the column shows them at (%i px)', async (width) => {
		const page = await open('/en/stories/field-visit/', { width, height: 900 });
		const widths = await page.locator('main p > picture > img').evaluateAll((elements) =>
			elements.map((image) => {
				// The `sizes` list as the browser reads it: the first entry whose media query matches.
				const entries = (image.getAttribute('sizes') ?? '').split(/,\s*(?![^()]*\))/);
				const chosen = entries.find((entry) => {
					const media = /^(\(.*?\))\s+(?=\S+$|calc\()/.exec(entry)?.[1];
					return media === undefined || matchMedia(media).matches;
				})!;
				const length = chosen.replace(/^\(.*?\)\s+(?=\S+$|calc\()/, '');
				const probe = document.createElement('div');
				probe.style.cssText = `position:absolute;inline-size:${length}`;
				document.body.append(probe);
				const declared = probe.getBoundingClientRect().width;
				probe.remove();
				return { declared, shown: image.getBoundingClientRect().width };
			}),
		);
		expect(widths.length).toBeGreaterThan(2);
		for (const { declared, shown } of widths) expect(Math.abs(declared - shown)).toBeLessThanOrEqual(1);
		await page.context().close();
	});
});

describe('the status page at 1280 px', () => {
	it('shows the whole per-language table, bars included, without scrolling sideways', async () => {
		const viewport = { width: 1280, height: 800 };
		const page = await open('/status/', viewport);
		const layout = await page.evaluate(() => {
			const box = document.querySelector<HTMLElement>('.status-table')!;
			return {
				tableOverflow: box.scrollWidth - box.clientWidth,
				pageOverflow: document.documentElement.scrollWidth - document.documentElement.clientWidth,
				bars: [...document.querySelectorAll('.status-table .progress-bar')].map((bar) => {
					const rect = bar.getBoundingClientRect();
					return { left: rect.left, right: rect.right, width: rect.width };
				}),
			};
		});
		expect(layout.tableOverflow).toBeLessThanOrEqual(0);
		expect(layout.pageOverflow).toBeLessThanOrEqual(0);
		expect(layout.bars.length).toBeGreaterThan(5);
		for (const bar of layout.bars) {
			expect(bar.width).toBeGreaterThan(0);
			expect(bar.left).toBeGreaterThanOrEqual(0);
			expect(bar.right).toBeLessThanOrEqual(viewport.width);
		}
		await page.context().close();
	});
});

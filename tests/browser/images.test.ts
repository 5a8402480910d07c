/**
 * Content images through the image pipeline, in Chromium on the demo's image-rich Markdown page: every
 * image has its size (no layout shift), loads lazily, comes as WebP with the original format as fallback,
 * and at 360 px no image loaded is wider than twice the width it is shown at. The es-419 page shows its
 * own poster (its text translated).
 */
import { describe, expect, it } from 'vitest';
import { demoSiteInChromium } from '../support/browser.ts';

const site = demoSiteInChromium();
const PAGE = '/en/stories/field-visit/';

async function openAt(width: number, urlPath: string) {
	const context = await site.browser.newContext({ viewport: { width, height: 740 }, serviceWorkers: 'block' });
	const page = await context.newPage();
	await page.goto(`${site.url}${urlPath}`, { waitUntil: 'networkidle' });
	// Every lazy image comes into view once, and has loaded (or failed) before the next. The scroll is the
	// page's own: Playwright's scrollIntoViewIfNeeded waits for frames to show the image still, which a
	// starved headless renderer on a busy CI machine did not deliver within 30 s.
	for (const image of await page.locator('article img').all()) {
		await image.evaluate(
			(element) =>
				new Promise<void>((settled) => {
					const picture = element as HTMLImageElement;
					picture.scrollIntoView({ block: 'center' });
					if (picture.complete) return settled();
					picture.addEventListener('load', () => settled(), { once: true });
					picture.addEventListener('error', () => settled(), { once: true });
				}),
		);
	}
	await page.waitForLoadState('networkidle');
	return { page, context };
}

describe('the image-rich page', () => {
	it('gives every image its size, WebP and the original format as fallback, and lazy loading after the first', async () => {
		const { page, context } = await openAt(1280, PAGE);
		const images = await page.locator('article img').evaluateAll((elements) =>
			elements.map((element) => {
				const image = element as HTMLImageElement;
				return {
					alt: image.alt,
					width: image.getAttribute('width'),
					height: image.getAttribute('height'),
					loading: image.loading,
					decoding: image.decoding,
					src: image.getAttribute('src'),
					sources: [...(image.parentElement?.querySelectorAll('source') ?? [])].map((source) => source.type),
					loaded: image.naturalWidth > 0,
				};
			}),
		);
		expect(images).toHaveLength(6);
		for (const [index, image] of images.entries()) {
			expect(Number(image.width), image.alt).toBeGreaterThan(0);
			expect(Number(image.height), image.alt).toBeGreaterThan(0);
			// The first is the largest thing on the first screen: it loads at once (tests/browser/seo-layout.test.ts).
			expect(image).toMatchObject({ loading: index === 0 ? 'eager' : 'lazy', decoding: 'async', sources: ['image/webp'], loaded: true });
			expect(image.src, image.alt).toMatch(/^\/_astro\/.+\.(jpg|png)$/);
		}
		await context.close();
	});

	it('at 360 px loads no image wider than twice its displayed width', async () => {
		const { page, context } = await openAt(360, PAGE);
		const images = await page.locator('article img').evaluateAll((elements) =>
			elements.map((element) => {
				const image = element as HTMLImageElement;
				return { alt: image.alt, natural: image.naturalWidth, shown: image.getBoundingClientRect().width, current: image.currentSrc };
			}),
		);
		expect(images).toHaveLength(6);
		for (const image of images) {
			expect(image.natural, image.alt).toBeGreaterThan(0);
			expect(image.natural, `${image.alt}: ${image.current}`).toBeLessThanOrEqual(2 * image.shown);
			expect(image.current, image.alt).toMatch(/\.webp$/);
		}
		await context.close();
	});

	it('shows the es-419 poster on the Spanish page, and the English one elsewhere', async () => {
		const poster = async (urlPath: string) => {
			const { page, context } = await openAt(1280, urlPath);
			const src = await page.locator('article img[src*="poster"]').getAttribute('src');
			await context.close();
			return src;
		};
		const english = await poster(PAGE);
		const spanish = await poster('/es-419/stories/field-visit/');
		const fallback = await poster('/th/stories/field-visit/');
		expect(spanish).not.toBe(english);
		expect(fallback).toBe(english);
	});
});

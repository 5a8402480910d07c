/**
 * Issue 26 in real Chromium: the notice of a translation that exists but is not shown is on screen, in the
 * visitor's language; a segment left in English in an Arabic page is read as English, left to right.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixtureSiteInChromium, screenshotsDir } from '../support/browser.ts';
import { english, untranslatedFixtureFiles } from '../support/untranslated-fixture.ts';

const site = fixtureSiteInChromium('untranslated-segments-browser', untranslatedFixtureFiles);

describe('in Chromium', () => {
	it('shows the notice of a translation that cannot be shown yet, in Portuguese, above the English page', async () => {
		const context = await site.browser.newContext({ viewport: { width: 360, height: 800 }, serviceWorkers: 'block' });
		const tab = await context.newPage();
		await tab.goto(`${site.url}/pt-br/club-guide/`);
		const notice = tab.locator('[data-notice=fallback]');
		await notice.waitFor({ state: 'visible' });
		expect(await notice.isVisible()).toBe(true);
		expect(await notice.getAttribute('data-fallback')).toBe('refused');
		expect(await notice.locator('.notice-title').innerText()).toBe('Existe uma tradução desta página, mas ela ainda não pode ser exibida');
		const box = (await notice.boundingBox())!;
		const heading = (await tab.locator('article h1').boundingBox())!;
		expect(box.width).toBeGreaterThan(250);
		expect(box.y).toBeLessThan(heading.y);
		expect(await tab.locator('article h1').innerText()).toBe(english.title);
		await tab.screenshot({ path: path.join(screenshotsDir, 'refused-translation-pt-br.png') });
		await context.close();
	});

	it('reads a paragraph left in English in the Arabic page as English, left to right', async () => {
		const context = await site.browser.newContext({ serviceWorkers: 'block' });
		const tab = await context.newPage();
		await tab.goto(`${site.url}/ar/club-guide/`);
		const paragraph = tab.locator('article p', { hasText: english.invite });
		expect(await paragraph.evaluate((element) => [element.matches(':lang(en)'), getComputedStyle(element).direction])).toEqual([true, 'ltr']);
		const translated = tab.locator('article p').first();
		expect(await translated.evaluate((element) => [element.matches(':lang(ar)'), getComputedStyle(element).direction])).toEqual([true, 'rtl']);
		await context.close();
	});
});

/**
 * Issue 26 in real Chromium: the notice of a translation that exists but is not shown is on screen, in the
 * visitor's language; a segment left in English in an Arabic page is read as English, left to right.
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { astroBuild } from '../support/astro-build.ts';
import { launchChromium, screenshotsDir, serveSite, type RunningServer } from '../support/browser.ts';
import { createFixtureProject } from '../support/fixture-project.ts';
import { english, untranslatedFixtureFiles } from '../support/untranslated-fixture.ts';

let browser: Browser;
let server: RunningServer;

beforeAll(async () => {
	const root = await createFixtureProject('untranslated-segments-browser', untranslatedFixtureFiles);
	const build = await astroBuild(root, path.join(root, 'dist'), { GLOSSA_OFFLINE: '0' });
	expect(build.code, build.output).toBe(0);
	await mkdir(screenshotsDir, { recursive: true });
	server = await serveSite(path.join(root, 'dist'));
	browser = await launchChromium();
});

afterAll(async () => {
	await browser?.close();
	await server?.stop();
});

describe('in Chromium', () => {
	it('shows the notice of a translation that cannot be shown yet, in Portuguese, above the English page', async () => {
		const context = await browser.newContext({ viewport: { width: 360, height: 800 }, serviceWorkers: 'block' });
		const tab = await context.newPage();
		await tab.goto(`${server.url}/pt-br/club-guide/`);
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
		const context = await browser.newContext({ serviceWorkers: 'block' });
		const tab = await context.newPage();
		await tab.goto(`${server.url}/ar/club-guide/`);
		const paragraph = tab.locator('article p', { hasText: english.invite });
		expect(await paragraph.evaluate((element) => [element.matches(':lang(en)'), getComputedStyle(element).direction])).toEqual([true, 'ltr']);
		const translated = tab.locator('article p').first();
		expect(await translated.evaluate((element) => [element.matches(':lang(ar)'), getComputedStyle(element).direction])).toEqual([true, 'rtl']);
		await context.close();
	});
});

/**
 * The pseudo-locales (GLOSSA_PSEUDO=1) in Chromium at a phone's and a laptop's width: every visible text is
 * pseudo text (so hard-coded English shows), nothing overflows sideways, the picker, notices and search
 * still work, and ar-XB mirrors the layout.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { looksPseudo } from '../../src/i18n/pseudo-text.ts';
import { astroBuild } from '../support/astro-build.ts';
import { launchChromium, serveSite, type RunningServer } from '../support/browser.ts';
import { createFixtureProject } from '../support/fixture-project.ts';
import { demoDist } from '../support/paths.ts';

let browser: Browser;
let server: RunningServer;

beforeAll(async () => {
	const root = await createFixtureProject('pseudo-locales', {});
	const dist = path.join(root, 'dist');
	const build = await astroBuild(root, dist, { GLOSSA_PSEUDO: '1', GLOSSA_OFFLINE: '0' });
	expect(build.code, build.output).toBe(0);
	server = await serveSite(dist);
	browser = await launchChromium();
}, 300_000);
afterAll(async () => {
	await browser?.close();
	await server?.stop();
});

const PAGES = [
	'',
	'values/',
	'learn/loops/',
	'stories/field-visit/',
	'search/',
	'offline-access/',
	'help-translate/',
	'other-languages/',
	'offline/',
	'no-such-page/',
];
const WIDTHS = [360, 1280];

interface TextFound {
	text: string;
	where: string;
}

/** Every visible piece of text in the page's language (names of other languages carry their own `lang`). */
function visibleTexts(page: Page): Promise<TextFound[]> {
	return page.evaluate(() => {
		const found: { text: string; where: string }[] = [];
		const pageLang = document.documentElement.lang;
		const describe = (element: Element) => {
			const parts: string[] = [];
			for (let node: Element | null = element; node && node !== document.body; node = node.parentElement)
				parts.unshift(`${node.tagName.toLowerCase()}${node.className ? `.${String(node.className).split(' ')[0]}` : ''}`);
			return parts.join(' > ');
		};
		const shown = (element: Element) => {
			const style = getComputedStyle(element);
			return style.visibility !== 'hidden' && style.display !== 'none' && element.getClientRects().length > 0;
		};
		const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
		for (let node = walker.nextNode(); node; node = walker.nextNode()) {
			const text = node.textContent?.trim() ?? '';
			const parent = node.parentElement;
			if (!text || !parent || parent.closest('code, pre, kbd, samp, script, style, noscript, template')) continue;
			if ((parent.closest('[lang]') as HTMLElement | null)?.lang !== pageLang) continue;
			const range = document.createRange();
			range.selectNodeContents(node);
			if (range.getClientRects().length === 0 || !shown(parent)) continue;
			found.push({ text, where: describe(parent) });
		}
		for (const input of document.querySelectorAll<HTMLInputElement>('input[placeholder]'))
			if (shown(input)) found.push({ text: input.placeholder, where: `${describe(input)}[placeholder]` });
		return found;
	});
}

async function assertUsable(page: Page, width: number) {
	const layout = await page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth }));
	expect(layout.scrollWidth, 'no sideways scrolling').toBeLessThanOrEqual(layout.innerWidth);
	// The picker opens, and every language in it can be reached on screen.
	await page.click('[data-picker] summary');
	const links = await page.$$eval('[data-picker] .picker-list a', (anchors) =>
		anchors.map((anchor) => {
			const box = anchor.getBoundingClientRect();
			return { left: box.left, right: box.right, width: box.width };
		}),
	);
	expect(links.length).toBeGreaterThan(5);
	for (const link of links) {
		expect(link.width).toBeGreaterThan(0);
		expect(link.left).toBeGreaterThanOrEqual(0);
		expect(link.right).toBeLessThanOrEqual(width);
	}
	await page.click('[data-picker] summary');
	// The preview notice says what this locale is, inside the screen.
	const notice = await page.$eval('[data-notice=preview]', (element) => {
		const box = element.getBoundingClientRect();
		return { left: box.left, right: box.right, text: element.textContent ?? '' };
	});
	expect(notice.left).toBeGreaterThanOrEqual(0);
	expect(notice.right).toBeLessThanOrEqual(width);
}

describe.each(['en-xa', 'ar-xb'])('%s', (segment) => {
	it.each(WIDTHS)('shows only pseudo text, fits and stays usable at %i px', async (width) => {
		const context = await browser.newContext({ viewport: { width, height: 800 } });
		const page = await context.newPage();
		const dialogs: string[] = [];
		page.on('dialog', (dialog) => {
			dialogs.push(dialog.message());
			void dialog.dismiss();
		});
		for (const slug of PAGES) {
			const response = await page.goto(`${server.url}/${segment}/${slug}`);
			expect(response?.status(), slug).toBe(slug === 'no-such-page/' ? 404 : 200);
			const plain = (await visibleTexts(page)).filter((found) => !looksPseudo(found.text));
			expect(plain, `${segment}/${slug}: text that is not pseudo text (hard-coded English?)`).toEqual([]);
			await assertUsable(page, width);
		}
		expect(dialogs).toEqual([]);
		await context.close();
	});

	it('searches in its own language from the header form', async () => {
		const page = await browser.newPage({ viewport: { width: 360, height: 800 } });
		await page.goto(`${server.url}/${segment}/`);
		await page.fill('.site-header input[type=search]', segment === 'en-xa' ? 'ṽåļûéš' : 'šéûļåṽ');
		await Promise.all([page.waitForURL(/\/search\/\?q=/), page.click('.site-header button[type=submit]')]);
		await page.waitForSelector('[data-search-results] li a', { timeout: 15_000 });
		const results = await page.$$eval('[data-search-results] li a', (anchors) => anchors.map((anchor) => anchor.getAttribute('href')));
		expect(results.length, 'results for a pseudo word').toBeGreaterThan(0);
		for (const href of results) expect(href).toMatch(new RegExp(`^/${segment}/`));
		// The strings the search script writes are pseudo text too.
		expect((await visibleTexts(page)).filter((found) => !looksPseudo(found.text))).toEqual([]);
		await page.close();
	});
});

describe('the status page of a pseudo build', () => {
	it.each(WIDTHS)('lists both pseudo-locales as previews and fits at %i px', async (width) => {
		const page = await browser.newPage({ viewport: { width, height: 800 } });
		await page.goto(`${server.url}/status/`);
		for (const tag of ['en-XA', 'ar-XB']) expect(await page.textContent(`tr[data-locale=${tag}] td[data-listing]`)).toContain('preview');
		const layout = await page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth }));
		expect(layout.scrollWidth).toBeLessThanOrEqual(layout.innerWidth);
		await page.close();
	});
});

describe('ar-XB', () => {
	it('mirrors the page: right to left, header from the right', async () => {
		const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
		await page.goto(`${server.url}/ar-xb/values/`);
		expect(await page.getAttribute('html', 'dir')).toBe('rtl');
		expect(await page.getAttribute('html', 'lang')).toBe('ar-XB');
		const brand = await page.$eval('.brand', (element) => element.getBoundingClientRect().right);
		expect(brand).toBeGreaterThan(1280 / 2);
		const title = await page.textContent('h1');
		// Backwards text, read from the right: "Our values" -> "[··· šéûļåṽ ŕûÖ]".
		expect(title).toMatch(/^\[·+ šéûļåṽ ŕûÖ\]$/);
		await page.close();
	});
});

describe('a normal build', () => {
	it('has no pseudo-locale pages, links or sitemap entries', async () => {
		expect(existsSync(path.join(demoDist, 'en-xa'))).toBe(false);
		expect(existsSync(path.join(demoDist, 'ar-xb'))).toBe(false);
		const home = await readFile(path.join(demoDist, 'en/index.html'), 'utf8');
		expect(home).not.toMatch(/en-xa|ar-xb|en-XA|ar-XB/);
		expect(await readFile(path.join(demoDist, 'sitemap.xml'), 'utf8')).not.toMatch(/en-xa|ar-xb/);
	});

	it('has none of the screenshot build’s UI marks', async () => {
		for (const page of ['en/index.html', 'en/values/index.html', 'es-419/index.html', 'ar/search/index.html'])
			expect(await readFile(path.join(demoDist, page), 'utf8'), page).not.toMatch(/[\uE000-\uE002]/);
	});
});

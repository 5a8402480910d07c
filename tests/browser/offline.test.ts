import { cp, rm, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, screenshotsDir, serveSite, type RunningServer } from '../support/browser.ts';
import { extractPack } from '../support/packs.ts';
import { demoDist, demoPacks, tmpRoot } from '../support/paths.ts';

let browser: Browser;

beforeAll(async () => {
	browser = await launchChromium();
});
afterAll(async () => {
	await browser?.close();
});

const headerBackground = (page: Page) => page.locator('.site-header').evaluate((element) => getComputedStyle(element).backgroundColor);
const STYLED_HEADER = 'rgb(241, 239, 231)';

describe('an offline pack opened from the file system', () => {
	let context: BrowserContext;
	let folder: string;

	beforeAll(async () => {
		folder = path.join(tmpRoot, 'pack-ar');
		await extractPack(path.join(demoPacks, 'ar.zip'), folder);
		context = await browser.newContext({ locale: 'ar', viewport: { width: 1280, height: 900 } });
		await context.setOffline(true);
	});
	afterAll(() => context?.close());

	it('opens index.html and follows links to a translated page, a fallback page and the picker, all styled', async () => {
		const page = await context.newPage();
		const failedRequests: string[] = [];
		page.on('requestfailed', (request) => failedRequests.push(request.url()));
		await page.goto(pathToFileURL(path.join(folder, 'index.html')).href);
		await page.waitForURL('**/ar/index.html');
		expect(await page.locator('html').getAttribute('dir')).toBe('rtl');
		expect(await headerBackground(page)).toBe(STYLED_HEADER);

		await page.locator('.site-nav a', { hasText: 'قيمنا' }).click();
		await page.waitForURL('**/ar/values/index.html');
		expect(await page.locator('h1').textContent()).toBe('قيمنا');
		expect(await headerBackground(page)).toBe(STYLED_HEADER);

		await page.locator('.site-nav a', { hasText: 'تعلّم' }).click();
		await page.waitForURL('**/ar/learn/index.html');
		await page.locator('article a[href$="loops/index.html"]').click();
		await page.waitForURL('**/ar/learn/loops/index.html');
		expect(await page.locator('[data-notice=fallback]').textContent()).toContain('لم تُترجم هذه الصفحة بعد');
		expect(await page.locator('article h1').textContent()).toBe('Loops: doing things again');
		expect(await headerBackground(page)).toBe(STYLED_HEADER);
		await page.screenshot({ path: path.join(screenshotsDir, 'pack-ar-fallback.png') });

		// The picker: this language works; the others explain how to get their packs.
		await page.locator('.picker summary').click();
		await page.locator('.picker-list a[lang=es-419]').click();
		await page.waitForURL('**/ar/other-languages/index.html');
		expect(await page.locator('h1').textContent()).toBe('لغات أخرى');
		expect(await page.locator('main').textContent()).toContain('https://glossa.example.org/offline/es-419.zip');
		await page.goBack();
		await page.locator('.picker summary').click();
		await page.locator('.picker-list a[lang=ar]').click();
		await page.waitForURL('**/ar/learn/loops/index.html');

		// Search says it needs the online site.
		await page.locator('header input[type=search]').fill('الحاسوب');
		await page.locator('header form[role=search] button').click();
		await page.waitForURL('**/ar/search/index.html?q=*');
		await page.waitForFunction(() => (document.querySelector('[data-search-status]')?.textContent ?? '').length > 0);
		expect(await page.locator('[data-search-status]').textContent()).toBe('البحث غير متاح هنا. يعمل على الموقع المتصل بالإنترنت.');
		expect(failedRequests.filter((url) => !url.endsWith('/pagefind/pagefind.js'))).toEqual([]);
		await page.close();
	});
});

describe('the service worker on the online site', () => {
	let server: RunningServer;
	let site: string;

	beforeAll(async () => {
		// A copy, so a "new deploy" can be made without touching the shared demo build.
		site = path.join(tmpRoot, 'sw-site');
		await rm(site, { recursive: true, force: true });
		await cp(demoDist, site, { recursive: true });
		server = await serveSite(site);
	});
	afterAll(() => server?.stop());

	async function controlledPage(context: BrowserContext, urlPath: string): Promise<Page> {
		const page = await context.newPage();
		await page.goto(`${server.url}${urlPath}`);
		await page.evaluate(() => navigator.serviceWorker.ready);
		// The first load happened before the worker existed; this one goes through it and is saved.
		await page.reload();
		await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
		return page;
	}

	it('keeps visited pages readable offline and shows the offline page for others', async () => {
		const context = await browser.newContext();
		const page = await controlledPage(context, '/es-419/values/');
		await context.setOffline(true);
		await page.reload();
		expect(await page.locator('h1').textContent()).toBe('Nuestros valores');
		expect(await headerBackground(page)).toBe(STYLED_HEADER);

		await page.goto(`${server.url}/es-419/about/`);
		expect(await page.locator('[data-offline-page] h1').textContent()).toBe('Estás sin conexión');
		expect(await headerBackground(page)).toBe(STYLED_HEADER);
		await page.goto(`${server.url}/ar/about/`);
		expect(await page.locator('[data-offline-page] h1').textContent()).toBe('أنت غير متصل');
		await context.close();
	});

	it('keeps a whole language offline on request', async () => {
		const context = await browser.newContext();
		const page = await controlledPage(context, '/ar/offline-access/');
		await page.locator('[data-keep-locale]').click();
		await page.waitForFunction(() => (document.querySelector('[data-keep-status]')?.textContent ?? '').startsWith('حُفظت'));
		const status = (await page.locator('[data-keep-status]').textContent())!;
		const count = Number(/\d+/.exec(status)![0]);
		const form = new Intl.PluralRules('ar').select(count);
		expect(status).toBe(form === 'few' ? `حُفظت ${count} صفحات للقراءة دون اتصال.` : `حُفظت ${count} صفحة للقراءة دون اتصال.`);
		expect(count).toBeGreaterThanOrEqual(9);
		await context.setOffline(true);
		await page.goto(`${server.url}/ar/about/`);
		expect(await page.locator('article h1').textContent()).toBe('عن Kitebird');
		await page.goto(`${server.url}/ar/learn/loops/`);
		expect(await page.locator('article h1').textContent()).toBe('Loops: doing things again');
		await context.close();
	});

	it('removes the old caches after a new deploy', async () => {
		const context = await browser.newContext();
		const page = await controlledPage(context, '/en/');
		const before = await page.evaluate(() => caches.keys());
		expect(before.length).toBeGreaterThan(0);

		const worker = path.join(site, 'sw.js');
		const deployed = (await readFile(worker, 'utf8')).replace(/"buildId":"([0-9a-f]+)"/, '"buildId":"nextdeploy01"');
		await writeFile(worker, deployed);
		// A deploy restarts the server with the new files (it computes ETags when it starts).
		const port = new URL(server.url).port;
		await server.stop();
		server = await serveSite(site, Number(port));
		await page.evaluate(async () => {
			const registration = await navigator.serviceWorker.ready;
			await registration.update();
		});
		// The new worker installs and cleans up the old caches on its own schedule.
		await expect
			.poll(async () => (await page.evaluate(() => caches.keys())).sort(), { timeout: 15_000, interval: 200 })
			.toEqual(['glossa-assets-nextdeploy01', 'glossa-pages-nextdeploy01']);
		await context.close();
	});
});

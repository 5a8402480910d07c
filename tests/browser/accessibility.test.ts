/**
 * axe-core on every page the build writes (every locale, `/`, the 404s, search, status and offline pages),
 * and once more on every page of every offline pack, opened from file:// as a classroom would. Any
 * violation of impact moderate or above fails, naming page, rule and element.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { glob } from 'tinyglobby';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, serveSite, type RunningServer } from '../support/browser.ts';
import { extractPack } from '../support/packs.ts';
import { demoDist, demoPacks, tmpRoot } from '../support/paths.ts';
import { builtPages } from '../support/site.ts';

const require = createRequire(import.meta.url);
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const REPORTED_IMPACTS = new Set(['moderate', 'serious', 'critical']);

interface AxeViolation {
	id: string;
	impact: string | null;
	nodes: { target: string[] }[];
}

let browser: Browser;
let server: RunningServer;

beforeAll(async () => {
	server = await serveSite(demoDist);
	browser = await launchChromium();
});
afterAll(async () => {
	await browser?.close();
	await server?.stop();
});

/** One page object for all pages: axe is added to every document by the browser, not by the page. */
async function auditor({ blockPageScripts = false } = {}): Promise<{ audit(url: string): Promise<string[]>; close(): Promise<void> }> {
	const context = await browser.newContext();
	if (blockPageScripts) {
		// A policy sent with the page that allows no script of its own: the page as a visitor without JavaScript sees it.
		await context.route('**/*', async (route) => {
			const response = await route.fetch();
			await route.fulfill({ response, headers: { ...response.headers(), 'content-security-policy': "script-src 'none'" } });
		});
	}
	// Added by the browser to each new document; the pages' Content-Security-Policy does not apply to it.
	await context.addInitScript({ content: AXE_SOURCE });
	const page: Page = await context.newPage();
	return {
		async audit(url) {
			await page.goto(url, { waitUntil: 'load' });
			// The page audited must be the page asked for, not one it sent the browser on to.
			if (page.url() !== url) return [`went on to ${page.url()} instead of staying`];
			const violations = await page.evaluate(async () => {
				const axe = (window as unknown as { axe: { run: (context: Document) => Promise<{ violations: AxeViolation[] }> } }).axe;
				return (await axe.run(document)).violations;
			});
			return violations
				.filter((violation) => REPORTED_IMPACTS.has(violation.impact ?? ''))
				.flatMap((violation) => violation.nodes.map((node) => `${violation.id} (${violation.impact}) at ${node.target.join(' ')}`));
		},
		close: () => context.close(),
	};
}

function urlPathOf(file: string): string {
	return file === 'index.html' ? '/' : file.endsWith('/index.html') ? `/${file.slice(0, -'index.html'.length)}` : `/${file}`;
}

describe('accessibility of every built page (axe-core)', () => {
	it('finds no violation of impact moderate or above on any page of the site', { timeout: 300_000 }, async () => {
		const files = await builtPages(demoDist);
		expect(files.length).toBeGreaterThan(140);
		const found: string[] = [];
		const scripted = await auditor();
		// `/` sends the visitor on to a language at once; audited without script, it is the list of languages.
		const unscripted = await auditor({ blockPageScripts: true });
		for (const file of files) {
			const urlPath = urlPathOf(file);
			const violations = await (urlPath === '/' ? unscripted : scripted).audit(`${server.url}${urlPath}`);
			found.push(...violations.map((violation) => `${urlPath}: ${violation}`));
		}
		await scripted.close();
		await unscripted.close();
		expect(found).toEqual([]);
	});

	it('finds none on any page of any offline pack, opened from the file system', { timeout: 300_000 }, async () => {
		const packs = (await glob('*.zip', { cwd: demoPacks })).sort();
		expect(packs.length).toBeGreaterThanOrEqual(13);
		const found: string[] = [];
		const scripted = await auditor();
		for (const pack of packs) {
			const folder = path.join(tmpRoot, 'axe-packs', pack.replace(/\.zip$/, ''));
			await extractPack(path.join(demoPacks, pack), folder);
			for (const file of (await glob('**/*.html', { cwd: folder })).sort()) {
				if (file === 'index.html') continue; // a refresh to the locale's home, which is audited itself
				const violations = await scripted.audit(pathToFileURL(path.join(folder, file)).href);
				found.push(...violations.map((violation) => `${pack}:${file}: ${violation}`));
			}
		}
		await scripted.close();
		expect(found).toEqual([]);
	});
});

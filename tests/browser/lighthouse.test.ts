/**
 * Lighthouse (the `lighthouse` npm package, its default mobile run) on Debian's Chromium, against the demo as
 * `npm run serve` serves it (issue #28): SEO 100 on content pages, accessibility and best practices 100, a
 * cumulative layout shift of at most 0.05, and a largest-contentful-paint element that is not lazy-loaded.
 * Performance is printed, never asserted: the machines are noisy.
 */
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_PATH, serveSite, type RunningServer } from '../support/browser.ts';
import { demoDist } from '../support/paths.ts';

const PAGES = [
	{ path: '/en/', content: true },
	{ path: '/ar/values/', content: true },
	{ path: '/en/stories/field-visit/', content: true },
	// The search page is `noindex` by design (a results page is not content to index), so Lighthouse's SEO fails
	// `is-crawlable` there: its SEO audits are printed, not asserted.
	{ path: '/es-419/search/?q=bucles', content: false },
];

let server: RunningServer;
let chrome: chromeLauncher.LaunchedChrome;

beforeAll(async () => {
	server = await serveSite(demoDist);
	chrome = await chromeLauncher.launch({
		chromePath: CHROMIUM_PATH,
		chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
	});
});

afterAll(async () => {
	chrome?.kill();
	await server?.stop();
});

describe('Lighthouse, mobile', () => {
	it.each(PAGES)(
		'$path',
		async ({ path: urlPath, content }) => {
			const result = await lighthouse(`${server.url}${urlPath}`, {
				port: chrome.port,
				output: 'json',
				logLevel: 'error',
				onlyCategories: ['performance', 'accessibility', 'best-practices', 'seo'],
			});
			expect(result).toBeDefined();
			const { categories, audits } = result!.lhr;
			const score = (id: string) => Math.round((categories[id]?.score ?? 0) * 100);
			const failing = (id: string) =>
				(categories[id]?.auditRefs ?? [])
					.map((ref) => audits[ref.id]!)
					.filter((audit) => audit.score !== null && audit.score < 1 && audit.scoreDisplayMode !== 'informative' && audit.scoreDisplayMode !== 'manual')
					.map((audit) => `${audit.id}: ${audit.title}`);
			const cls = audits['cumulative-layout-shift']?.numericValue ?? Number.NaN;
			const lcp = audits['largest-contentful-paint']?.numericValue ?? Number.NaN;
			console.log(
				`lighthouse ${urlPath}: performance ${score('performance')}, accessibility ${score('accessibility')}, best practices ${score('best-practices')}, SEO ${score('seo')}, LCP ${Math.round(lcp)} ms, CLS ${cls.toFixed(3)}${content ? '' : `; SEO audits not passed: ${failing('seo').join(', ') || 'none'}`}`,
			);
			expect(failing('accessibility'), 'accessibility').toEqual([]);
			expect(failing('best-practices'), 'best practices').toEqual([]);
			if (content) expect(failing('seo'), 'SEO').toEqual([]);
			expect(cls).toBeLessThanOrEqual(0.05);
			// Not applicable (no image is the LCP element) or passed: the LCP element is never lazy.
			expect(audits['lcp-lazy-loaded']?.score ?? 1).toBe(1);
		},
		240_000,
	);
});

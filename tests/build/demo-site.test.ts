import { readFileSync } from 'node:fs';
import path from 'node:path';
import * as cheerio from 'cheerio';
import { describe, expect, it } from 'vitest';
import { demoDist } from '../support/paths.ts';
import { builtPages, fileForPath, loadPage } from '../support/site.ts';

const page = (urlPath: string) => loadPage(demoDist, urlPath);
const hreflangs = ($: cheerio.CheerioAPI) =>
	$('link[rel=alternate]')
		.map((_, link) => $(link).attr('hreflang'))
		.get()
		.sort();
const canonical = ($: cheerio.CheerioAPI) => $('link[rel=canonical]').attr('href');

describe('a translated page (es-419 values)', () => {
	const $ = page('/es-419/values/');

	it('is in Spanish, left to right, without a fallback notice', () => {
		expect($('html').attr('lang')).toBe('es-419');
		expect($('html').attr('dir')).toBe('ltr');
		expect($('h1').text()).toBe('Nuestros valores');
		expect($('[data-notice=fallback]')).toHaveLength(0);
		expect($('article').attr('lang')).toBeUndefined();
	});

	it('is its own canonical and lists only real translations as alternates', () => {
		expect(canonical($)).toBe('https://glossa.example.org/es-419/values/');
		expect(hreflangs($)).toEqual(['ar', 'en', 'es-419', 'ko', 'pt-BR', 'x-default', 'zh-Hans']);
	});

	it('formats its date with Intl in Spanish', () => {
		expect($('.page-meta').text()).toContain('Actualizado el 14 de septiembre de 2026');
	});
});

describe('an untranslated page in Arabic (learn/loops)', () => {
	const $ = page('/ar/learn/loops/');

	it('keeps the Arabic UI, right to left, and wraps the English content in lang="en" dir="ltr"', () => {
		expect($('html').attr('lang')).toBe('ar');
		expect($('html').attr('dir')).toBe('rtl');
		expect($('article').attr('lang')).toBe('en');
		expect($('article').attr('dir')).toBe('ltr');
		expect($('article h1').text()).toBe('Loops: doing things again');
		expect($('.skip-link').text()).toBe('انتقل إلى المحتوى');
	});

	it('says so in Arabic and links to the English page and to the help-translate page', () => {
		const notice = $('[data-notice=fallback]');
		expect(notice.text()).toContain('لم تُترجم هذه الصفحة بعد');
		expect(notice.text()).toContain('الإنجليزية');
		expect(notice.find('a[data-link=original]').attr('href')).toBe('/en/learn/loops/');
		expect(notice.find('a[data-link=help-translate]').attr('href')).toBe('/ar/help-translate/');
	});

	it('points its canonical at the English page and offers no Arabic alternate', () => {
		expect(canonical($)).toBe('https://glossa.example.org/en/learn/loops/');
		expect(hreflangs($)).toEqual(['en', 'es-419', 'ru', 'x-default', 'zh-Hant']);
	});

	it('keeps code left to right inside the page and renders GFM', () => {
		expect($('pre').length).toBeGreaterThanOrEqual(3);
		expect($('input[type=checkbox]').length).toBe(3);
		expect($('section[data-footnotes]')).toHaveLength(1);
	});
});

describe('an Uzbek page (almost no translation)', () => {
	it('shows the notice in Uzbek with the rest of the UI falling back to English strings', () => {
		const $ = page('/uz/');
		expect($('html').attr('lang')).toBe('uz');
		expect($('[data-notice=fallback]').text()).toContain('Bu sahifa hali tarjima qilinmagan');
		expect($('.skip-link').text()).toBe('Skip to content');
	});
});

describe('the language picker', () => {
	it('is on every page, marks the current locale, and every link leads to a built page', async () => {
		const pages = (await builtPages(demoDist)).filter((file) => file !== 'index.html' && !file.startsWith('_astro'));
		expect(pages.length).toBeGreaterThan(100);
		for (const file of pages) {
			const $ = cheerio.load(readFileSync(path.join(demoDist, file), 'utf8'));
			const links = $('.picker-list a');
			// The 11 listed locales, plus the current one on a preview locale's pages.
			expect(links.length, file).toBeGreaterThanOrEqual(11);
			expect($('.picker-list a[aria-current=page]').attr('lang'), file).toBe($('html').attr('lang'));
			links.each((_, link) => {
				const href = $(link).attr('href')!;
				expect(fileForPath(demoDist, href), `${file}: picker link ${href}`).toBeDefined();
				expect($(link).attr('lang')).toBe($(link).attr('hreflang'));
			});
		}
	});

	it('links to the same page in each locale and marks where it would be English', () => {
		const $ = page('/ko/values/');
		expect($('.picker-list a[lang=ar]').attr('href')).toBe('/ar/values/');
		expect($('.picker-list a[lang=ar]').attr('data-state')).toBe('translated');
		expect($('.picker-list a[lang=id]').attr('data-state')).toBe('fallback');
		expect($('.picker-list a[lang=id]').next('.picker-state').text()).toBe('(아직 번역되지 않음)');
		// Preview locales are reachable by URL only.
		expect($('.picker-list a[lang=th]')).toHaveLength(0);
		expect($('.picker-list a[lang=ar]').attr('dir')).toBe('rtl');
	});
});

describe('links in content', () => {
	it('stay in the visitor locale', () => {
		const $ = page('/es-419/');
		const hrefs = $('article a')
			.map((_, link) => $(link).attr('href'))
			.get();
		expect(hrefs).toEqual(expect.arrayContaining(['/es-419/offline-access/', '/es-419/values/', '/es-419/learn/loops/']));
		expect(hrefs.some((href) => href.startsWith('/en/'))).toBe(false);
	});
});

describe('regional content', () => {
	it('is built only in its locale', () => {
		expect(fileForPath(demoDist, '/es-419/becas-docentes/')).toBeDefined();
		for (const segment of ['en', 'ar', 'pt-br', 'th']) expect(fileForPath(demoDist, `/${segment}/becas-docentes/`)).toBeUndefined();
		expect(page('/es-419/').html()).toContain('href="/es-419/becas-docentes/"');
	});
});

describe('sitemap.xml', () => {
	const xml = readFileSync(path.join(demoDist, 'sitemap.xml'), 'utf8');
	const $ = cheerio.load(xml, { xml: true });
	const locs = $('url > loc')
		.map((_, loc) => $(loc).text())
		.get();

	it('lists real pages only', () => {
		expect(locs).toContain('https://glossa.example.org/es-419/values/');
		expect(locs).toContain('https://glossa.example.org/ar/values/');
		expect(locs).toContain('https://glossa.example.org/es-419/becas-docentes/');
		expect(locs).not.toContain('https://glossa.example.org/ar/learn/loops/');
		expect(locs.some((loc) => loc.includes('/uz/'))).toBe(false);
		expect(locs.some((loc) => loc.includes('/404/'))).toBe(false);
	});

	it('gives each page its translations as xhtml:link alternates', () => {
		const url = $('url').filter((_, element) => $(element).children('loc').text() === 'https://glossa.example.org/ar/values/');
		const alternates = url
			.children('xhtml\\:link')
			.map((_, link) => `${$(link).attr('hreflang')} ${$(link).attr('href')}`)
			.get();
		expect(alternates).toContain('es-419 https://glossa.example.org/es-419/values/');
		expect(alternates).toContain('x-default https://glossa.example.org/en/values/');
		expect(alternates).not.toContain('th https://glossa.example.org/th/values/');
	});
});

describe('the root and error pages', () => {
	it('lists every language in its own name without JavaScript', () => {
		const $ = page('/');
		const links = $('.root-languages a');
		expect(links.length).toBe(11);
		expect(links.filter('[lang=ar]').text()).toBe('العربية');
		expect(links.filter('[lang=ar]').attr('href')).toBe('/ar/');
	});

	it('has a 404 page per locale, in that locale', () => {
		const $ = page('/ar/404/');
		expect($('html').attr('lang')).toBe('ar');
		expect($('h1').text()).toBe('الصفحة غير موجودة');
		expect($('meta[name=robots]').attr('content')).toBe('noindex');
		expect(page('/404.html')('h1').text()).toBe('Page not found');
	});

	it('labels footnotes in the content language', () => {
		expect(page('/ar/about/')('#footnote-label').text()).toBe('الحواشي');
		expect(page('/ar/learn/loops/')('#footnote-label').text()).toBe('Footnotes');
	});
});

describe('images on the Markdown page (stories/field-visit)', () => {
	it('shows every image through the pipeline, with its size, and a description from the first paragraph', () => {
		const $ = page('/en/stories/field-visit/');
		expect($('article picture')).toHaveLength(6);
		$('article picture img').each((_, image) => {
			expect(Number($(image).attr('width'))).toBeGreaterThan(0);
			expect($(image).attr('srcset')).toMatch(/ 360w, .* 720w/);
		});
		expect($('article picture source[type="image/webp"]')).toHaveLength(6);
		expect($('meta[name=description]').attr('content')).toMatch(/^In November two of our volunteers spent a week with three partner schools/);
	});

	it('lists on /status/ the image with a localized copy, and the locales still showing the English one', () => {
		const item = page('/status/')('[data-image="content/images/stories/field-visit/poster.png"]');
		expect(item).toHaveLength(1);
		expect(item.text()).toContain('(ar)');
		expect(item.text()).toContain('(th)');
		expect(item.text()).not.toContain('(es-419)');
	});
});

describe('the status page', () => {
	it("draws each language's progress as translated, outdated and missing words, with the listing threshold", () => {
		const $ = page('/status/');
		const rows = $('.status-table tbody tr');
		expect(rows.length).toBeGreaterThanOrEqual(12);
		rows.each((_, row) => {
			const bar = $(row).find('svg.progress-bar');
			const widths = ['current', 'outdated', 'missing'].map((part) => Number(bar.find(`.progress-${part}`).attr('width')));
			expect(widths.reduce((sum, width) => sum + width, 0)).toBeCloseTo(100, 5);
			const [current, outdated, missing] = widths.map((width) => Math.floor(width));
			expect(bar.attr('aria-label')).toBe(
				`${current}% translated and current, ${outdated}% outdated, ${missing}% missing or broken; listed from ${Math.floor(Number(bar.find('.progress-threshold').attr('x1')))}%`,
			);
		});
	});
});

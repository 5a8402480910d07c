import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { benchLocales, generateCorpus, localesModuleSource } from '../../scripts/bench/corpus.ts';
import { projectRoot } from '../support/paths.ts';
import { parseContentDocument } from '../../src/content-model/content-document.ts';

describe('benchmark corpus', () => {
	const options = { pages: 12, locales: 6, translatedShare: 0.4, seed: 7 };

	it('is the same for the same seed, and different for another', () => {
		const first = generateCorpus(options);
		const second = generateCorpus(options);
		expect(second.pages.map((page) => page.mdx)).toEqual(first.pages.map((page) => page.mdx));
		expect(generateCorpus({ ...options, seed: 8 }).pages[0]!.mdx).not.toBe(first.pages[0]!.mdx);
	});

	it('has the requested shape: English pages of 800 to 3,000 words, about T of the pairs translated, ar/zh/th/ru first', () => {
		const corpus = generateCorpus({ ...options, pages: 60, translatedShare: 0.4 });
		expect(corpus.locales.map((locale) => locale.tag).slice(0, 5)).toEqual(['en', 'ar', 'zh-Hans', 'th', 'ru']);
		const english = corpus.pages.filter((page) => page.locale === 'en');
		expect(english).toHaveLength(60);
		for (const page of english) {
			expect(page.words).toBeGreaterThanOrEqual(800);
			expect(page.words).toBeLessThanOrEqual(3100);
		}
		const share = (corpus.pages.length - 60) / (60 * 5);
		expect(share).toBeGreaterThan(0.3);
		expect(share).toBeLessThan(0.5);
	});

	it("gives translations the English page's links and components, so Glossa accepts them", async () => {
		const { checkMdxTranslation } = await import('../../src/content-model/translation-checks.ts');
		const { createLocaleRegistry } = await import('../../src/i18n/registry.ts');
		const corpus = generateCorpus(options);
		const registry = createLocaleRegistry(corpus.locales, { source: 'en' });
		const english = new Map(
			corpus.pages.filter((page) => page.locale === 'en').map((page) => [page.slug, parseContentDocument(`content/en/${page.slug}.mdx`, page.mdx)]),
		);
		const translations = corpus.pages.filter((page) => page.locale !== 'en').slice(0, 10);
		expect(translations.length).toBeGreaterThan(5);
		for (const page of translations) {
			const problems = checkMdxTranslation(`content/${page.locale}/${page.slug}.mdx`, page.mdx, english.get(page.slug), {
				registry,
				locale: page.locale,
				translatableFrontmatter: ['title', 'description'],
			});
			expect(problems).toEqual([]);
		}
	});

	it('produces MDX that compiles, with a table, two code blocks, a callout and internal links; and Markdown without the component', async () => {
		const corpus = generateCorpus(options);
		for (const page of corpus.pages.slice(0, 8)) {
			const document = parseContentDocument(`content/${page.locale}/${page.slug}.mdx`, page.mdx);
			expect([...document.problems, ...document.dropped]).toEqual([]);
			expect(page.mdx).toMatch(/^\| A \| B \| C \|$/m);
			expect(page.mdx.match(/^```python$/gm)?.length).toBeGreaterThanOrEqual(2);
			expect(page.mdx).toContain('<Callout');
			expect(page.mdx).toMatch(/\]\(\/en\/topic-\d{4}\/\)/);
			expect(page.markdown).not.toContain('<Callout');
			expect(page.markdown).toMatch(/^> \*\*/m);
		}
	});

	it('gives the benchmark site a locales module with every export the project’s own has', () => {
		const exportsOf = (source: string) => [...source.matchAll(/^export const (\w+)/gm)].map((match) => match[1]).sort();
		const project = readFileSync(`${projectRoot}/src/i18n/locales.ts`, 'utf8');
		expect(exportsOf(localesModuleSource(benchLocales(4), { listAll: true }))).toEqual(exportsOf(project));
	});
});

import { load } from 'cheerio';
import { describe, expect, it } from 'vitest';
import { searchDocumentHtml } from '../../src/search/search-document.ts';
import { renderMdx } from '../../src/content-model/content-render.ts';

describe('searchDocumentHtml', () => {
	it('is the page body Pagefind indexes: language, title as <h1>, content with heading ids', () => {
		const { tree } = renderMdx('content/es-419/values.mdx', '## Abiertos\n\nTodo lo que hacemos es libre.\n');
		const document = load(searchDocumentHtml({ url: '/es-419/values/', lang: 'es-419', title: 'Nuestros <valores>', tree }));
		expect(document('html').attr('lang')).toBe('es-419');
		expect(document('[data-pagefind-body] > h1').text()).toBe('Nuestros <valores>');
		expect(document('[data-pagefind-body] h2#abiertos').text()).toBe('Abiertos');
		expect(document('script')).toHaveLength(0);
	});

	it('leaves out the screen-reader footnote heading, which is English until the page localises it', () => {
		const { tree } = renderMdx('content/ar/x.mdx', 'نص[^1]\n\n[^1]: حاشية.\n');
		const document = load(searchDocumentHtml({ url: '/ar/x/', lang: 'ar', title: 'عنوان', tree }));
		expect(document('#footnote-label')).toHaveLength(0);
		expect(document('[data-pagefind-body]').text()).not.toContain('Footnotes');
		expect(document('[data-pagefind-body]').text()).toContain('حاشية');
	});
});

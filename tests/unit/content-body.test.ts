import { fromHtml } from 'hast-util-from-html';
import { describe, expect, it } from 'vitest';
import { parseContentDocument } from '../../src/content-model/content-document.ts';
import type { PageStatus } from '../../src/content-model/translation-status.ts';
import { createLocaleRegistry } from '../../src/i18n/registry.ts';
import { createUiStrings } from '../../src/i18n/ui.ts';
import { contentBodyHtml } from '../../src/site/content-body.ts';

const registry = createLocaleRegistry(
	[
		{ tag: 'en', crowdinId: 'en', endonym: 'English', englishName: 'English' },
		{ tag: 'es-419', crowdinId: 'es-419', endonym: 'Español', englishName: 'Spanish' },
	],
	{ source: 'en' },
);
const ui = createUiStrings(registry, {
	en: {
		common: {
			page: { footnotes: 'Footnotes', backToReference: 'Back to reference {{reference}}' },
			outdated: { section: 'This section changed in {{language}}.', sectionLink: 'Read the {{language}} section' },
		},
	},
	'es-419': {
		common: {
			page: { footnotes: 'Notas', backToReference: 'Volver a la referencia {{reference}}' },
			outdated: { section: 'Esta sección cambió en {{language}}.', sectionLink: 'Leer la sección en {{language}}' },
		},
	},
});
const spanish = registry.get('es-419');
const plan = { find: (_locale: unknown, slug: string) => (['values', 'learn'].includes(slug) ? ({} as never) : undefined) };
const outdated = (changedSectionIndices: number[], sourceHeadingIds: string[]): PageStatus =>
	({ slug: 'values', state: 'outdated', changedSectionIndices, sourceHeadingIds }) as unknown as PageStatus;

describe('contentBodyHtml', () => {
	const document = parseContentDocument(
		'content/es-419/values.mdx',
		'---\ntitle: Valores\ndescription: D\n---\n\nIntro [valores](/en/values/) y [nada](/en/nowhere/)[^1].\n\n## Gratis\n\nTexto.\n\n[^1]: Nota.\n',
	);
	const tree = document.tree!;
	const sectionIds = document.sections.map((section) => section.id);

	it('keeps links in the visitor’s locale and writes footnote labels in the content’s language', () => {
		const html = contentBodyHtml({
			tree: structuredClone(tree),
			visitor: spanish,
			contentLocale: spanish,
			slug: 'values',
			registry,
			plan,
			status: undefined,
			sectionIds,
			ui,
		});
		expect(html).toContain('href="/es-419/values/"');
		expect(html).toContain('href="/en/nowhere/"');
		expect(html).toContain('<h2 class="sr-only" id="footnote-label">Notas</h2>');
		expect(html).toContain('aria-label="Volver a la referencia 1"');
		expect(html).not.toContain('data-outdated-section');
	});

	it('marks the changed sections of an outdated translation, linking to the English section by its id', () => {
		const html = contentBodyHtml({
			tree: structuredClone(tree),
			visitor: spanish,
			contentLocale: spanish,
			slug: 'values',
			registry,
			plan,
			status: outdated([1], ['free-1']),
			sectionIds,
			ui,
		});
		const page = fromHtml(html, { fragment: true });
		const elements = page.children.filter((node) => node.type === 'element');
		const marker = elements.findIndex((node) => node.properties['dataOutdatedSection'] === '1');
		expect(elements[marker - 1]?.tagName).toBe('h2');
		expect(html).toContain('Esta sección cambió en inglés. <a href="/en/values/#free-1" hreflang="en">Leer la sección en inglés</a>');
	});

	it('marks nothing on an English or fallback page', () => {
		const html = contentBodyHtml({
			tree: structuredClone(tree),
			visitor: spanish,
			contentLocale: registry.source,
			slug: 'values',
			registry,
			plan,
			status: outdated([1], ['free-1']),
			sectionIds,
			ui,
		});
		expect(html).not.toContain('data-outdated-section');
		expect(html).toContain('<h2 class="sr-only" id="footnote-label">Footnotes</h2>');
	});

	it('puts each marker after the heading of its own section: an h1 in the body and headings in a callout or in HTML do not shift them', () => {
		// English sections: intro, "Uno", "Dos", "Tres"; the translation has the same sections, plus headings that start none.
		const translation = parseContentDocument(
			'content/es-419/values.mdx',
			[
				'---\ntitle: Valores\ndescription: D\n---\n',
				'Intro.\n\n<Callout type="note">\n\n## Dentro de la nota\n\nTexto.\n\n</Callout>\n',
				'## Uno\n\nA\n\n<h2>Escrito en HTML</h2>\n\n## Dos\n\nB\n\n#### Menor\n\nC\n\n## Tres\n\nD\n',
			].join('\n'),
		);
		expect(translation.problems).toEqual([]);
		expect(translation.sections.map((section) => section.heading)).toEqual(['', 'Uno', 'Dos', 'Tres']);
		const html = contentBodyHtml({
			tree: translation.tree!,
			visitor: spanish,
			contentLocale: spanish,
			slug: 'values',
			registry,
			plan,
			status: outdated([2, 3], ['one', 'two', 'three']),
			sectionIds: translation.sections.map((section) => section.id),
			ui,
		});
		const elements = fromHtml(html, { fragment: true }).children.filter((node) => node.type === 'element');
		const headingBefore = (index: string) => {
			const marker = elements.findIndex((node) => node.properties['dataOutdatedSection'] === index);
			return marker > 0 ? String(elements[marker - 1]!.properties['id']) : undefined;
		};
		expect(headingBefore('2')).toBe('dos');
		expect(headingBefore('3')).toBe('tres');
		expect(html).toContain('href="/en/values/#two"');
		expect(html).toContain('href="/en/values/#three"');
		expect(html.match(/data-outdated-section/g)).toHaveLength(2);
	});
});

describe('the images of a page’s content (issue #28)', () => {
	const document = parseContentDocument(
		'content/en/visit.md',
		'---\ntitle: Visit\n---\n\nIntro.\n\n![The yard](../images/yard.jpg)\n\n## Later\n\n![The lab](../images/lab.jpg)\n\n![The road](../images/road.jpg)\n',
	);
	const english = registry.source;
	const html = contentBodyHtml({
		tree: structuredClone(document.tree!),
		visitor: english,
		contentLocale: english,
		slug: 'visit',
		registry,
		plan,
		status: undefined,
		sectionIds: document.sections.map((section) => section.id),
		ui,
		imageFor: (written) => ({ src: `/_astro/${written.split('/').at(-1)!}`, width: 1600, height: 900, srcset: 'a.jpg 360w, b.jpg 720w', sizes: '42rem' }),
	});
	const images = fromHtml(html, { fragment: true }).children.flatMap((node) => (node.type === 'element' && node.tagName === 'p' ? node.children : []));
	const attributes = images.flatMap((node) => (node.type === 'element' && node.tagName === 'img' ? [node.properties] : []));

	it('loads the first one eagerly and first, and every other one lazily', () => {
		expect(attributes.map((image) => [image['src'], image['loading'], image['fetchPriority']])).toEqual([
			['/_astro/yard.jpg', 'eager', 'high'],
			['/_astro/lab.jpg', 'lazy', undefined],
			['/_astro/road.jpg', 'lazy', undefined],
		]);
	});
});

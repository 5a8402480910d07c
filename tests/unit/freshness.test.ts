import type { Element } from 'hast';
import { describe, expect, it } from 'vitest';
import { insertOutdatedMarkers } from '../../src/content-model/content-html.ts';
import { parseContentDocument } from '../../src/content-model/content-document.ts';
import { compareWithRecord, snapshotOf } from '../../src/content-model/freshness.ts';
import type { ProjectScan, ScannedTranslation } from '../../src/content-model/project-scan.ts';
import { computeTranslationStatus } from '../../src/content-model/translation-status.ts';
import { emptyState } from '../../src/content-model/translation-state.ts';
import { createLocaleRegistry } from '../../src/i18n/registry.ts';

const snapshotSource = (text: string) => snapshotOf(parseContentDocument('content/en/values.mdx', text));
const page = (frontmatter: string, body: string) => `---\n${frontmatter}\n---\n\n${body}`;
const original = page('title: Values\ndescription: Our values\nupdated: 2026-01-01', 'Intro.\n\n## One\n\nFirst.\n\n## Two\n\nSecond.\n');
const recordOf = (text: string) => {
	const snapshot = snapshotSource(text);
	return { sourceHash: snapshot.hash, sourceSections: snapshot.sections, sourceFrontmatterHash: snapshot.frontmatterHash };
};

describe('compareWithRecord', () => {
	it('is current when nothing changed, untracked without a record', () => {
		expect(compareWithRecord(recordOf(original), snapshotSource(original))).toEqual({ state: 'current' });
		expect(compareWithRecord(undefined, snapshotSource(original))).toEqual({ state: 'untracked' });
	});

	it('names exactly the sections whose English text changed', () => {
		const edited = original.replace('Second.', 'Second, rewritten.');
		expect(compareWithRecord(recordOf(original), snapshotSource(edited))).toEqual({ state: 'outdated', changedSections: [2], frontmatterChanged: false });
		const intro = original.replace('Intro.', 'A new introduction.');
		expect(compareWithRecord(recordOf(original), snapshotSource(intro))).toMatchObject({ changedSections: [0] });
	});

	it('treats a new section as changed and a moved one as unchanged', () => {
		const added = original.replace('## Two', '## New\n\nNew text.\n\n## Two');
		expect(compareWithRecord(recordOf(original), snapshotSource(added))).toMatchObject({ changedSections: [2] });
		const swapped = page('title: Values\ndescription: Our values\nupdated: 2026-01-01', 'Intro.\n\n## Two\n\nSecond.\n\n## One\n\nFirst.\n');
		expect(compareWithRecord(recordOf(original), snapshotSource(swapped))).toEqual({ state: 'current' });
	});

	it('flags a changed title but not a changed date', () => {
		expect(compareWithRecord(recordOf(original), snapshotSource(original.replace('title: Values', 'title: Our values')))).toEqual({
			state: 'outdated',
			changedSections: [],
			frontmatterChanged: true,
		});
		expect(compareWithRecord(recordOf(original), snapshotSource(original.replace('2026-01-01', '2026-05-05')))).toEqual({ state: 'current' });
	});
});

describe('progress-driven publishing', () => {
	const registry = createLocaleRegistry(
		[
			{ tag: 'en', crowdinId: 'en', endonym: 'English', englishName: 'English' },
			{ tag: 'fr', crowdinId: 'fr', endonym: 'Français', englishName: 'French' },
			{ tag: 'de', crowdinId: 'de', endonym: 'Deutsch', englishName: 'German', publishThreshold: 0.5 },
			{ tag: 'it', crowdinId: 'it', endonym: 'Italiano', englishName: 'Italian', publish: 'listed' },
			{ tag: 'nl', crowdinId: 'nl', endonym: 'Nederlands', englishName: 'Dutch', publish: 'preview' },
		],
		{ source: 'en' },
	);
	const snapshot = snapshotSource(original);
	const pages = [
		{ slug: '', sourcePath: 'content/en/index.mdx', title: 'Home', words: 600, snapshot },
		{ slug: 'a', sourcePath: 'content/en/a.mdx', title: 'A', words: 300, snapshot },
		{ slug: 'b', sourcePath: 'content/en/b.mdx', title: 'B', words: 100, snapshot },
	];
	const translation = (locale: string, slug: string, state: 'current' | 'outdated'): ScannedTranslation => ({
		locale,
		slug,
		path: `content/${locale}/${slug || 'index'}.mdx`,
		freshness: state === 'current' ? { state: 'current' } : { state: 'outdated', changedSections: [1], frontmatterChanged: false },
		buildable: true,
	});
	const scan: ProjectScan = {
		pages,
		translations: [translation('fr', '', 'current'), translation('fr', 'a', 'current'), translation('fr', 'b', 'outdated'), translation('de', '', 'current')],
		uiStrings: { fr: { translated: 3, total: 4 } },
		ui: { resources: {}, findings: [] },
		images: {},
		localizedImages: [],
		videos: { videos: {}, pages: {}, problems: [] },
		state: emptyState(),
	};

	it('weighs pages by English words and counts only current translations', () => {
		const status = computeTranslationStatus(registry, scan);
		const french = status.find((entry) => entry.locale.tag === 'fr')!;
		expect(french.coverage).toBe(0.9);
		expect(french.counts).toEqual({ current: 2, outdated: 1, untracked: 0, broken: 0, missing: 0 });
		expect(french.uiCoverage).toBe(0.75);
		expect(french.reachesThreshold).toBe(true);
		const german = status.find((entry) => entry.locale.tag === 'de')!;
		expect(german.coverage).toBe(0.6);
		expect(german.reachesThreshold).toBe(true);
	});

	it('does not count a broken translation', () => {
		const broken = { ...scan, translations: scan.translations.map((entry) => (entry.path === 'content/fr/a.mdx' ? { ...entry, buildable: false } : entry)) };
		const status = computeTranslationStatus(registry, broken);
		expect(status.find((entry) => entry.locale.tag === 'fr')!.coverage).toBe(0.6);
		expect(status.find((entry) => entry.locale.tag === 'fr')!.reachesThreshold).toBe(false);
	});

	it('lists auto locales by threshold and honours forced settings', () => {
		const status = computeTranslationStatus(registry, scan);
		const published = createLocaleRegistry(
			[
				{ tag: 'en', crowdinId: 'en', endonym: 'English', englishName: 'English' },
				{ tag: 'fr', crowdinId: 'fr', endonym: 'Français', englishName: 'French' },
				{ tag: 'it', crowdinId: 'it', endonym: 'Italiano', englishName: 'Italian', publish: 'listed' },
				{ tag: 'nl', crowdinId: 'nl', endonym: 'Nederlands', englishName: 'Dutch', publish: 'preview' },
				{ tag: 'pl', crowdinId: 'pl', endonym: 'Polski', englishName: 'Polish' },
			],
			{ source: 'en', reachedThreshold: (tag) => status.find((entry) => entry.locale.tag === tag)?.reachesThreshold ?? false },
		);
		expect(published.listed.map((locale) => locale.tag)).toEqual(['en', 'fr', 'it']);
	});
});

describe('section headings: one rule for the hashes, the ids and the markers', () => {
	const english = [
		'---',
		'title: Setup',
		'description: How to set up.',
		'---',
		'',
		'Intro.',
		'',
		'# A title in the body',
		'',
		'Text A.',
		'',
		'<Callout title="Note">',
		'## Setup',
		'',
		'Inside the callout.',
		'</Callout>',
		'',
		'## Setup',
		'',
		'Text B.',
		'',
	].join('\n');
	const spanish = english
		.replace('title: Setup', 'title: Instalación')
		.replace('Intro.', 'Introducción.')
		.replace('# A title in the body', '# Un título en el cuerpo')
		.replace(/## Setup\n\nText B\./, '## Instalación\n\nTexto B.');

	it('splits at h1–h3 of the body only, and gives each section heading the id the rendered page has', () => {
		const document = parseContentDocument('content/en/setup.mdx', english);
		expect(document.sections.map((section) => section.heading)).toEqual(['', 'A title in the body', 'Setup']);
		expect(document.headings.map((heading) => heading.slug)).toEqual(['a-title-in-the-body', 'setup', 'setup-1']);
		expect(snapshotOf(document).headingIds).toEqual(['a-title-in-the-body', 'setup-1']);
	});

	it('puts the marker for a changed section after its own heading, not after a heading in a callout', () => {
		const document = parseContentDocument('content/es-419/setup.mdx', spanish);
		const tree = document.tree!;
		insertOutdatedMarkers(
			tree,
			document.sections.map((section) => section.id),
			[2],
			(index) => ({ type: 'element', tagName: 'p', properties: { dataMarker: String(index) }, children: [] }),
		);
		const topLevel = tree.children.filter((node): node is Element => node.type === 'element');
		const marker = topLevel.findIndex((node) => node.properties['dataMarker'] === '2');
		expect(topLevel[marker - 1]!.tagName).toBe('h2');
		expect(topLevel[marker - 1]!.children).toEqual([{ type: 'text', value: 'Instalación' }]);
	});
});

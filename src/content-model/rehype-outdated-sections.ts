/**
 * Marks, inside a translated page, each section whose English text changed since the translation was made
 * (from translation-state.json). The marker speaks the translation's language and links to the English
 * section. Sections are matched by position: a translation keeps the English page's headings.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import GithubSlugger from 'github-slugger';
import type { Element, ElementContent, Root } from 'hast';
import type { VFile } from 'vfile';
import type { LocaleRegistry } from '../i18n/registry.ts';
import { localizedPath, parseContentId } from '../i18n/routing.ts';
import type { UiStrings } from '../i18n/ui.ts';
import { compareWithRecord, snapshotSource } from './freshness.ts';
import type { TranslationState } from './translation-state.ts';

export interface OutdatedSectionsOptions {
	registry: LocaleRegistry;
	ui: UiStrings;
	root: string;
	contentDir: string;
	/** Read once per build. */
	state: () => TranslationState;
}

const text = (value: string): ElementContent => ({ type: 'text', value });

export function rehypeOutdatedSections({ registry, ui, root, contentDir, state }: OutdatedSectionsOptions) {
	return (tree: Root, file: VFile) => {
		if (!file.path) return;
		const relative = path.relative(path.join(root, contentDir), file.path).split(path.sep).join('/');
		const [folder = '', ...rest] = relative.split('/');
		const locale = registry.byTag(folder);
		if (!locale || locale.isSource || relative.startsWith('..')) return;
		const translationPath = `${contentDir}/${relative}`;
		const record = state().translations[translationPath];
		if (!record) return;
		let english: string;
		try {
			english = readFileSync(path.join(root, contentDir, registry.source.tag, ...rest), 'utf8');
		} catch {
			return;
		}
		const snapshot = snapshotSource(english);
		const freshness = compareWithRecord(record, snapshot);
		if (freshness.state !== 'outdated' || freshness.changedSections.length === 0) return;

		const slugger = new GithubSlugger();
		const englishIds = snapshot.sections.map((section) => (section.heading ? slugger.slug(section.heading) : ''));
		const { slug } = parseContentId(`${registry.source.tag}/${rest.join('/').replace(/\.mdx$/, '')}`);
		const englishPage = localizedPath(registry.source, slug);
		const language = new Intl.DisplayNames([locale.tag], { type: 'language' }).of(registry.source.tag) ?? registry.source.endonym;

		const marker = (index: number): Element => ({
			type: 'element',
			tagName: 'p',
			properties: { className: ['outdated-marker'], role: 'note', dataOutdatedSection: String(index) },
			children: [
				text(`${ui.t(locale, 'outdated.section', { language })} `),
				{
					type: 'element',
					tagName: 'a',
					properties: { href: `${englishPage}${englishIds[index] ? `#${englishIds[index]}` : ''}`, hrefLang: registry.source.tag },
					children: [text(ui.t(locale, 'outdated.sectionLink', { language }))],
				},
			],
		});

		const headingPositions = tree.children.flatMap((node, position) => (node.type === 'element' && (node.tagName === 'h2' || node.tagName === 'h3') ? [position] : []));
		// Insert from the end so earlier positions stay valid.
		for (const index of [...freshness.changedSections].sort((a, b) => b - a)) {
			if (index === 0) tree.children.unshift(marker(0));
			else {
				const position = headingPositions[index - 1];
				if (position !== undefined) tree.children.splice(position + 1, 0, marker(index));
			}
		}
	};
}

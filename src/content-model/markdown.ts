import path from 'node:path';
import { locales } from '../i18n/locales.ts';
import { ui } from '../i18n/ui-strings.ts';
import { rehypeLocalizeFootnotes, type LocalizeFootnotesOptions } from './rehype-localize-footnotes.ts';
import { rehypeOutdatedSections, type OutdatedSectionsOptions } from './rehype-outdated-sections.ts';
import { readTranslationStateSync } from './translation-state.ts';

export { remarkPlugins } from './markdown-parse.ts';

let state: ReturnType<typeof readTranslationStateSync> | undefined;

export const rehypePlugins: [[typeof rehypeLocalizeFootnotes, LocalizeFootnotesOptions], [typeof rehypeOutdatedSections, OutdatedSectionsOptions]] = [
	[rehypeLocalizeFootnotes, { registry: locales, ui, contentDir: path.resolve('content') }],
	[
		rehypeOutdatedSections,
		{ registry: locales, ui, root: process.cwd(), contentDir: 'content', state: () => (state ??= readTranslationStateSync(path.resolve('translation-state.json'))) },
	],
];

import path from 'node:path';
import { locales } from '../i18n/locales.ts';
import { ui } from '../i18n/ui-strings.ts';
import { rehypeLocalizeFootnotes, type LocalizeFootnotesOptions } from './rehype-localize-footnotes.ts';

export { remarkPlugins } from './markdown-parse.ts';

export const rehypePlugins: [[typeof rehypeLocalizeFootnotes, LocalizeFootnotesOptions]] = [
	[rehypeLocalizeFootnotes, { registry: locales, ui, contentDir: path.resolve('content') }],
];

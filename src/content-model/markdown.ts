import path from 'node:path';
import remarkGfm from 'remark-gfm';
import { locales } from '../i18n/locales.ts';
import { ui } from '../i18n/ui-strings.ts';
import { rehypeLocalizeFootnotes, type LocalizeFootnotesOptions } from './rehype-localize-footnotes.ts';

/**
 * The remark plugins the build renders with, shared by astro.config.mjs and the translation checks,
 * so a translation that passes the checks is one the build can compile.
 */
export const remarkPlugins = [remarkGfm];

export const rehypePlugins: [[typeof rehypeLocalizeFootnotes, LocalizeFootnotesOptions]] = [
	[rehypeLocalizeFootnotes, { registry: locales, ui, contentDir: path.resolve('content') }],
];

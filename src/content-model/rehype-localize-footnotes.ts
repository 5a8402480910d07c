/**
 * GFM footnotes get an English heading and back-link labels from remark-rehype. This plugin relabels them
 * in the language of the file being compiled (known from its folder under content/), with the UI strings.
 */
import path from 'node:path';
import type { Element, Root } from 'hast';
import { visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import type { LocaleRegistry } from '../i18n/registry.ts';
import type { UiStrings } from '../i18n/ui.ts';

export interface LocalizeFootnotesOptions {
	registry: LocaleRegistry;
	ui: UiStrings;
	contentDir: string;
}

function textOf(value: string): Element['children'] {
	return [{ type: 'text', value }];
}

export function rehypeLocalizeFootnotes({ registry, ui, contentDir }: LocalizeFootnotesOptions) {
	return (tree: Root, file: VFile) => {
		if (!file.path) return;
		const relative = path.relative(contentDir, file.path).split(path.sep);
		const locale = relative.length > 1 && !relative[0]!.startsWith('..') ? registry.byTag(relative[0]!) : undefined;
		if (!locale) return;
		visit(tree, 'element', (node) => {
			if (node.properties.id === 'footnote-label') node.children = textOf(ui.t(locale, 'page.footnotes'));
			if ('dataFootnoteBackref' in node.properties) {
				const label = String(node.properties.ariaLabel ?? '');
				const reference = /(\d+(?:-\d+)?)\s*$/.exec(label)?.[1] ?? '';
				node.properties.ariaLabel = ui.t(locale, 'page.backToReference', { reference });
			}
		});
	};
}

/** The site's UI strings, read from `locales/<tag>/<namespace>.json` at build time. */
import { locales } from './locales.ts';
import { createUiStrings, type UiResources } from './ui.ts';

const files = import.meta.glob<Record<string, unknown>>('../../locales/*/*.json', { eager: true, import: 'default' });

function collectResources(): UiResources {
	const resources: UiResources = {};
	for (const [file, strings] of Object.entries(files)) {
		const [, tag = '', namespace = ''] = /locales\/([^/]+)\/([^/]+)\.json$/.exec(file) ?? [];
		if (!locales.byTag(tag)) {
			console.warn(`[glossa] locales/${tag}/ is not a registered locale; its strings are ignored`);
			continue;
		}
		(resources[tag] ??= {})[namespace] = strings;
	}
	return resources;
}

export const ui = createUiStrings(locales, collectResources());

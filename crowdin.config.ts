/**
 * What the Crowdin sync sends and where translations land. Crowdin language ids come from the locale
 * registry (src/i18n/locales.ts); see README, "Translators and Crowdin".
 */
import { defineCrowdinConfig } from './scripts/crowdin/config.ts';

export default defineCrowdinConfig({
	sources: [
		{ root: 'content', pattern: '**/*.mdx', kind: 'mdx', crowdinType: 'mdx_v2' },
		{ root: 'locales', pattern: '*.json', kind: 'json', crowdinType: 'i18next_json' },
	],
	exportApprovedOnly: false,
	skipUntranslatedStrings: true,
	updateOption: 'keep_translations_and_approvals',
	mdx: {
		excludeCodeBlocks: true,
		excludedFrontMatterElements: ['updated', 'published', 'navOrder', 'offlinePack'],
		translatableFrontMatterElements: ['title', 'description', 'navLabel'],
		minFileProgress: 100,
	},
});

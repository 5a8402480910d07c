/**
 * What the Crowdin sync sends and where translations land. Crowdin language ids come from the locale
 * registry (src/i18n/locales.ts). Every other option has a default (scripts/crowdin/config.ts, listed in
 * the README under "Translators and Crowdin"); set one here only to change it, e.g.
 * `exportApprovedOnly: true` or `mdx: { minFileProgress: 90 }`.
 */
import { defineCrowdinConfig } from './scripts/crowdin/config.ts';

export default defineCrowdinConfig({
	sources: [
		{ root: 'content', pattern: '**/*.mdx', kind: 'page', crowdinType: 'mdx_v2' },
		{ root: 'content', pattern: '**/*.md', kind: 'page', crowdinType: 'md' },
		// Content variables: a button label or a country's page, per locale (src/content-model/content-variables.ts).
		{ root: 'content', pattern: 'variables.yml', kind: 'variables', crowdinType: 'yaml' },
		{ root: 'locales', pattern: '*.json', kind: 'json', crowdinType: 'i18next_json' },
		// Video subtitles: content/videos/<name>.en.vtt goes as /content/videos/<name>.vtt (Crowdin's type `vtt`) and
		// comes back as content/videos/<name>.<tag>.vtt, next to the video (src/content-model/content-videos.ts).
		{ root: 'content/videos', pattern: '**/*.vtt', kind: 'subtitles', crowdinType: 'vtt', localeIn: 'name' },
	],
});

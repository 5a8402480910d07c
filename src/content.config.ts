import { defineCollection } from 'astro:content';
import { locales } from './i18n/locales.ts';
import { frontmatterSchema } from './content-model/frontmatter.ts';
import { contentLoader } from './content-model/content-loader.ts';
import { strictTranslations } from './content-model/build-options.ts';

export const collections = {
	pages: defineCollection({
		// Ids are `<locale tag>/<slug>` with the folder's case kept (`pt-BR/about`): ids name locales here.
		loader: contentLoader({
			registry: locales,
			contentDir: 'content',
			// Verdicts are keyed by the translation's and its source's text, so a rebuild re-checks only what changed.
			checkCacheFile: 'node_modules/.cache/glossa/translation-checks.json',
			strict: strictTranslations,
		}),
		schema: frontmatterSchema,
	}),
};

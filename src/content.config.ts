import { defineCollection } from 'astro:content';
import { locales } from './i18n/locales.ts';
import { frontmatterSchema } from './content-model/frontmatter.ts';
import { contentLoaders } from './content-model/content-loader.ts';
import { strictTranslations } from './content-model/build-options.ts';

// Documents are cached by digest (src/content-model/document-set.ts), so a rebuild parses only what changed.
const loaders = contentLoaders({ registry: locales, contentDir: 'content', strict: strictTranslations });

export const collections = {
	// Ids are `<locale tag>/<slug>` with the folder's case kept (`pt-BR/about`): ids name locales here.
	pages: defineCollection({ loader: loaders.pages, schema: frontmatterSchema }),
	// One entry: the project scan the site model publishes from (src/site/site-model.ts).
	site: defineCollection({ loader: loaders.site }),
};

import { createRequire } from 'node:module';
// Astro's own `defineCollection` (what `astro:content` re-exports): that virtual module would bring Astro's
// content runtime into the content sync, about seventy modules Vite transforms on every build, which the sync
// never calls (a rebuild with nothing changed: 4.23 -> 3.91 s, five each, alternating).
import { defineCollection } from 'astro/content/config';

type LoaderModules = [
	typeof import('./i18n/locales.ts'),
	typeof import('./content-model/frontmatter.ts'),
	typeof import('./content-model/content-loader.ts'),
	typeof import('./content-model/build-options.ts'),
];

/**
 * The content loader and what it needs, loaded by Node itself in a build, not through Vite's module runner.
 * Astro evaluates this file in Vite's runner, which transformed every one of the loader's modules (about
 * fifty of the project's, with source maps) again on every build. Node loads them from its compile cache,
 * as the same instances the integrations use (astro.config.mjs is loaded by Node too). On 200 x 15 a
 * rebuild with nothing changed took 4.09 s this way against 4.79 s (five each, alternating), one after an
 * English edit 4.93 s against 5.45 s, each with 40 MB less at its peak; the output is the same, byte for byte.
 * `require` rather than `import()`, which Vite rewrites into its runner's; Node gives `require` of an ES
 * module the same instance `import` does. In `astro dev` the runner loads them, so that an edit to the
 * loader's code reloads the content as before.
 */
const [{ locales }, { frontmatterSchema }, { contentLoaders }, { strictTranslations }]: LoaderModules = import.meta.env.DEV
	? await Promise.all([
			import('./i18n/locales.ts'),
			import('./content-model/frontmatter.ts'),
			import('./content-model/content-loader.ts'),
			import('./content-model/build-options.ts'),
		])
	: (() => {
			const load = createRequire(import.meta.url);
			return [
				load('./i18n/locales.ts') as LoaderModules[0],
				load('./content-model/frontmatter.ts') as LoaderModules[1],
				load('./content-model/content-loader.ts') as LoaderModules[2],
				load('./content-model/build-options.ts') as LoaderModules[3],
			];
		})();

// Documents are cached by digest (src/content-model/document-set.ts), so a rebuild parses only what changed.
const loaders = contentLoaders({ registry: locales, contentDir: 'content', strict: strictTranslations });

export const collections = {
	// Ids are `<locale tag>/<slug>` with the folder's case kept (`pt-BR/about`): ids name locales here.
	pages: defineCollection({ loader: loaders.pages, schema: frontmatterSchema }),
	// One entry: the project scan the site model publishes from (src/site/site-model.ts).
	site: defineCollection({ loader: loaders.site }),
};

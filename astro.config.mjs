// @ts-check
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';
import { unified } from '@astrojs/markdown-remark';
import { rehypePlugins, remarkPlugins } from './src/content-model/markdown.ts';

export default defineConfig({
	site: process.env.GLOSSA_SITE ?? 'https://glossa.example.org',
	trailingSlash: 'always',
	build: { format: 'directory' },
	// No `i18n` block: routes, fallbacks and negotiation come from the route plan (src/i18n/routing.ts), which
	// Astro's i18n routing would duplicate without the fallback notice, lang handling or per-page hreflang.
	// unified + remark-gfm rather than the default Sätteri: the translation checks parse MDX with the same
	// unified pipeline, so "passes the checks" means "the build can compile it". See README, "Markdown".
	markdown: {
		processor: unified({ gfm: false, remarkPlugins, rehypePlugins }),
		syntaxHighlight: false,
	},
	integrations: [mdx()],
	devToolbar: { enabled: false },
	vite: {
		build: {
			rollupOptions: {
				onwarn(warning, warn) {
					// Astro's compiled MDX carries a "use astro:head-inject" directive the bundler reports for every page.
					if (warning.code === 'MODULE_LEVEL_DIRECTIVE' && warning.message.includes('astro:head-inject')) return;
					warn(warning);
				},
			},
		},
	},
});

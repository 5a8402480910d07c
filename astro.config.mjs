// @ts-check
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';
import { satteri } from '@astrojs/markdown-satteri';

export default defineConfig({
	site: process.env.GLOSSA_SITE ?? 'https://glossa.example.org',
	trailingSlash: 'always',
	build: { format: 'directory' },
	// No `i18n` block: routes, fallbacks and negotiation come from the route plan (src/i18n/routing.ts), which
	// Astro's i18n routing would duplicate without the fallback notice, lang handling or per-page hreflang.
	// Sätteri (Astro 7's Rust Markdown/MDX engine, GFM built in) compiles MDX about 3.5x faster than unified
	// on the benchmark corpus (README, "Performance"). Translations are checked with both unified's remark-mdx
	// and Sätteri's own parser, so a translation that passes the checks is one this build can compile.
	// Smart punctuation is off: it would give every language English curly quotes (wrong for « », „ “, 「 」).
	markdown: {
		processor: satteri({ features: { smartPunctuation: false } }),
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

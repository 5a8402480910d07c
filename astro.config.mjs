// @ts-check
import { defineConfig } from 'astro/config';
import { searchIndexIntegration } from './src/search/build-index.ts';

export default defineConfig({
	site: process.env.GLOSSA_SITE ?? 'https://glossa.example.org',
	trailingSlash: 'always',
	build: { format: 'directory' },
	// No `i18n` block: routes, fallbacks and negotiation come from the route plan (src/i18n/routing.ts), which
	// Astro's i18n routing would duplicate without the fallback notice, lang handling or per-page hreflang.
	// No MDX integration: content is MDX rendered to HTML once per entry by the content loader
	// (src/content-model/content-loader.ts), so no page needs a compiled MDX module (README, "Performance").
	integrations: [searchIndexIntegration()],
	devToolbar: { enabled: false },
});

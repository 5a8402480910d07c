// @ts-check
import { defineConfig } from 'astro/config';
import { shardStampIntegration } from './src/build/integration.ts';
import { interruptedSyncIntegration } from './src/build/interrupted-sync.ts';
import { keptOutputIntegration } from './src/build/kept-output.ts';
import { glossaConfig } from './src/config/glossa-config.ts';
import { offlineIntegration } from './src/offline/integration.ts';
import { searchIndexIntegrations } from './src/search/build-index.ts';
import { INLINE_SCRIPT_HASHES } from './src/security/inline-scripts.ts';
import { svgSanitizerIntegration } from './src/security/svg-integration.ts';
import { unreadableImagesIntegration } from './src/site/unreadable-images.ts';
import { contentImageModulesIntegration } from './src/site/content-image-modules.ts';
import { contentVideoModulesIntegration } from './src/site/content-video-modules.ts';
import { contentStylesIntegration } from './src/security/content-styles-integration.ts';
import { uiMarksGuardIntegration } from './src/build/ui-marks-guard.ts';
import { collectBetweenPhasesIntegration } from './src/build/collect-between-phases.ts';
import { localeTableIntegration } from './src/i18n/locale-table-integration.ts';
import { locales } from './src/i18n/locales.ts';

// The search index: started with the build, moved into the output at its end (two integrations, below).
const search = searchIndexIntegrations();

export default defineConfig({
	site: glossaConfig.siteUrl,
	trailingSlash: 'always',
	// Stylesheets are always files under /_astro/, never inline <style>: the policy allows styles from the
	// site only, and the content stylesheets (content/styles/, often small) stay files the packs carry.
	build: { format: 'directory', inlineStylesheets: 'never' },
	// No `i18n` block: routes, fallbacks and negotiation come from the route plan (src/i18n/routing.ts), which
	// Astro's i18n routing would duplicate without the fallback notice, lang handling or per-page hreflang.
	// No MDX integration: content is MDX rendered to HTML once per entry by the content loader
	// (src/content-model/content-loader.ts), so no page needs a compiled MDX module (README, "Performance").
	// Features that run around the build: the search index (from the content sync, while pages render) and
	// the offline outputs (packs, service worker, `_headers`) once the pages are written. A plain
	// `astro build` gives the complete site.
	// The screenshot build (UI strings marked) keeps its own cache, so it never shares pages or documents with the site's.
	cacheDir: `./${glossaConfig.cacheDir}`,
	integrations: [
		// First: a Crowdin download killed half-way is rolled back before anything reads content/ or locales/.
		interruptedSyncIntegration(),
		// The content sync's garbage is collected before Vite bundles, the rendering's before the packs (peak memory).
		collectBetweenPhasesIntegration(),
		contentImageModulesIntegration(),
		contentVideoModulesIntegration(),
		contentStylesIntegration(),
		unreadableImagesIntegration(),
		uiMarksGuardIntegration(),
		// The root page's language table, computed on the core the content sync leaves idle.
		localeTableIntegration(locales),
		// Before the kept output's sweep: it sets the last search index aside, to take it back if unchanged.
		search.indexing,
		keptOutputIntegration({ enabled: !glossaConfig.full }),
		// Before the offline outputs: the packs and ZIMs are made from the sanitized files.
		svgSanitizerIntegration(),
		offlineIntegration({
			enabled: glossaConfig.offline.enabled,
			outDir: glossaConfig.offline.dir,
			strict: () => glossaConfig.strict,
		}),
		// After the offline outputs, which do not carry the index: Pagefind finishes it while the packs are made.
		search.output,
		shardStampIntegration(),
	],
	// Pages whose model is unchanged are reused from the last build (`cacheKey`, src/site/page-model.ts);
	// `npm run build -- --force` or GLOSSA_FULL=1 builds everything again.
	experimental: { incrementalBuild: !glossaConfig.full },
	// An incremental build keeps the last build's pages in dist/ and leaves unchanged ones where they are,
	// instead of copying each back from the cache (3,000 pages: 4 s of a no-op rebuild); everything else is
	// removed when the build starts (src/build/kept-output.ts). A full build empties dist/ first.
	vite: { build: { emptyOutDir: glossaConfig.full } },
	devToolbar: { enabled: false },
	// Content is rendered by the content loader, with no highlighting (pages stay small); this also keeps
	// Shiki's inline styles, which the Content-Security-Policy would refuse, out of the build.
	markdown: { syntaxHighlight: false },
	// Pages carry a Content-Security-Policy <meta>: scripts and styles only from the site itself, plus the
	// hashes of the few inline scripts (src/security/inline-scripts.ts); no inline handlers, no other origin.
	// `npm run serve` sends the same policy as a header (README, "Security").
	security: {
		csp: {
			algorithm: 'SHA-256',
			// 'wasm-unsafe-eval' lets Pagefind (a script of the site's own) compile its WebAssembly; it allows no
			// JavaScript eval. One policy for every page but its frame-src, so a static host can send it for `/*`.
			scriptDirective: { resources: ["'self'", "'wasm-unsafe-eval'"], hashes: INLINE_SCRIPT_HASHES },
			directives: [
				"default-src 'self'",
				"img-src 'self'",
				"font-src 'self'",
				"media-src 'self'",
				"connect-src 'self'",
				"worker-src 'self'",
				"manifest-src 'self'",
				// No frame-src here: each page sets its own (src/layouts/BaseLayout.astro): 'none', or the video
				// hosts' players on a page with a YouTube or Vimeo video.
				"object-src 'none'",
				"base-uri 'none'",
				"form-action 'self'",
			],
		},
	},
});

// @ts-check
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';
import { unified } from '@astrojs/markdown-remark';
import { rehypePlugins, remarkPlugins } from './src/content-model/markdown.ts';

export default defineConfig({
	site: process.env.GLOSSA_SITE ?? 'https://glossa.example.org',
	trailingSlash: 'always',
	build: { format: 'directory' },
	// unified + remark-gfm rather than the default Sätteri: the translation checks parse MDX with the same
	// unified pipeline, so "passes the checks" means "the build can compile it". See README, "Markdown".
	markdown: {
		processor: unified({ gfm: false, remarkPlugins, rehypePlugins: [...rehypePlugins] }),
		syntaxHighlight: false,
	},
	integrations: [mdx()],
	devToolbar: { enabled: false },
});

/** The benchmark's Starlight adapter: writes the corpus as a Starlight site (installed into bench/work/starlight). */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { appendFile, mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Corpus } from '../corpus.ts';
import { ASTRO_VERSION, STARLIGHT_VERSION, measure, work, type BenchSite, type ToolResult } from '../measure.ts';

export async function prepareStarlight(corpus: Corpus): Promise<BenchSite | ToolResult> {
	const site = path.join(work, 'starlight');
	await mkdir(site, { recursive: true });
	if (!existsSync(path.join(site, 'node_modules/@astrojs/starlight/package.json'))) {
		await writeFile(
			path.join(site, 'package.json'),
			JSON.stringify(
				{
					name: 'bench-starlight',
					private: true,
					type: 'module',
					dependencies: { astro: ASTRO_VERSION, '@astrojs/starlight': STARLIGHT_VERSION },
					allowScripts: { esbuild: true, sharp: true },
				},
				null,
				2,
			),
		);
		console.log('  installing Astro Starlight into bench/work/starlight (npm registry)…');
		const install = spawnSync('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error'], {
			cwd: site,
			encoding: 'utf8',
			env: { ...process.env, PATH: `${path.dirname(process.execPath)}:${process.env.PATH}` },
		});
		if (install.status !== 0)
			return {
				tool: 'Starlight',
				version: STARLIGHT_VERSION,
				status: 'skipped',
				reason: `npm install failed: ${(install.stderr || install.stdout).trim().split('\n').slice(-3).join(' ')}`,
			};
	}
	await rm(path.join(site, 'src'), { recursive: true, force: true });
	const key = (tag: string) => tag.toLowerCase();
	const locales = Object.fromEntries(
		corpus.locales.map((locale) => [key(locale.tag), { label: locale.endonym, lang: locale.tag, ...(locale.dir === 'rtl' ? { dir: 'rtl' } : {}) }]),
	);
	await writeFile(
		path.join(site, 'astro.config.mjs'),
		`import { defineConfig } from 'astro/config';\nimport starlight from '@astrojs/starlight';\nexport default defineConfig({ site: 'https://bench.example.org', integrations: [starlight({ title: 'Bench', defaultLocale: 'en', locales: ${JSON.stringify(locales)} })] });\n`,
	);
	await mkdir(path.join(site, 'src'), { recursive: true });
	await writeFile(
		path.join(site, 'src/content.config.ts'),
		"import { defineCollection } from 'astro:content';\nimport { docsLoader } from '@astrojs/starlight/loaders';\nimport { docsSchema } from '@astrojs/starlight/schema';\nexport const collections = { docs: defineCollection({ loader: docsLoader(), schema: docsSchema() }) };\n",
	);
	for (const page of corpus.pages) {
		const file = path.join(site, 'src/content/docs', key(page.locale), `${page.slug}.md`);
		await mkdir(path.dirname(file), { recursive: true });
		await writeFile(file, page.markdown);
	}
	const astro = path.join(site, 'node_modules/astro/bin/astro.mjs');
	const translation = corpus.pages.find((page) => page.locale !== 'en')!;
	return {
		tool: 'Starlight',
		version: STARLIGHT_VERSION,
		outputDir: path.join(site, 'dist'),
		// Starlight's fallback notice is in the reader's language: fallback pages are counted from the corpus.
		fallbacks: 'counted',
		makeCold: async () => {
			// No output and none of Astro's or Vite's caches from an earlier run.
			for (const leftover of ['dist', '.astro', 'node_modules/.astro', 'node_modules/.vite', 'node_modules/.cache'])
				await rm(path.join(site, leftover), { recursive: true, force: true });
		},
		build: () => measure(process.execPath, [astro, 'build'], site),
		editEnglish: () => appendFile(path.join(site, 'src/content/docs/en', `${corpus.slugs[0]}.md`), '\nOne more English sentence for the rebuild benchmark.\n'),
		editTranslation: () =>
			appendFile(path.join(site, 'src/content/docs', key(translation.locale), `${translation.slug}.md`), '\nOne more translated sentence.\n'),
	};
}

import path from 'node:path';
import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { locales } from './i18n/locales.ts';
import { frontmatterSchema } from './content-model/frontmatter.ts';
import { checkTranslations, formatProblem } from './content-model/translation-checks.ts';
import { strictTranslations } from './content-model/build-options.ts';

const report = await checkTranslations({
	root: process.cwd(),
	registry: locales,
	// Verdicts are keyed by the translation's and its source's content, so a rebuild re-checks only what changed.
	cacheFile: path.join(process.cwd(), 'node_modules/.cache/glossa/translation-checks.json'),
});

for (const folder of report.unknownLocaleFolders) {
	console.warn(`[glossa] warning: content/${folder}/ is not a registered locale (src/i18n/locales.ts); it is not built`);
}
for (const [relative, problems] of report.broken) {
	const locale = relative.split('/')[0];
	for (const problem of problems) {
		console.warn(`[glossa] warning: ${formatProblem(problem)}`);
	}
	console.warn(`[glossa] warning: content/${relative} is left out; its ${locale} page shows the English text with a notice`);
}
if (strictTranslations() && report.broken.size > 0) {
	throw new Error(`[glossa] strict mode: ${report.broken.size} translation(s) cannot be built (see warnings above)`);
}

const excluded = [...report.unknownLocaleFolders.map((folder) => `!${folder}/**`), ...[...report.broken.keys()].map((file) => `!${file}`)];

export const collections = {
	pages: defineCollection({
		loader: glob({
			base: './content',
			pattern: ['**/*.mdx', ...excluded],
			// Keep the folder's case (`pt-BR/...`): the default id lower-cases it, and ids name locales here.
			generateId: ({ entry }) => entry.replace(/\.mdx$/, ''),
		}),
		schema: frontmatterSchema,
	}),
};

/**
 * npm run build -- [--shard K/N] [--plan FILE] [--out DIR] [--force]
 * `astro build`, or one shard of a build split by locale across machines (src/build/shards.ts); `--plan`
 * alone makes the shard plan the shards share (src/build/shard-plan.ts).
 */
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { compileCacheEnvironment } from '../../src/build/compile-cache.ts';

const HELP = `Usage: npm run build -- [--shard K/N] [--plan FILE] [--out DIR] [--force]

Builds the site into dist/ (or DIR), with its search index, offline packs and service worker.
  --shard K/N  render only shard K of N: its locales' pages and search index, balanced by page count
               (every shard writes the few site-wide pages, the same). Merge them with \`npm run merge\`.
  --plan FILE  without --shard: parse and check all content once (no pages) and write the shard plan to
               FILE. With --shard: read FILE, and parse only this shard's locales and English; the others'
               verdicts and page lists come from the plan. A plan made from another tree is not used (the
               shard says so and parses everything).
  --out DIR    where the output goes (its packs go to DIR/offline/, and to DIR-offline/)
  --force      ignore every cache (as GLOSSA_FULL=1 does)

A sharded build on N machines: one job runs \`--plan plan.v8\`, then each machine runs
\`--shard K/N --plan plan.v8 --out shard-K\`, then \`npm run merge -- --out dist shard-1 … shard-N\`.`;

const { values } = parseArgs({
	options: {
		shard: { type: 'string' },
		plan: { type: 'string' },
		out: { type: 'string' },
		force: { type: 'boolean' },
		help: { type: 'boolean', short: 'h' },
	},
});
if (values.help) {
	console.log(HELP);
	process.exit(0);
}
const astro = path.join(path.dirname(createRequire(import.meta.url).resolve('astro/package.json')), 'bin/astro.mjs');
const out = values.out ? path.resolve(values.out) : undefined;
const plan = values.plan ? path.resolve(values.plan) : undefined;
// The plan alone: the content sync, which writes it, and no pages.
const planOnly = plan !== undefined && !values.shard;
const args = planOnly ? ['sync'] : ['build', ...(out ? ['--outDir', out] : [])];
const result = spawnSync(process.execPath, [astro, ...args, ...(values.force ? ['--force'] : [])], {
	stdio: 'inherit',
	env: {
		...process.env,
		// Astro, Vite and the project's TypeScript compiled once, not on every build (src/build/compile-cache.ts).
		...compileCacheEnvironment(process.cwd()),
		...(values.shard ? { GLOSSA_SHARD: values.shard } : {}),
		...(plan ? { GLOSSA_SHARD_PLAN: plan } : {}),
		...(out && !planOnly ? { GLOSSA_OFFLINE_DIR: `${out}-offline` } : {}),
		...(values.force ? { GLOSSA_FULL: '1' } : {}),
	},
});
process.exit(result.status ?? 1);

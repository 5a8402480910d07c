/**
 * npm run build -- [--shard K/N] [--out DIR] [--force]
 * `astro build`, or one shard of a build split by locale across machines (src/build/shards.ts).
 */
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { parseArgs } from 'node:util';

const HELP = `Usage: npm run build -- [--shard K/N] [--out DIR] [--force]

Builds the site into dist/ (or DIR), with its search index, offline packs and service worker.
  --shard K/N  render only shard K of N: its locales' pages and search index, balanced by page count
               (every shard writes the few site-wide pages, the same). Merge them with \`npm run merge\`.
  --out DIR    where the output goes (its packs go to DIR/offline/, and to DIR-offline/)
  --force      ignore every cache (as GLOSSA_FULL=1 does)`;

const { values } = parseArgs({
	options: { shard: { type: 'string' }, out: { type: 'string' }, force: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
});
if (values.help) {
	console.log(HELP);
	process.exit(0);
}
const astro = path.join(path.dirname(createRequire(import.meta.url).resolve('astro/package.json')), 'bin/astro.mjs');
const out = values.out ? path.resolve(values.out) : undefined;
const result = spawnSync(process.execPath, [astro, 'build', ...(out ? ['--outDir', out] : []), ...(values.force ? ['--force'] : [])], {
	stdio: 'inherit',
	env: {
		...process.env,
		...(values.shard ? { GLOSSA_SHARD: values.shard } : {}),
		...(out ? { GLOSSA_OFFLINE_DIR: `${out}-offline` } : {}),
		...(values.force ? { GLOSSA_FULL: '1' } : {}),
	},
});
process.exit(result.status ?? 1);

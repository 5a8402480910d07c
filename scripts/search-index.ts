/**
 * Builds the Pagefind search index for the built site (dist/), one index per language (from each page's
 * <html lang>), with the extended binary's Chinese segmentation. Only real pages are indexed: fallback
 * pages carry no `data-pagefind-body`, so English text is never found under another language.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import * as pagefind from 'pagefind';

const { values } = parseArgs({ options: { dir: { type: 'string', default: 'dist' }, help: { type: 'boolean', short: 'h' } } });
if (values.help) {
	console.log('Usage: node scripts/search-index.ts [--dir dist]\n\nIndexes the built site for search (run after `astro build`; `npm run build` does both).');
	process.exit(0);
}

const site = path.resolve(values.dir);
const started = Date.now();
const { index, errors } = await pagefind.createIndex({});
if (!index) throw new Error(`Pagefind could not start: ${errors.join('; ')}`);
const added = await index.addDirectory({ path: site });
if (added.errors.length > 0) throw new Error(`Pagefind could not index ${site}: ${added.errors.join('; ')}`);
const written = await index.writeFiles({ outputPath: path.join(site, 'pagefind') });
if (written.errors.length > 0) throw new Error(`Pagefind could not write its index: ${written.errors.join('; ')}`);
console.log(`Search index: ${added.page_count} pages indexed in ${((Date.now() - started) / 1000).toFixed(1)} s -> ${path.relative(process.cwd(), written.outputPath)}`);
await pagefind.close();

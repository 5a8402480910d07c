/**
 * npm run offline -- [--locale <tag>]... [--dir dist] [--out dist-offline]
 * Writes the offline outputs again after a build (src/offline/offline-outputs.ts): `astro build` already
 * writes them for every locale through its integration (src/offline/integration.ts).
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { readBuiltSite } from '../../src/site/disk-site.ts';
import { writeOfflineOutputs } from '../../src/offline/offline-outputs.ts';

const HELP = `Usage: npm run offline -- [--locale <tag>]... [--dir dist] [--out dist-offline]

Writes an offline pack (a zip that opens from file://) for each locale, or for the given ones, from the
last build. Also writes the service worker and what it needs. \`npm run build\` already does this for every
locale; run this to rewrite some packs.
A pack that would need a network is not written (a warning says why); GLOSSA_STRICT=1 makes that an error.`;

async function main(): Promise<number> {
	const { values } = parseArgs({
		options: {
			locale: { type: 'string', multiple: true },
			dir: { type: 'string', default: 'dist' },
			out: { type: 'string', default: 'dist-offline' },
			site: { type: 'string', default: process.env['GLOSSA_SITE'] ?? 'https://glossa.example.org' },
			help: { type: 'boolean', short: 'h' },
		},
	});
	if (values.help) {
		console.log(HELP);
		return 0;
	}
	const root = process.cwd();
	// The model of the last build, as its content sync left it: the packs match the pages in dist/.
	const { registry } = await readBuiltSite(root, path.join(root, 'node_modules/.astro'), { siteUrl: values.site });
	const locales = (values.locale ?? []).map((tag) => {
		const locale = registry.byTag(tag);
		if (!locale) throw new Error(`Unknown locale "${tag}". Known: ${registry.all.map((known) => known.tag).join(', ')}`);
		return locale;
	});
	const report = await writeOfflineOutputs({
		dist: path.resolve(values.dir),
		out: path.resolve(values.out),
		registry,
		siteUrl: values.site,
		...(locales.length > 0 ? { locales } : {}),
	});
	return report.refused.length > 0 && process.env['GLOSSA_STRICT'] === '1' ? 1 : 0;
}

process.exitCode = await main();

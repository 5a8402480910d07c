/**
 * npm run offline -- [--locale <tag>]... [--dir dist] [--out dist-offline]
 * After `astro build`: the offline packs, the lists "keep this language offline" saves, the service worker
 * and `_headers` (src/offline/offline-outputs.ts). `npm run build` runs it for every locale.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createUiStrings } from '../../src/i18n/ui.ts';
import { loadUiResources } from '../../src/i18n/ui-resources.ts';
import { publishedLocales } from '../../src/site/published-locales.ts';
import { writeOfflineOutputs } from '../../src/offline/offline-outputs.ts';

const HELP = `Usage: npm run offline -- [--locale <tag>]... [--dir dist] [--out dist-offline]

Writes an offline pack (a zip that opens from file://) for each locale, or for the given ones, after a build.
Also writes the service worker and what it needs. \`npm run build\` runs this for every locale.
A pack that would need a network is not written (a warning says why); GLOSSA_STRICT=1 makes that an error.`;

async function main(): Promise<number> {
	const { values } = parseArgs({
		options: {
			locale: { type: 'string', multiple: true },
			dir: { type: 'string', default: 'dist' },
			out: { type: 'string', default: 'dist-offline' },
			site: { type: 'string', default: process.env.GLOSSA_SITE ?? 'https://glossa.example.org' },
			help: { type: 'boolean', short: 'h' },
		},
	});
	if (values.help) {
		console.log(HELP);
		return 0;
	}
	const root = process.cwd();
	const { registry } = await publishedLocales(root);
	// `astro build` has already warned about each bad UI string; the packs use the same validated strings.
	const ui = createUiStrings(
		registry,
		loadUiResources(path.join(root, 'locales'), registry, () => {}),
	);
	const locales = (values.locale ?? []).map((tag) => {
		const locale = registry.byTag(tag);
		if (!locale) throw new Error(`Unknown locale "${tag}". Known: ${registry.all.map((known) => known.tag).join(', ')}`);
		return locale;
	});
	const report = await writeOfflineOutputs({
		dist: path.resolve(values.dir),
		out: path.resolve(values.out),
		registry,
		ui,
		siteUrl: values.site,
		...(locales.length > 0 ? { locales } : {}),
	});
	return report.refused.length > 0 && process.env['GLOSSA_STRICT'] === '1' ? 1 : 0;
}

process.exitCode = await main();

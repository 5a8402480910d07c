/**
 * npm run offline -- [--locale <tag>]... [--dir dist] [--out dist-offline]
 * After `astro build`: writes one offline pack per locale (dist-offline/<locale>.zip, also served at
 * /offline/<locale>.zip with its size shown on the offline-access page), the per-locale lists the service
 * worker saves for "keep this language offline", and the service worker itself. `npm run build` runs it.
 */
import { createHash } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import * as cheerio from 'cheerio';
import { zipSync } from 'fflate';
import { glob } from 'tinyglobby';
import type { LocaleRegistry } from '../../src/i18n/registry.ts';
import { createUiStrings } from '../../src/i18n/ui.ts';
import { loadUiResources } from '../../src/i18n/ui-resources.ts';
import { pagePolicy } from '../../src/security/page-policy.ts';
import { buildPack, scanPack } from './packer.ts';

const HELP = `Usage: npm run offline -- [--locale <tag>]... [--dir dist] [--out dist-offline]

Writes an offline pack (a zip that opens from file://) for each locale, or for the given ones, after a build.
Also writes the service worker and what it needs. \`npm run build\` runs this for every locale.`;

// A fixed timestamp keeps packs byte-identical when the site is.
const ZIP_TIME = new Date('2026-01-01T00:00:00Z');

function formatSize(bytes: number, tag: string): string {
	const [value, unit] = bytes >= 1024 * 1024 ? [bytes / (1024 * 1024), 'megabyte'] : [bytes / 1024, 'kilobyte'];
	return new Intl.NumberFormat(tag, { style: 'unit', unit, maximumFractionDigits: 1 }).format(value);
}

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
	const dist = path.resolve(values.dir);
	const { locales: registry } = (await import(pathToFileURL(path.join(root, 'src/i18n/locales.ts')).href)) as { locales: LocaleRegistry };
	// `astro build` has already warned about each bad UI string; the packs use the same validated strings.
	const ui = createUiStrings(
		registry,
		loadUiResources(path.join(root, 'locales'), registry, () => {}),
	);
	const selected = (values.locale ?? []).map((tag) => {
		const locale = registry.byTag(tag);
		if (!locale) throw new Error(`Unknown locale "${tag}". Known: ${registry.all.map((known) => known.tag).join(', ')}`);
		return locale;
	});
	const packLocales = selected.length > 0 ? selected : registry.all;
	const siteHost = new URL(values.site).host;
	await mkdir(path.resolve(values.out), { recursive: true });
	await mkdir(path.join(dist, 'offline'), { recursive: true });

	// A pack that fails its scan is left out with a warning: the site itself is already safe, and the other
	// locales' packs are still written. `GLOSSA_STRICT=1` makes it an error.
	const refusedPacks: string[] = [];
	for (const [index, locale] of packLocales.entries()) {
		const pack = await buildPack({ dist, registry, locale, ui, siteUrl: values.site });
		const problems = scanPack(pack.files, siteHost);
		if (problems.length > 0) {
			refusedPacks.push(locale.tag);
			console.warn(
				`[glossa] warning: ${locale.tag}: no offline pack is written, because it would need a network:\n${problems.map((problem) => `  ${problem.file}: ${problem.reference} (${problem.reason})`).join('\n')}`,
			);
			continue;
		}
		const zip = Buffer.from(zipSync(Object.fromEntries([...pack.files].map(([file, data]) => [file, [data, { mtime: ZIP_TIME }]])), { level: 9 }));
		await writeFile(path.resolve(values.out, `${locale.segment}.zip`), zip);
		await writeFile(path.join(dist, 'offline', `${locale.segment}.zip`), zip);
		console.log(
			`  [${index + 1}/${packLocales.length}] ${path.join(values.out, `${locale.segment}.zip`)}  ${pack.pages} pages, ${pack.files.size} files, ${formatSize(zip.length, 'en')}`,
		);

		// Show the pack's size on the locale's offline-access page.
		for (const file of await glob(`${locale.segment}/**/index.html`, { cwd: dist })) {
			const html = await readFile(path.join(dist, file), 'utf8');
			if (!html.includes('data-pack-details')) continue;
			const $ = cheerio.load(html);
			const details = $('[data-pack-details]');
			details.text((details.attr('data-template') ?? '').replace(/\{\{\s*size[^}]*\}\}/, formatSize(zip.length, locale.tag)));
			details.attr('data-pack-bytes', String(zip.length));
			await writeFile(path.join(dist, file), $.html());
		}
	}

	// What "keep this language offline" saves, per locale: its pages and the files they use.
	const allFiles = (await glob(['**/*', '!offline/**', '!pagefind/**', '!sw.js', '!_headers'], { cwd: dist })).sort();
	for (const locale of registry.all) {
		const pages = allFiles.filter(
			(file) => file.startsWith(`${locale.segment}/`) && file.endsWith('/index.html') && !file.startsWith(`${locale.segment}/404/`),
		);
		const used = new Set<string>();
		for (const page of pages) {
			for (const match of (await readFile(path.join(dist, page), 'utf8')).matchAll(/(?:src|href)="(\/(?:_astro|images)\/[^"]+|\/favicon\.svg)"/g))
				used.add(match[1]!);
		}
		const manifest = { pages: pages.map((page) => `/${page.replace(/index\.html$/, '')}`), assets: [...used].sort() };
		await writeFile(path.join(dist, 'offline', `${locale.segment}.json`), `${JSON.stringify(manifest)}\n`);
	}

	// The service worker: its caches are named after a hash of the site, so a new deploy replaces them.
	const hash = createHash('sha256');
	for (const file of allFiles) hash.update(file).update(await readFile(path.join(dist, file)));
	const buildId = hash.digest('hex').slice(0, 12);
	const shell = [...new Set((await glob('_astro/*.css', { cwd: dist })).map((file) => `/${file}`))].concat('/favicon.svg');
	const config = { buildId, segments: registry.all.map((locale) => locale.segment), shell };
	const template = await readFile(path.join(root, 'src/offline/service-worker.js'), 'utf8');
	await writeFile(path.join(dist, 'sw.js'), `self.GLOSSA = ${JSON.stringify(config)};\n${template}`);
	console.log(`Service worker: build ${buildId}, ${config.segments.length} locales`);
	// Static hosts that read `_headers` (Netlify, Cloudflare Pages) send the pages' policy as a header too.
	const policy = pagePolicy(await readFile(path.join(dist, 'index.html'), 'utf8'));
	if (policy) await writeFile(path.join(dist, '_headers'), `/*\n  Content-Security-Policy: ${policy}\n`);

	if (refusedPacks.length > 0) console.warn(`[glossa] warning: offline packs refused for ${refusedPacks.join(', ')} (see above); the other packs are written`);
	return refusedPacks.length > 0 && process.env['GLOSSA_STRICT'] === '1' ? 1 : 0;
}

process.exitCode = await main();

/**
 * npm run offline -- [--format zip|zim] [--locale <tag>]... [--no-video] [--dir dist] [--out dist-offline]
 * zip: writes the offline outputs again from the last build (src/offline/offline-outputs.ts); `astro build`
 * already writes them for every locale. zim: a Kiwix ZIM per locale from its zip pack (src/offline/zim.ts).
 */
import { existsSync } from 'node:fs';
import { copyFile, readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { unzipSync } from 'fflate';
import { formatSize, offerDownload, pageSources, writeOfflineOutputs, writeServiceWorker } from '../../src/offline/offline-outputs.ts';
import { writeZim, zimMetadata, ZimToolsMissingError } from '../../src/offline/zim.ts';
import { makeUpdate, PackUpdateError, readManifest } from '../../src/offline/pack-update.ts';
import { readBuiltSite } from '../../src/site/manifest-site.ts';
import { UnsafePathError, writeInside } from '../../src/security/content-files.ts';
import { siteConfig, zimName } from '../../src/site/site-config.ts';
import { glossaConfig } from '../../src/config/glossa-config.ts';

const HELP = `Usage: npm run offline -- [--format zip|zim] [--locale <tag>]... [--no-video] [--dir dist] [--out dist-offline]
       npm run offline -- --update-from <old pack .zip or its manifest.json> [--out dist-offline]

zip (default): writes the offline pack (a zip that opens from file://) of each locale, or of the given ones,
  from the last build, and the service worker. \`npm run build\` already does this for every locale.
--no-video: zip packs without the video files (each video shows its poster and its address, which needs the
  internet); a ZIM made afterwards from those packs has none either. The pack's size line counts its videos.
zim: writes a Kiwix ZIM of each locale, or of the given ones, from its zip pack: dist-offline/<name>.zim and
  dist/offline/<name>.zim, offered on the locale's offline-access page. Needs zimwriterfs (Debian's
  zim-tools package).
--update-from: an update pack from an older pack of a locale to the last build's, with only the new and
  changed files and the list of files removed: dist-offline/<locale>-update-<old>-<new>.zip. Schools apply
  it with \`npm run classroom -- apply <update.zip> <pack folder>\`.
A pack that would need a network is not written (a warning says why). A link a pack cannot serve (a page the
  site does not have) becomes the online page's address in that pack, or text, with one warning per page and
  link. GLOSSA_STRICT=1 makes either an error.`;

async function main(): Promise<number> {
	const { values } = parseArgs({
		options: {
			format: { type: 'string', default: 'zip' },
			'update-from': { type: 'string' },
			locale: { type: 'string', multiple: true },
			'no-video': { type: 'boolean', default: false },
			dir: { type: 'string', default: 'dist' },
			out: { type: 'string', default: 'dist-offline' },
			site: { type: 'string', default: glossaConfig.siteUrl },
			help: { type: 'boolean', short: 'h' },
		},
	});
	if (values.help) {
		console.log(HELP);
		return 0;
	}
	if (values.format !== 'zip' && values.format !== 'zim') {
		console.error(`offline: unknown --format "${values.format}" (zip or zim)`);
		return 2;
	}
	const root = glossaConfig.root;
	const dist = path.resolve(values.dir);
	const out = path.resolve(values.out);
	// The model of the last build, as its content sync left it: the packs match the pages in dist/.
	const site = await readBuiltSite(root, path.join(root, glossaConfig.cacheDir), { siteUrl: values.site });
	const { registry } = site;
	const locales = (values.locale ?? []).map((tag) => {
		const locale = registry.byTag(tag);
		if (!locale) throw new UsageError(`Unknown locale "${tag}". Known: ${registry.all.map((known) => known.tag).join(', ')}`);
		return locale;
	});
	if (values['update-from']) {
		// An update from an older pack of one locale to the pack the last build wrote. The old manifest is
		// input: its build id and locale become a file name, so both are checked (readManifest, and here).
		const fromFile = path.resolve(values['update-from']);
		const old = await readManifest(fromFile);
		const locale = registry.byTag(old.locale);
		if (locale?.tag !== old.locale)
			throw new UsageError(
				`${values['update-from']}: its manifest's locale ${JSON.stringify(old.locale)} is not one of this site's locales (${registry.all.map((known) => known.tag).join(', ')}); nothing was written`,
			);
		const packFile = path.join(out, `${locale.segment}.zip`);
		if (!existsSync(packFile)) throw new UsageError(`${path.relative(root, packFile)} is missing: run \`npm run build\` first`);
		const pack = await readFile(packFile);
		const files = new Map(Object.entries(unzipSync(pack)));
		const update = makeUpdate(old, files);
		if (update.to === old.buildId) {
			console.log(`${locale.tag}: the pack is unchanged since ${old.buildId}; no update is needed.`);
			return 0;
		}
		// Both ids were checked as 12 hexadecimal characters (parseManifest); writeInside refuses any other name.
		const name = `${locale.segment}-update-${old.buildId}-${update.to}.zip`;
		await writeInside(out, name, update.zip);
		console.log(
			`  ${path.relative(root, path.join(out, name))}  ${update.changed} file${update.changed === 1 ? '' : 's'} changed, ${update.removed} removed, ${formatSize(update.zip.length, 'en')} (the whole pack: ${formatSize(pack.length, 'en')})`,
		);
		return 0;
	}
	if (values.format === 'zip') {
		const report = await writeOfflineOutputs({
			dist,
			out,
			registry,
			siteUrl: values.site,
			sources: pageSources(site),
			videos: !values['no-video'],
			...(locales.length > 0 ? { locales } : {}),
		});
		// Strict: a refused pack, or a link a pack carries as text or as an online address, is an error (the warnings name each).
		return (report.refused.length > 0 || report.unserved.length > 0) && glossaConfig.strict ? 1 : 0;
	}

	const selected = locales.length > 0 ? locales : registry.all;
	for (const [index, locale] of selected.entries()) {
		const zipFile = path.join(out, `${locale.segment}.zip`);
		if (!existsSync(zipFile))
			throw new UsageError(
				`${path.relative(root, zipFile)} is missing: run \`npm run build\` first (its pack may also have been refused; see the build's warnings)`,
			);
		const pack = await readFile(zipFile);
		const { metadata, warnings } = zimMetadata({ locale, ui: site.ui, site: siteConfig, siteUrl: values.site });
		for (const warning of warnings) console.warn(`[glossa] warning: ${warning}`);
		const welcome =
			`${locale.segment}/index.html` in unzipSync(pack, { filter: (file) => file.name === `${locale.segment}/index.html` })
				? `${locale.segment}/index.html`
				: 'index.html';
		const zim = await writeZim({ pack, welcome, icon: path.join(root, 'public/favicon.svg'), metadata, out: path.join(out, `${zimName(locale)}.zim`) });
		await copyFile(zim.file, path.join(dist, 'offline', path.basename(zim.file)));
		console.log(
			`  [${index + 1}/${selected.length}] ${path.relative(root, zim.file)}  ${formatSize(zim.bytes, 'en')} (the zip pack: ${formatSize(pack.length, 'en')})`,
		);
		// Offer it on the locale's offline-access page, with its size.
		for (const file of site.plan.routes.filter((route) => route.locale.tag === locale.tag && route.entry.data.offlinePack === true)) {
			const page = path.join(dist, file.path, 'index.html');
			if (existsSync(page)) await offerDownload(page, 'zim', zim.bytes, locale.tag);
		}
	}
	// Pages changed: the service worker's build id follows them.
	await writeServiceWorker(
		dist,
		registry.all.map((locale) => locale.segment),
		() => {},
	);
	return 0;
}

class UsageError extends Error {}

try {
	process.exitCode = await main();
} catch (error) {
	if (error instanceof UsageError || error instanceof ZimToolsMissingError || error instanceof PackUpdateError || error instanceof UnsafePathError) {
		console.error(`offline: ${error.message}`);
		process.exitCode = 1;
	} else {
		throw error;
	}
}

/**
 * Everything a build writes for offline readers, after the pages: one pack per locale (dist-offline/<segment>.zip,
 * also served at /offline/<segment>.zip, with its size shown on the locale's offline-access page), the lists
 * "keep this language offline" saves, the service worker, and `_headers` with the pages' policy. Run after
 * `astro build` by its integration (`integration.ts`), or again by `npm run offline` (scripts/offline/cli.ts).
 *
 * The packs use the published registry (progress-driven publishing), as the site does: a pack's page about
 * other languages offers only listed ones, and a preview locale gets its pack too.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { constants } from 'node:fs';
import { copyFile, mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as cheerio from 'cheerio';
import { transform } from 'esbuild';
import { glob } from 'tinyglobby';
import { cachedJson } from '../cache/cached-json.ts';
import { OutputDigests, sharedOutputDigests } from '../build/output-digests.ts';
import { sha256 } from '../content-model/hash.ts';
import { intlSubtags } from '../i18n/subtags.ts';
import { HOST_RULES_FILE, hostLanguageRules, hostRulesJson, netlifyRedirects, type HostLanguageRule } from '../i18n/host-redirects.ts';
import type { LocaleTable } from '../i18n/locale-table.ts';
import type { Locale, LocaleRegistry } from '../i18n/registry.ts';
import { pagePolicy, siteHeaderPolicy } from '../security/page-policy.ts';
import type { SiteModel } from '../site/site-model.ts';
import { Piscina } from 'piscina';
import { fileForUrlPath, type UnservedLink } from './packer.ts';
import type { PackResult, PackTask } from './pack-worker.ts';
import { CACHE_PREFIX, KEEP_LOCALE_MESSAGE, type ServiceWorkerConfig } from './protocol.ts';

const PACK_WORKER = fileURLToPath(new URL('./pack-worker.ts', import.meta.url));

const SERVICE_WORKER_SOURCE = fileURLToPath(new URL('./service-worker.ts', import.meta.url));

export function formatSize(bytes: number, tag: string): string {
	const [value, unit] = bytes >= 1024 * 1024 ? [bytes / (1024 * 1024), 'megabyte'] : [bytes / 1024, 'kilobyte'];
	return new Intl.NumberFormat(tag, { style: 'unit', unit, maximumFractionDigits: 1 }).format(value);
}

/**
 * Offers a written file on a page that was built before it existed: makes its `[data-<kind>-link]` a link
 * (the page as rendered holds the address in `data-href`, so it links to no file that is not there), fills
 * its size into the `[data-<kind>-details]` template, in the page's language, and shows the `[data-<kind>]` offer.
 */
export async function offerDownload(
	page: string,
	kind: 'pack' | 'zim',
	bytes: number,
	localeTag: string,
	videos: { count: number; bytes: number } = { count: 0, bytes: 0 },
): Promise<void> {
	const $ = cheerio.load(await readFile(page, 'utf8'));
	// The videos' line (`offline.videos`, one template per plural category): only when the file carries some.
	const videoLine = $(`[data-${kind}-videos]`);
	const templates = JSON.parse(videoLine.attr('data-templates') ?? '{}') as Record<string, string>;
	const template = templates[new Intl.PluralRules(localeTag).select(videos.count)] ?? templates['other'];
	if (videos.count > 0 && template) {
		videoLine.text(
			template
				.replace(/\{\{\s*count[^}]*\}\}/, new Intl.NumberFormat(localeTag).format(videos.count))
				.replace(/\{\{\s*size[^}]*\}\}/, formatSize(videos.bytes, localeTag)),
		);
		videoLine.removeAttr('hidden');
	} else {
		videoLine.text('').attr('hidden', '');
	}
	const link = $(`[data-${kind}-link]`);
	const href = link.attr('data-href');
	if (href) link.attr('href', href).removeAttr('data-href');
	const details = $(`[data-${kind}-details]`);
	details.text((details.attr('data-template') ?? '').replace(/\{\{\s*size[^}]*\}\}/, formatSize(bytes, localeTag)));
	details.attr(`data-${kind}-bytes`, String(bytes));
	$(`[data-${kind}]`).removeAttr('hidden');
	await writeFile(page, $.html());
}

export interface OfflineOptions {
	dist: string;
	/** Where the packs go besides dist/offline/. */
	out: string;
	/** The published registry. */
	registry: LocaleRegistry;
	/** The online site, for the packs' page about other languages. */
	siteUrl: string;
	/** Where packs are cached between builds, by the hash of their inputs (none: always built). */
	cacheDir?: string | undefined;
	/**
	 * One shard of a sharded build: only `locales`' packs and lists, and no service worker (the merge writes
	 * it for the whole site).
	 */
	shard?: boolean;
	/** Carry local video files in the packs (default); false: `npm run offline -- --no-video`. */
	videos?: boolean;
	/**
	 * Scan every pack before writing it and refuse one that would need a network (default). `astro build`
	 * scans only in strict mode: its packs come from its own pages, which the rewrite makes network-free.
	 */
	scan?: boolean;
	/** Only these locales' packs (all by default); the lists and the worker always cover every locale. */
	locales?: readonly Locale[];
	/**
	 * The source file of each built page, by its path in `dist` (`pageSources`), so a warning about a page
	 * names the file to fix; without it, warnings name the built page.
	 */
	sources?: ReadonlyMap<string, string> | undefined;
	log?: (message: string) => void;
	warn?: (message: string) => void;
	/** The pack workers' heap bounds (`PACK_WORKER_LIMITS`); undefined: V8's defaults. */
	workerLimits?: PackWorkerLimits | undefined;
}

export interface PackWorkerLimits {
	maxOldGenerationSizeMb: number;
	maxYoungGenerationSizeMb: number;
}

/**
 * Each pack worker's V8 heap bound. A worker keeps little between pages (the pack's files and its kept steps
 * are buffers, off the heap), but under V8's default bound (a quarter of the machine's memory) each let its
 * old generation grow by 100-150 MB of garbage before collecting it. On 200 x 15 the two workers lifted the
 * build's peak from about 1.0 GB to 1.33-1.35 GB; bounded, to 1.12-1.16 GB, in the same time (5.4-5.5 s;
 * a smaller young generation made the packs about a second slower). A locale that needs more is packed
 * again without the bound (`writeOfflineOutputs`).
 */
export const PACK_WORKER_LIMITS: PackWorkerLimits = { maxOldGenerationSizeMb: 128, maxYoungGenerationSizeMb: 32 };

/** A hyperlink the packs cannot serve, once per source file and link, with the packs it was replaced in. */
export interface UnservedSourceLink {
	/** The page's source file (`content/en/learn.md`), or its built page when the source is unknown. */
	source: string;
	href: string;
	/** The locales whose pack carries the page with the link replaced. */
	locales: string[];
	/** The online pages it leads to instead (one per locale at most); empty: it is text in every pack. */
	replacements: string[];
}

export interface OfflineReport {
	written: string[];
	/** Locales whose pack failed its scan: not written, with a warning each. */
	refused: string[];
	/** Hyperlinks the packs cannot serve: the packs are written with each replaced, and one warning each. */
	unserved: UnservedSourceLink[];
}

/**
 * The source file each built page shows, by its path in `dist` (`es-419/learn/index.html` ->
 * `content/en/learn.mdx` where es-419 falls back to English): a problem in one English page is reported once,
 * on the file to fix, however many locales show it.
 */
export function pageSources(model: Pick<SiteModel, 'plan' | 'pageState' | 'registry'>): Map<string, string> {
	const sources = new Map<string, string>();
	for (const route of model.plan.routes) {
		const page = fileForUrlPath(route.path);
		if (page === undefined) continue;
		const state = model.pageState(route.contentLocale, route.slug) ?? model.pageState(route.locale, route.slug);
		const file = route.contentLocale.tag === model.registry.source.tag ? state?.sourcePath : state?.translationPath;
		// A regional page has no translation status; its entry id is its file's path without the extension.
		sources.set(page, file ?? `content/${route.entry.id}.mdx`);
	}
	return sources;
}

/** One line per link: the file to fix, the link, what the packs carry instead, and what to do. */
export function unservedWarning(link: UnservedSourceLink): string {
	const href = JSON.stringify(link.href);
	const packs = `(packs: ${link.locales.join(', ')})`;
	if (link.replacements.length === 0)
		return `[glossa] warning: ${link.source}: the offline packs cannot serve the link ${href} (the site has nothing there), so it is plain text in them ${packs}; fix the link in ${link.source}, or add the page it means`;
	return `[glossa] warning: ${link.source}: the offline packs do not carry what the link ${href} leads to, so it links to the online page ${link.replacements.join(', ')} in them ${packs}; link to a page the packs carry if it must work offline`;
}

/** The packs' unserved links, grouped by source file and link, in the order the packs reported them. */
function groupUnserved(found: readonly { locale: string; link: UnservedLink }[], sources: ReadonlyMap<string, string> | undefined): UnservedSourceLink[] {
	const grouped = new Map<string, UnservedSourceLink>();
	for (const { locale, link } of found) {
		const source = sources?.get(link.page) ?? link.page;
		const key = `${source}\u0000${link.href}`;
		let entry = grouped.get(key);
		if (!entry) {
			entry = { source, href: link.href, locales: [], replacements: [] };
			grouped.set(key, entry);
		}
		if (!entry.locales.includes(locale)) entry.locales.push(locale);
		if (link.replacement !== undefined && !entry.replacements.includes(link.replacement)) entry.replacements.push(link.replacement);
	}
	return [...grouped.values()];
}

/** What no pack carries: the offline outputs themselves, the search index and the host's files. */
const NOT_PACKED = ['offline/**', 'pagefind/**', 'sw.js', '_headers', '_redirects', HOST_RULES_FILE];

/**
 * The digest of every file a locale's pack may carry (its own pages but its offline-access page's copy in
 * `offline/`, and every file the site shares), for the pack's cache key: taken from the build's records of
 * its output where a file is as it was hashed (`output-digests.ts`), so a rebuild does not read every page
 * of every locale again to learn that its pack has not changed.
 */
async function packInputDigests(dist: string, cacheDir: string, localeSegments: readonly string[]) {
	const digests = await sharedOutputDigests(cacheDir, dist);
	const files = (await glob(['**/*', ...NOT_PACKED.map((pattern) => `!${pattern}`)], { cwd: dist, followSymbolicLinks: false })).sort();
	const digestOf = new Map<string, string>();
	for (const file of files) {
		const digest = digests.digest(file);
		if (digest) digestOf.set(file, digest);
	}
	const segments = new Set(localeSegments);
	return (segment: string): Record<string, string> => {
		const own: Record<string, string> = {};
		for (const [file, digest] of digestOf) {
			const slash = file.indexOf('/');
			const top = slash < 0 ? '' : file.slice(0, slash);
			if (file.startsWith(`${segment}/offline/`) || (top !== segment && segments.has(top))) continue;
			own[file] = digest;
		}
		return own;
	};
}

export async function writeOfflineOutputs({
	dist,
	out,
	registry,
	siteUrl,
	cacheDir,
	shard = false,
	videos = true,
	scan = true,
	locales = registry.all,
	sources,
	log = console.log,
	warn = console.warn,
	workerLimits = PACK_WORKER_LIMITS,
}: OfflineOptions): Promise<OfflineReport> {
	const siteHost = new URL(siteUrl).host;
	await mkdir(out, { recursive: true });
	await mkdir(path.join(dist, 'offline'), { recursive: true });
	// The packs' folder may be the site's own (`GLOSSA_OFFLINE_DIR=dist/offline`): then the pack is its copy.
	const [outFolder, siteFolder] = await Promise.all([stat(out), stat(path.join(dist, 'offline'))]);
	const packsInSite = outFolder.dev === siteFolder.dev && outFolder.ino === siteFolder.ino;

	// A pack that fails its scan is left out with a warning: the site itself is already safe, and the other
	// locales' packs are still written. Locales are packed in worker threads, one per core; each locale's
	// pages are read once, for its pack and its list.
	const report: OfflineReport = { written: [], refused: [], unserved: [] };
	// A page one English file makes falls back in many locales: its links are warned about once, after all packs.
	const unserved: { locale: string; link: UnservedLink }[] = [];
	const packed = new Set(locales.map((locale) => locale.tag));
	const localeSegments = registry.all.map((locale) => locale.segment);
	const threads = Math.max(1, Math.min(availableParallelism(), registry.all.length));
	const pool = new Piscina<PackTask, PackResult>({ filename: PACK_WORKER, maxThreads: threads, resourceLimits: workerLimits });
	// A locale too big for the bounded heap is packed again, alone, in a worker without the bound.
	let unbounded: Piscina<PackTask, PackResult> | undefined;
	const pack = async (task: PackTask): Promise<PackResult> => {
		try {
			return await pool.run(task);
		} catch (error) {
			if (!workerLimits || (error as { code?: unknown }).code !== 'ERR_WORKER_OUT_OF_MEMORY') throw error;
			log(
				`  ${task.locale.tag}: its pack needs more than the pack workers' ${workerLimits.maxOldGenerationSizeMb} MB heap; packing it in a worker without that bound`,
			);
			unbounded ??= new Piscina<PackTask, PackResult>({ filename: PACK_WORKER, maxThreads: 1 });
			return unbounded.run(task);
		}
	};
	let written = 0;
	try {
		const listed = shard ? locales : registry.all;
		const inputs = cacheDir ? await packInputDigests(dist, cacheDir, localeSegments) : undefined;
		const results = listed.map((locale) =>
			pack({
				dist,
				cacheDir,
				inputDigests: inputs?.(locale.segment),
				locale: { segment: locale.segment, tag: locale.tag, dir: locale.dir, endonym: locale.endonym },
				localeSegments,
				siteHost,
				siteUrl,
				zip: packed.has(locale.tag),
				videos,
				scan,
			} satisfies PackTask),
		);
		// Rejections are awaited in order below; until then one must not surface as an unhandled rejection.
		for (const result of results) result.catch(() => undefined);
		for (const [index, locale] of listed.entries()) {
			const result = await results[index]!;
			await writeFile(path.join(dist, 'offline', `${locale.segment}.json`), `${JSON.stringify(result.manifest)}\n`);
			if (!packed.has(locale.tag)) continue;
			if (!result.zip) {
				report.refused.push(locale.tag);
				warn(
					`[glossa] warning: ${locale.tag}: no offline pack is written, because it would need a network:\n${result.problems.map((problem) => `  ${problem.file}: ${problem.reference} (${problem.reason})`).join('\n')}`,
				);
				continue;
			}
			for (const link of result.unserved) unserved.push({ locale: locale.tag, link });
			// A view of the bytes the worker sent, not a second copy of the pack.
			const zip = Buffer.from(result.zip.buffer, result.zip.byteOffset, result.zip.byteLength);
			const packFile = path.join(out, `${locale.segment}.zip`);
			// New files, never written through a link left where they go. The site's copy is made by the kernel,
			// not written again from memory (170 MB on 300 x 70).
			await rm(packFile, { force: true });
			await writeFile(packFile, zip, { flag: 'wx' });
			if (!packsInSite) {
				const siteCopy = path.join(dist, 'offline', `${locale.segment}.zip`);
				await rm(siteCopy, { force: true });
				await copyFile(packFile, siteCopy, constants.COPYFILE_EXCL);
			}
			report.written.push(locale.tag);
			log(
				`  [${++written}/${locales.length}] ${path.join(path.relative(process.cwd(), out) || '.', `${locale.segment}.zip`)}  ${result.pages} pages, ${result.files} files${result.videos.count > 0 ? `, ${result.videos.count} video${result.videos.count === 1 ? '' : 's'} (${formatSize(result.videos.bytes, 'en')})` : ''}, ${formatSize(zip.length, 'en')}`,
			);

			// Show the pack's size, and what of it is video, on the locale's offline-access page.
			for (const file of result.packDetailPages) await offerDownload(path.join(dist, file), 'pack', zip.length, locale.tag, result.videos);
		}
	} finally {
		await Promise.all([pool.destroy(), unbounded?.destroy()]);
	}
	report.unserved = groupUnserved(unserved, sources);
	for (const link of report.unserved) warn(unservedWarning(link));
	if (report.refused.length > 0) warn(`[glossa] warning: offline packs refused for ${report.refused.join(', ')} (see above); the other packs are written`);

	if (!shard)
		await writeServiceWorker(
			dist,
			registry.all.map((locale) => locale.segment),
			log,
			cacheDir,
		);
	return report;
}

/**
 * The service worker and `_headers`, after every change to `dist`: the worker's caches are named after a
 * digest of the site, so a new deploy (or a page changed since, by `npm run offline`) replaces them.
 */
export async function writeServiceWorker(
	dist: string,
	segments: readonly string[],
	log: (message: string) => void = console.log,
	cacheDir?: string | undefined,
): Promise<void> {
	const allFiles = (await glob(['**/*', ...NOT_PACKED.map((pattern) => `!${pattern}`)], { cwd: dist, followSymbolicLinks: false })).sort();
	// Each file's digest, from the build's records where the file is as it was hashed (output-digests.ts).
	const digests = cacheDir ? await sharedOutputDigests(cacheDir, dist) : new OutputDigests(dist);
	const hash = createHash('sha256');
	for (const file of allFiles) hash.update(file).update(digests.digest(file) ?? '');
	if (cacheDir) await digests.save(cacheDir, allFiles);
	const config: ServiceWorkerConfig = {
		buildId: hash.digest('hex').slice(0, 12),
		segments: [...segments],
		shell: [...new Set((await glob('_astro/*.css', { cwd: dist })).map((file) => `/${file}`))].sort().concat('/favicon.svg'),
		cachePrefix: CACHE_PREFIX,
		keepLocaleMessage: KEEP_LOCALE_MESSAGE,
	};
	const worker = (await transform(await readFile(SERVICE_WORKER_SOURCE, 'utf8'), { loader: 'ts', format: 'esm', target: 'es2022' })).code;
	await writeFile(path.join(dist, 'sw.js'), `self.GLOSSA = ${JSON.stringify(config)};\n${worker}`);
	log(`Service worker: build ${config.buildId}, ${config.segments.length} locales`);

	// Static hosts that read `_headers` (Netlify, Cloudflare Pages) send the pages' policy as a header too.
	const rootPage = await readFile(path.join(dist, 'index.html'), 'utf8');
	const policy = pagePolicy(rootPage);
	if (policy) await writeFile(path.join(dist, '_headers'), `/*\n  Content-Security-Policy: ${siteHeaderPolicy(policy)}\n`);
	await writeHostLanguageRules(dist, rootPage, cacheDir);
}

/** The code the rules come from (the likely scripts are `locale-table.ts`'s). */
const HOST_RULES_SOURCES = ['../i18n/host-redirects.ts', '../i18n/locale-table.ts', '../i18n/subtags.ts'].map((file) =>
	fileURLToPath(new URL(file, import.meta.url)),
);

/**
 * `hostLanguageRules` for a locale table, kept in `cacheDir` by the hash of the table, the code and the ICU
 * data it asks: it tries every script for each language the table names, about a second on every build,
 * for rules that change only with the registry or the Node version. The scripts are the ones the locale
 * table listed (`intlSubtags`, kept in the same folder).
 */
function cachedHostLanguageRules(table: LocaleTable, cacheDir: string | undefined): HostLanguageRule[] {
	if (!cacheDir) return hostLanguageRules(table);
	const { icu, cldr, unicode } = process.versions;
	const sources = HOST_RULES_SOURCES.map((source) => sha256(readFileSync(source)));
	return cachedJson(cacheDir, 'host-language-rules', { table, icu, cldr, unicode, sources }, () => hostLanguageRules(table, intlSubtags(cacheDir).scripts));
}

/**
 * The language choice at `/` for hosts that can make it before the page loads: Netlify's `_redirects` and
 * `language-rules.json` (the Cloudflare Pages Function, nginx), from the very table `/` carries, so the host
 * and the page's script cannot disagree.
 */
async function writeHostLanguageRules(dist: string, rootPage: string, cacheDir: string | undefined): Promise<void> {
	const data = cheerio.load(rootPage)('script[type="application/json"][data-glossa-data="locale-table"]').text();
	if (!data) return;
	const rules = cachedHostLanguageRules(JSON.parse(data) as LocaleTable, cacheDir);
	await writeFile(path.join(dist, '_redirects'), netlifyRedirects(rules));
	await writeFile(path.join(dist, HOST_RULES_FILE), hostRulesJson(rules));
}

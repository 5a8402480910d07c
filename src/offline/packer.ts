/**
 * Turns one locale of the built site into an offline pack: every page of the locale (fallback pages carry
 * their English content), the CSS, images and icons they use, with every internal reference made relative
 * and pointing at a file, so the pack opens from file:// anywhere. Links to other languages lead to the
 * locale's page about getting their packs.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
// htmlparser2's tokenizer only (no tree, no parse5): on the benchmark's pages a pack's copy of a page takes
// 0.75 ms of CPU instead of the 1.17 ms a tree and its serialisation took (deflate aside). The scan reads
// as a browser would (pack-scan.ts).
import { escapeAttribute } from 'entities/escape';
import { Parser } from 'htmlparser2';
import { globSync } from 'tinyglobby';
import type { Element as HastElement } from 'hast';
import { h } from 'hastscript';
import { toHtml } from 'hast-util-to-html';
import type { Locale } from '../i18n/registry.ts';
import { isVideoFile } from '../content-model/video-files.ts';
import { knowHash, sha256Of } from './known-hashes.ts';

/** A page the pack writes itself, built as a tree and serialised once. */
function documentHtml(html: HastElement): string {
	return toHtml({ type: 'root', children: [{ type: 'doctype' }, html] });
}

export interface PackOptions {
	dist: string;
	locale: Pick<Locale, 'segment' | 'tag' | 'dir' | 'endonym'>;
	/** Every locale's URL segment: a link into another locale leads to the page about its pack. */
	localeSegments: ReadonlySet<string>;
	/**
	 * The online site's origin. A hyperlink to a page the pack cannot carry leads there instead, when the origin
	 * is https (a pack never links to plain http, which a school's network could rewrite).
	 */
	siteUrl?: string | undefined;
	/**
	 * Carry local video files (default). False (`npm run offline -- --no-video`): every video shows its poster
	 * and its address instead, as a video from YouTube or Vimeo always does in a pack.
	 */
	videos?: boolean | undefined;
	/**
	 * The hex sha256 of files in `dist`, from the build's records of its output (`output-digests.ts`): a file
	 * read for the pack as it is takes its digest from here (`known-hashes.ts`) instead of being hashed again.
	 */
	digests?: Readonly<Record<string, string>> | undefined;
}

/**
 * A hyperlink in one of the pack's pages that the pack cannot serve (a page the site does not have, an old
 * site's root link, template code an import left in a link). The pack's copy of the page gets `replacement`
 * (the online page's absolute URL) or, when there is none, the link's text without the link: one such link must
 * not cost a school the whole pack.
 */
export interface UnservedLink {
	/** The page, as a path in the pack (and in `dist`). */
	page: string;
	/** The link as the built page has it. */
	href: string;
	/** The online page's absolute https URL it leads to instead; undefined: it became text. */
	replacement?: string | undefined;
}

/** A page as the pack carries it, and the site's files it uses. */
export interface RewrittenPage {
	html: Buffer;
	/** The hex sha256 of `html`, for the pack's manifest and its compressed entry (computed once, when it was rewritten). */
	sha256: string;
	/** Whether the page offers the pack's download (`data-pack-details`): the offline step fills in its size. */
	packDetails: boolean;
	assets: string[];
	/** Its hyperlinks the pack cannot serve, replaced (kept with the page, so a cached page still reports them). */
	unserved: UnservedLink[];
	/** Videos' addresses on the internet that the page shows in place of a video the pack does not carry. */
	online: string[];
}

/**
 * Pages rewritten by earlier builds (`pack-worker.ts` keeps them by the hash of their bytes and of everything
 * else the rewrite reads), so a rebuild rewrites only the pages that changed.
 */
export interface RewriteCache {
	/** An earlier rewrite of the page as it is now; `html` reads it, when the cache cannot tell by the page's digest. */
	get(file: string, html: () => Promise<string>): Promise<RewrittenPage | undefined>;
	set(file: string, html: string, page: RewrittenPage): void;
}

export interface Pack {
	/** Path inside the pack -> content. */
	files: Map<string, Buffer>;
	pages: number;
	/** The site's files the pack's pages use (CSS, images, icons), as paths in `dist`. */
	assets: string[];
	/** The locale's pages, in `dist`, that show the pack's size (`data-pack-details`). */
	packDetailPages: string[];
	/** Hyperlinks the pack cannot serve, replaced in its copy of their pages, in page order. */
	unserved: UnservedLink[];
	/** The video files the pack carries, as paths in `dist` (counted on the offline-access page). */
	videos: string[];
	/** Addresses on the internet shown for videos the pack does not carry: hyperlinks the scan accepts as they are. */
	online: string[];
}

const URL_ATTRIBUTES = ['href', 'src', 'action', 'poster'];

/**
 * `/es-419/values/` -> `es-419/values/index.html`; `/_astro/a.css` -> `_astro/a.css`. Undefined for a path
 * that is not a file of the site: a malformed escape, a backslash, or `..` that would leave the output
 * folder (a browser stops `/../x` at the site's root; a file path does not stop).
 */
export function fileForUrlPath(urlPath: string): string | undefined {
	let decoded: string;
	try {
		decoded = decodeURIComponent(urlPath);
	} catch {
		return undefined;
	}
	if (decoded.includes('\\') || decoded.includes('\0')) return undefined;
	const clean = path.posix.normalize(`/${decoded}`).replace(/^\/+/, '');
	if (clean.startsWith('..') || decoded.split('/').includes('..')) return undefined;
	if (clean === '' || clean === '.' || clean.endsWith('/')) return `${clean === '.' ? '' : clean}index.html`;
	return path.posix.extname(clean) ? clean : `${clean}/index.html`;
}

function relativeTo(fromFile: string, toFile: string): string {
	const relative = path.posix.relative(path.posix.dirname(fromFile), toFile);
	return relative === '' ? path.posix.basename(toFile) : relative;
}

/**
 * The widest image variant a pack carries. Classroom machines show the content column at most 720 px wide
 * at 1×; the 1080 and 1440 px variants (for dense desktop screens) would triple a pack's images for a
 * sharpness few classroom screens show, and classrooms pay for every megabyte.
 */
export const PACK_MAX_IMAGE_WIDTH = 720;

/** A srcset's candidates a pack keeps: those up to `PACK_MAX_IMAGE_WIDTH` wide (at least the narrowest). */
function packedCandidates(srcset: string): string[] {
	const candidates = srcset
		.split(',')
		.map((candidate) => candidate.trim())
		.filter(Boolean);
	const width = (candidate: string) => Number(/\s(\d+)w$/.exec(candidate)?.[1] ?? Number.NaN);
	const kept = candidates.filter((candidate) => !(width(candidate) > PACK_MAX_IMAGE_WIDTH));
	if (kept.length > 0) return kept;
	const narrowest = [...candidates].sort((a, b) => width(a) - width(b))[0];
	return narrowest ? [narrowest] : [];
}

/**
 * A relative URL in a page (`../images/poster.png`, as an editor may write it) as the root path a browser
 * resolves it to from the page at `fromFile`, so the pack carries its file or leads the link home like any
 * other link to what it lacks, instead of refusing the whole pack for one page's link. Other values as they are.
 */
function sitePath(value: string, fromFile: string): string {
	if (value === '' || value.startsWith('/') || value.startsWith('#') || value.startsWith('?') || /^[a-z][a-z\d+.-]*:/i.test(value)) return value;
	const base = new URL(`/${path.posix.dirname(fromFile)}/`, 'https://pack.invalid');
	const resolved = new URL(value, base);
	return resolved.origin === base.origin ? `${resolved.pathname}${resolved.search}${resolved.hash}` : value;
}

/** The site's https origin (`https://glossa.example.org`), or undefined when the site is not served over https. */
function httpsOrigin(siteUrl: string | undefined): string | undefined {
	if (siteUrl === undefined) return undefined;
	const url = new URL(siteUrl);
	return url.protocol === 'https:' ? url.origin : undefined;
}

/** What the pack leaves out of its pages: markup for the online site only, and links to other addresses of the page. */
function omittedFromPack(name: string, attributes: Readonly<Record<string, string>>): boolean {
	if (attributes['data-pack-omit'] !== undefined) return true;
	return name === 'link' && (attributes['rel'] === 'canonical' || attributes['rel'] === 'alternate');
}

const isVideoFigure = (name: string, attributes: Readonly<Record<string, string>>) =>
	name === 'figure' && attributes['data-video'] !== undefined && (attributes['class'] ?? '').split(/\s+/).includes('video');

/**
 * How the pack copies one video and what is in it (src/content-model/content-html.ts, `placeVideos`): a local
 * file (`file`) keeps the browser's player with its subtitles in the page, unless the pack carries no videos;
 * every other video (`hosted`: one whose player needs the internet) shows the part the page holds hidden for
 * this, its poster and its address, which stays as written, an address on the internet.
 */
type VideoCopy = 'file' | 'hosted';

/** An element of the page being read, from its start tag to its end tag. */
interface OpenElement {
	/** Where its start tag begins, and where it ends (one past its `>`). */
	start: number;
	startTagEnd: number;
	/** Left out of the pack, with everything in it. */
	removed: boolean;
	/** Inside an element left out: nothing in it is rewritten or counted. */
	insideRemoved: boolean;
	/** A hyperlink the pack cannot serve and has no online page for: its tags go, its text stays. */
	unwrapped: boolean;
	/** Inside a video figure: how that video is copied. */
	video?: VideoCopy | undefined;
	/** Inside the part a hosted video shows offline (`data-video-offline`): its links stay addresses on the internet. */
	videoOffline: boolean;
}

/** A start tag printed again with changed attributes (values escaped for a double-quoted attribute). */
function startTag(name: string, attributes: Readonly<Record<string, string>>): string {
	let tag = `<${name}`;
	for (const [attribute, value] of Object.entries(attributes)) tag += value === '' ? ` ${attribute}` : ` ${attribute}="${escapeAttribute(value)}"`;
	return `${tag}>`;
}

/** Replaces `html`'s text from `start` to `end` with `text`: the edits a rewrite makes, applied in one pass. */
interface Edit {
	start: number;
	end: number;
	text: string;
}

function applyEdits(html: string, edits: Edit[]): string {
	edits.sort((a, b) => a.start - b.start);
	let result = '';
	let at = 0;
	for (const edit of edits) {
		result += html.slice(at, edit.start) + edit.text;
		at = edit.end;
	}
	return result + html.slice(at);
}

export async function buildPack({ dist, locale, localeSegments, siteUrl, videos = true, digests }: PackOptions, cache?: RewriteCache): Promise<Pack> {
	const siteHost = siteUrl === undefined ? undefined : new URL(siteUrl).host;
	const onlineOrigin = httpsOrigin(siteUrl);
	const files = new Map<string, Buffer>();
	// The locale's 404 page comes along for the classroom server (src/offline/classroom-server.ts); the page the
	// service worker shows offline does not.
	// Direct (synchronous) file calls: a pack is made in a worker thread that has nothing else to do meanwhile,
	// and a thread-pool round trip per folder and file cost more than the calls.
	const pagePaths = globSync(`${locale.segment}/**/index.html`, { cwd: dist, ignore: [`${locale.segment}/offline/**`] }).sort();
	const inPack = new Set(pagePaths);
	// Rendered by the site (src/pages/[locale]/other-languages.astro): the addresses of the other languages' packs.
	const otherLanguages = `${locale.segment}/other-languages/index.html`;
	if (!inPack.has(otherLanguages)) throw new Error(`${otherLanguages} is missing from the build; every pack links to it`);
	// Where the pack opens, and where a link to a page it lacks leads: the locale's home, or its first page.
	const home =
		[`${locale.segment}/index.html`, ...pagePaths].find(
			(file) => inPack.has(file) && file !== otherLanguages && !file.startsWith(`${locale.segment}/search/`) && !file.startsWith(`${locale.segment}/404/`),
		) ?? otherLanguages;
	const assets = new Set<string>();
	const packDetailPages: string[] = [];
	const unserved: UnservedLink[] = [];
	const online = new Set<string>();
	const existing = new Map<string, boolean>();
	const existsInDist = (file: string) => {
		let exists = existing.get(file);
		if (exists === undefined) {
			exists = existsSync(path.join(dist, file));
			existing.set(file, exists);
		}
		return exists;
	};

	// Every page of a pack links to the same few hundred paths (menu, picker, assets): each is resolved once.
	const targets = new Map<string, string | undefined>();
	const targetFile = (urlPath: string) => {
		if (!targets.has(urlPath)) targets.set(urlPath, fileForUrlPath(urlPath));
		return targets.get(urlPath);
	};

	const rewrite = (written: string, fromFile: string, used: Set<string> = assets): string => {
		const value = sitePath(written, fromFile);
		if (!value.startsWith('/') || value.startsWith('//')) return value;
		const [, urlPath = '', suffix = ''] = /^([^?#]*)([?#].*)?$/.exec(value) ?? [];
		const target = targetFile(urlPath);
		if (target === undefined) return relativeTo(fromFile, home);
		if (inPack.has(target)) return `${relativeTo(fromFile, target)}${suffix.startsWith('#') ? suffix : ''}`;
		if (localeSegments.has(urlPath.split('/')[1] ?? '')) return relativeTo(fromFile, otherLanguages);
		if (existsInDist(target)) {
			used.add(target);
			return `${relativeTo(fromFile, target)}${suffix.startsWith('#') ? suffix : ''}`;
		}
		return relativeTo(fromFile, home);
	};

	/**
	 * Where a hyperlink leads in the pack: `href`, as `rewrite` makes it, when the pack serves its target (or
	 * leads it to the page about other languages, or home for a path that would leave the site, as before);
	 * otherwise `unserved`, with the online page's absolute URL when the site has that page and is on https.
	 */
	const hyperlink = (written: string, fromFile: string, used: Set<string>): { href: string } | { unserved: string | undefined } => {
		let value = sitePath(written, fromFile);
		// The site's own absolute URLs, as an editor may paste them, are served from the pack like root paths.
		if (siteHost !== undefined && /^https?:\/\//i.test(value)) {
			const url = URL.canParse(value) ? new URL(value) : undefined;
			if (url?.host === siteHost) value = `${url.pathname}${url.search}${url.hash}`;
		}
		// A protocol-relative link, or a scheme the pack scan refuses (`ftp:`, `file:`): no online page stands for it.
		if (value.startsWith('//') || (/^[a-z][a-z\d+.-]*:/i.test(value) && !/^(?:https?|mailto|tel|data|javascript):/i.test(value)))
			return { unserved: undefined };
		if (!value.startsWith('/')) return { href: value };
		const [, urlPath = '', suffix = ''] = /^([^?#]*)([?#].*)?$/.exec(value) ?? [];
		const target = targetFile(urlPath);
		const segment = urlPath.split('/')[1] ?? '';
		const otherLocale = segment !== locale.segment && localeSegments.has(segment);
		if (target === undefined || inPack.has(target) || otherLocale || (segment !== locale.segment && existsInDist(target)))
			return { href: rewrite(value, fromFile, used) };
		// A page of this locale the pack leaves out (its offline page), or a path the site does not have: the
		// online page when there is one, checked to be the site's own https address; otherwise no link at all.
		const online = onlineOrigin !== undefined && existsInDist(target) ? new URL(`${urlPath}${suffix}`, onlineOrigin) : undefined;
		return { unserved: online?.origin === onlineOrigin ? online?.href : undefined };
	};

	/**
	 * The page as the pack carries it, from one pass of htmlparser2's tokenizer over the page as built: what the
	 * pack omits goes (with everything in it), each video becomes its pack copy, and every URL is rewritten
	 * (`hyperlink` for links, `rewrite` for the rest; srcset keeps the candidates a pack carries). Only the tags
	 * that change are printed again, from the attributes the parser read; the rest of the page is its bytes as
	 * built. No tree is built and the page is not serialised again. The element stack follows the parser's own
	 * (implied end tags included), so an element's extent is the one htmlparser2's tree gave it. The bytes kept
	 * as they are were written by the site's own serialisers (Astro for the frame, hast-util-to-html for the
	 * sanitized content), never taken from input as written; the pack scan reads the result with parse5.
	 */
	const rewriteDocument = (html: string, file: string, used: Set<string>, unserved: UnservedLink[], addresses: string[]): string => {
		const edits: Edit[] = [];
		const stack: OpenElement[] = [];
		const policies: { start: number; end: number; attributes: Record<string, string> }[] = [];
		let inlinedTracks = false;
		const subtitleText = (src: string) => {
			const target = targetFile(sitePath(src, file).split(/[?#]/)[0]!);
			if (target === undefined || !target.endsWith('.vtt') || !existsInDist(target)) return undefined;
			// Listed as used too: "keep this language offline" saves the online page, which loads the file.
			used.add(target);
			return readFileSync(path.join(dist, target));
		};
		const parser = new Parser(
			{
				onopentag(name, read) {
					const parent = stack.at(-1);
					const element: OpenElement = {
						start: parser.startIndex,
						startTagEnd: parser.endIndex + 1,
						removed: false,
						insideRemoved: parent !== undefined && (parent.removed || parent.insideRemoved),
						unwrapped: false,
						video: parent?.video,
						videoOffline: parent?.videoOffline ?? false,
					};
					stack.push(element);
					if (element.insideRemoved) return;
					const attributes = { ...read };
					const video = element.video;
					element.removed =
						omittedFromPack(name, attributes) ||
						// A hosted video's player needs the internet; a local one's offline part is not needed.
						(video === 'hosted' && name === 'video') ||
						(video === 'file' && attributes['data-video-offline'] !== undefined);
					if (element.removed) return;
					if (isVideoFigure(name, attributes)) element.video = videos && attributes['data-video'] === 'file' ? 'file' : 'hosted';
					if (video === 'hosted' && attributes['data-video-offline'] !== undefined) {
						delete attributes['hidden'];
						element.videoOffline = true;
					}
					if (video === 'file' && name === 'track' && attributes['src'] !== undefined) {
						// A page opened from file:// is an origin of its own, from which a browser loads no <track> file;
						// the subtitles ride in the page (they are small), which every browser loads.
						const text = subtitleText(attributes['src']);
						if (text === undefined) {
							element.removed = true;
							return;
						}
						attributes['src'] = `data:text/vtt;charset=utf-8;base64,${text.toString('base64')}`;
						inlinedTracks = true;
					}
					if (name === 'meta' && attributes['http-equiv']?.toLowerCase() === 'content-security-policy')
						policies.push({ start: element.start, end: element.startTagEnd, attributes });
					let changed = attributes['hidden'] !== read['hidden'] || attributes['src'] !== read['src'];
					if (name === 'a' && attributes['href'] !== undefined) {
						const href = attributes['href'];
						// A hosted video's address on the internet, in the part it shows offline: kept as it is.
						if (element.videoOffline) {
							if (/^https:\/\//i.test(href)) addresses.push(href);
						} else {
							const link = hyperlink(href, file, used);
							if ('href' in link) attributes['href'] = link.href;
							else {
								unserved.push({ page: file, href, replacement: link.unserved });
								// Text keeps what the reader would have read; the tags go, so nothing leads nowhere.
								if (link.unserved === undefined) element.unwrapped = true;
								else attributes['href'] = link.unserved;
							}
							changed ||= attributes['href'] !== href;
						}
					}
					for (const attribute of URL_ATTRIBUTES) {
						const value = attributes[attribute];
						// Hyperlinks are done above.
						if (value === undefined || (attribute === 'href' && name === 'a')) continue;
						attributes[attribute] = rewrite(value, file, used);
						changed ||= attributes[attribute] !== value;
					}
					const srcset = attributes['srcset'];
					if (srcset !== undefined) {
						attributes['srcset'] = packedCandidates(srcset)
							.map((candidate) => candidate.replace(/^\S+/, (url) => rewrite(url, file, used)))
							.join(', ');
						changed ||= attributes['srcset'] !== srcset;
					}
					if (element.unwrapped) edits.push({ start: element.start, end: element.startTagEnd, text: '' });
					else if (changed) edits.push({ start: element.start, end: element.startTagEnd, text: startTag(name, attributes) });
				},
				onclosetag(_name, implied) {
					const element = stack.pop();
					if (!element) return;
					// An end tag as written spans the parser's indices. An implied one ends the element where the parser
					// is (the tag that closed it), or, for a void element, right after its start tag.
					const endTag = implied ? undefined : { start: parser.startIndex, end: parser.endIndex + 1 };
					const end = endTag?.end ?? (parser.startIndex === element.start ? element.startTagEnd : parser.startIndex);
					if (element.removed) edits.push({ start: element.start, end, text: '' });
					else if (element.unwrapped && endTag) edits.push({ ...endTag, text: '' });
				},
			},
			{ decodeEntities: true },
		);
		parser.end(html);
		// The page's policy lets media load from the page itself too (the subtitles above); nothing else changes.
		if (inlinedTracks)
			for (const { start, end, attributes } of policies) {
				const content = (attributes['content'] ?? '').replace(
					/(^|;\s*)media-src ([^;]*)/i,
					(_, before: string, sources: string) => `${before}media-src ${sources.trim()} data:`,
				);
				const edit = { start, end, text: startTag('meta', { ...attributes, content }) };
				// One edit per tag: this one replaces the tag's earlier one, if it had one.
				const earlier = edits.findIndex((candidate) => candidate.start === start);
				if (earlier < 0) edits.push(edit);
				else edits[earlier] = edit;
			}
		return applyEdits(html, edits);
	};

	for (const file of pagePaths) {
		let read: Promise<string> | undefined;
		const html = () => (read ??= Promise.resolve(readFileSync(path.join(dist, file), 'utf8')));
		let page = await cache?.get(file, html);
		if (!page) {
			// The site's own output is rewritten with htmlparser2 (fast); `scanPack` then reads the result with
			// parse5, as a browser would, so anything the rewrite missed refuses the pack.
			const used = new Set<string>();
			const unserved: UnservedLink[] = [];
			const addresses: string[] = [];
			const rewritten = Buffer.from(rewriteDocument(await html(), file, used, unserved, addresses));
			page = {
				html: rewritten,
				sha256: sha256Of(rewritten),
				packDetails: (await html()).includes('data-pack-details'),
				assets: [...used].sort(),
				unserved,
				online: addresses,
			};
			cache?.set(file, await html(), page);
		}
		knowHash(page.html, page.sha256);
		if (page.packDetails) packDetailPages.push(file);
		for (const asset of page.assets) assets.add(asset);
		unserved.push(...page.unserved);
		for (const address of page.online) online.add(address);
		files.set(file, page.html);
	}

	// CSS and what CSS refers to.
	const readAsIs = (asset: string) => {
		const data = readFileSync(path.join(dist, asset));
		const digest = digests?.[asset];
		if (digest) knowHash(data, digest);
		return data;
	};
	for (const asset of [...assets]) {
		let data = readAsIs(asset);
		if (asset.endsWith('.css')) {
			// Each `url(` is read up to the next parenthesis once, then trimmed and unquoted: the earlier single
			// expression (`\s*(['"]?)(\/[^'")]+)\1\s*\)`) tried every split of a long unclosed `url(/   …`.
			const css = data.toString('utf8').replace(/url\(([^()]*)\)/g, (whole, inner: string) => {
				const value = inner.trim();
				const quote = value.startsWith('"') || value.startsWith("'") ? value[0]! : '';
				if (quote && (value.length < 2 || !value.endsWith(quote))) return whole;
				const url = quote ? value.slice(1, -1) : value;
				if (!url.startsWith('/') || /['"]/.test(url)) return whole;
				return `url(${quote}${rewrite(url, asset)}${quote})`;
			});
			data = Buffer.from(css);
		}
		files.set(asset, data);
	}
	for (const asset of assets) if (!files.has(asset)) files.set(asset, readAsIs(asset));

	const start = home;
	files.set(
		'index.html',
		Buffer.from(
			documentHtml(
				h('html', { lang: locale.tag, dir: locale.dir }, [
					h('head', [h('meta', { charset: 'utf-8' }), h('meta', { httpEquiv: 'refresh', content: `0; url=${start}` }), h('title', locale.endonym)]),
					h('body', [h('p', [h('a', { href: start }, locale.endonym)])]),
				]),
			),
		),
	);
	const packedVideos = [...assets].filter((asset) => isVideoFile(asset)).sort();
	return { files, pages: pagePaths.length, assets: [...assets].sort(), packDetailPages, unserved, videos: packedVideos, online: [...online].sort() };
}

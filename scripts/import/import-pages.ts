/**
 * Bringing an existing site into Glossa (`npm run import -- <folder>`): each Markdown or HTML page of the
 * folder becomes a Markdown page in `content/<source locale>/` at the same path, with its frontmatter
 * mapped to Glossa's (title, description, dates), the images it refers to copied into `content/images/`
 * (relative ones from the folder, root-path ones from the old site's public folder), and its links to the
 * old site's pages pointed at the imported pages (`src/content-model/link-resolver.ts`, the resolver
 * `npm run check` uses). Its translations (`--translations`) go to `content/<tag>/` at the English page's
 * path, recorded as made from the English imported with them. Rewrite rules (`--rules`) turn the old
 * template code into text before anything is parsed. Nothing else is changed in the text: `{{ name }}`
 * content variables stay as written, and what needs a person is reported, each with file and line.
 * No file of the folder is skipped silently: each is imported or listed with the reason.
 *
 * `planImport` reads and decides; `applyImport` writes, and refuses to overwrite anything.
 */
import path from 'node:path';
import { parseFrontmatter } from '@astrojs/markdown-remark';
import type { Element, Root } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { toHtml } from 'hast-util-to-html';
import { markdownToHast } from 'satteri';
import { visit } from 'unist-util-visit';
import { parseContentDocument, type ContentDocument } from '../../src/content-model/content-document.ts';
import { CONTENT_IMAGES, isImageFile } from '../../src/content-model/content-images.ts';
import { textOf } from '../../src/content-model/content-render.ts';
import { snapshotOf } from '../../src/content-model/freshness.ts';
import { FRONTMATTER_KEYS, frontmatterTooLarge, MAX_FRONTMATTER_VALUES, TRANSLATABLE_FRONTMATTER_KEYS } from '../../src/content-model/frontmatter.ts';
import { lineAt } from '../../src/content-model/input-limits.ts';
import { oldPagePath, resolveLink, variableDestination, type OldSiteLinks, type SiteLinkTargets } from '../../src/content-model/link-resolver.ts';
import type { ContentProblem } from '../../src/content-model/problems.ts';
import { countVariables, findTemplateCode } from '../../src/content-model/template-syntax.ts';
import { compareWithSource, droppedBeyondSource } from '../../src/content-model/translation-checks.ts';
import { readTranslationState, serializeTranslationState, type TranslationRecord } from '../../src/content-model/translation-state.ts';
import { locales } from '../../src/i18n/locales.ts';
import type { Locale, LocaleRegistry } from '../../src/i18n/registry.ts';
import { parseContentId, reservedRouteProblem } from '../../src/i18n/routing.ts';
import {
	copyInside,
	inspectInside,
	isFileInside,
	isSafeRelativePath,
	listFiles,
	maxFileBytes,
	readInside,
	removeInside,
	UnsafePathError,
	writeInside,
} from '../../src/security/content-files.ts';
import { checkSvg, svgProblemText } from '../../src/security/svg-integration.ts';
import { applyRules, type RewriteRule } from './import-rules.ts';
import { mapLayoutShortcodes } from './layout-shortcodes.ts';

/** Old systems' names for the keys Glossa knows. */
const KEY_NAMES: Record<string, string> = {
	title: 'title',
	name: 'title',
	description: 'description',
	summary: 'description',
	excerpt: 'description',
	date: 'published',
	published: 'published',
	pubDate: 'published',
	created: 'published',
	updated: 'updated',
	lastmod: 'updated',
	modified: 'updated',
	last_modified_at: 'updated',
};

/** Page files imported: Markdown, MDX and HTML, and Markdown with an extra suffix of its old system (`learn.md.partial`). */
const PAGE_FILE = /\.(?:md|markdown|mdx|html?)$|\.(?:md|markdown)\.[^./]+$/i;
const HTML_FILE = /\.html?$/i;
/** Template languages an old site's pages may be written in: they need that system to become text. */
const TEMPLATE_LANGUAGES: Record<string, string> = {
	haml: 'HAML',
	erb: 'ERB',
	slim: 'Slim',
	liquid: 'Liquid',
	njk: 'Nunjucks',
	hbs: 'Handlebars',
	handlebars: 'Handlebars',
	ejs: 'EJS',
	pug: 'Pug',
	jade: 'Pug',
	mustache: 'Mustache',
	twig: 'Twig',
	php: 'PHP',
};
/** Files a page may link to that are served as they are, from `public/` (only images are published from `content/images/`). */
const LINKED_FILE = /\.(?:pdf|zip|mp4|webm|mp3|txt|csv)$/i;

export interface ImportedPage {
	/** In the folder imported from, as shown in the report (`learn.md.partial`, `la/learn.md.partial`). */
	from: string;
	/** Relative to the project root: `content/en/guides/setup.md`. */
	to: string;
	text: string;
	/** The locale tag; the source locale for the old site's own pages. */
	locale: string;
}

/** A file of the old site and what became of it. */
export interface ImportedFile {
	/** As shown in the report: relative to the old site's folder, or `<code>/…` in the translations folder. */
	file: string;
	/** Undefined when imported (as a page or translation, or copied because a page refers to it). */
	reason?: string | undefined;
}

export interface LocaleOutcome {
	tag: string;
	/** The translations folder's name for it (`la`). */
	code: string;
	imported: number;
	/** Translations the build would leave out (their pages show English), and why the first one. */
	fallBack: number;
	firstReason?: string | undefined;
}

export interface ImportPlan {
	/** The folder imported from (absolute). */
	folder: string;
	/** The registry's source locale: the old site's own pages are in it. */
	sourceLocale: string;
	pages: ImportedPage[];
	/** Files to copy: from a folder of the old site (absolute root, relative file) to the project (relative). */
	copies: { fromRoot: string; from: string; to: string }[];
	/** What needs a person, with file and line (in the imported file, at its new path). */
	findings: ContentProblem[];
	/** Every file of the old site (and of its translations), imported or not. */
	files: ImportedFile[];
	/** Matches of each rewrite rule, over every page and translation. */
	ruleHits: number[];
	/** Each distinct content variable (`urls/learn`), with how often English pages and translations use it. */
	variables: Map<string, { english: number; translations: number }>;
	/** What `[col-NN]` shortcodes, clears and floats became (`layout-shortcodes.ts`), over every page and translation. */
	layout: { columnGroups: number; columns: number; clears: number; floats: number };
	/** Links to old-site pages that were not imported, now absolute links to the old site. */
	oldSiteLinks: (ContentProblem & { href: string })[];
	/** Per locale of the translations folder. */
	locales: LocaleOutcome[];
	/** Files of the old site's public folder that no page refers to (not copied: that folder holds the whole old site's assets). */
	unusedPublicFiles: number;
	/** translation-state.json records of the imported translations, by path. */
	translationRecords: Record<string, TranslationRecord>;
}

export interface ImportOptions {
	/** The project root. */
	root: string;
	contentDir?: string;
	registry?: LocaleRegistry;
	/** `<folder>/<code>/<path of the English page>`. */
	translationsFolder?: string | undefined;
	/** Translation folder names that are not the registry's tags (`la` -> `es-419`). */
	localeMap?: ReadonlyMap<string, string> | undefined;
	/** The old site's public folder, where its root paths (`/images/x.png`, `/files/x.pdf`) are. */
	publicFolder?: string | undefined;
	/** The old site's address: links to its pages that were not imported lead there. */
	siteUrl?: URL | undefined;
	rules?: { file: string; rules: readonly RewriteRule[] } | undefined;
	/** When the import happens (for the translation records). */
	now?: Date;
}

function yamlValue(value: unknown): string {
	if (value instanceof Date) return value.toISOString().slice(0, 10);
	return JSON.stringify(value);
}

/** A relative reference to a file: not another site, a root path, a fragment or a data URL. */
function isRelativeFile(value: string): boolean {
	return value !== '' && !value.startsWith('#') && !value.startsWith('/') && !/^[a-z][a-z\d+.-]*:/i.test(value);
}

/** A path as a page wrote it, decoded (`caf%C3%A9.png` → `café.png`); undefined when a `%` is not an escape. */
function decodedPath(value: string): string | undefined {
	try {
		return decodeURIComponent(value);
	} catch {
		return undefined;
	}
}

/** The imported page's file for an old page file: `learn.md.partial`, `learn.html` → `learn.md`. */
export function importedPageFile(relative: string): string {
	return relative.replace(/\.(?:md|markdown)\.[^./]+$|\.(?:md|markdown|mdx|html?)$/i, '.md');
}

/** Why a file that is not a page is not imported, as the report groups it. */
function notAPageReason(relative: string): string {
	const extension = path.posix.extname(relative).slice(1).toLowerCase();
	const language = TEMPLATE_LANGUAGES[extension];
	if (language) return `template language ${language} (.${extension}): not imported (turn it into Markdown or HTML first)`;
	if (isImageFile(relative)) return 'image no page refers to: not copied';
	return 'not a page: not imported';
}

/** A link or image in a page body: its destination as parsed, and the span of the node that holds it. */
interface BodyReference {
	kind: 'link' | 'image';
	value: string;
	start: number;
	end: number;
	/** Markdown syntax (`[text](dest)`) rather than an HTML attribute. */
	markdown: boolean;
}

/** Links and images of a Markdown body (raw HTML included), in document order, with the offsets of their nodes. */
function bodyReferences(body: string): BodyReference[] {
	const tree = markdownToHast(body, { position: true }) as unknown as Root;
	const found: BodyReference[] = [];
	const take = (element: Element, offset: number, markdown: boolean) => {
		const start = element.position?.start.offset;
		const end = element.position?.end.offset;
		if (start === undefined || end === undefined) return;
		const kind = element.tagName === 'img' ? 'image' : element.tagName === 'a' ? 'link' : undefined;
		const value = kind === 'image' ? element.properties['src'] : element.properties['href'];
		if (kind && typeof value === 'string') found.push({ kind, value, start: offset + start, end: offset + end, markdown });
	};
	visit(tree, (node) => {
		if (node.type === 'element') take(node, 0, true);
		// Raw HTML is parsed as HTML, with positions inside the raw text.
		if (node.type === 'raw' && node.position?.start.offset !== undefined) {
			const offset = node.position.start.offset;
			visit(fromHtml(node.value, { fragment: true }), 'element', (element: Element) => take(element, offset, false));
		}
	});
	return found.sort((a, b) => a.start - b.start);
}

/** An HTML page as a Markdown page: its `<title>` and description as frontmatter, its body as raw HTML. */
function htmlAsMarkdown(html: string): { frontmatter: Record<string, unknown>; body: string } {
	const tree = fromHtml(html);
	let title: Element | undefined;
	let description: Element | undefined;
	let main: Element | undefined;
	let body: Element | undefined;
	visit(tree, 'element', (element: Element) => {
		if (element.tagName === 'title') title ??= element;
		if (element.tagName === 'meta' && element.properties['name'] === 'description') description ??= element;
		if (element.tagName === 'main') main ??= element;
		if (element.tagName === 'body') body ??= element;
	});
	const content = main ?? body;
	const text = (element: Element | undefined) => (element ? textOf(element).replace(/\s+/g, ' ').trim() : '');
	return {
		frontmatter: {
			...(title ? { title: text(title) } : {}),
			...(typeof description?.properties['content'] === 'string' ? { description: description.properties['content'] } : {}),
		},
		body: content ? `${toHtml(content.children).trim()}\n` : '',
	};
}

/** A page's file read, rewritten by the rules and split into frontmatter and body. */
interface ReadPage {
	original: string;
	frontmatter: Record<string, unknown>;
	body: string;
	isHtml: boolean;
}

/** One English page of the old site on its way in. */
interface EnglishPage {
	relative: string;
	to: string;
	read: ReadPage;
	mapped: Record<string, unknown>;
	text?: string;
	document?: ContentDocument;
}

/** A page the project already has at `slug` in a locale folder, in any of its forms (`learn.md`, `learn/index.mdx`). */
function existingPageFile(root: string, contentDir: string, localeFolder: string, slug: string): string | undefined {
	const stems = slug === '' ? ['index'] : [slug, `${slug}/index`];
	return stems
		.flatMap((stem) => ['.md', '.mdx'].map((extension) => `${contentDir}/${localeFolder}/${stem}${extension}`))
		.find((file) => isFileInside(root, file));
}

/** Where a translations-folder code leads: a locale, or why none. */
export function localeOfCode(code: string, registry: LocaleRegistry, localeMap: ReadonlyMap<string, string> | undefined): Locale | undefined {
	const mapped = localeMap?.get(code) ?? localeMap?.get(code.toLowerCase());
	if (mapped) return registry.byTag(mapped);
	const lower = code.toLowerCase();
	return registry.all.find((locale) => locale.tag.toLowerCase() === lower || locale.segment === lower);
}

export async function planImport(folder: string, options: ImportOptions): Promise<ImportPlan> {
	const contentDir = options.contentDir ?? 'content';
	const registry = options.registry ?? locales;
	const sourceLocale = registry.source.tag;
	const root = options.root;
	const plan: ImportPlan = {
		folder,
		sourceLocale,
		pages: [],
		copies: [],
		findings: [],
		files: [],
		ruleHits: (options.rules?.rules ?? []).map(() => 0),
		variables: new Map(),
		layout: { columnGroups: 0, columns: 0, clears: 0, floats: 0 },
		oldSiteLinks: [],
		locales: [],
		unusedPublicFiles: 0,
		translationRecords: {},
	};
	const limit = maxFileBytes();

	/** Reads a page file through the safe layer, applies the rules, and splits it; undefined (reported) when it cannot be imported. */
	const readPage = async (fromRoot: string, relative: string, shown: string): Promise<ReadPage | undefined> => {
		let original = (await readInside(fromRoot, relative)).toString('utf8');
		if (options.rules) {
			const outcome = applyRules(options.rules.rules, original, shown, options.rules.file);
			original = outcome.text;
			outcome.hits.forEach((hits, index) => (plan.ruleHits[index]! += hits));
		}
		if (HTML_FILE.test(relative)) return { original, ...htmlAsMarkdown(original), isHtml: true };
		let parsed;
		try {
			parsed = parseFrontmatter(original, { frontmatter: 'remove' });
		} catch (error) {
			plan.findings.push({
				file: shown,
				line: 1,
				message: `frontmatter is not valid YAML (${(error as Error).message.split('\n')[0]}); not imported: fix it and import again`,
			});
			return undefined;
		}
		// The build's limit: aliases can make a few lines stand for billions of values.
		if (frontmatterTooLarge(parsed.frontmatter)) {
			plan.findings.push({
				file: shown,
				line: 1,
				message: `frontmatter holds more than ${MAX_FRONTMATTER_VALUES} values (YAML aliases that repeat themselves?); not imported`,
			});
			return undefined;
		}
		return { original, frontmatter: parsed.frontmatter, body: parsed.content.replace(/^\n+/, ''), isHtml: false };
	};

	/** The keys Glossa knows, under its names, and the ones left out. */
	const mapFrontmatter = (frontmatter: Record<string, unknown>) => {
		const mapped: Record<string, unknown> = {};
		const dropped: string[] = [];
		for (const [key, value] of Object.entries(frontmatter)) {
			const name = KEY_NAMES[key] ?? (FRONTMATTER_KEYS.includes(key) ? key : undefined);
			if (name && mapped[name] === undefined) mapped[name] = value;
			else dropped.push(key);
		}
		return { mapped, dropped };
	};

	// 1. The old site's files: every one is a page to import or reported with its reason.
	const listing = listFiles(folder, { root: folder, extensions: [''], maxBytes: Infinity });
	for (const refused of listing.refused) {
		plan.files.push({ file: refused.file, reason: 'a symbolic link: never followed' });
		// A linked image is reported where a page refers to it, with its line.
		if (!isImageFile(refused.file)) plan.findings.push({ file: refused.file, message: `${refused.reason}; not imported` });
	}
	const englishPages: EnglishPage[] = [];
	const otherFiles: string[] = [];
	const byTarget = new Map<string, string>();
	for (const relative of listing.files) {
		if (!PAGE_FILE.test(relative)) {
			otherFiles.push(relative);
			continue;
		}
		const refuse = (message: string, line?: number) => {
			plan.findings.push({ file: relative, line, message });
			plan.files.push({ file: relative, reason: 'refused (see Needs attention)' });
		};
		const target = importedPageFile(relative);
		const to = path.posix.join(contentDir, sourceLocale, target);
		const reserved = reservedRouteProblem(`${sourceLocale}/${target.replace(/\.md$/, '')}`);
		if (reserved) {
			refuse(reserved.replace(/it is not built/, 'not imported'));
			continue;
		}
		const size = inspectInside(folder, relative).stats?.size ?? 0;
		if (size > limit) {
			refuse(`is ${size} bytes, over the ${limit}-byte limit (GLOSSA_MAX_FILE_BYTES); not imported`);
			continue;
		}
		const slug = parseContentId(`${sourceLocale}/${target.replace(/\.md$/, '')}`).slug;
		const sameTarget = byTarget.get(slug);
		if (sameTarget) {
			refuse(`is the same page as ${sameTarget} (both would be ${to}); not imported: keep one of them`);
			continue;
		}
		const existing = existingPageFile(root, contentDir, sourceLocale, slug);
		if (existing) {
			plan.findings.push({ file: existing, message: `already exists; ${relative} is not imported over it` });
			plan.files.push({ file: relative, reason: 'a page already exists at its path: not imported over it' });
			continue;
		}
		const read = await readPage(folder, relative, relative);
		if (!read) {
			plan.files.push({ file: relative, reason: 'refused (see Needs attention)' });
			continue;
		}
		byTarget.set(slug, relative);
		const { mapped, dropped } = mapFrontmatter(read.frontmatter);
		if (typeof mapped['title'] !== 'string' || mapped['title'].trim() === '') {
			const heading = /^#\s+(.+)$/m.exec(read.body)?.[1]?.trim();
			mapped['title'] = heading ?? path.posix.basename(target, '.md');
			plan.findings.push({
				file: to,
				line: 2,
				message: `no title; "${String(mapped['title'])}" was taken from the ${heading ? 'first heading' : 'file name'}: check it`,
			});
		}
		if (dropped.length > 0)
			plan.findings.push({ file: to, line: 1, message: `frontmatter ${dropped.map((key) => `\`${key}\``).join(', ')} left out (Glossa does not use them)` });
		englishPages.push({ relative, to, read, mapped });
		plan.files.push({ file: relative });
	}

	// 2. Links and images, now that the imported pages are known.
	const importedPages = new Map(
		englishPages.map((page) => [oldPagePath(page.relative), parseContentId(`${sourceLocale}/${importedPageFile(page.relative).replace(/\.md$/, '')}`).slug]),
	);
	/** Files to copy, by where they go: one source each. */
	const copyByTarget = new Map<string, string>();
	/** Images already reported for a page, so the check below does not report them again as missing. */
	const reportedImages = new Set<string>();
	/** Old-site files a page refers to (relative to the folder), so the listing does not call them unused. */
	const usedFiles = new Set<string>();

	/** Plans the copy of a file of the old site; false (reported) when it cannot be copied. */
	const planCopy = async (fromRoot: string, from: string, to: string, shownFrom: string): Promise<boolean> => {
		const key = `${fromRoot}\0${from}`;
		const planned = copyByTarget.get(to);
		if (planned !== undefined) {
			if (planned === key) return true;
			plan.findings.push({ file: shownFrom, message: `would be copied to ${to}, where another file of the old site goes; not copied: rename one of them` });
			return false;
		}
		copyByTarget.set(to, key);
		const svg = from.toLowerCase().endsWith('.svg') ? await checkSvg(to, await readInside(fromRoot, from)) : undefined;
		if (isFileInside(root, to)) plan.findings.push({ file: to, message: `already exists; ${shownFrom} is not copied over it` });
		else if (svg?.error) plan.findings.push({ file: shownFrom, message: `${svg.error}; not imported (save it again as plain SVG)` });
		else plan.copies.push({ fromRoot, from, to });
		if (svg && !svg.error && svg.removed.length > 0) plan.findings.push({ file: to, message: svgProblemText(svg) });
		return true;
	};

	/** Links judged as `npm run check` judges them, with the pages and public files this import adds. */
	const importedFiles = new Set(englishPages.map((page) => page.to));
	const pageFiles = (locale: Locale, slug: string) =>
		[locale.tag, sourceLocale].flatMap((tag) => [`${contentDir}/${tag}/${slug || 'index'}`, ...(slug ? [`${contentDir}/${tag}/${slug}/index`] : [])]);
	const siteTargets: SiteLinkTargets = {
		registry,
		hasPage: (locale, slug) =>
			pageFiles(locale, slug).some((file) => importedFiles.has(`${file}.md`) || isFileInside(root, `${file}.md`) || isFileInside(root, `${file}.mdx`)),
		hasPublicFile: (rootPath) => {
			const decoded = decodedPath(rootPath) ?? rootPath;
			return isFileInside(root, `public${decoded}`) || copyByTarget.has(`public${decoded}`) || inPublic(decoded, () => {});
		},
	};

	/** Whether a root path of the old site is a file in its public folder (reported and false when it is a link). */
	const inPublic = (rootPath: string, report: (message: string) => void): boolean => {
		if (!options.publicFolder) return false;
		const relative = rootPath.slice(1);
		try {
			return isSafeRelativePath(relative) && inspectInside(options.publicFolder, relative).stats?.isFile() === true;
		} catch (error) {
			if (!(error instanceof UnsafePathError)) throw error;
			report(`${error.file} ${error.reason}; not imported`);
			return false;
		}
	};

	/**
	 * The body with its images and links pointed at what was imported, each rewritten inside the text of its
	 * own node (from the parse). `pageFile` is the page's path in the old site (a translation's is its English
	 * page's), `to` where it goes; `shown` names it in findings about the old file.
	 */
	const convertBody = async (read: ReadPage, pageFile: string, to: string, shown: string, headerLines: number) => {
		let body = read.body;
		const edits: { start: number; end: number; from: string; to: string; markdown: boolean }[] = [];
		// The body is the end of the file: its offsets give the file's lines (an HTML page's body is re-serialized).
		const bodyStart = read.original.length - body.length;
		const sourceLine = (offset: number) => (read.isHtml || !read.original.endsWith(body) ? undefined : lineAt(read.original, bodyStart + offset));
		const reportImage = (reference: BodyReference, message: string) => {
			plan.findings.push({ file: shown, line: sourceLine(reference.start), message });
			reportedImages.add(`${to}\0${reference.value}`);
		};
		const oldSite: OldSiteLinks = { importedPages, siteUrl: options.siteUrl, pageFile };
		for (const reference of bodyReferences(body)) {
			if (variableDestination(reference.value) !== undefined) continue; // `{{ urls/learn }}`: the site fills it in
			const written = reference.value.split(/[?#]/)[0]!;
			if (reference.kind === 'link' && !isImageFile(written)) {
				const link = resolveLink(reference.value, siteTargets, oldSite);
				if (link.kind === 'imported-page') edits.push({ ...reference, from: reference.value, to: link.href });
				if (link.kind === 'old-site') {
					edits.push({ ...reference, from: reference.value, to: link.href });
					plan.oldSiteLinks.push({
						file: to,
						line: lineAt(body, reference.start) + headerLines,
						message: `${reference.value} -> ${link.href}`,
						href: link.href,
					});
				}
				// A root-path file from the old site's public folder goes to the project's public/, at the same path.
				if (link.kind === 'file' && LINKED_FILE.test(link.path) && !isFileInside(root, `public${link.path}`)) {
					const report = (message: string) => plan.findings.push({ file: shown, line: sourceLine(reference.start), message });
					const decoded = decodedPath(link.path);
					if (decoded && inPublic(decoded, report)) await planCopy(options.publicFolder!, decoded.slice(1), `public${decoded}`, `${decoded} (--public)`);
				}
				continue;
			}
			if (written.startsWith('/')) {
				// A root path names a file of the old site's public folder; images go to content/images/ like relative ones.
				if (written.startsWith('//') || !isImageFile(written)) continue;
				const decoded = decodedPath(written);
				if (decoded === undefined) {
					reportImage(reference, `image ${reference.value} has a "%" that is not an escape; not copied: write it as %25, or rename the file`);
					continue;
				}
				if (!inPublic(decoded, (message) => reportImage(reference, `image ${message}`))) continue; // missing: reported below
				const target = path.posix.join(contentDir, CONTENT_IMAGES, decoded.slice(1).replace(/^images\//, ''));
				if (await planCopy(options.publicFolder!, decoded.slice(1), target, `${decoded} (--public)`))
					edits.push({ ...reference, from: reference.value, to: path.posix.relative(path.posix.dirname(to), target) });
				continue;
			}
			if (!isRelativeFile(reference.value) || !isImageFile(written)) continue;
			const decoded = decodedPath(written);
			if (decoded === undefined) {
				reportImage(reference, `image ${reference.value} has a "%" that is not an escape; not copied: write it as %25, or rename the file`);
				continue;
			}
			// Images next to the old page go to content/images/, at their path in the folder (less a leading images/).
			// Read only through the safe layer: a link (to a file, or through a linked folder) is never followed.
			const inFolder = path.posix.normalize(path.posix.join(path.posix.dirname(pageFile), decoded));
			let isFile: boolean;
			try {
				isFile = isSafeRelativePath(inFolder) && inspectInside(folder, inFolder).stats?.isFile() === true;
			} catch (error) {
				if (!(error instanceof UnsafePathError)) throw error;
				reportImage(reference, `image ${error.file} ${error.reason}; not imported`);
				continue;
			}
			if (!isFile) continue; // reported below, with the other images the page cannot show
			usedFiles.add(inFolder);
			const target = path.posix.join(contentDir, CONTENT_IMAGES, inFolder.replace(/^images\//, ''));
			if (await planCopy(folder, inFolder, target, inFolder))
				edits.push({ ...reference, from: reference.value, to: path.posix.relative(path.posix.dirname(to), target) });
		}
		// Each reference is rewritten inside the text of its own node, last first so offsets hold. In Markdown the
		// destination follows `](` (the link text may hold the same words); in HTML it is an attribute's value.
		for (const edit of edits.sort((a, b) => b.start - a.start)) {
			if (edit.from === edit.to) continue;
			const span = body.slice(edit.start, edit.end);
			// The parser gives the destination normalized (`café` as `caf%C3%A9`): replace it as the text spells it.
			const spellings = [edit.from, decodedPath(edit.from)].filter((spelling): spelling is string => spelling !== undefined);
			let at = -1;
			let spelled = '';
			for (const spelling of spellings) {
				const candidates = edit.markdown ? [`](${spelling}`, `](<${spelling}`] : [`"${spelling}"`, `'${spelling}'`, `=${spelling}`];
				for (const candidate of candidates) {
					const found = edit.markdown ? span.lastIndexOf(candidate) : span.indexOf(candidate);
					if (found !== -1) {
						at = found + candidate.indexOf(spelling);
						spelled = spelling;
						break;
					}
				}
				if (at !== -1) break;
			}
			if (at === -1) {
				// A reference-style link's destination is in its definition, elsewhere in the page.
				plan.findings.push({
					file: to,
					line: lineAt(body, edit.start) + headerLines,
					message: `${edit.from} could not be rewritten to ${edit.to} (a reference-style link?); write the new destination yourself`,
				});
				continue;
			}
			const rewritten = `${span.slice(0, at)}${edit.to}${span.slice(at + spelled.length)}`;
			body = `${body.slice(0, edit.start)}${rewritten}${body.slice(edit.end)}`;
		}
		// The old site's column shortcodes and clears, in the layout vocabulary (lines below are the imported file's).
		const layout = mapLayoutShortcodes(body);
		for (const { offset, message } of layout.unmapped) plan.findings.push({ file: to, line: lineAt(body, offset) + headerLines, message });
		plan.layout.columnGroups += layout.columnGroups;
		plan.layout.columns += layout.columns;
		plan.layout.clears += layout.clears;
		plan.layout.floats += layout.floats;
		return layout.body;
	};

	const compose = (frontmatter: Record<string, unknown>, body: string) => {
		const lines = Object.entries(frontmatter).map(([key, value]) => `${key}: ${yamlValue(value)}`);
		return `---\n${lines.join('\n')}\n---\n\n${body}`;
	};
	for (const page of englishPages) {
		const headerLines = Object.keys(page.mapped).length + 3;
		const body = await convertBody(page.read, page.relative, page.to, page.relative, headerLines);
		page.text = compose(page.mapped, body);
		page.document = parseContentDocument(page.to, page.text, contentDir);
		plan.pages.push({ from: page.relative, to: page.to, text: page.text, locale: sourceLocale });
	}

	// 3. Translations: `<translations>/<code>/<the English page's path>`.
	if (options.translationsFolder) {
		const translationsFolder = options.translationsFolder;
		const translationListing = listFiles(translationsFolder, { root: translationsFolder, extensions: [''], maxBytes: Infinity });
		for (const refused of translationListing.refused) {
			plan.files.push({ file: refused.file, reason: 'a symbolic link: never followed' });
			plan.findings.push({ file: refused.file, message: `${refused.reason}; not imported` });
		}
		const englishByFile = new Map<string, EnglishPage>();
		for (const page of englishPages) {
			englishByFile.set(page.relative, page);
			englishByFile.set(importedPageFile(page.relative), page);
		}
		const refusedEnglish = new Set(plan.files.filter((file) => file.reason && PAGE_FILE.test(file.file)).map((file) => importedPageFile(file.file)));
		const outcomes = new Map<string, LocaleOutcome>();
		const codeOfTag = new Map<string, string>();
		for (const relative of translationListing.files) {
			const slash = relative.indexOf('/');
			if (slash === -1) {
				plan.files.push({ file: relative, reason: 'not in a locale folder (<code>/<path>): not imported' });
				continue;
			}
			const code = relative.slice(0, slash);
			const rest = relative.slice(slash + 1);
			const locale = localeOfCode(code, registry, options.localeMap);
			if (!locale) {
				plan.files.push({ file: relative, reason: `unknown locale code "${code}": not imported (map it: --locale-map ${code}=<tag>)` });
				continue;
			}
			if (locale.isSource) {
				plan.files.push({ file: relative, reason: `"${code}" is the source locale (${locale.tag}): not imported as a translation` });
				continue;
			}
			const claimedBy = codeOfTag.get(locale.tag);
			if (claimedBy !== undefined && claimedBy !== code) {
				plan.files.push({ file: relative, reason: `"${code}" is ${locale.tag}, already imported from ${claimedBy}/: not imported` });
				continue;
			}
			codeOfTag.set(locale.tag, code);
			if (!PAGE_FILE.test(rest)) {
				plan.files.push({ file: relative, reason: notAPageReason(rest) });
				continue;
			}
			const english = englishByFile.get(rest) ?? englishByFile.get(importedPageFile(rest));
			if (!english?.document) {
				const why = refusedEnglish.has(importedPageFile(rest)) ? 'its English page was not imported' : 'no English page at this path';
				plan.files.push({ file: relative, reason: `${why}: not imported` });
				continue;
			}
			const target = english.to.replace(`${contentDir}/${sourceLocale}/`, `${contentDir}/${locale.tag}/`);
			const existing = existingPageFile(root, contentDir, locale.tag, parseContentId(english.to.slice(contentDir.length + 1).replace(/\.md$/, '')).slug);
			if (existing) {
				plan.findings.push({ file: existing, message: `already exists; ${relative} is not imported over it` });
				plan.files.push({ file: relative, reason: 'a translation already exists at its path: not imported over it' });
				continue;
			}
			const size = inspectInside(translationsFolder, relative).stats?.size ?? 0;
			if (size > limit) {
				plan.findings.push({ file: relative, message: `is ${size} bytes, over the ${limit}-byte limit (GLOSSA_MAX_FILE_BYTES); not imported` });
				plan.files.push({ file: relative, reason: 'refused (see Needs attention)' });
				continue;
			}
			const read = await readPage(translationsFolder, relative, relative);
			if (!read) {
				plan.files.push({ file: relative, reason: 'refused (see Needs attention)' });
				continue;
			}
			// The English page's mapping, and only what translators translate: the other keys come from English,
			// so an old key Crowdin copied into every translation is not a warning per translation.
			const { mapped } = mapFrontmatter(read.frontmatter);
			const frontmatter: Record<string, unknown> = {};
			for (const key of TRANSLATABLE_FRONTMATTER_KEYS) if (mapped[key] !== undefined) frontmatter[key] = mapped[key];
			if (typeof frontmatter['title'] !== 'string' || frontmatter['title'].trim() === '') frontmatter['title'] = english.mapped['title'];
			const body = await convertBody(read, english.relative, target, relative, Object.keys(frontmatter).length + 3);
			const text = compose(frontmatter, body);
			plan.pages.push({ from: relative, to: target, text, locale: locale.tag });
			plan.files.push({ file: relative });
			// What the build decides about it (document-set.ts): the same checks, on the same documents.
			const document = parseContentDocument(target, text, contentDir);
			const comparison = { registry, locale: locale.tag, translatableFrontmatter: TRANSLATABLE_FRONTMATTER_KEYS };
			const problems = [...document.problems, ...droppedBeyondSource(document, english.document)];
			if (problems.length === 0) problems.push(...compareWithSource(document, english.document, comparison));
			const outcome = outcomes.get(locale.tag) ?? { tag: locale.tag, code, imported: 0, fallBack: 0 };
			outcomes.set(locale.tag, outcome);
			outcome.imported++;
			if (problems.length > 0) {
				outcome.fallBack++;
				const [first] = problems;
				outcome.firstReason ??= `${first!.file}${first!.line ? `:${first!.line}` : ''}: ${first!.message}`;
				for (const problem of problems) plan.findings.push({ ...problem, message: `${problem.message} (the page falls back to English)` });
			}
			// Made from the English imported with it: `npm run i18n -- status` counts it current, not "no record".
			const snapshot = snapshotOf(english.document);
			plan.translationRecords[target] = {
				locale: locale.tag,
				source: english.to,
				sourceHash: snapshot.hash,
				sourceSections: snapshot.sections,
				sourceFrontmatterHash: snapshot.frontmatterHash,
				syncedAt: (options.now ?? new Date()).toISOString(),
				origin: 'manual',
			};
		}
		plan.locales = [...outcomes.values()].sort((a, b) => a.tag.localeCompare(b.tag));
	}

	// 4. The old site's other files: images pages use were copied; each of the rest is listed with its reason.
	for (const relative of otherFiles) plan.files.push(usedFiles.has(relative) ? { file: relative } : { file: relative, reason: notAPageReason(relative) });

	if (options.publicFolder) {
		const used = new Set(plan.copies.filter((copy) => copy.fromRoot === options.publicFolder).map((copy) => copy.from));
		plan.unusedPublicFiles = listFiles(options.publicFolder, { root: options.publicFolder, extensions: [''], maxBytes: Infinity }).files.filter(
			(file) => !used.has(file),
		).length;
	}

	// 5. What the build and `npm run check` will say about each page, found once here, on the imported text.
	for (const page of plan.pages) {
		const isEnglish = page.locale === sourceLocale;
		const variables = countVariables(page.text);
		for (const [name, count] of variables) {
			const entry = plan.variables.get(name) ?? { english: 0, translations: 0 };
			if (isEnglish) entry.english += count;
			else entry.translations += count;
			plan.variables.set(name, entry);
		}
		for (const code of findTemplateCode(page.text))
			plan.findings.push({
				file: page.to,
				line: code.line,
				column: code.column,
				message: `template code ${code.text.length > 60 ? `${code.text.slice(0, 57)}…` : code.text} is left in the page and would print as text; add a --rules rewrite for it, or edit the page`,
			});
		if (!isEnglish) continue; // a translation's problems are in its verdict above; its links and images are its source's
		const document = englishPages.find((english) => english.to === page.to)!.document!;
		for (const problem of [...document.problems, ...document.dropped, ...document.notices]) plan.findings.push(problem);
		for (const reference of document.assets) {
			const local = reference.value.split(/[?#]/)[0]!;
			if (variableDestination(reference.value) !== undefined || reportedImages.has(`${page.to}\0${reference.value}`)) continue;
			if (local.startsWith('/') && !local.startsWith('//')) {
				if (!isFileInside(root, `public${decodedPath(local) ?? local}`))
					plan.findings.push({
						file: page.to,
						line: reference.line,
						column: reference.column,
						message: options.publicFolder
							? `image ${reference.value} was not found in the old site's public folder (--public); add it there, or to ${contentDir}/${CONTENT_IMAGES}/ and point the page at it`
							: `image ${reference.value} is a root path of the old site; give its public folder with --public`,
					});
				continue;
			}
			if (!isRelativeFile(local) || local.startsWith('//')) continue;
			const target = path.posix.normalize(path.posix.join(path.posix.dirname(page.to), decodedPath(local) ?? local));
			if (!plan.copies.some((copy) => copy.to === target) && !isFileInside(root, target))
				plan.findings.push({
					file: page.to,
					line: reference.line,
					column: reference.column,
					message: `image ${reference.value} was not found in the folder; add it to ${contentDir}/${CONTENT_IMAGES}/`,
				});
		}
		const oldSite: OldSiteLinks = { importedPages, siteUrl: options.siteUrl, pageFile: englishPages.find((english) => english.to === page.to)!.relative };
		for (const link of document.links) {
			const resolved = resolveLink(link.value, siteTargets, oldSite);
			if (resolved.kind === 'dead')
				plan.findings.push({ file: page.to, line: link.line, column: link.column, message: `link to ${link.value} ${resolved.reason}` });
			if (resolved.kind === 'file' && !resolved.found)
				plan.findings.push({
					file: page.to,
					line: link.line,
					column: link.column,
					message: `file ${resolved.path} was not found${options.publicFolder ? " in the old site's public folder (--public)" : ''}; add it to public/`,
				});
		}
	}
	plan.findings.sort((a, b) => a.file.localeCompare(b.file) || (a.line ?? 0) - (b.line ?? 0));
	plan.files.sort((a, b) => a.file.localeCompare(b.file));
	return plan;
}

export const STATE_FILE = 'translation-state.json';

/** Writes the plan; on any failure removes what it wrote, so the project is as it was. */
export async function applyImport(plan: ImportPlan, root: string, progress: (line: string) => void = () => {}): Promise<void> {
	const written: string[] = [];
	const hasRecords = Object.keys(plan.translationRecords).length > 0;
	const stateBefore = hasRecords && isFileInside(root, STATE_FILE) ? await readInside(root, STATE_FILE) : undefined;
	try {
		const total = plan.pages.length + plan.copies.length;
		for (const [index, page] of plan.pages.entries()) {
			await writeInside(root, page.to, page.text, { exclusive: true });
			written.push(page.to);
			progress(`[${index + 1}/${total}] ${page.to}`);
		}
		for (const [index, copy] of plan.copies.entries()) {
			await copyInside({ root: copy.fromRoot, file: copy.from }, { root, file: copy.to }, { exclusive: true });
			written.push(copy.to);
			progress(`[${plan.pages.length + index + 1}/${total}] ${copy.to}`);
		}
		if (hasRecords) {
			const state = await readTranslationState(path.join(root, STATE_FILE));
			Object.assign(state.translations, plan.translationRecords);
			await writeInside(root, STATE_FILE, serializeTranslationState(state));
			progress(`${STATE_FILE}: ${Object.keys(plan.translationRecords).length} translation(s) recorded as current`);
		}
	} catch (error) {
		for (const file of written.reverse()) await removeInside(root, file);
		if (stateBefore) await writeInside(root, STATE_FILE, stateBefore);
		else if (hasRecords) await removeInside(root, STATE_FILE);
		throw error;
	}
}

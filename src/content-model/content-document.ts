/**
 * One source file, parsed once: its frontmatter (validated), its body rendered and sanitized, its headings
 * with their final ids, its sections hashed and keyed by those ids, its word count, the links, assets and
 * components it uses (with lines), and every problem found in it (file:line:col). The translation checks,
 * freshness and status, outdated markers, search, the link checker and the offline packer read this; none
 * of them reads or parses the file again.
 *
 * `parseContentDocument` is pure. Reading files, and caching documents by digest between builds, is
 * `document-set.ts`'s.
 */
import { sha256 } from './hash.ts';
import { parseFrontmatter } from '@astrojs/markdown-remark';
import type { Element, Root } from 'hast';
import { localizableLinks } from '../i18n/content-links.ts';
import { SOURCE_LOCALE } from '../i18n/locales.ts';
import { countWords } from '../i18n/reading-time.ts';
import { parseContentId } from '../i18n/routing.ts';
import {
	descriptionFrom,
	describeSchemaIssues,
	FRONTMATTER_KEYS,
	frontmatterLine,
	frontmatterTooLarge,
	MAX_FRONTMATTER_VALUES,
	sourceFrontmatterSchema,
	type SourceFrontmatter,
} from './frontmatter.ts';
import { MDX_RENDER_VERSION, MdxRenderError, renderContent, textOf, type ContentReference, type RenderedHeading } from './content-render.ts';
import { contentFormatOf, withoutContentExtension } from './content-format.ts';
import type { ContentProblem } from './problems.ts';
import { findMojibake } from './mojibake.ts';
import { templateCodeMessage, type VariableLookup, type VariableUse } from './content-variables.ts';
import { findTemplateCode } from './template-syntax.ts';
import { contentSegments, type ContentSegment } from './translation-segments.ts';

export type { ContentReference };

/** Bump when what a document holds changes; the renderer's (and so the allowlist's) version is part of it. */
export const CONTENT_DOCUMENT_VERSION = `7-${MDX_RENDER_VERSION}`;

export interface DocumentSection {
	/** The id of the heading that starts the section on the rendered page; '' for the text before the first heading. */
	id: string;
	/** The heading's text; '' for the text before the first heading. */
	heading: string;
	/** Hash of the section's source text (line endings and trailing spaces aside). */
	hash: string;
	/**
	 * The section's shape: its top-level blocks as rendered (`h2 p ul img`), however they were written (an
	 * image alone in a paragraph is `img`, as a raw `<img>` is). Two files whose sections have the same shapes
	 * line up section by section (`translation-checks.ts`).
	 */
	blocks?: string | undefined;
	/** The line of the file the section starts on (1 for the text before the first heading). */
	line?: number | undefined;
}

export interface ContentDocument {
	/** Relative to the project root, with forward slashes: `content/es-419/values.mdx` (or `.md`). */
	file: string;
	/** Relative to the content folder, without the extension: `es-419/values`. */
	id: string;
	/** The content folder's locale tag, as written (`pt-BR`). */
	localeFolder: string;
	slug: string;
	/**
	 * sha256 of the path, the text, `CONTENT_DOCUMENT_VERSION` and the values of the content variables the text
	 * uses: the document's cache key (problems name the file; an edited `variables.yml` renders its pages again).
	 */
	digest: string;
	/** sha256 of the text alone: what translation-state.json records a translation was made from. */
	sourceHash: string;
	/** As written in the file; undefined when it does not parse or is too large to walk. */
	frontmatter: Record<string, unknown> | undefined;
	/**
	 * The frontmatter validated, once, here: known keys only, strings trimmed, dates as dates. Undefined when it
	 * is not valid (the problems say why; such a file is never an entry). Entries are built from it
	 * (`entry-data.ts`) and not validated again.
	 */
	data: SourceFrontmatter | undefined;
	/** The line of each top-level frontmatter key, for messages (the YAML parser keeps no positions). */
	frontmatterLines: Record<string, number>;
	headings: RenderedHeading[];
	/** Section 0 is the text before the first heading, always present, so indices match section headings. */
	sections: DocumentSection[];
	/** Words in the body, counted for the file's language. */
	words: number;
	links: ContentReference[];
	/** The rendered tree's links that pages localize (`localizableLinks`): what a page's content key asks about links. */
	localizableLinks: string[];
	assets: ContentReference[];
	/** Video files the page plays (`../videos/<name>.webm`), as written. */
	videos: ContentReference[];
	components: ContentReference[];
	/** Content variables the page uses, in order (a translation must use the same ones). */
	variables: VariableUse[];
	/** Variables no locale along the chain defines, left out of the page: an error in English, a warning in a translation. */
	unknownVariables: ContentProblem[];
	/** Template code from an older system, left out of the page: an error in English for `npm run check`, a build warning. */
	templateCode: ContentProblem[];
	/** Markdown: the elements its raw HTML opens, in order (a translation must open the same). */
	htmlElements: ContentReference[];
	/** How many of each element the rendered body has (`{ p: 4, img: 1 }`), however each was written. */
	elementCounts: Record<string, number>;
	/** How many elements of the rendered page carry each class: a translation may not carry more of one than its source. */
	classes: Record<string, number>;
	/** Text that looks like markup but is printed as it is (`<a href="…”>`): a warning on a translation. */
	literalMarkup: ContentProblem[];
	/** What stops the file from being built (syntax, limits, frontmatter schema, components and props). */
	problems: ContentProblem[];
	/** What the allowlist removed: English builds without it (with a warning each), a translation falls back. */
	dropped: ContentProblem[];
	/** Warnings that do not stop the page: frontmatter keys Glossa does not know (they are ignored). */
	notices: ContentProblem[];
	/** The first paragraph's text, cut to a description's length: the description of a page that has none. */
	summary: string;
	/**
	 * The body's segments (paragraphs, headings, list items, table cells) in the order of `segmentElements`,
	 * null where one is empty: a translation's are compared with its source's (`translation-segments.ts`).
	 */
	segments: (ContentSegment | null)[];
	/** Whether the body rendered (its problems, if any, are in the frontmatter only). */
	rendered: boolean;
	/** The rendered, sanitized body, as parsed (a document set keeps it in a file: `DocumentSet.tree`). */
	tree?: Root | undefined;
}

export { sha256 };

/**
 * `variablesKey`: `VariableLookup.keyFor(text)`, the values of the variables the text uses ('' for none).
 * `classes`: the classes content stylesheets allow (`src/security/content-styles.ts`); a changed set renders again.
 */
export function documentDigest(file: string, text: string, variablesKey = '', classes: readonly string[] = []): string {
	const classesKey = classes.length > 0 ? `\u0000classes:${classes.join(' ')}` : '';
	return sha256(`${CONTENT_DOCUMENT_VERSION}\u0000${file}\u0000${text}${variablesKey ? `\u0000${variablesKey}` : ''}${classesKey}`);
}

export interface ParseOptions {
	/** The values of the page's locale; without them variables are left out of the page, unreported. */
	variables?: VariableLookup | undefined;
	/** Classes allowed in content because a content stylesheet defines them. */
	classes?: readonly string[] | undefined;
}

/** Line endings and trailing spaces do not make a change. */
function normalize(text: string): string {
	return (
		text
			.replace(/\r\n?/g, '\n')
			// From the start of a run only: `[ \t]+$` alone tried every start in a long run of spaces (quadratic).
			.replace(/(?<![ \t])[ \t]+$/gm, '')
			.trim()
	);
}

function yamlErrorLine(error: unknown): number | undefined {
	const mark = (error as { mark?: { line?: number } }).mark;
	// js-yaml counts from 0 inside the block, which starts on the line after the opening `---`.
	return typeof mark?.line === 'number' ? mark.line + 2 : undefined;
}

/**
 * Where a parse error points: js-yaml's mark for frontmatter, Sätteri's `line:column: reason` prefix for
 * MDX. The problem names the file and, when known, the line.
 */
export function parseErrorProblem(file: string, error: unknown): ContentProblem {
	const line = yamlErrorLine(error);
	if (line !== undefined) {
		const reason = (error as { reason?: string }).reason ?? (error as Error).message.split('\n')[0];
		return { file, line, message: `frontmatter is not valid YAML: ${reason}` };
	}
	const message = (error as Error).message ?? String(error);
	const match = /^(\d+):(\d+):\s*([\s\S]*)$/.exec(message);
	return match
		? { file, line: Number(match[1]), column: Number(match[2]), message: `MDX does not compile: ${match[3]}` }
		: { file, message: `MDX does not compile: ${message}` };
}

/**
 * Every element of the tree counted by name, and by each class it carries, in one walk (a plain recursion:
 * it runs for every document the sync parses).
 */
function countElements(tree: Root): { elements: Record<string, number>; classes: Record<string, number> } {
	const elements: Record<string, number> = {};
	const classes: Record<string, number> = {};
	const walk = (node: Root | Element) => {
		for (const child of node.children) {
			if (child.type !== 'element') continue;
			elements[child.tagName] = (elements[child.tagName] ?? 0) + 1;
			const names = child.properties['className'];
			if (Array.isArray(names)) for (const name of new Set(names.map(String))) classes[name] = (classes[name] ?? 0) + 1;
			walk(child);
		}
	};
	walk(tree);
	return { elements, classes };
}

/** A top-level block's kind: its element's name, `img` for a paragraph that holds only images. */
function blockKind(element: Element): string {
	if (element.tagName !== 'p') return element.tagName;
	const onlyImages = element.children.every(
		(child) => (child.type === 'element' && child.tagName === 'img') || (child.type === 'text' && child.value.trim() === ''),
	);
	return onlyImages && element.children.some((child) => child.type === 'element') ? 'img' : 'p';
}

/** Each section's top-level blocks (`sectionIds`: the ids of the headings that start sections 1…n). */
function sectionBlocks(tree: Root, sectionIds: readonly string[]): string[] {
	const starts = new Set(sectionIds);
	const sections: string[][] = [[]];
	for (const child of tree.children) {
		if (child.type !== 'element') continue;
		if (/^h[1-3]$/.test(child.tagName) && typeof child.properties['id'] === 'string' && starts.has(child.properties['id'])) sections.push([]);
		sections.at(-1)!.push(blockKind(child));
	}
	return sections.map((kinds) => kinds.join(' '));
}

/** Frontmatter a reader sees as text: template code in it is left out and reported. */
export const TEMPLATE_CODE_KEYS = ['title', 'description', 'navLabel'] as const;

type ParseListener = (file: string) => void;
const parseListeners = new Set<ParseListener>();

/**
 * Calls `listener` with the file each time a source file is parsed, in this process (tests count parses
 * with it). `GLOSSA_TRACE_DOCUMENTS=<file>` appends the same events to a file, for builds run as a command.
 */
export function onDocumentParse(listener: ParseListener): () => void {
	parseListeners.add(listener);
	return () => parseListeners.delete(listener);
}

export function notifyParse(file: string): void {
	for (const listener of parseListeners) listener(file);
}

/**
 * Parses one content file. `file` is its path relative to the project root (`content/en/values.mdx`) and
 * names it in problems; its locale and slug come from the path below `contentDir`.
 */
export function parseContentDocument(file: string, text: string, contentDir = 'content', options: ParseOptions = {}): ContentDocument {
	notifyParse(file);
	const id = withoutContentExtension(file.slice(contentDir.length + 1));
	const { localeFolder, slug } = parseContentId(id);
	const document: ContentDocument = {
		file,
		id,
		localeFolder,
		slug,
		digest: documentDigest(file, text, options.variables?.keyFor(text), options.classes),
		sourceHash: sha256(text),
		frontmatter: undefined,
		data: undefined,
		frontmatterLines: {},
		headings: [],
		sections: [{ id: '', heading: '', hash: sha256(normalize(text)) }],
		words: 0,
		links: [],
		localizableLinks: [],
		assets: [],
		videos: [],
		components: [],
		variables: [],
		unknownVariables: [],
		templateCode: [],
		htmlElements: [],
		elementCounts: {},
		classes: {},
		literalMarkup: [],
		problems: [],
		dropped: [],
		notices: [],
		summary: '',
		segments: [],
		rendered: false,
	};
	for (const { found, intended, line, column } of findMojibake(text)) {
		document.notices.push({
			file,
			line,
			column,
			message: `"${found}" looks like UTF-8 text that was read as Windows-1252 (mojibake); it was most likely "${intended}"`,
		});
	}
	let body: string;
	try {
		// Blanking the frontmatter (rather than cutting it) keeps the body's line numbers those of the file.
		const parsed = parseFrontmatter(text, { frontmatter: 'empty-with-spaces' });
		body = parsed.content;
		if (frontmatterTooLarge(parsed.frontmatter)) {
			document.problems.push({ file, line: 1, message: `frontmatter holds more than ${MAX_FRONTMATTER_VALUES} values (YAML aliases that repeat themselves?)` });
		} else {
			document.frontmatter = parsed.frontmatter;
			for (const key of Object.keys(parsed.frontmatter)) {
				const line = frontmatterLine(text, key);
				if (line !== undefined) document.frontmatterLines[key] = line;
			}
			for (const key of Object.keys(parsed.frontmatter)) {
				if (FRONTMATTER_KEYS.includes(key)) continue;
				document.notices.push({
					file,
					line: document.frontmatterLines[key] ?? 1,
					message: `unknown frontmatter key \`${key}\`: ignored; declare it in src/content-model/frontmatter.ts to use it`,
				});
			}
			// A title that is template code (`title: <%= t('join') %>`) is reported like the body's; the entry
			// is built without it (entry-data.ts).
			for (const key of TEMPLATE_CODE_KEYS) {
				const value = parsed.frontmatter[key];
				if (typeof value !== 'string') continue;
				for (const token of findTemplateCode(value))
					document.templateCode.push({ file, line: document.frontmatterLines[key] ?? 1, message: `${key}: ${templateCodeMessage(token)}` });
			}
			const schema = sourceFrontmatterSchema.safeParse(parsed.frontmatter);
			if (schema.success) document.data = schema.data;
			else {
				for (const [index, issue] of describeSchemaIssues(schema.error, parsed.frontmatter).entries()) {
					const key = String(schema.error.issues[index]?.path[0] ?? '');
					document.problems.push({ file, line: document.frontmatterLines[key] ?? 1, message: `frontmatter ${issue}` });
				}
			}
		}
	} catch (error) {
		document.problems.push(parseErrorProblem(file, error));
		document.words = countWords(text, localeFolder);
		return document;
	}
	document.words = countWords(body, localeFolder);
	try {
		const rendered = renderContent(file, body, contentFormatOf(file) ?? 'mdx', { variables: options.variables, classes: options.classes });
		document.tree = rendered.tree;
		document.rendered = true;
		document.headings = rendered.headings;
		document.dropped = rendered.dropped;
		document.links = rendered.links;
		document.localizableLinks = localizableLinks(rendered.tree);
		document.assets = rendered.assets;
		document.videos = rendered.videos;
		document.components = rendered.components;
		document.htmlElements = rendered.htmlElements;
		document.literalMarkup = rendered.literalMarkup;
		const counts = countElements(rendered.tree);
		document.elementCounts = counts.elements;
		document.classes = counts.classes;
		document.variables = rendered.variables;
		document.unknownVariables = rendered.unknownVariables;
		document.templateCode.push(...rendered.templateCode);
		const paragraph = rendered.tree.children.find((child): child is Element => child.type === 'element' && child.tagName === 'p');
		document.summary = paragraph ? descriptionFrom(textOf(paragraph)) : '';
		document.segments = contentSegments(rendered.tree, { words: localeFolder === SOURCE_LOCALE });
		const starts = [{ id: '', text: '', offset: 0 }, ...rendered.sectionStarts];
		const blocks = sectionBlocks(
			rendered.tree,
			rendered.sectionStarts.map((start) => start.id),
		);
		document.sections = starts.map((start, index) => ({
			id: start.id,
			heading: start.text,
			hash: sha256(normalize(body.slice(start.offset, starts[index + 1]?.offset ?? body.length))),
			blocks: blocks[index] ?? '',
			line: index === 0 ? 1 : body.slice(0, start.offset).split('\n').length,
		}));
	} catch (error) {
		document.problems.push(...(error instanceof MdxRenderError ? error.problems : [parseErrorProblem(file, error)]));
	}
	return document;
}

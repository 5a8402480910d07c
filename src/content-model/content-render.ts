/**
 * Renders a page body to HTML once, when the content is synced: Sätteri (Rust) parses it with GFM, and the
 * tree goes through the content allowlist (`src/security/content-allowlist.ts`) before it is stored with the
 * entry. Pages then transform that tree (links, footnotes, outdated markers) and serialise it once, so no
 * MDX module is compiled or bundled per entry.
 *
 * - MDX: the components in `mdx-components.ts` become plain elements. Content is data here, not code:
 *   imports and JavaScript expressions are refused with the file and line (an MDX comment, `{/* … *\/}`,
 *   is allowed).
 * - Markdown (`.md`, pages brought from elsewhere): raw HTML is parsed as HTML, the way a browser would
 *   (`hast-util-raw`, parse5), so `<img>` and `<br>` need no slash and a `<div>` may wrap Markdown; then
 *   the same allowlist judges it. HTML comments are authors' notes and are left out silently.
 */
import GithubSlugger from 'github-slugger';
import type { Element, ElementContent, Properties, Root, RootContent } from 'hast';
import { toHtml } from 'hast-util-to-html';
import { find, html as htmlSchema } from 'property-information';
import { raw } from 'hast-util-raw';
import { Parser } from 'htmlparser2';
import { markdownToHast, mdxToHast } from 'satteri';
import { visit } from 'unist-util-visit';
import { VFile } from 'vfile';
import { CONTENT_SCHEMA_DIGEST, findDisallowed, sanitizeContent, withLowerCaseSchemes } from '../security/content-allowlist.ts';
import { isMdxComponentName, MDX_COMPONENT_NAMES, renderMdxComponent } from './mdx-components.ts';
import { MAX_CONTENT_DEPTH } from './content-limits.ts';
import { inputLimitProblems } from './input-limits.ts';
import { formatProblem, type ContentProblem } from './problems.ts';
import type { ContentFormat } from './content-format.ts';
import { readVideoPlaceholder, videoFromUrl, videoPlaceholder, watchUrl, type VideoDescription } from './content-videos.ts';
import { applyTemplateSyntax, prepareDestinations, unknownVariableMessage, type VariableLookup, type VariableUse } from './content-variables.ts';

export { MAX_CONTENT_DEPTH };

export interface RenderedHeading {
	depth: number;
	slug: string;
	text: string;
}

/** Something a page refers to, with where the file says it. */
export interface ContentReference {
	/** A URL (links, images) or a component's name. */
	value: string;
	/** The content variable the URL came from: its value may differ per locale. */
	variable?: string | undefined;
	line?: number | undefined;
	column?: number | undefined;
}

/** A heading that starts a section (h1 to h3 at the top level of the body), with where it starts in the body. */
export interface SectionStart {
	id: string;
	text: string;
	offset: number;
}

export interface RenderedMdx {
	/** The page body as the site publishes it: sanitized, without positions. */
	tree: Root;
	/** The tree as HTML, serialised on demand (for checks and tests). */
	readonly html: string;
	headings: RenderedHeading[];
	/** What the allowlist removed, one problem per element or attribute (a translation with any falls back). */
	dropped: ContentProblem[];
	/** The section headings, in order, with the ids they have in `tree`. */
	sectionStarts: SectionStart[];
	/** Components used, in document order (a name may repeat). */
	components: ContentReference[];
	/** Link targets: Markdown links and URL attributes of elements and components. */
	links: ContentReference[];
	/** Content variables the page uses (`{{ urls/learn }}`, `<Var name="urls/learn" />`), in order. */
	variables: VariableUse[];
	/** Variables no locale along the chain defines: left out of the page (an error in English, a warning in a translation). */
	unknownVariables: ContentProblem[];
	/** Template code (`<% %>`, `{% %}`, `{{ }}` with code) taken out of the page. */
	templateCode: ContentProblem[];
	/** Images and media the page loads. */
	assets: ContentReference[];
	/** Video files (`../videos/<name>.webm`) the page plays, as written (`content-videos.ts`). */
	videos: ContentReference[];
	/**
	 * Markdown: the elements its raw HTML opens, as written and in order (`div`, `img`, `br`, …). A
	 * translation must open the same ones: translators change text, not markup.
	 */
	htmlElements: ContentReference[];
	/** Text that looks like an HTML tag or Markdown link syntax but is printed as it is (`<a href="…”>`, `[x] (y)`). */
	literalMarkup: ContentProblem[];
}

/**
 * Bump when the HTML this module produces changes, so content stored by an earlier build is rendered again.
 * The allowlist's own digest is part of it, so a schema change needs no bump.
 */
export const MDX_RENDER_VERSION = `9-${CONTENT_SCHEMA_DIGEST}`;

/** GFM writes table alignment as inline style, which content may not carry; the stylesheet has these classes. */
const ALIGNMENT_CLASSES: Record<string, string> = {
	'text-align: left': 'align-left',
	'text-align: center': 'align-center',
	'text-align: right': 'align-right',
};

export class MdxRenderError extends Error {
	readonly problems: ContentProblem[];

	constructor(problems: ContentProblem[]) {
		super(problems.map(formatProblem).join('\n'));
		this.name = 'MdxRenderError';
		this.problems = problems;
	}
}

interface MdxJsxAttribute {
	type: 'mdxJsxAttribute' | 'mdxJsxExpressionAttribute';
	name?: string;
	value?: string | null | { type: string; value: string };
}

interface MdxNode {
	type: string;
	name?: string | null;
	value?: string;
	attributes?: MdxJsxAttribute[];
	children?: MdxNode[];
	position?: { start: { line: number; column: number } };
}

// A block comment's body cannot hold `*/`, as in JavaScript: with a lazy `[\s\S]*?` body the expression could
// split `/**//**/…` in exponentially many ways (113 characters took 0.3 s, each 4 more twice as long).
const ONLY_COMMENTS = /^(?:\s|\/\*(?:[^*]|\*(?!\/))*\*\/|\/\/[^\n]*(?:\n|$))*$/;

/** Whether an MDX expression is only comments (`{/* a note for translators *\/}`), which content may have. */
export function isMdxComment(expression: string): boolean {
	return ONLY_COMMENTS.test(expression);
}

/** `{640}`, `{true}`, `{"text"}`: the literals a prop may be written as. Anything else is code. */
function literal(expression: string): string | number | boolean | undefined {
	const trimmed = expression.trim();
	if (/^-?\d+(?:\.\d+)?$/.test(trimmed)) return Number(trimmed);
	if (trimmed === 'true' || trimmed === 'false') return trimmed === 'true';
	if (/^"(?:[^"\\]|\\.)*"$/.test(trimmed)) return JSON.parse(trimmed) as string;
	if (/^'(?:[^'\\]|\\.)*'$/.test(trimmed)) return trimmed.slice(1, -1).replace(/\\(.)/g, '$1');
	return undefined;
}

/** An element's text, as a reader sees it (tags aside). */
export function textOf(node: ElementContent | Element): string {
	if (node.type === 'text') return node.value;
	if (node.type === 'element') return node.children.map(textOf).join('');
	return '';
}

function classNames(element: Element): string[] {
	const value: unknown = element.properties['className'];
	return Array.isArray(value) ? value.map(String) : typeof value === 'string' ? value.split(/\s+/) : [];
}

/** A GFM task-list checkbox is named by its item's own text (not by a list nested in the item). */
function labelTaskCheckbox(item: Element): void {
	const checkbox = item.children.find((child): child is Element => child.type === 'element' && child.tagName === 'input');
	if (!checkbox) return;
	const text = item.children
		.filter((child) => child !== checkbox && !(child.type === 'element' && (child.tagName === 'ul' || child.tagName === 'ol')))
		.map((child) => (child.type === 'element' || child.type === 'text' ? textOf(child) : ''))
		.join('')
		.replace(/\s+/g, ' ')
		.trim();
	if (text) checkbox.properties['ariaLabel'] = text;
}

/** Attributes whose value is a link target (what a translation may not change; what the link checker follows). */
const LINK_ATTRIBUTES = new Set(['href', 'action', 'formaction', 'cite', 'xlinkHref', 'ping']);
/** Attributes whose value is a file the page loads. */
const ASSET_ATTRIBUTES = new Set(['src', 'srcset', 'poster', 'data', 'background']);

class Renderer {
	readonly problems: ContentProblem[] = [];
	readonly headings: RenderedHeading[] = [];
	readonly components: ContentReference[] = [];
	readonly links: ContentReference[] = [];
	readonly assets: ContentReference[] = [];
	readonly videos: ContentReference[] = [];
	readonly variables: VariableUse[] = [];
	readonly unknownVariables: ContentProblem[] = [];
	private readonly slugger = new GithubSlugger();
	private readonly file: string;
	private readonly lookup: VariableLookup | undefined;

	constructor(file: string, lookup?: VariableLookup) {
		this.file = file;
		this.lookup = lookup;
	}

	/** A variable a component asks for (`<Var name="…" />`): its value, or undefined (reported) when unknown. */
	private variable(node: MdxNode, name: string): string | undefined {
		const where = { line: node.position?.start.line, column: node.position?.start.column };
		this.variables.push({ name, ...where });
		const resolved = this.lookup?.resolve(name);
		if (!resolved && this.lookup) this.unknownVariables.push({ file: this.file, ...where, message: unknownVariableMessage(name, this.lookup) });
		return resolved?.value;
	}

	private depth = 0;
	private tooDeep = false;

	private problem(node: MdxNode, message: string) {
		this.problems.push({ file: this.file, line: node.position?.start.line, column: node.position?.start.column, message });
	}

	private reference(into: ContentReference[], value: string, node: { position?: MdxNode['position'] | undefined }) {
		into.push({ value, line: node.position?.start.line, column: node.position?.start.column });
	}

	/** URL-valued props, whatever they are written on (an element, a component): hast property names. */
	private references(properties: Record<string, unknown>, node: MdxNode | Element) {
		for (const [key, value] of Object.entries(properties)) {
			if (typeof value !== 'string') continue;
			const property = find(htmlSchema, key).property;
			if (LINK_ATTRIBUTES.has(property)) this.reference(this.links, value, node);
			else if (ASSET_ATTRIBUTES.has(property)) this.reference(this.assets, value, node);
		}
	}

	/**
	 * A video's references: its host's address as a link (a translation may not point it elsewhere), its file
	 * as a video and its poster as an image, each with where the file says it.
	 */
	private videoReferences(video: VideoDescription, node: MdxNode | Element) {
		const hosted = video.youtube ? watchUrl('youtube', video.youtube) : video.vimeo ? watchUrl('vimeo', video.vimeo) : undefined;
		if (hosted) this.reference(this.links, hosted, node);
		if (video.file) this.reference(this.videos, video.file, node);
		if (video.poster) this.reference(this.assets, video.poster, node);
	}

	/**
	 * Markdown's video forms (a YouTube or Vimeo `<iframe>`, `<video src>` or `<video><source src>`) as the
	 * video placeholder; undefined for any other element (another host's iframe stays, for the allowlist to drop).
	 */
	private markdownVideo(element: Element): Element | undefined {
		const text = (name: string) => (typeof element.properties[name] === 'string' ? (element.properties[name] as string) : undefined);
		const title = text('title')?.trim() || undefined;
		if (element.tagName === 'iframe') {
			const hosted = videoFromUrl(text('src') ?? '');
			if (!hosted) return undefined;
			return videoPlaceholder({ title, [hosted.host]: hosted.id });
		}
		if (element.tagName !== 'video') return undefined;
		const source = element.children.find((child): child is Element => child.type === 'element' && child.tagName === 'source');
		const file = text('src') ?? (typeof source?.properties['src'] === 'string' ? source.properties['src'] : undefined);
		if (!file) return undefined;
		return videoPlaceholder({ title, file, poster: text('poster') });
	}

	children(nodes: MdxNode[] = [], parent?: MdxNode): ElementContent[] {
		if (this.depth >= MAX_CONTENT_DEPTH) {
			if (!this.tooDeep && parent) this.problem(parent, `content is nested more than ${MAX_CONTENT_DEPTH} levels deep here`);
			this.tooDeep = true;
			return [];
		}
		this.depth++;
		try {
			return nodes.flatMap((node) => this.node(node));
		} finally {
			this.depth--;
		}
	}

	private props(node: MdxNode): Record<string, string | number | boolean> | undefined {
		const props: Record<string, string | number | boolean> = {};
		for (const attribute of node.attributes ?? []) {
			if (attribute.type === 'mdxJsxExpressionAttribute' || !attribute.name) {
				this.problem(node, `<${node.name}> spreads props from a JavaScript expression; write each prop out`);
				return undefined;
			}
			const { value } = attribute;
			if (value === null || value === undefined) props[attribute.name] = true;
			else if (typeof value === 'string') props[attribute.name] = value;
			else {
				const parsed = literal(value.value);
				if (parsed === undefined) {
					this.problem(
						node,
						`<${node.name}> ${attribute.name}={${value.value.trim().slice(0, 40)}} is a JavaScript expression; content may only use literal values`,
					);
					return undefined;
				}
				props[attribute.name] = parsed;
			}
		}
		return props;
	}

	private jsxElement(node: MdxNode): ElementContent[] {
		const name = node.name;
		if (!name) return this.children(node.children, node);
		if (/^[A-Z]/.test(name) || name.includes('.')) {
			this.reference(this.components, name, node);
			if (!isMdxComponentName(name)) {
				this.problem(node, `<${name}> is not a component content may use (known: ${MDX_COMPONENT_NAMES.join(', ')})`);
				return [];
			}
			const props = this.props(node);
			if (!props) return [];
			if (name === 'Video') {
				const text = (key: string) => (typeof props[key] === 'string' ? props[key] : undefined);
				this.videoReferences({ youtube: text('youtube'), vimeo: text('vimeo'), file: text('file'), poster: text('poster') }, node);
			} else this.references(props, node);
			const rendered = renderMdxComponent(name, props, this.children(node.children, node), { variable: (variable) => this.variable(node, variable) });
			if ('problems' in rendered) {
				for (const message of rendered.problems) this.problem(node, message);
				return [];
			}
			// `<VarLink>`'s target is a variable's value: a link like any other, whose value may differ per locale.
			if (name === 'VarLink' && rendered.element.type === 'element' && typeof rendered.element.properties['href'] === 'string')
				this.links.push({
					value: rendered.element.properties['href'],
					variable: String(props['name']),
					line: node.position?.start.line,
					column: node.position?.start.column,
				});
			return [rendered.element];
		}
		const props = this.props(node);
		if (!props) return [];
		this.references(props, node);
		// Attributes become hast properties (`class` and `className` alike), which the allowlist then judges.
		const properties: Properties = {};
		for (const [key, value] of Object.entries(props)) {
			const property = find(htmlSchema, key).property;
			// Each class is judged on its own, as the browser reads the list.
			properties[property] = property === 'className' && typeof value === 'string' ? value.split(/\s+/).filter(Boolean) : value;
		}
		const element: Element = { type: 'element', tagName: name.toLowerCase(), properties, children: this.children(node.children, node) };
		if (node.position) element.position = { start: { ...node.position.start }, end: { ...node.position.start } };
		return [element];
	}

	node(node: MdxNode): ElementContent[] {
		switch (node.type) {
			case 'mdxJsxFlowElement':
			case 'mdxJsxTextElement':
				return this.jsxElement(node);
			case 'mdxFlowExpression':
			case 'mdxTextExpression':
				if (!isMdxComment(node.value ?? ''))
					this.problem(node, `JavaScript expression {${(node.value ?? '').trim().slice(0, 40)}} is not supported in content`);
				return [];
			case 'mdxjsEsm':
				this.problem(
					node,
					`import/export "${(node.value ?? '').trim().split('\n')[0]!.slice(0, 60)}" is not supported in content (components are available without importing: ${MDX_COMPONENT_NAMES.join(', ')})`,
				);
				return [];
			case 'element': {
				const element = node as unknown as Element;
				const video = this.markdownVideo(element);
				if (video) {
					const described = readVideoPlaceholder(video);
					if (described) this.videoReferences(described, element);
					if (element.position) video.position = element.position;
					return [video];
				}
				this.references(element.properties, element);
				element.children = this.children(node.children, node);
				const alignment = (element.tagName === 'th' || element.tagName === 'td') && ALIGNMENT_CLASSES[String(element.properties['style'])];
				if (alignment) {
					delete element.properties['style'];
					element.properties['className'] = [alignment];
				}
				if (element.tagName === 'li' && classNames(element).includes('task-list-item')) labelTaskCheckbox(element);
				if (/^h[1-6]$/.test(element.tagName)) {
					const text = textOf(element);
					if (!element.properties.id) element.properties.id = this.slugger.slug(text);
					this.headings.push({ depth: Number(element.tagName[1]), slug: String(element.properties.id), text });
				}
				return [element];
			}
			default:
				return [node as unknown as ElementContent];
		}
	}
}

/** Where `offset` (in `value`, which starts at `start`) is in the file. */
function positionIn(value: string, offset: number, start: { line: number; column: number }): { line: number; column: number } {
	const before = value.slice(0, offset);
	const newlines = before.split('\n').length - 1;
	return newlines === 0 ? { line: start.line, column: start.column + offset } : { line: start.line + newlines, column: offset - before.lastIndexOf('\n') };
}

/** The elements raw HTML nodes open, as written, with where each tag starts. */
function rawHtmlElements(node: MdxNode, into: ContentReference[] = []): ContentReference[] {
	if (node.type === 'raw' && node.value && node.position) {
		const start = node.position.start;
		const value = node.value;
		const parser: Parser = new Parser(
			{ onopentagname: (name) => into.push({ value: name.toLowerCase(), ...positionIn(value, parser.startIndex, start) }) },
			{ decodeEntities: true },
		);
		parser.end(value);
	}
	for (const child of node.children ?? []) rawHtmlElements(child, into);
	return into;
}

function withoutComments(node: MdxNode): MdxNode {
	if (node.children) node.children = node.children.filter((child) => child.type !== 'comment').map(withoutComments);
	return node;
}

/**
 * A Markdown code block, held out of `raw`: parse5 drops a line feed at the start of a `<pre>`'s code when
 * hast-util-raw replays the tree to it (a browser keeps it, and so does MDX), so a fenced block's leading
 * blank line would be lost. A code block holds only text, so nothing in it needs parsing as HTML.
 */
const CODE_BLOCK_PASSING_RAW = 'glossaCodeBlock';

/** The code block rides in `data`: hast-util-raw parses the children of a node it passes through. */
interface HeldCodeBlock extends MdxNode {
	data: { codeBlock: MdxNode };
}

function holdCodeBlocks(node: MdxNode): MdxNode {
	if (node.type === 'element' && (node as unknown as Element).tagName === 'pre')
		return { type: CODE_BLOCK_PASSING_RAW, data: { codeBlock: node } } as HeldCodeBlock;
	if (node.children) node.children = node.children.map(holdCodeBlocks);
	return node;
}

function releaseCodeBlocks(node: MdxNode): MdxNode {
	if (node.children)
		node.children = node.children.map((child) => (child.type === CODE_BLOCK_PASSING_RAW ? (child as HeldCodeBlock).data.codeBlock : releaseCodeBlocks(child)));
	return node;
}

/** Parses the body into hast with positions: MDX as MDX, Markdown with its raw HTML parsed as HTML. */
function parseBody(body: string, format: ContentFormat): { tree: MdxNode; htmlElements: ContentReference[] } {
	// GFM is on (tables, task lists, footnotes, strikethrough, autolinks). Smart punctuation is off: it would
	// give every language English curly quotes (wrong for « », „ “, 「 」). Positions say where a problem is
	// and where each section starts; the stored tree drops them.
	const options = { position: true, features: { smartPunctuation: false } };
	if (format === 'mdx') return { tree: mdxToHast(body, options) as unknown as MdxNode, htmlElements: [] };
	const markdown = markdownToHast(prepareDestinations(body), options) as unknown as MdxNode;
	const htmlElements = rawHtmlElements(markdown);
	// The file lets parse5 give the elements it builds from raw HTML their positions in the file.
	const parsed = raw(holdCodeBlocks(markdown) as unknown as Root, {
		file: new VFile({ value: body }),
		passThrough: [CODE_BLOCK_PASSING_RAW],
	}) as unknown as MdxNode;
	return { tree: withoutComments(releaseCodeBlocks(parsed)), htmlElements };
}

function renderTree(file: string, body: string, format: ContentFormat, lookup: VariableLookup | undefined) {
	const { tree, htmlElements } = parseBody(body, format);
	// Variables and template code are tokens of the old system's text: Markdown pages only (in MDX, braces are
	// expressions, refused below, and `<Var>` is the way).
	const template = format === 'md' ? applyTemplateSyntax(tree as unknown as Root, file, lookup) : undefined;
	const renderer = new Renderer(file, lookup);
	const root: Root = { type: 'root', children: renderer.children(tree.children, tree) as RootContent[] };
	if (template) {
		for (const reference of [...renderer.links, ...renderer.assets]) {
			const variable = template.variableUrls.get(reference.value);
			if (variable !== undefined) reference.variable = variable;
		}
	}
	return { renderer, root, htmlElements, template };
}

/** Text in these elements is code: markup in it is meant to be read as it is. */
const CODE_ELEMENTS = new Set(['code', 'pre', 'kbd', 'samp']);
/** An HTML start or end tag, as text: `<a href=`, `<img src=`, `</a>`, `<br>`. */
const TAG_AS_TEXT = /<\/?([a-z][a-z\d]*)(?:\s+[a-z][\w:-]*\s*=|\s*\/?>)/i;
/** Markdown link or image syntax, as text: `](`, or `] (/` and `] (http` (a space Crowdin or a translator put in). */
const LINK_AS_TEXT = /\]\(|\]\s+\((?:\/|\.\.?\/|https?:)/;
const CURLY_QUOTES = /[\u201c\u201d\u201e\u00ab\u00bb\u2018\u2019]/;

/** What a text that looks like markup is, and how to fix it. */
function literalMarkupMessage(text: string, match: RegExpExecArray, kind: 'tag' | 'link'): string {
	const run = text.replace(/\s+/g, ' ').trim();
	const at = Math.max(0, run.indexOf(match[0]));
	const excerpt = run.length <= 80 ? run : `${at > 20 ? '…' : ''}${run.slice(Math.max(0, at - 20), at + 60)}…`;
	if (kind === 'link')
		return `"${excerpt}" looks like Markdown link syntax but is printed as text; write it as [text](target), with nothing between ] and ( and both brackets closed, as in the English source`;
	const tag = text.slice(match.index, match.index + 80);
	const quote = CURLY_QUOTES.exec(tag);
	const hint = quote
		? `: the curly quote ${quote[0]} does not close an attribute; use straight quotes (")`
		: ': its quotes or brackets are not closed as HTML needs them';
	return `"${excerpt}" looks like an HTML <${match[1]!.toLowerCase()}> tag but is printed as text${hint}; write the markup as in the English source`;
}

/**
 * Text a reader would see as markup: a tag or link the parser did not take as one (a curly quote closing an
 * attribute, a space between `]` and `(`). Found on the parsed tree's text (consecutive text nodes read as
 * one run, code left alone), never on the file's text, so markup that works is never reported.
 */
export function findLiteralMarkup(file: string, tree: Root): ContentProblem[] {
	const found: ContentProblem[] = [];
	const seen = new Set<string>();
	visit(tree, (node) => {
		if (node.type !== 'element' && node.type !== 'root') return undefined;
		if (node.type === 'element' && CODE_ELEMENTS.has(node.tagName)) return 'skip';
		let run: { text: string; start: RootContent | undefined } = { text: '', start: undefined };
		const flush = () => {
			const tag = TAG_AS_TEXT.exec(run.text);
			const link = tag ? undefined : LINK_AS_TEXT.exec(run.text);
			const match = tag ?? link;
			if (match) {
				const position = run.start?.position?.start;
				const problem = { file, line: position?.line, column: position?.column, message: literalMarkupMessage(run.text, match, tag ? 'tag' : 'link') };
				const key = `${problem.line}:${problem.message}`;
				if (!seen.has(key)) found.push(problem);
				seen.add(key);
			}
			run = { text: '', start: undefined };
		};
		for (const child of node.children) {
			if (child.type === 'text') {
				run.start ??= child;
				run.text += child.value;
			} else flush();
		}
		flush();
		return undefined;
	});
	return found;
}

/**
 * Positions are for messages; the stored tree leaves them out (a generic visitor costs a tenth of the sync
 * here). A class list the allowlist emptied goes too, so no `class=""` is written.
 */
function withoutPositions(node: Root | RootContent): void {
	delete node.position;
	if (node.type === 'element' && Array.isArray(node.properties['className']) && node.properties['className'].length === 0) delete node.properties['className'];
	if ('children' in node) for (const child of node.children) withoutPositions(child);
}

function sameValue(a: unknown, b: unknown): boolean {
	if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((item, index) => item === b[index]);
	return a === b;
}

/** Whether the sanitizer kept everything: the same nodes, names, values and attributes (checked without serialising). */
function sameTree(kept: RootContent | Root, original: RootContent | Root): boolean {
	if (kept.type !== original.type) return false;
	if ('value' in kept && 'value' in original && kept.value !== original.value) return false;
	if (kept.type === 'element' && original.type === 'element') {
		if (kept.tagName !== original.tagName) return false;
		// The sanitizer lower-cases URL schemes (`MAILTO:`): that is not a loss.
		const properties = withLowerCaseSchemes(original.properties);
		const keys = Object.keys(properties).filter((key) => properties[key] !== undefined);
		if (keys.length !== Object.keys(kept.properties).length || !keys.every((key) => sameValue(kept.properties[key], properties[key]))) return false;
	}
	const keptChildren = 'children' in kept ? kept.children : [];
	const originalChildren = 'children' in original ? original.children : [];
	return keptChildren.length === originalChildren.length && keptChildren.every((child, index) => sameTree(child, originalChildren[index]!));
}

/**
 * Renders `body` (the file's text with its frontmatter blanked, so lines match the file) to HTML, as MDX
 * or as Markdown. Throws `MdxRenderError` with every problem that stops the page (code, unknown components,
 * bad props), or Sätteri's parse error with its position. What the allowlist drops is returned in `dropped`.
 */
export function renderContent(file: string, body: string, format: ContentFormat, options: RenderOptions = {}): RenderedMdx {
	const limits = inputLimitProblems(body);
	if (limits.length > 0) throw new MdxRenderError(limits.map((problem) => ({ file, ...problem })));
	const { renderer, root, htmlElements, template } = renderTree(file, body, format, options.variables);
	if (renderer.problems.length > 0) throw new MdxRenderError(renderer.problems);
	const sectionStarts = root.children.flatMap((child): SectionStart[] =>
		child.type === 'element' && /^h[1-3]$/.test(child.tagName) && child.position?.start.offset !== undefined && typeof child.properties.id === 'string'
			? [{ id: child.properties.id, text: textOf(child), offset: child.position.start.offset }]
			: [],
	);
	const literalMarkup = findLiteralMarkup(file, root);
	const tree = sanitizeContent(root, options.classes);
	const dropped = sameTree(tree, root)
		? []
		: findDisallowed(root, options.classes).map((finding) => ({ file, line: finding.line, column: finding.column, message: finding.message }));
	withoutPositions(tree);
	// Serialised only when asked for: the build serialises each page's own copy of the tree instead.
	return {
		tree,
		get html() {
			return toHtml(tree);
		},
		headings: renderer.headings,
		dropped,
		sectionStarts,
		components: renderer.components,
		links: renderer.links,
		assets: renderer.assets,
		videos: renderer.videos,
		htmlElements,
		literalMarkup,
		variables: [...(template?.variables ?? []), ...renderer.variables],
		unknownVariables: [...(template?.unknown ?? []), ...renderer.unknownVariables],
		templateCode: template?.templateCode ?? [],
	};
}

export interface RenderOptions {
	/** The page's locale's variables; without them, variables are kept out of the page but not reported as unknown. */
	variables?: VariableLookup | undefined;
	/** Classes content stylesheets define (`src/security/content-styles.ts`): allowed on top of the allowlist's own. */
	classes?: readonly string[] | undefined;
}

export function renderMdx(file: string, body: string): RenderedMdx {
	return renderContent(file, body, 'mdx');
}

export function renderMarkdown(file: string, body: string): RenderedMdx {
	return renderContent(file, body, 'md');
}

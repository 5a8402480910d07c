/**
 * Renders an MDX page body to HTML once, when the content is synced: Sätteri (Rust) parses it with GFM,
 * the components in `mdx-components.ts` become plain elements, and the result is stored with the entry.
 * Pages then reuse the string, so no MDX module is compiled or bundled per entry, and an unchanged page
 * is not rendered again on the next build. Content is data here, not code: imports and JavaScript
 * expressions are refused with the file and line (an MDX comment, `{/* … *\/}`, is allowed).
 */
import GithubSlugger from 'github-slugger';
import type { Element, ElementContent, Properties, Root, RootContent } from 'hast';
import { toHtml } from 'hast-util-to-html';
import { mdxToHast } from 'satteri';
import { isMdxComponentName, MDX_COMPONENT_NAMES, renderMdxComponent } from './mdx-components.ts';
import { formatProblem, type ContentProblem } from './problems.ts';

export interface RenderedHeading {
	depth: number;
	slug: string;
	text: string;
}

export interface RenderedMdx {
	html: string;
	headings: RenderedHeading[];
}

/** Elements that run code, load other documents or change the page's head: never needed by content. */
const UNSAFE_ELEMENTS = new Set([
	'script',
	'iframe',
	'frame',
	'frameset',
	'object',
	'embed',
	'applet',
	'style',
	'link',
	'meta',
	'base',
	'form',
	'svg',
	'math',
	'template',
	'portal',
]);

/** Bump when the HTML this module produces changes, so content stored by an earlier build is rendered again. */
export const MDX_RENDER_VERSION = 2;

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

const ONLY_COMMENTS = /^(?:\s|\/\*[\s\S]*?\*\/|\/\/[^\n]*(?:\n|$))*$/;
const JSX_ATTRIBUTE_NAMES: Record<string, string> = { className: 'class', htmlFor: 'for' };

/** `{640}`, `{true}`, `{"text"}`: the literals a prop may be written as. Anything else is code. */
function literal(expression: string): string | number | boolean | undefined {
	const trimmed = expression.trim();
	if (/^-?\d+(?:\.\d+)?$/.test(trimmed)) return Number(trimmed);
	if (trimmed === 'true' || trimmed === 'false') return trimmed === 'true';
	if (/^"(?:[^"\\]|\\.)*"$/.test(trimmed)) return JSON.parse(trimmed) as string;
	if (/^'(?:[^'\\]|\\.)*'$/.test(trimmed)) return trimmed.slice(1, -1).replace(/\\(.)/g, '$1');
	return undefined;
}

function textOf(node: ElementContent | Element): string {
	if (node.type === 'text') return node.value;
	if (node.type === 'element') return node.children.map(textOf).join('');
	return '';
}

class Renderer {
	readonly problems: ContentProblem[] = [];
	readonly headings: RenderedHeading[] = [];
	private readonly slugger = new GithubSlugger();
	private readonly file: string;

	constructor(file: string) {
		this.file = file;
	}

	private problem(node: MdxNode, message: string) {
		this.problems.push({ file: this.file, line: node.position?.start.line, column: node.position?.start.column, message });
	}

	children(nodes: MdxNode[] = []): ElementContent[] {
		return nodes.flatMap((node) => this.node(node));
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
		if (!name) return this.children(node.children);
		if (/^[A-Z]/.test(name) || name.includes('.')) {
			if (!isMdxComponentName(name)) {
				this.problem(node, `<${name}> is not a component content may use (known: ${MDX_COMPONENT_NAMES.join(', ')})`);
				return [];
			}
			const props = this.props(node);
			if (!props) return [];
			const rendered = renderMdxComponent(name, props, this.children(node.children));
			if ('problems' in rendered) {
				for (const message of rendered.problems) this.problem(node, message);
				return [];
			}
			return [rendered.element];
		}
		if (UNSAFE_ELEMENTS.has(name.toLowerCase())) {
			this.problem(node, `<${name}> is not allowed in content`);
			return [];
		}
		const props = this.props(node);
		if (!props) return [];
		const properties: Properties = {};
		for (const [key, value] of Object.entries(props)) {
			if (/^on/i.test(key)) {
				this.problem(node, `event handler attribute ${key}= is not allowed`);
				return [];
			}
			properties[JSX_ATTRIBUTE_NAMES[key] ?? key] = value;
		}
		return [{ type: 'element', tagName: name, properties, children: this.children(node.children) }];
	}

	node(node: MdxNode): ElementContent[] {
		switch (node.type) {
			case 'mdxJsxFlowElement':
			case 'mdxJsxTextElement':
				return this.jsxElement(node);
			case 'mdxFlowExpression':
			case 'mdxTextExpression':
				if (!ONLY_COMMENTS.test(node.value ?? ''))
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
				element.children = this.children(node.children);
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

function renderTree(file: string, body: string, position: boolean) {
	// GFM is on (tables, task lists, footnotes, strikethrough, autolinks). Smart punctuation is off: it would
	// give every language English curly quotes (wrong for « », „ “, 「 」).
	const tree = mdxToHast(body, { position, features: { smartPunctuation: false } }) as unknown as MdxNode;
	const renderer = new Renderer(file);
	const root: Root = { type: 'root', children: renderer.children(tree.children) as RootContent[] };
	return { renderer, root };
}

/**
 * Renders `body` (the file's text with its frontmatter blanked, so lines match the file) to HTML.
 * Throws `MdxRenderError` with every problem found, or Sätteri's parse error with its position.
 */
export function renderMdx(file: string, body: string): RenderedMdx {
	const first = renderTree(file, body, false);
	let { renderer } = first;
	if (renderer.problems.length > 0) {
		// Positions cost time and memory on every page; they are only needed to say where a problem is.
		({ renderer } = renderTree(file, body, true));
		throw new MdxRenderError(renderer.problems);
	}
	return { html: toHtml(first.root), headings: renderer.headings };
}

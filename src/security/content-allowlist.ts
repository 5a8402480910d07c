/**
 * What content HTML may contain, stated once: the elements, attributes and URL schemes that MDX, raw HTML
 * and components can produce on a page. Everything else is dropped by `hast-util-sanitize` with this schema.
 * The same schema is the gate in the translation checks (`findDisallowed`): a translation that would lose
 * anything to it falls back to English, and an English page builds with one warning per dropped thing.
 *
 * Why an allowlist: translations come from volunteers through Crowdin. They are trusted to translate, not to
 * write HTML, and a denylist always misses an element (`<xmp>`, `<noscript>`, …) or an attribute
 * (`style`, `background`, `ping`) that some browser acts on.
 */
import { createHash } from 'node:crypto';
import type { Element, Nodes, Properties, Root } from 'hast';
import { sanitize, type Schema } from 'hast-util-sanitize';
import { find, html } from 'property-information';
import { POSTER_PATH, VIDEO_FILE, VIMEO_ID, YOUTUBE_ID } from '../content-model/content-videos.ts';

/** Elements whose content goes with them: scripts, styles, raw text and embedded documents. */
const STRIPPED_WITH_CONTENT = [
	'script',
	'style',
	'template',
	'xmp',
	'noscript',
	'noembed',
	'noframes',
	'plaintext',
	'textarea',
	'title',
	'iframe',
	'frame',
	'frameset',
	'object',
	'embed',
	'applet',
	'svg',
	'math',
	'select',
	'head',
];

/**
 * The classes content may carry: those the renderer and the components write, and code languages. The
 * site's own classes (`skip-link`, `picker-list`, `notice`, …) position and colour its chrome; in content
 * they would let a page cover the header or fake a site notice.
 */
const RENDERER_CLASS =
	/^(?:language-[\w+#.-]+|callout|callout-(?:note|tip|warning)|callout-title|figure|align-(?:left|center|right)|contains-task-list|task-list-item|footnotes|data-footnote-backref|sr-only|video)$/;
/**
 * The layout vocabulary (README, "Layout without CSS"): classes the site's own stylesheet styles inside
 * content, allowed in every page; the MDX layout components write them, and content stylesheets may not
 * define them (`content-styles.ts`).
 */
export const LAYOUT_CLASSES = ['columns', 'column', 'tiles', 'tile', 'icon'] as const;
export type LayoutClass = (typeof LAYOUT_CLASSES)[number];
const LAYOUT_CLASS = new RegExp(`^(?:${LAYOUT_CLASSES.join('|')})$`);
const CONTENT_CLASS = new RegExp(`${RENDERER_CLASS.source}|${LAYOUT_CLASS.source}`);

/**
 * Whether a class is one the renderer writes for Markdown and components (`callout`, `align-left`, a code
 * language), which the translation checks judge through the markup itself, not as a class a page chose.
 */
export function isRendererClass(name: string): boolean {
	return RENDERER_CLASS.test(name);
}

/** No backslash (browsers read `/\host` as `//host`) and no control characters, in any URL. */
const URL_TEXT = /^[^\\\u0000-\u001f\u007f]*$/;

export const contentSchema: Schema = {
	tagNames: [
		// text and structure
		'h1',
		'h2',
		'h3',
		'h4',
		'h5',
		'h6',
		'p',
		'br',
		'hr',
		'blockquote',
		'pre',
		'div',
		'span',
		'section',
		'aside',
		'details',
		'summary',
		// lists
		'ol',
		'ul',
		'li',
		'dl',
		'dt',
		'dd',
		// phrasing
		'a',
		'em',
		'strong',
		'b',
		'i',
		'u',
		's',
		'del',
		'ins',
		'mark',
		'small',
		'sub',
		'sup',
		'abbr',
		'cite',
		'dfn',
		'q',
		'code',
		'kbd',
		'samp',
		'var',
		'time',
		'bdi',
		'wbr',
		'ruby',
		'rt',
		'rp',
		// media and tables
		'img',
		'figure',
		'figcaption',
		'table',
		'caption',
		'colgroup',
		'col',
		'thead',
		'tbody',
		'tfoot',
		'tr',
		'th',
		'td',
		// GFM task lists
		'input',
	],
	attributes: {
		'*': ['id', 'title', 'lang', ['dir', 'ltr', 'rtl', 'auto'], ['className', CONTENT_CLASS], 'ariaLabel', 'ariaHidden', 'translate'],
		a: [['href', URL_TEXT], 'hreflang', 'dataFootnoteRef', 'dataFootnoteBackref', 'ariaDescribedBy'],
		img: [['src', URL_TEXT], 'alt', 'width', 'height', ['loading', 'lazy', 'eager'], ['decoding', 'async', 'sync', 'auto']],
		blockquote: [['cite', URL_TEXT]],
		q: [['cite', URL_TEXT]],
		del: [['cite', URL_TEXT], 'dateTime'],
		ins: [['cite', URL_TEXT], 'dateTime'],
		time: ['dateTime'],
		ol: ['start', 'reversed'],
		li: ['value'],
		details: ['open'],
		col: ['span'],
		colgroup: ['span'],
		th: ['colSpan', 'rowSpan', ['scope', 'row', 'col', 'rowgroup', 'colgroup']],
		td: ['colSpan', 'rowSpan'],
		section: ['dataFootnotes'],
		// The video placeholder (src/content-model/content-videos.ts): each value held to its pattern; the page
		// prints the player from them, and only for a figure of class "video".
		figure: [
			['dataVideoYoutube', YOUTUBE_ID],
			['dataVideoVimeo', VIMEO_ID],
			['dataVideoFile', VIDEO_FILE],
			['dataVideoPoster', POSTER_PATH],
		],
		input: [['type', 'checkbox'], 'checked', 'disabled'],
	},
	// A task-list checkbox is shown, never used.
	required: { input: { type: 'checkbox', disabled: true } },
	// Relative and fragment URLs carry no scheme and are always allowed.
	protocols: {
		href: ['http', 'https', 'mailto'],
		src: ['http', 'https'],
		cite: ['http', 'https'],
	},
	ancestors: {
		li: ['ol', 'ul'],
		tr: ['table'],
		td: ['table'],
		th: ['table'],
		thead: ['table'],
		tbody: ['table'],
		tfoot: ['table'],
		caption: ['table'],
		colgroup: ['table'],
		col: ['table'],
		dt: ['dl'],
		dd: ['dl'],
		rt: ['ruby'],
		rp: ['ruby'],
		figcaption: ['figure'],
		summary: ['details'],
	},
	strip: STRIPPED_WITH_CONTENT,
	// Heading ids must stay as written so links to sections work; the site's own scripts find their data by
	// element and data attribute, which content cannot produce, so ids cannot clobber them.
	clobber: [],
	clobberPrefix: '',
	allowComments: false,
	allowDoctypes: false,
};

const schemas = new Map<string, Schema>();

/**
 * The schema with `classes` allowed too: the classes content stylesheets define (`content-styles.ts`,
 * which never lets one of the site's own through). Still an allowlist: any other class is dropped.
 */
export function contentSchemaWith(classes: readonly string[] = []): Schema {
	if (classes.length === 0) return contentSchema;
	const key = classes.join(' ');
	let schema = schemas.get(key);
	if (!schema) {
		const shared = contentSchema.attributes!['*']!.map((definition) =>
			Array.isArray(definition) && definition[0] === 'className' ? (['className', CONTENT_CLASS, ...classes] as typeof definition) : definition,
		);
		schema = { ...contentSchema, attributes: { ...contentSchema.attributes, '*': shared } };
		schemas.set(key, schema);
	}
	return schema;
}

/**
 * Changes whenever the schema does: cached renderings and check verdicts carry it in their keys, so an
 * allowlist edit re-renders and re-checks every file without anyone bumping a version by hand.
 */
export const CONTENT_SCHEMA_DIGEST = createHash('sha256')
	.update(JSON.stringify(contentSchema, (_key, value: unknown) => (value instanceof RegExp ? value.toString() : value)))
	.digest('hex')
	.slice(0, 16);

/** The attributes whose URL scheme the schema checks (`protocols`). */
const SCHEME_CHECKED_PROPERTIES = Object.keys(contentSchema.protocols ?? {});
/** A URL's scheme as RFC 3986 writes it: a letter, then letters, digits, `+`, `-` or `.`, then `:`. */
const URL_SCHEME = /^[a-z][a-z\d+.-]*(?=:)/i;

/**
 * `properties` with each checked URL's scheme in lower case. Schemes are case-insensitive (`MAILTO:` is
 * `mailto:` to a browser), but the sanitizer compares them as written against the lower-case allowlist;
 * lower-casing first keeps it an allowlist (`JAVASCRIPT:` becomes `javascript:`, still refused).
 */
export function withLowerCaseSchemes(properties: Properties): Properties {
	let changed: Properties | undefined;
	for (const property of SCHEME_CHECKED_PROPERTIES) {
		const value = properties[property];
		if (typeof value !== 'string') continue;
		const scheme = URL_SCHEME.exec(value)?.[0];
		if (scheme && scheme !== scheme.toLowerCase()) {
			changed ??= { ...properties };
			changed[property] = scheme.toLowerCase() + value.slice(scheme.length);
		}
	}
	return changed ?? properties;
}

/** `node` with every checked URL's scheme in lower case: a copy where one changes, `node` itself otherwise. */
function withLowerCaseSchemesIn<Node extends Root | Element>(node: Node): Node {
	let children: Node['children'] | undefined;
	node.children.forEach((child, index) => {
		if (child.type !== 'element') return;
		const lowered = withLowerCaseSchemesIn({ ...child, properties: withLowerCaseSchemes(child.properties) });
		if (lowered.properties === child.properties && lowered.children === child.children) return;
		children ??= [...node.children] as Node['children'];
		children[index] = lowered;
	});
	return children ? { ...node, children } : node;
}

/**
 * Content HTML as the site publishes it: only what `contentSchema` allows. `tree` is left as written, so a
 * report can quote it; compare it with the result through `withLowerCaseSchemes`.
 */
export function sanitizeContent(tree: Root, classes: readonly string[] = []): Root {
	return sanitize(withLowerCaseSchemesIn(tree), contentSchemaWith(classes)) as Root;
}

export interface DisallowedContent {
	message: string;
	line?: number | undefined;
	column?: number | undefined;
}

function describeValue(value: unknown): string {
	const text = Array.isArray(value) ? value.join(' ') : String(value);
	return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}

/** One element, alone under its ancestors, through the schema: what survives of it. */
function sanitizedAlone(element: Element, ancestors: readonly string[], schema: Schema): Element | undefined {
	let node: Element = { type: 'element', tagName: element.tagName, properties: withLowerCaseSchemes(element.properties), children: [] };
	for (const tagName of [...ancestors].reverse()) node = { type: 'element', tagName, properties: {}, children: [node] };
	let result: Nodes | undefined = sanitize(node, { ...schema, strip: [] });
	for (let depth = 0; depth < ancestors.length && result; depth++) {
		result = result.type === 'element' || result.type === 'root' ? result.children.find((child) => child.type === 'element') : undefined;
	}
	return result?.type === 'element' && result.tagName === element.tagName ? result : undefined;
}

/**
 * What `sanitizeContent` would drop from `tree`, one finding per element or attribute, with its position
 * where the tree has one. The sanitizer itself decides each case, so the findings cannot drift from it.
 */
export function findDisallowed(tree: Root, classes: readonly string[] = []): DisallowedContent[] {
	const schema = contentSchemaWith(classes);
	const findings: DisallowedContent[] = [];
	const at = (node: Nodes) => ({ line: node.position?.start.line, column: node.position?.start.column });
	const walk = (node: Nodes, ancestors: string[]) => {
		if (node.type === 'root') {
			for (const child of node.children) walk(child, ancestors);
			return;
		}
		if (node.type === 'text') return;
		if (node.type !== 'element') {
			findings.push({ message: `${node.type === 'comment' ? 'an HTML comment' : `a ${node.type} node`} is not allowed in content`, ...at(node) });
			return;
		}
		const kept = sanitizedAlone(node, ancestors, schema);
		// Only kept elements count as ancestors, as they do for the sanitizer's own ancestor rules.
		const childAncestors = kept ? [...ancestors, node.tagName] : ancestors;
		if (!kept) {
			const where =
				contentSchema.ancestors?.[node.tagName] && contentSchema.tagNames?.includes(node.tagName)
					? ` outside <${contentSchema.ancestors[node.tagName]!.join('>/<')}>`
					: '';
			findings.push({ message: `<${node.tagName}>${where} is not allowed in content`, ...at(node) });
			if (contentSchema.strip?.includes(node.tagName)) return;
		} else {
			const compared = withLowerCaseSchemes(node.properties);
			for (const [property, value] of Object.entries(node.properties)) {
				if (value === undefined || value === null || value === false) continue;
				const survived = kept.properties[property];
				const attribute = find(html, property).attribute;
				if (Array.isArray(value)) {
					const lost = value.filter((item) => !(Array.isArray(survived) && survived.includes(item)));
					if (lost.length > 0) findings.push({ message: `<${node.tagName}> ${attribute} "${describeValue(lost)}" is not allowed in content`, ...at(node) });
				} else if (survived !== compared[property]) {
					findings.push({ message: `<${node.tagName}> attribute ${attribute}="${describeValue(value)}" is not allowed in content`, ...at(node) });
				}
			}
		}
		for (const child of node.children) walk(child, childAncestors);
	};
	walk(tree, []);
	return findings;
}

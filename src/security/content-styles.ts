/**
 * Content stylesheets: `content/styles/*.css`, written by editors for the classes of pages brought from an
 * old site (`careers__values-tile`). Each file is parsed with PostCSS and its selectors with css-what (no
 * pattern edits CSS text), judged rule by rule, and written back with every selector scoped to the element
 * the page body renders in (`.content-body`), so no rule can reach the header, the notices or the picker.
 *
 * What a stylesheet may do, and why:
 * - Define classes. Each class its accepted rules name becomes allowed in content (`class` in `.md` raw
 *   HTML and on MDX HTML elements); every other class is still dropped by the allowlist.
 * - Not define the site's own classes (`site-header`, `notice`, `callout`, the layout vocabulary): those
 *   are the frame's, and a page styling them could fake or hide the chrome. The file is refused, with the
 *   line and the fix (rename the class).
 * - Not load anything but content images: `@import`, and any `url()` but a content image (`url(../images/x.png)`,
 *   published as the site's CSS images are),
 *   `image-set()`, `@font-face`, `@namespace`; not run anything: `expression()`, `behavior`,
 *   `-moz-binding`, `javascript:`; no escapes (`\75 rl(` is `url(` to a browser), so what is checked is
 *   what a browser reads.
 * - Not leave the page body: `position: fixed` or `sticky`, and selectors for `:root`, `html` or `body`,
 *   which cannot be scoped.
 * - Only `@media` and `@supports` at-rules.
 *
 * A file with any refusal is left out whole (with one problem per refusal, file:line), and the others are
 * kept: one bad stylesheet never fails the build. The output is the accepted files in name order, so the
 * same tree gives the same bytes.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { AttributeAction, parse as parseSelector, stringify as stringifySelector, SelectorType, type Selector } from 'css-what';
import { Parser } from 'htmlparser2';
import postcss, { type AtRule, type ChildNode, type Container, type Declaration, type Rule } from 'postcss';
import valueParser from 'postcss-value-parser';
import { CONTENT_IMAGES, isImageFile } from '../content-model/content-images.ts';
import { LAYOUT_CLASSES } from './content-allowlist.ts';
import { isFileInside, listFiles, readInside } from './content-files.ts';
import { byCodeUnits } from '../build/reproducible-order.ts';

/** The folder of content stylesheets, below the content folder. */
export const CONTENT_STYLES_FOLDER = 'styles';
/** The class of the element the page body renders in (`src/pages/[locale]/[...slug].astro`): every rule's scope. */
export const CONTENT_SCOPE_CLASS = 'content-body';

export interface StyleProblem {
	file: string;
	line?: number | undefined;
	column?: number | undefined;
	message: string;
}

export interface CompiledStylesheet {
	file: string;
	/** The classes its rules define, sorted. */
	classes: string[];
	/** The scoped CSS, or undefined when the file is refused. */
	css: string | undefined;
	problems: StyleProblem[];
}

export interface ContentStyles {
	/** Each file, in name order. */
	sheets: CompiledStylesheet[];
	/** The classes content may carry because an accepted stylesheet defines them, sorted. */
	classes: string[];
	/** The accepted stylesheets, scoped, in name order. */
	css: string;
	problems: StyleProblem[];
}

const ALLOWED_AT_RULES = new Set(['media', 'supports']);
/** Properties that run code or bind behaviour in some browser. */
const REFUSED_PROPERTIES = new Set(['behavior', '-moz-binding', '-ms-behavior']);
/** Functions (and a scheme) that load or run something, as they appear in a lower-cased value. */
const REFUSED_VALUE_PARTS = ['url(', 'image-set(', '-webkit-image-set(', 'image(', 'element(', 'src(', 'expression(', 'javascript:', 'cross-fade('];
/** Positions that take a box out of the page body, over the header or the notices. */
const REFUSED_POSITIONS = new Set(['fixed', 'sticky', '-webkit-sticky']);
/** Type selectors above the page body: they cannot be scoped to it. */
const UNSCOPABLE_TAGS = new Set(['html', 'body', 'head']);
const UNSCOPABLE_PSEUDOS = new Set(['root', 'host', 'host-context', 'scope']);

/** Every class a parsed selector names, including inside `:not()`, `:is()`, `:has()` and the like. */
function classesOf(selector: Selector[][], into: Set<string>): void {
	for (const compound of selector)
		for (const token of compound) {
			if (token.type === SelectorType.Attribute && token.name === 'class') into.add(token.value);
			if ((token.type === SelectorType.Pseudo || token.type === SelectorType.PseudoElement) && Array.isArray(token.data)) classesOf(token.data, into);
		}
}

/** The first reason `selector` cannot be scoped to the page body, if any. */
function unscopable(selector: Selector[][]): string | undefined {
	for (const compound of selector)
		for (const token of compound) {
			if (token.type === SelectorType.Tag && UNSCOPABLE_TAGS.has(token.name.toLowerCase())) return `<${token.name}> is outside the page body`;
			if (token.type === SelectorType.Pseudo && UNSCOPABLE_PSEUDOS.has(token.name.toLowerCase())) return `:${token.name} is outside the page body`;
			if ((token.type === SelectorType.Pseudo || token.type === SelectorType.PseudoElement) && Array.isArray(token.data)) {
				const inner = unscopable(token.data);
				if (inner) return inner;
			}
		}
	return undefined;
}

interface JudgeContext {
	file: string;
	contentDir: string;
	/** Whether a project file (`content/images/…`) exists, for a stylesheet's `url()`. */
	imageExists: (file: string) => boolean;
	frameClasses: ReadonlySet<string>;
	problems: StyleProblem[];
	classes: Set<string>;
}

function refuse(context: JudgeContext, node: ChildNode, message: string): void {
	context.problems.push({ file: context.file, line: node.source?.start?.line, column: node.source?.start?.column, message });
}

function judgeRule(rule: Rule, context: JudgeContext): void {
	let parsed: Selector[][];
	try {
		parsed = parseSelector(rule.selector);
	} catch (error) {
		refuse(context, rule, `selector "${rule.selector}" does not parse (${(error as Error).message})`);
		return;
	}
	const classes = new Set<string>();
	classesOf(parsed, classes);
	const frame = [...classes].filter((name) => context.frameClasses.has(name)).sort();
	if (frame.length > 0) {
		refuse(
			context,
			rule,
			`selector "${rule.selector}" uses the site's own class${frame.length > 1 ? 'es' : ''} ${frame.map((name) => `.${name}`).join(', ')}: content stylesheets may not style the site's frame or its layout vocabulary; rename the class in the stylesheet and in the pages (for example .page-${frame[0]})`,
		);
		return;
	}
	const outside = unscopable(parsed);
	if (outside) {
		refuse(context, rule, `selector "${rule.selector}" cannot be scoped to the page body: ${outside}; style a class of the page instead`);
		return;
	}
	for (const name of classes) context.classes.add(name);
	// Each selector of the list, after the scope: `.a, .b p` becomes `.content-body .a, .content-body .b p`.
	const scope: Selector[] = [
		{ type: SelectorType.Attribute, name: 'class', action: AttributeAction.Element, value: CONTENT_SCOPE_CLASS, ignoreCase: 'quirks', namespace: null },
		{ type: SelectorType.Descendant },
	];
	rule.selector = stringifySelector(parsed.map((compound) => [...scope, ...compound]));
}

/**
 * A declaration's `url()`s, each a content image (`url(../images/paper.png)`, relative to the stylesheet,
 * in `content/images/`), rewritten to the root path Vite resolves from the project and publishes under
 * `/_astro/` like any image the site's CSS uses (an SVG sanitized, never inlined). Anything else a `url()`
 * could load (another site, a `data:` URL, a root path, a file outside `content/images/`) is refused.
 */
function localImageUrls(declaration: Declaration, context: JudgeContext): boolean {
	const parsed = valueParser(declaration.value);
	let accepted = true;
	parsed.walk((node) => {
		if (node.type !== 'function' || node.value.toLowerCase() !== 'url') return;
		const argument = node.nodes.find((child) => child.type === 'word' || child.type === 'string');
		const written = argument?.value.trim() ?? '';
		const target = path.posix.normalize(path.posix.join(path.posix.dirname(context.file), written));
		const images = `${context.contentDir}/${CONTENT_IMAGES}/`;
		const reason =
			written === '' || /^[a-z][a-z\d+.-]*:/i.test(written) || written.startsWith('/') || written.startsWith('#')
				? 'is not a relative path to an image in content/images/ (content stylesheets load nothing from elsewhere)'
				: !target.startsWith(images) || !isImageFile(target)
					? `resolves to ${target}, which is not an image in ${images}`
					: !context.imageExists(target)
						? `resolves to ${target}, which does not exist`
						: undefined;
		if (reason) {
			refuse(context, declaration, `"${declaration.prop}" url(${written}) ${reason}; put the image in ${images} and write url(../${CONTENT_IMAGES}/<name>)`);
			accepted = false;
			return;
		}
		node.nodes = [{ type: 'string', value: `/${target}`, quote: '"', sourceIndex: 0, sourceEndIndex: 0 }];
		node.before = '';
		node.after = '';
	});
	if (accepted) declaration.value = valueParser.stringify(parsed.nodes);
	return accepted;
}

function judgeDeclaration(declaration: Declaration, context: JudgeContext): void {
	const property = declaration.prop.toLowerCase();
	const value = declaration.value.toLowerCase();
	if (REFUSED_PROPERTIES.has(property)) refuse(context, declaration, `"${declaration.prop}" runs code in some browsers and is not allowed`);
	else if (declaration.prop.includes('\\') || declaration.value.includes('\\'))
		refuse(context, declaration, `"${declaration.prop}" has a CSS escape (\\); write the characters themselves`);
	else if (property === 'position' && REFUSED_POSITIONS.has(value.trim()))
		refuse(
			context,
			declaration,
			`"position: ${declaration.value}" would take the box out of the page body (over the header or notices); use a layout class instead`,
		);
	else {
		const found = REFUSED_VALUE_PARTS.find((part) => value.includes(part) && part !== 'url(');
		if (found) refuse(context, declaration, `"${declaration.prop}" uses ${found.replace(/\($/, '()')}, which loads or runs something and is not allowed`);
		else if (value.includes('url(')) localImageUrls(declaration, context);
	}
}

function judgeChildren(container: Container, context: JudgeContext): void {
	container.each((node) => {
		if (node.type === 'comment') node.remove();
		else if (node.type === 'rule') {
			if (container.type === 'rule') {
				const outer = container as Rule;
				refuse(context, node, `nested rules are not supported in content stylesheets; write "${outer.selector} ${node.selector}" as a rule of its own`);
				return;
			}
			judgeRule(node, context);
			judgeChildren(node, context);
		} else if (node.type === 'atrule') {
			const name = (node as AtRule).name.toLowerCase();
			if (name === 'import') refuse(context, node, `@import is not allowed: content stylesheets load nothing; copy the rules into this file`);
			else if (!ALLOWED_AT_RULES.has(name))
				refuse(context, node, `@${(node as AtRule).name} is not allowed in content stylesheets (only @media and @supports)`);
			else if (node.nodes) judgeChildren(node, context);
		} else if (node.type === 'decl') {
			if (container.type === 'root' || container.type === 'atrule') refuse(context, node, `a declaration outside a rule is not allowed`);
			else judgeDeclaration(node, context);
		}
	});
}

/**
 * One stylesheet, judged and scoped. `file` names it in problems (`content/styles/values.css`);
 * `frameClasses` are the site's own classes (`siteFrameClasses`).
 */
export function compileContentStylesheet(
	file: string,
	text: string,
	frameClasses: ReadonlySet<string>,
	{ contentDir = 'content', imageExists = () => false }: { contentDir?: string; imageExists?: (file: string) => boolean } = {},
): CompiledStylesheet {
	const context: JudgeContext = { file, contentDir, imageExists, frameClasses, problems: [], classes: new Set() };
	let root: postcss.Root;
	try {
		root = postcss.parse(text, { from: undefined });
	} catch (error) {
		const parseError = error as postcss.CssSyntaxError;
		return {
			file,
			classes: [],
			css: undefined,
			problems: [{ file, line: parseError.line, column: parseError.column, message: `does not parse as CSS: ${parseError.reason}` }],
		};
	}
	judgeChildren(root, context);
	if (context.problems.length > 0) return { file, classes: [], css: undefined, problems: context.problems };
	root.raws = {};
	return { file, classes: [...context.classes].sort(), css: root.toString().trim(), problems: [] };
}

/** The stylesheets together: the accepted ones' classes and CSS, every file's problems. */
export function combineContentStyles(sheets: CompiledStylesheet[]): ContentStyles {
	const ordered = [...sheets].sort(byCodeUnits((sheet) => sheet.file));
	const accepted = ordered.filter((sheet) => sheet.css !== undefined);
	const classes = [...new Set(accepted.flatMap((sheet) => sheet.classes))].sort();
	return {
		sheets: ordered,
		classes,
		css: accepted.map((sheet) => `/* ${sheet.file} */\n${sheet.css}\n`).join('\n'),
		problems: ordered.flatMap((sheet) => sheet.problems),
	};
}

/** Static `class` attribute values of the site's components and layouts (expressions are left aside). */
function templateClasses(text: string, into: Set<string>): void {
	const parser = new Parser({
		onattribute(name, value) {
			if (name !== 'class' || value.includes('{')) return;
			for (const token of value.split(/\s+/)) if (token) into.add(token);
		},
	});
	parser.write(text);
	parser.end();
}

/**
 * The site's own classes: every class selector of `src/styles/*.css`, and every class written in
 * `src/components/` and `src/layouts/`. Content stylesheets may not define any of them.
 */
export async function siteFrameClasses(root: string): Promise<Set<string>> {
	const classes = new Set<string>([CONTENT_SCOPE_CLASS, ...LAYOUT_CLASSES]);
	for (const folder of ['src/styles', 'src/components', 'src/layouts']) {
		const listing = listFiles(path.join(root, folder), { root, extensions: ['.css', '.astro'] });
		for (const file of listing.files) {
			const text = await readFile(path.join(root, folder, file), 'utf8');
			if (file.endsWith('.astro')) {
				templateClasses(text, classes);
				continue;
			}
			postcss.parse(text).walkRules((rule) => {
				try {
					classesOf(parseSelector(rule.selector), classes);
				} catch {
					// The site's own CSS is checked by the build; a selector css-what cannot read names no class here.
				}
			});
		}
	}
	return classes;
}

/** Reads, judges and scopes `<contentDir>/styles/*.css`. */
export async function readContentStyles(root: string, contentDir = 'content', frameClasses?: ReadonlySet<string>): Promise<ContentStyles> {
	const folder = path.join(root, contentDir, CONTENT_STYLES_FOLDER);
	const listing = listFiles(folder, { root, extensions: ['.css'], maxDepth: 0 });
	// The site's own classes are read from its sources only when there is a stylesheet to hold them against.
	const frame = listing.files.length === 0 ? new Set<string>() : (frameClasses ?? (await siteFrameClasses(root)));
	const sheets: CompiledStylesheet[] = [];
	for (const name of listing.files) {
		const file = path.posix.join(contentDir, CONTENT_STYLES_FOLDER, name);
		const text = (await readInside(root, file)).toString('utf8');
		sheets.push(compileContentStylesheet(file, text, frame, { contentDir, imageExists: (image) => isFileInside(root, image) }));
	}
	const styles = combineContentStyles(sheets);
	for (const refused of listing.refused) styles.problems.push({ file: refused.file, message: `${refused.reason}; it is left out` });
	return styles;
}

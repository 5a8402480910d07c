/**
 * Content variables: per-site and per-locale values (`{{ signup_button }}`, `{{ urls/learn }}`) that pages
 * brought from older systems carry. Their values live in `content/<locale>/variables.yml` (nested YAML, the
 * key path joined by `/`); a locale's missing value falls back along its chain to English.
 *
 * Values are text or URLs, never markup: they are put into the parsed tree as text nodes or attribute
 * values (so the serializer escapes them for their context), before the content allowlist judges the tree
 * (so a `javascript:` URL is refused like one written in the page). Template code (`<% %>`, `{% %}`,
 * `{{ }}` with an expression) is never run and never printed: it is taken out of the tree and reported.
 */
import { parseFrontmatter } from '@astrojs/markdown-remark';
import type { Element, Properties, Root, Text } from 'hast';
import { SKIP, visit } from 'unist-util-visit';
import type { LocaleRegistry } from '../i18n/registry.ts';
import { isFileInside, readInside } from '../security/content-files.ts';
import { frontmatterTooLarge, MAX_FRONTMATTER_VALUES } from './frontmatter.ts';
import { sha256 } from './hash.ts';
import type { ContentProblem } from './problems.ts';
import { countVariables, isVariableName, scanTemplateSyntax, type TemplateCodeToken, type VariableToken } from './template-syntax.ts';

/** The file each locale keeps its values in, below its content folder. */
export const VARIABLES_FILE = 'variables.yml';
/** A value is a label or a URL; longer is a paste gone wrong. */
export const MAX_VARIABLE_LENGTH = 2000;

export interface VariableTable {
	/** `content/es-419/variables.yml` */
	file: string;
	/** By key path: `urls/learn`. Empty when the file does not parse. */
	values: ReadonlyMap<string, string>;
	/** Why the file (or a key in it) cannot be used, with the line. */
	problems: ContentProblem[];
}

/** What one locale's pages see: each name resolved along the locale's fallback chain. */
export interface VariableLookup {
	locale: string;
	isSource: boolean;
	/** The value and the locale it came from, or undefined for a name no locale along the chain defines. */
	resolve(name: string): { value: string; from: string } | undefined;
	/**
	 * The part of a page's cache key its variables make: the values of the names its text uses (every value,
	 * for MDX that uses `<Var>`), so editing `variables.yml` renders again exactly the pages that show the
	 * value. '' for a page that uses none.
	 */
	keyFor(text: string): string;
}

export interface ContentVariables {
	tables: ReadonlyMap<string, VariableTable>;
	forLocale(tag: string): VariableLookup;
}

/** The line a key (the last part of a path) is written on, for messages (the YAML parser keeps no positions). */
function lineOfKey(text: string, key: string): number | undefined {
	const lines = text.split('\n');
	const index = lines.findIndex((line) => {
		const trimmed = line.trimStart();
		return trimmed.startsWith(`${key}:`) || trimmed.startsWith(`"${key}":`) || trimmed.startsWith(`'${key}':`);
	});
	return index === -1 ? undefined : index + 1;
}

/**
 * Parses one `variables.yml`. It is YAML read by the same parser, with the same limit on aliases, as page
 * frontmatter (Astro's, js-yaml): the text is handed to it as a frontmatter block, one line down, so a
 * parse error's line is the file's line plus one.
 */
export function parseVariablesFile(file: string, text: string): VariableTable {
	const problems: ContentProblem[] = [];
	const values = new Map<string, string>();
	const hint = 'write nested keys with text or URL values, e.g. `urls:` then `  learn: /en/learn/`';
	// A leading `---` (YAML's document start) would end the block early; it is blanked, keeping the lines.
	const body = text.replace(/^\uFEFF?---[ \t]*(?=\r?\n|$)/, '');
	if (/^---[ \t]*$/m.test(body) || /^\.\.\.[ \t]*$/m.test(body)) {
		const line = body.split('\n').findIndex((row) => /^(?:---|\.\.\.)[ \t]*$/.test(row)) + 1;
		return { file, values, problems: [{ file, line, message: `holds more than one YAML document; keep one mapping of variables (${hint})` }] };
	}
	let parsed: unknown;
	try {
		parsed = parseFrontmatter(`---\n${body}\n---\n`, { frontmatter: 'remove' }).frontmatter;
	} catch (error) {
		const mark = (error as { mark?: { line?: number } }).mark;
		const reason = (error as { reason?: string }).reason ?? (error as Error).message.split('\n')[0];
		// js-yaml's line counts the opening `---` of the block; an error at the end of the text points past it.
		const line = typeof mark?.line === 'number' ? Math.max(1, Math.min(mark.line, body.trimEnd().split('\n').length)) : undefined;
		return { file, values, problems: [{ file, line, message: `is not valid YAML: ${reason} (${hint})` }] };
	}
	if (frontmatterTooLarge(parsed)) {
		return { file, values, problems: [{ file, line: 1, message: `holds more than ${MAX_FRONTMATTER_VALUES} values (YAML aliases that repeat themselves?)` }] };
	}
	if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
		return { file, values, problems: [{ file, line: 1, message: `is not a mapping of names to values (${hint})` }] };
	}
	const walk = (node: Record<string, unknown>, prefix: string) => {
		for (const [key, value] of Object.entries(node)) {
			const name = prefix ? `${prefix}/${key}` : key;
			const line = lineOfKey(body, key);
			if (!isVariableName(name)) {
				problems.push({ file, line, message: `"${name}" is not a variable name: use letters, digits, "_" and "-", nested with "/"` });
			} else if (value !== null && typeof value === 'object' && !Array.isArray(value) && !(value instanceof Date)) {
				walk(value as Record<string, unknown>, name);
			} else if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
				const text = String(value);
				if (text.length > MAX_VARIABLE_LENGTH)
					problems.push({ file, line, message: `${name} is longer than ${MAX_VARIABLE_LENGTH} characters; a value is a label or a URL` });
				else values.set(name, text);
			} else {
				problems.push({ file, line, message: `${name} is not text: a variable's value is text or a URL (quote it: ${key}: "…")` });
			}
		}
	};
	walk(parsed as Record<string, unknown>, '');
	return { file, values, problems };
}

/**
 * Reads every locale's `variables.yml` through the safe file layer (a link is refused like a page's). A file
 * that does not parse gives no values: English pages then report each variable as unknown, a translation's
 * values fall back along its chain.
 */
export async function readContentVariables(root: string, registry: LocaleRegistry, contentDir = 'content'): Promise<ContentVariables> {
	const tables = new Map<string, VariableTable>();
	for (const locale of registry.all) {
		const file = `${contentDir}/${locale.tag}/${VARIABLES_FILE}`;
		let text: string;
		try {
			if (!isFileInside(root, file)) continue;
			text = (await readInside(root, file, { maxBytes: 1024 * 1024 })).toString('utf8');
		} catch (error) {
			tables.set(locale.tag, { file, values: new Map(), problems: [{ file, message: `${(error as Error).message}; its values are not used` }] });
			continue;
		}
		tables.set(locale.tag, parseVariablesFile(file, text));
	}
	return contentVariables(registry, tables);
}

/** The lookups of each locale over parsed tables (tests build them from text). */
export function contentVariables(registry: LocaleRegistry, tables: ReadonlyMap<string, VariableTable>): ContentVariables {
	const lookups = new Map<string, VariableLookup>();
	const forLocale = (tag: string): VariableLookup => {
		const cached = lookups.get(tag);
		if (cached) return cached;
		const locale = registry.get(tag);
		const chain = locale.pseudo ? [registry.source.tag] : locale.fallbackChain;
		const resolve = (name: string) => {
			for (const from of chain) {
				const value = tables.get(from)?.values.get(name);
				if (value !== undefined) return { value, from };
			}
			return undefined;
		};
		const keyFor = (text: string) => {
			const names = new Set(countVariables(text).keys());
			// `<Var name="…">` is a prop, not a token: an MDX page that uses one depends on every value.
			if (text.includes('<Var')) for (const from of chain) for (const name of tables.get(from)?.values.keys() ?? []) names.add(name);
			if (names.size === 0) return '';
			return sha256(JSON.stringify([...names].sort().map((name) => [name, resolve(name)?.value ?? null])));
		};
		const lookup: VariableLookup = { locale: tag, isSource: locale.isSource, resolve, keyFor };
		lookups.set(tag, lookup);
		return lookup;
	};
	return { tables, forLocale };
}

/**
 * Makes a link or image destination that holds a variable parse as one. CommonMark allows no space in a
 * bare destination, so `[text]({{ urls/learn }})` would be text: the spaces inside each variable's braces
 * move to just after the destination (`{{urls/learn}}  )`, where CommonMark allows them), so every line
 * and every column after the destination stay those of the file. Only destinations change: `](` and
 * reference definitions (`[id]: …`). The value is put in after parsing, on the tree.
 */
export function prepareDestinations(body: string): string {
	const tokens = new Map(
		scanTemplateSyntax(body)
			.filter((token): token is VariableToken => token.kind === 'variable' && !token.text.includes('\n') && /\s/.test(token.text))
			.map((token) => [token.start, token]),
	);
	if (tokens.size === 0) return body;
	const starts: number[] = [];
	for (let at = body.indexOf('](', 0); at !== -1; at = body.indexOf('](', at + 2)) starts.push(at + 2);
	for (const match of body.matchAll(/^ {0,3}\[[^\]\n]+\]:[ \t]*/gm)) starts.push(match.index + match[0].length);
	let out = '';
	let copied = 0;
	for (const start of starts.sort((a, b) => a - b)) {
		if (start < copied) continue;
		let at = start;
		while (body[at] === ' ' || body[at] === '\t') at++;
		if (body[at] === '<') continue; // `<…>` destinations may hold spaces already
		let destination = '';
		let moved = 0;
		const from = at;
		while (at < body.length) {
			const token = tokens.get(at);
			if (token) {
				const compact = `{{${token.name}}}`;
				destination += compact;
				moved += token.text.length - compact.length;
				at = token.end;
				continue;
			}
			const char = body[at]!;
			if (/\s/.test(char) || char === ')') break;
			destination += char;
			if (char === '\\' && at + 1 < body.length) destination += body[++at]!;
			at++;
		}
		if (moved === 0) continue;
		out += body.slice(copied, from) + destination + ' '.repeat(moved);
		copied = at;
	}
	return out + body.slice(copied);
}

/** A variable a page uses, where it uses it. */
export interface VariableUse {
	name: string;
	line?: number | undefined;
	column?: number | undefined;
}

export interface TemplateSyntaxResult {
	/** Every variable the page uses, in order. */
	variables: VariableUse[];
	/** Names no locale along the chain defines: an error in English, a warning in a translation. */
	unknown: ContentProblem[];
	/** Template code taken out of the page. */
	templateCode: ContentProblem[];
	/** URL values that came from variables, with the (first) variable of each: a translation's may differ from English's. */
	variableUrls: Map<string, string>;
}

const URL_PROPERTIES = new Set(['href', 'src', 'cite', 'action', 'poster']);
const CODE_NAMES: Record<TemplateCodeToken['kind'], string> = { erb: 'ERB', liquid: 'Liquid', expression: 'template expression' };

/** Where `offset` (in a value that starts at `start`) is in the file. */
function positionIn(value: string, offset: number, start: { line: number; column: number } | undefined) {
	if (!start) return { line: undefined, column: undefined };
	const before = value.slice(0, offset);
	const newlines = before.split('\n').length - 1;
	return newlines === 0 ? { line: start.line, column: start.column + offset } : { line: start.line + newlines, column: offset - before.lastIndexOf('\n') };
}

/** `Template code message` is shared by the build and `npm run check`, so each reports the same text. */
export function templateCodeMessage(token: TemplateCodeToken): string {
	const shown = token.text.length > 60 ? `${token.text.slice(0, 57)}…` : token.text;
	return `template code ${shown} (${CODE_NAMES[token.kind]}) is not run and is left out of the page; replace it with text, or with a content variable ({{ name }} with its value in variables.yml)`;
}

export function unknownVariableMessage(name: string, lookup: VariableLookup): string {
	return lookup.isSource
		? `unknown variable {{ ${name} }}: it is left out of the page; define ${name.split('/').join(' → ')} in content/${lookup.locale}/${VARIABLES_FILE}`
		: `unknown variable {{ ${name} }}: neither content/${lookup.locale}/${VARIABLES_FILE} nor its fallbacks define it; it is left out of the page (use a variable of the English page)`;
}

/**
 * Puts variables' values into a parsed page tree and takes template code out of it, outside code (a code
 * block shows code as written). Text becomes text nodes' text and attribute values, which the serializer
 * escapes; URL attributes are judged by the allowlist afterwards. `file` names the page in problems.
 */
export function applyTemplateSyntax(tree: Root, file: string, lookup: VariableLookup | undefined): TemplateSyntaxResult {
	const result: TemplateSyntaxResult = { variables: [], unknown: [], templateCode: [], variableUrls: new Map() };
	const fill = (value: string, start: { line: number; column: number } | undefined, url: boolean): string | undefined => {
		// A Markdown destination's braces come percent-encoded from the parser (`%7B%7Burls/learn%7D%7D`).
		const written = url
			? value.replace(/%7B%7B([^%\s]*(?:%(?!7B)[0-9A-F]{2}[^%\s]*)*?)%7D%7D/gi, (whole, inner: string) => {
					try {
						const name = decodeURIComponent(inner);
						return isVariableName(name) ? `{{${name}}}` : whole;
					} catch {
						return whole;
					}
				})
			: value;
		const tokens = scanTemplateSyntax(written);
		if (tokens.length === 0) return undefined;
		let out = '';
		let copied = 0;
		for (const token of tokens) {
			out += written.slice(copied, token.start);
			copied = token.end;
			const where = positionIn(written, token.start, start);
			if (token.kind !== 'variable') {
				result.templateCode.push({ file, ...where, message: templateCodeMessage(token) });
				continue;
			}
			result.variables.push({ name: token.name, ...where });
			const resolved = lookup?.resolve(token.name);
			if (resolved) out += resolved.value;
			else if (lookup) result.unknown.push({ file, ...where, message: unknownVariableMessage(token.name, lookup) });
		}
		out += written.slice(copied);
		const variable = tokens.find((token) => token.kind === 'variable');
		if (url && variable?.kind === 'variable') result.variableUrls.set(out, variable.name);
		return out;
	};
	visit(tree, (node) => {
		if (node.type === 'element') {
			const element = node as Element;
			if (element.tagName === 'code' || element.tagName === 'pre') return SKIP;
			const properties: Properties = element.properties;
			for (const [key, value] of Object.entries(properties)) {
				if (typeof value !== 'string') continue;
				const filled = fill(value, element.position?.start, URL_PROPERTIES.has(key));
				if (filled === undefined) continue;
				// An attribute whose variable is unknown is left out rather than pointing somewhere half-made.
				if (URL_PROPERTIES.has(key) && filled.trim() === '') delete properties[key];
				else properties[key] = filled;
			}
			return undefined;
		}
		if (node.type === 'text') {
			const text = node as Text;
			const filled = fill(text.value, text.position?.start, false);
			if (filled !== undefined) text.value = filled;
		}
		return undefined;
	});
	return result;
}

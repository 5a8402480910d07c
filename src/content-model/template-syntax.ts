/**
 * Template syntax that pages brought from older systems carry: content variables (`{{ signup_button }}`,
 * `{{ urls/learn }}`) that Glossa fills in from `variables.yml`, and template code (ERB `<% … %>`, Liquid
 * `{% … %}`, `{{ }}` with an expression in it) that it never runs and never prints. These are tokens of the
 * old template language around the Markdown, not Markdown, so they are found in the source text, with
 * their line and column, before it is parsed. One scanner for the import, the build and `npm run check`.
 */

/** A variable name: words (letters, digits, `_`, `-`) joined by `/`, as the key path in `variables.yml`. */
const VARIABLE_NAME = /^[\p{L}_][\p{L}\p{N}_-]*(?:\/[\p{L}\p{N}_-]+)*$/u;

export interface TemplateToken {
	/** The token as written, braces included. */
	text: string;
	/** Offsets in the scanned text. */
	start: number;
	end: number;
	/** 1-based. */
	line: number;
	column: number;
}

export interface VariableToken extends TemplateToken {
	kind: 'variable';
	/** `urls/learn` */
	name: string;
}

export interface TemplateCodeToken extends TemplateToken {
	kind: 'erb' | 'liquid' | 'expression';
}

export type TemplateSyntaxToken = VariableToken | TemplateCodeToken;

/** Where each line starts, for offsets to line and column. */
function lineStarts(text: string): number[] {
	const starts = [0];
	for (let index = text.indexOf('\n'); index !== -1; index = text.indexOf('\n', index + 1)) starts.push(index + 1);
	return starts;
}

function position(starts: readonly number[], offset: number): { line: number; column: number } {
	let low = 0;
	let high = starts.length - 1;
	while (low < high) {
		const middle = (low + high + 1) >> 1;
		if (starts[middle]! <= offset) low = middle;
		else high = middle - 1;
	}
	return { line: low + 1, column: offset - starts[low]! + 1 };
}

/** The delimiters of each kind; a token never spans more than `MAX_TOKEN_LENGTH` characters. */
const DELIMITERS = [
	{ open: '<%', close: '%>', kind: 'erb' },
	{ open: '{%', close: '%}', kind: 'liquid' },
	{ open: '{{', close: '}}', kind: 'braces' },
] as const;
const MAX_TOKEN_LENGTH = 2000;

/** Every variable and piece of template code in `text`, in order. An unclosed opener is not a token. */
export function scanTemplateSyntax(text: string): TemplateSyntaxToken[] {
	const tokens: TemplateSyntaxToken[] = [];
	const starts = lineStarts(text);
	let offset = 0;
	while (offset < text.length) {
		let next: { at: number; delimiter: (typeof DELIMITERS)[number] } | undefined;
		for (const delimiter of DELIMITERS) {
			const at = text.indexOf(delimiter.open, offset);
			if (at !== -1 && (!next || at < next.at)) next = { at, delimiter };
		}
		if (!next) break;
		const close = text.indexOf(next.delimiter.close, next.at + next.delimiter.open.length);
		if (close === -1 || close - next.at > MAX_TOKEN_LENGTH) {
			offset = next.at + next.delimiter.open.length;
			continue;
		}
		const end = close + next.delimiter.close.length;
		const written = text.slice(next.at, end);
		const inner = text.slice(next.at + next.delimiter.open.length, close).trim();
		const where = { text: written, start: next.at, end, ...position(starts, next.at) };
		if (next.delimiter.kind !== 'braces') tokens.push({ kind: next.delimiter.kind, ...where });
		else if (VARIABLE_NAME.test(inner)) tokens.push({ kind: 'variable', name: inner, ...where });
		else if (inner !== '') tokens.push({ kind: 'expression', ...where });
		offset = end;
	}
	return tokens;
}

export function isVariableName(name: string): boolean {
	return VARIABLE_NAME.test(name);
}

/** Distinct variables in `text`, with how often each appears, by name. */
export function countVariables(text: string): Map<string, number> {
	const counts = new Map<string, number>();
	for (const token of scanTemplateSyntax(text)) if (token.kind === 'variable') counts.set(token.name, (counts.get(token.name) ?? 0) + 1);
	return counts;
}

/** Template code (never variables) in `text`. */
export function findTemplateCode(text: string): TemplateCodeToken[] {
	return scanTemplateSyntax(text).filter((token): token is TemplateCodeToken => token.kind !== 'variable');
}

/**
 * Limits checked on a page's text before it is parsed. The parser's cost grows faster than the text for
 * shapes no real page has, and one of them crashes it outright; each is refused with its line, so a hostile
 * file costs one linear scan:
 * - brackets nested thousands deep in an expression (`{[[[…]]]}`) crash the native parser;
 * - tags nested thousands deep, and container markers (`>`, `-`, `1.`) repeated thousands of times on a
 *   line, make parsing quadratic;
 * - thousands of character references in one block (`&amp;&amp;…`) make its memory quadratic;
 * - a GFM table's rows are padded to its columns, so a few kilobytes can stand for millions of cells.
 * The scan is deliberately coarse (it also counts inside code), which real pages stay far below.
 */
import { MAX_CONTENT_DEPTH } from './content-limits.ts';

/** More cells than any real table; a 200-row, 100-column table still fits. */
export const MAX_TABLE_CELLS = 20_000;
/** More HTML or component tags than any real page opens. */
export const MAX_TAGS = 3_000;
/** More character references (`&amp;`, `&#65;`) than any real paragraph holds. */
export const MAX_REFERENCES_PER_BLOCK = 500;

export interface InputLimitProblem {
	line: number;
	message: string;
}

/** An opening, closing or self-closing tag, with quoted attribute values read as values (they may hold `<`). */
// An attribute name holds no `<`, so each `<` starts one scan that ends at the next (`<a <a <a …` was quadratic).
const TAG = /<(\/?)([A-Za-z][\w.:-]*)((?:\s+[^\s"'<>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|\{[^{}]*\}|[^\s"'=<>`]+))?)*)\s*(\/?)>/g;
const BRACKET = /[[\]{}()]/g;
const REFERENCE = /&(?:#\d{1,8}|#[xX][\da-fA-F]{1,8}|[A-Za-z][A-Za-z\d]{1,31});/g;
/** Blockquote and list markers at the start of a line, however many. */
const CONTAINER_MARKERS = /^(?:[ \t]*(?:>|[-*+](?=[ \t])|\d{1,9}[.)](?=[ \t])))+/;
/** A GFM delimiter row, tested on the trimmed line: no two runs of spaces meet, so no split of one is tried twice. */
const DELIMITER_ROW = /^\|?\s*:?-+:?\s*(?:\|\s*:?-+:?\s*)*\|?$/;

/** The 1-based line of an offset in a text. */
export function lineAt(text: string, offset: number): number {
	let line = 1;
	for (let index = text.indexOf('\n'); index !== -1 && index < offset; index = text.indexOf('\n', index + 1)) line++;
	return line;
}

/** A line without its blockquote and list markers, which a table inside a quote or list starts with. */
function withoutContainers(line: string): string {
	return line.replace(CONTAINER_MARKERS, '');
}

export function inputLimitProblems(body: string): InputLimitProblem[] {
	const problems: InputLimitProblem[] = [];
	const refuse = (offset: number, message: string) => problems.push({ line: lineAt(body, offset), message });

	let depth = 0;
	let tags = 0;
	for (const match of body.matchAll(TAG)) {
		if (match[1]) {
			depth = Math.max(0, depth - 1);
			continue;
		}
		if (++tags > MAX_TAGS) {
			refuse(match.index, `more than ${MAX_TAGS} tags`);
			break;
		}
		if (!match[4] && ++depth > MAX_CONTENT_DEPTH) {
			refuse(match.index, `tags are nested more than ${MAX_CONTENT_DEPTH} levels deep here`);
			break;
		}
	}

	let brackets = 0;
	for (const match of body.matchAll(BRACKET)) {
		brackets = '[{('.includes(match[0]) ? brackets + 1 : Math.max(0, brackets - 1);
		if (brackets > MAX_CONTENT_DEPTH) {
			refuse(match.index, `brackets are nested more than ${MAX_CONTENT_DEPTH} levels deep here`);
			break;
		}
	}

	const lines = body.split('\n');
	let offset = 0;
	let blockReferences = 0;
	for (const line of lines) {
		const markers = CONTAINER_MARKERS.exec(line)?.[0] ?? '';
		if ((markers.match(/[>*+\-.)]/g)?.length ?? 0) > MAX_CONTENT_DEPTH) {
			refuse(offset, `quotes or lists are nested more than ${MAX_CONTENT_DEPTH} levels deep here`);
			break;
		}
		blockReferences = withoutContainers(line).trim() === '' ? 0 : blockReferences + (line.match(REFERENCE)?.length ?? 0);
		if (blockReferences > MAX_REFERENCES_PER_BLOCK) {
			refuse(offset, `more than ${MAX_REFERENCES_PER_BLOCK} character references (like &amp;) in one paragraph`);
			break;
		}
		offset += line.length + 1;
	}

	for (let index = 1; index < lines.length; index++) {
		const delimiter = withoutContainers(lines[index]!);
		if (!delimiter.includes('-') || !DELIMITER_ROW.test(delimiter.trim()) || !withoutContainers(lines[index - 1]!).includes('|')) continue;
		const columns = delimiter.split('|').filter((cell) => cell.trim() !== '').length;
		let rows = 1;
		while (index + rows < lines.length && withoutContainers(lines[index + rows]!).trim() !== '') rows++;
		// A row of the quote may be only its marker (`>|`): it still counts.
		while (index + rows < lines.length && /^\s*>/.test(lines[index + rows]!)) rows++;
		if (columns * rows > MAX_TABLE_CELLS) {
			problems.push({ line: index, message: `a table of ${columns} columns and ${rows} rows has more than ${MAX_TABLE_CELLS} cells` });
			break;
		}
	}
	return problems;
}

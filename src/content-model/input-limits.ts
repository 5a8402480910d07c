/**
 * Limits checked on a page's text before it is parsed. The parser's own cost grows faster than the text for
 * two shapes no real page has: tags nested thousands deep (quadratic) and GFM tables whose every row is
 * padded out to thousands of columns (rows × columns cells from a few kilobytes). Each is refused with its
 * line, so a hostile file costs a scan, not minutes or the build's memory.
 */
import { MAX_CONTENT_DEPTH } from './content-limits.ts';

/** More cells than any real table; a 200-row, 100-column table still fits. */
export const MAX_TABLE_CELLS = 20_000;

export interface InputLimitProblem {
	line: number;
	message: string;
}

const TAG = /<(\/?)([A-Za-z][\w.:-]*)(?:\s[^<>]*?)?(\/?)>/g;
const DELIMITER_ROW = /^\s*\|?\s*:?-+:?\s*(?:\|\s*:?-+:?\s*)*\|?\s*$/;

function lineAt(text: string, offset: number): number {
	let line = 1;
	for (let index = text.indexOf('\n'); index !== -1 && index < offset; index = text.indexOf('\n', index + 1)) line++;
	return line;
}

export function inputLimitProblems(body: string): InputLimitProblem[] {
	const problems: InputLimitProblem[] = [];
	let depth = 0;
	for (const match of body.matchAll(TAG)) {
		if (match[1]) depth = Math.max(0, depth - 1);
		else if (!match[3]) depth++;
		if (depth > MAX_CONTENT_DEPTH) {
			problems.push({ line: lineAt(body, match.index), message: `tags are nested more than ${MAX_CONTENT_DEPTH} levels deep here` });
			break;
		}
	}
	const lines = body.split('\n');
	for (let index = 1; index < lines.length; index++) {
		if (!lines[index]!.includes('-') || !DELIMITER_ROW.test(lines[index]!) || !lines[index - 1]!.includes('|')) continue;
		const columns = lines[index]!.split('|').filter((cell) => cell.trim() !== '').length;
		let rows = 1;
		while (index + rows < lines.length && lines[index + rows]!.trim() !== '') rows++;
		if (columns * rows > MAX_TABLE_CELLS) {
			problems.push({ line: index, message: `a table of ${columns} columns and ${rows} rows has more than ${MAX_TABLE_CELLS} cells` });
			break;
		}
	}
	return problems;
}

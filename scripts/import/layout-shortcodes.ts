/**
 * The old site's layout, in Glossa's layout vocabulary (README, "Layout without CSS"), for `npm run import`:
 * - `[col-NN] … [/col-NN]` shortcodes (text in the old pages, which the old site's templates turned into
 *   floated boxes) become `<div class="columns">` with a `<div class="column">` per shortcode; shortcodes
 *   that follow each other (with only white space between) share one `columns` box, and the box stacks on
 *   phones. The width `NN` is not kept: the vocabulary's columns share the width equally.
 * - An empty element whose style is `clear: both` (or `left`/`right`), which only ended the old floats, is
 *   removed: a `columns` box ends by itself.
 * - An element with a `float` style is left as it is (the allowlist drops `style`) and reported, so the
 *   editor can put it in columns.
 *
 * The body is parsed (Sätteri, as the build parses it; raw HTML with parse5, styles with PostCSS) and edited
 * only at the offsets of the nodes found; shortcodes anywhere but in a top-level paragraph (a list, a quote,
 * a table, raw HTML) or unbalanced ones are reported with their line, never guessed at.
 */
import type { Element, ElementContent, Root, RootContent, Text } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import postcss from 'postcss';
import { markdownToHast } from 'satteri';
import { visit } from 'unist-util-visit';
import { textOf } from '../../src/content-model/content-render.ts';

export interface LayoutMapping {
	body: string;
	/** `columns` boxes written. */
	columnGroups: number;
	/** `column` boxes written (one per shortcode pair). */
	columns: number;
	/** Empty `clear` elements removed. */
	clears: number;
	/** Elements with a `float` style, left as they are. */
	floats: number;
	/** What was not mapped, by offset in the body. */
	unmapped: { offset: number; message: string }[];
}

/** A shortcode in the text: `[col-33]` or `[/col-33]`. */
const SHORTCODE = /\[(\/?)col-(\d{1,3})\]/g;
const ANY_SHORTCODE = /\[\/?col-\d{1,3}\]/;

interface Token {
	start: number;
	end: number;
	closing: boolean;
	width: string;
}

interface Edit {
	start: number;
	end: number;
	text: string;
}

/** The declarations of a `style` attribute, property lower-cased; none when it does not parse. */
function styleDeclarations(style: string): Map<string, string> {
	const declarations = new Map<string, string>();
	try {
		postcss.parse(`x{${style}}`).walkDecls((declaration) => {
			declarations.set(declaration.prop.toLowerCase(), declaration.value.trim().toLowerCase());
		});
	} catch {
		// An unreadable style clears and floats nothing here; the allowlist drops it anyway.
	}
	return declarations;
}

/** Whether an element holds nothing to see: white space, `&nbsp;` and `<br>` only. */
function isEmptyBox(element: Element): boolean {
	return (
		textOf(element).replace(/[\s\u00a0]/g, '') === '' && element.children.every((child: ElementContent) => child.type !== 'element' || child.tagName === 'br')
	);
}

export function mapLayoutShortcodes(body: string): LayoutMapping {
	const result: LayoutMapping = { body, columnGroups: 0, columns: 0, clears: 0, floats: 0, unmapped: [] };
	const tree = markdownToHast(body, { position: true }) as unknown as Root;
	const tokens: Token[] = [];
	const edits: Edit[] = [];

	const tokensIn = (text: Text): Token[] => {
		const start = text.position?.start.offset;
		const found: Token[] = [];
		for (const match of text.value.matchAll(SHORTCODE)) {
			// The node's value is its source text unless an escape or entity came before: then the offsets are not the source's.
			const offset = start === undefined ? undefined : start + match.index;
			if (offset === undefined || body.slice(offset, offset + match[0].length) !== match[0]) {
				result.unmapped.push({ offset: start ?? 0, message: `${match[0]} is not where its text says; not mapped: write the columns by hand` });
				continue;
			}
			found.push({ start: offset, end: offset + match[0].length, closing: match[1] === '/', width: match[2]! });
		}
		return found;
	};

	visit(tree, (node, _index, parent) => {
		// Code shows shortcodes as written: it is never mapped, nor reported.
		if (node.type === 'text' && !(parent?.type === 'element' && parent.tagName === 'code')) {
			const inTopLevelParagraph = parent?.type === 'element' && parent.tagName === 'p' && tree.children.includes(parent as RootContent);
			const found = tokensIn(node);
			if (inTopLevelParagraph) tokens.push(...found);
			else
				for (const token of found)
					result.unmapped.push({
						offset: token.start,
						message: `${body.slice(token.start, token.end)} inside a list, quote, table or link is not mapped to columns: move it out, or use <div class="columns"> by hand`,
					});
		}
		if (node.type === 'raw' && node.position?.start.offset !== undefined) {
			const offset = node.position.start.offset;
			const isBlock = parent?.type === 'root';
			visit(fromHtml(node.value, { fragment: true }), (inner) => {
				if (inner.type === 'text' && ANY_SHORTCODE.test(inner.value)) {
					result.unmapped.push({ offset, message: `a [col-NN] shortcode inside raw HTML is not mapped to columns: use <div class="columns"> by hand` });
				}
				if (inner.type !== 'element') return;
				const style = inner.properties['style'];
				if (typeof style !== 'string') return;
				const declarations = styleDeclarations(style);
				const start = inner.position?.start.offset;
				const end = inner.position?.end.offset;
				if (declarations.has('clear') && isEmptyBox(inner) && start !== undefined && end !== undefined) {
					// A block takes the white space after it, so no run of blank lines is left where it stood; inline, the
					// space may be all that parts two words.
					let clearEnd = offset + end;
					if (isBlock) while (clearEnd < body.length && /\s/.test(body[clearEnd]!)) clearEnd++;
					edits.push({ start: offset + start, end: clearEnd, text: '' });
					result.clears++;
				} else if (declarations.has('float') && declarations.get('float') !== 'none') {
					result.floats++;
					result.unmapped.push({
						offset: offset + (start ?? 0),
						message: `<${inner.tagName}> floats ${declarations.get('float')} (the style is dropped): to keep it beside its text, put both in <div class="columns">`,
					});
				}
			});
		}
	});

	// Pairs in document order: an opening shortcode, then its closing one of the same width.
	const pairs: { open: Token; close: Token }[] = [];
	for (let index = 0; index < tokens.length; index += 2) {
		const open = tokens[index]!;
		const close = tokens[index + 1];
		if (open.closing || !close || !close.closing || close.width !== open.width) {
			result.unmapped.push({
				offset: open.start,
				message: `${body.slice(open.start, open.end)} has no matching [/col-${open.width}] after it (or they nest); the page's column shortcodes are not mapped: pair them and import again`,
			});
			return { ...result, body, columnGroups: 0, columns: 0, clears: 0 };
		}
		pairs.push({ open, close });
	}

	// The white space around a shortcode is the paragraph's, not the page's: each edit takes it in, so the blank
	// lines written are exactly those HTML blocks need (they start a line and end at a blank line, and the column's
	// Markdown between them stays Markdown).
	const isSpace = (offset: number) => offset >= 0 && offset < body.length && /\s/.test(body[offset]!);
	for (const [index, { open, close }] of pairs.entries()) {
		const previous = pairs[index - 1];
		const next = pairs[index + 1];
		const joinsPrevious = previous !== undefined && body.slice(previous.close.end, open.start).trim() === '';
		const joinsNext = next !== undefined && body.slice(close.end, next.open.start).trim() === '';
		let openStart = open.start;
		if (!joinsPrevious) while (isSpace(openStart - 1)) openStart--;
		let openEnd = open.end;
		while (openEnd < close.start && isSpace(openEnd)) openEnd++;
		let closeStart = close.start;
		while (closeStart > openEnd && isSpace(closeStart - 1)) closeStart--;
		let closeEnd = close.end;
		// Up to the next column of the box (the gap is white space), or over the blank lines after the box.
		if (joinsNext) closeEnd = next.open.start;
		else while (isSpace(closeEnd)) closeEnd++;
		if (!joinsPrevious) result.columnGroups++;
		edits.push({
			start: openStart,
			end: openEnd,
			text: `${joinsPrevious ? '' : `${openStart === 0 ? '' : '\n\n'}<div class="columns">\n`}<div class="column">\n\n`,
		});
		edits.push({ start: closeStart, end: closeEnd, text: `\n\n</div>\n${joinsNext ? '' : `</div>${closeEnd === body.length ? '\n' : '\n\n'}`}` });
		result.columns++;
	}

	edits.sort((a, b) => b.start - a.start);
	let mapped = body;
	for (const edit of edits) mapped = mapped.slice(0, edit.start) + edit.text + mapped.slice(edit.end);
	result.body = mapped;
	return result;
}

/**
 * Untranslated segments (issue 26, item 3). Crowdin exports a Markdown segment nobody translated as its
 * English text (`skipUntranslatedStrings` does not apply to Markdown), so a "translation" can be mostly
 * English. A segment is a paragraph, a heading, a list item's own text, a table cell, or the page's title.
 *
 * A segment of a translation is **untranslated** when its text is exactly the text of a segment of its
 * English source (whitespace aside) and it has words (`hasWords`): at least two words of letters once
 * inline code, URLs, e-mail addresses, paths and numbers are set aside. So a segment that is only a
 * number, code, a link target or one word (a proper name such as "Kitebird", a term such as "Python") is
 * never flagged: translators rightly leave those as they are.
 *
 * The segments are walked in one fixed order (`segmentElements`), the same when the document is parsed
 * (hashes, words) and when its page is rendered (the `lang="en"` marks), so a page is marked by index.
 */
import type { Element, ElementContent, Root, RootContent } from 'hast';
import { countWords } from '../i18n/reading-time.ts';
import { sha256 } from './hash.ts';

export type SegmentKind = 'heading' | 'paragraph' | 'item' | 'cell';

export interface ContentSegment {
	kind: SegmentKind;
	/** sha256 of the normalized text, shortened: segments are compared by it. */
	hash: string;
	/**
	 * Words in the segment, counted as English would count them: on English sources only. A translation's
	 * segment counts only when it is an English segment's text, whose count it then takes (`compareSegments`);
	 * counting every translated segment (Thai and CJK through a dictionary segmenter) cost a cold build of
	 * 200 x 15 about half a second for nothing.
	 */
	words?: number;
	/** Whether it has words at all (a letter); only those count towards a page's share. */
	hasLetters: boolean;
	/** Whether it may be flagged when identical to English (`hasWords`). */
	hasWords: boolean;
}

/** What a translation leaves in English, against its English source. */
export interface SegmentReport {
	/** Segments of the translation with letters in them, the title included. */
	total: number;
	/** Indices (in `segmentElements` order) of the body's untranslated segments. */
	untranslated: number[];
	untranslatedTitle: boolean;
	/** English words in the body's untranslated segments (a page's words are its body's). */
	untranslatedWords: number;
	/** More than half of the segments are untranslated: the translation is treated as not translated. */
	mostlyUntranslated: boolean;
}

const HEADINGS = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6']);
const CELLS = new Set(['td', 'th']);
/** Elements whose text is never a translator's: code, and whatever is not shown as text. */
const NOT_TEXT = new Set(['code', 'pre', 'kbd', 'samp', 'script', 'style', 'svg', 'math']);
/** Children of a list item that are blocks of their own (the item's own text is what is around them). */
const BLOCKS = new Set(['p', 'ul', 'ol', 'div', 'blockquote', 'pre', 'table', 'figure', 'aside', 'section', 'details', 'dl', 'hr', ...HEADINGS]);

export interface SegmentElement {
	element: Element;
	kind: SegmentKind;
	/** For a list item with blocks inside: only its own text (the children that are not blocks). */
	ownChildren?: ElementContent[] | undefined;
}

function isBlock(node: ElementContent): boolean {
	return node.type === 'element' && BLOCKS.has(node.tagName);
}

/** Every segment element of a content tree, in document order (never inside code). */
export function segmentElements(tree: Root | Element): SegmentElement[] {
	const found: SegmentElement[] = [];
	const walk = (node: Root | Element | RootContent) => {
		if (node.type !== 'element' && node.type !== 'root') return;
		if (node.type === 'element') {
			if (NOT_TEXT.has(node.tagName)) return;
			if (node.tagName === 'p') found.push({ element: node, kind: 'paragraph' });
			else if (HEADINGS.has(node.tagName)) found.push({ element: node, kind: 'heading' });
			else if (CELLS.has(node.tagName)) found.push({ element: node, kind: 'cell' });
			else if (node.tagName === 'li') {
				const blocks = node.children.some(isBlock);
				found.push({ element: node, kind: 'item', ownChildren: blocks ? node.children.filter((child) => !isBlock(child)) : undefined });
			}
		}
		for (const child of node.children) walk(child);
	};
	walk(tree);
	return found;
}

function textOfNodes(nodes: readonly ElementContent[], skipCode: boolean): string {
	let text = '';
	for (const node of nodes) {
		if (node.type === 'text') text += node.value;
		else if (node.type === 'element' && !(skipCode && NOT_TEXT.has(node.tagName))) text += textOfNodes(node.children, skipCode);
	}
	return text;
}

/** Whitespace runs become one space, the ends are trimmed, and the text is in NFC. */
export function normalizeSegmentText(text: string): string {
	return text.normalize('NFC').replace(/\s+/gu, ' ').trim();
}

const LETTER_WORD = /\p{L}[\p{L}\p{M}'’-]*/gu;
const WWW = /\bwww\.(?=.)/iu;

/**
 * What of one whitespace-free token a translator would translate: nothing of a URL (`https://…`, which holds
 * a slash), a path (`docs/plan.pdf`, `C:\\…`) or an e-mail address (`team@school.example`); the part before
 * `www.` of a token that has one. Token by token with `indexOf`, in time linear in the text: as one regular
 * expression (`\S+@\S+\.\S+|\S*[/\\]\S*`) the engine tried every start in a run of text without spaces,
 * which is quadratic, and a Thai or Chinese paragraph of 32,000 characters took 6 s (7 s of every cold
 * build of the benchmark, and minutes for a hostile translation of a few hundred kilobytes).
 */
function translatablePart(token: string): string {
	if (token.includes('/') || token.includes('\\')) return '';
	// An address: a character, `@`, at least one character, a dot, at least one character (a dot that ends the
	// token, as before a full stop, does not count).
	const at = token.indexOf('@', 1);
	const dot = token.lastIndexOf('.', token.length - 2);
	if (at > 0 && dot >= at + 2) return '';
	const www = WWW.exec(token);
	return www ? token.slice(0, www.index) : token;
}

/**
 * Whether a segment's text (code already left out) has words a translator would translate: two words of
 * letters or more once URLs, e-mail addresses and paths are set aside. One word is not enough: it is
 * most often a name or a term that every language writes the same.
 */
export function hasWords(text: string): boolean {
	let words = 0;
	for (const token of text.split(/\s+/u)) {
		words += translatablePart(token).match(LETTER_WORD)?.length ?? 0;
		if (words >= 2) return true;
	}
	return false;
}

function segmentOf({ element, kind, ownChildren }: SegmentElement, withWords: boolean): ContentSegment | undefined {
	const children = ownChildren ?? element.children;
	const text = normalizeSegmentText(textOfNodes(children, false));
	if (text === '') return undefined;
	const prose = normalizeSegmentText(textOfNodes(children, true));
	return {
		kind,
		hash: segmentHash(text),
		...(withWords ? { words: countWords(text, 'en') } : {}),
		hasLetters: /\p{L}/u.test(text),
		hasWords: hasWords(prose),
	};
}

export function segmentHash(text: string): string {
	return sha256(normalizeSegmentText(text)).slice(0, 20);
}

/**
 * The segments of a content tree, in `segmentElements` order; an empty element (an item holding only a
 * nested list) has none, and keeps its index so render-time marks line up.
 */
export function contentSegments(tree: Root, { words }: { words: boolean }): (ContentSegment | null)[] {
	return segmentElements(tree).map((segment) => segmentOf(segment, words) ?? null);
}

export interface SegmentComparison {
	segments: readonly (ContentSegment | null)[];
	title: string | undefined;
}

/** A translation against its English source: which of its segments are the English text. */
export function compareSegments(translation: SegmentComparison, source: SegmentComparison): SegmentReport {
	// Each English segment's words, by its text's hash: an untranslated segment is that text.
	const english = new Map(source.segments.flatMap((segment) => (segment ? [[segment.hash, segment.words ?? 0] as const] : [])));
	const untranslated: number[] = [];
	let total = 0;
	let untranslatedWords = 0;
	translation.segments.forEach((segment, index) => {
		if (!segment?.hasLetters) return;
		total++;
		if (segment.hasWords && english.has(segment.hash)) {
			untranslated.push(index);
			untranslatedWords += english.get(segment.hash) ?? 0;
		}
	});
	const title = translation.title === undefined ? '' : normalizeSegmentText(translation.title);
	if (/\p{L}/u.test(title)) total++;
	const untranslatedTitle = title !== '' && source.title !== undefined && title === normalizeSegmentText(source.title) && hasWords(title);
	const flagged = untranslated.length + (untranslatedTitle ? 1 : 0);
	return { total, untranslated, untranslatedTitle, untranslatedWords, mostlyUntranslated: total > 0 && flagged * 2 > total };
}

/** The share of a translation's segments left in English, 0 to 1. */
export function untranslatedShare(report: Pick<SegmentReport, 'total' | 'untranslated' | 'untranslatedTitle'>): number {
	return report.total === 0 ? 0 : (report.untranslated.length + (report.untranslatedTitle ? 1 : 0)) / report.total;
}

/**
 * Marks a page's untranslated segments, in place: `lang` (and `dir`, in a right-to-left page) on the
 * element, or on a span around a list item's own text when the item holds blocks (its nested list may
 * well be translated).
 */
export function markUntranslatedSegments(
	tree: Root,
	indices: readonly number[],
	mark: { lang?: string; dir?: 'ltr' | 'rtl' | undefined },
	extra: Record<string, string> = {},
): void {
	if (indices.length === 0) return;
	const wanted = new Set(indices);
	const properties = { ...(mark.lang ? { lang: mark.lang } : {}), ...(mark.dir ? { dir: mark.dir } : {}), dataUntranslated: '', ...extra };
	segmentElements(tree).forEach(({ element, ownChildren }, index) => {
		if (!wanted.has(index)) return;
		if (!ownChildren) {
			Object.assign(element.properties, properties);
			return;
		}
		// Each run of the item's own text (between its blocks) gets its own span.
		const children: ElementContent[] = [];
		let run: ElementContent[] = [];
		const flush = () => {
			if (run.some((node) => node.type !== 'text' || node.value.trim() !== ''))
				children.push({ type: 'element', tagName: 'span', properties: { ...properties }, children: run });
			else children.push(...run);
			run = [];
		};
		for (const child of element.children) {
			if (isBlock(child)) {
				flush();
				children.push(child);
			} else run.push(child);
		}
		flush();
		element.children = children;
	});
}

/**
 * Pseudo-localization: English made to look translated, so a preview build shows hard-coded English (it
 * stays plain) and layouts that break with longer text (it grows ~40%) before any translator starts.
 * `accented` (en-XA): `Home` -> `[Ĥöɱé ···]`. `mirrored` (ar-XB): the same text written backwards, so on its
 * `dir="rtl"` page it reads from right to left (`[··· éɱöĤ]`). No bidi control characters: the content
 * checks refuse them, and a pseudo-locale must pass the same checks as a translation.
 *
 * Only text changes: `{{placeholders}}`, `$t()` nesting and URLs stay exactly as written, and in a page
 * tree (`pseudoTree`) so do markup, attributes and code.
 */
import type { Element, ElementContent, Root, RootContent, Text } from 'hast';
import { PLURAL_SUFFIX } from './ui-checks.ts';

export type PseudoStyle = 'accented' | 'mirrored';

const pairs = (plain: string, accented: string) => [...plain].map((letter, index) => [letter, [...accented][index]!] as const);
const ACCENTED: Record<string, string> = Object.fromEntries([
	...pairs('abcdefghijklmnopqrstuvwxyz', 'åƀçðéƒĝĥîĵķļɱñöþǫŕšţûṽŵẋýž'),
	...pairs('ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'ÅƁÇÐÉƑĜĤÎĴĶĻṀÑÖÞǪŔŠŢÛṼŴẊÝŽ'),
]);
const PSEUDO_LETTERS = new Set(Object.values(ACCENTED));
const PADDING = '·';

/** Parts of a string that are not prose: placeholders, nesting and URLs. */
const PROTECTED = /\{\{[^}]*\}\}|\$t\([^)]*\)|\bhttps?:\/\/[^\s<>"]+|\bmailto:[^\s<>"]+/g;

/** Growth of ~40% (at least one character), as a translation into a longer language would. */
function padding(letters: number): string {
	return PADDING.repeat(Math.max(1, Math.ceil(letters * 0.4)));
}

interface Piece {
	text: string;
	prose: boolean;
}

function pieces(text: string): Piece[] {
	const result: Piece[] = [];
	let last = 0;
	for (const match of text.matchAll(PROTECTED)) {
		if (match.index > last) result.push({ text: text.slice(last, match.index), prose: true });
		result.push({ text: match[0], prose: false });
		last = match.index + match[0].length;
	}
	if (last < text.length) result.push({ text: text.slice(last), prose: true });
	return result;
}

const accent = (text: string) => [...text].map((character) => ACCENTED[character] ?? character).join('');
const letterCount = (text: string) => [...text].filter((character) => /\p{L}/u.test(character)).length;

/** One run of prose, accented (and backwards for `mirrored`); placeholders and URLs stay whole and as written. */
function transformRun(text: string, style: PseudoStyle): { text: string; letters: number } {
	let letters = 0;
	const transformed = pieces(text).map((piece) => {
		if (!piece.prose) return piece.text;
		letters += letterCount(piece.text);
		const accented = accent(piece.text);
		return style === 'mirrored' ? [...accented].reverse().join('') : accented;
	});
	return { text: (style === 'mirrored' ? transformed.reverse() : transformed).join(''), letters };
}

/** A whole string in pseudo form: accented, padded and in brackets; surrounding spaces stay outside. */
export function pseudoText(text: string, style: PseudoStyle): string {
	// By trimming, not `^(\s*)([\s\S]*?)(\s*)$`, which tried each end of the body against the spaces after it.
	const body = text.trim();
	if (body === '') return text;
	const before = text.slice(0, text.length - text.trimStart().length);
	const after = text.slice(text.trimEnd().length);
	const run = transformRun(body, style);
	return style === 'mirrored' ? `${before}[${padding(run.letters)} ${run.text}]${after}` : `${before}[${run.text} ${padding(run.letters)}]${after}`;
}

/** Whether visible text is pseudo text, or has no prose letters (a number, a URL): what the pseudo-locale tests accept. */
export function looksPseudo(text: string): boolean {
	const prose = pieces(text)
		.filter((piece) => piece.prose)
		.map((piece) => piece.text)
		.join('');
	const letters = [...prose].filter((character) => /\p{L}/u.test(character));
	return letters.length === 0 || letters.some((character) => PSEUDO_LETTERS.has(character));
}

/** Every string of a UI namespace in pseudo form, with the plural forms the locale's rules ask for. */
export function pseudoStrings(strings: Record<string, unknown>, tag: string, style: PseudoStyle): Record<string, unknown> {
	const categories = new Intl.PluralRules(tag).resolvedOptions().pluralCategories;
	const walk = (node: Record<string, unknown>): Record<string, unknown> => {
		const out: Record<string, unknown> = {};
		for (const [key, value] of Object.entries(node)) {
			if (value && typeof value === 'object' && !Array.isArray(value)) out[key] = walk(value as Record<string, unknown>);
			else if (typeof value === 'string') out[key] = pseudoText(value, style);
		}
		// A plural key gets every form of this locale's rules (Arabic has six), from English `one` or `other`.
		for (const key of Object.keys(node)) {
			if (!key.endsWith('_other') || typeof node[key] !== 'string') continue;
			const base = key.replace(PLURAL_SUFFIX, '');
			for (const category of categories) {
				const form = `${base}_${category}`;
				if (out[form] === undefined) out[form] = pseudoText(String(node[category === 'one' ? `${base}_one` : key] ?? node[key]), style);
			}
		}
		return out;
	};
	return walk(strings);
}

/** Elements whose text is a unit (one pair of brackets each), as a translator would see a paragraph or a cell. */
const TEXT_BLOCKS = new Set([
	'p',
	'li',
	'h1',
	'h2',
	'h3',
	'h4',
	'h5',
	'h6',
	'td',
	'th',
	'dt',
	'dd',
	'figcaption',
	'caption',
	'summary',
	'blockquote',
	'aside',
	'div',
	'section',
]);
/** Elements whose text is not prose to translate. */
const KEPT = new Set(['code', 'pre', 'kbd', 'samp', 'var', 'script', 'style', 'svg', 'math']);

/** A copy of a rendered page tree with its prose in pseudo form; elements, attributes and code are unchanged. */
export function pseudoTree(tree: Root, style: PseudoStyle): Root {
	const copy = structuredClone(tree);
	const transformBlock = (block: Root | Element) => {
		const run: Text[] = [];
		const collect = (node: Root | Element) => {
			for (const child of node.children as (RootContent | ElementContent)[]) {
				if (child.type === 'text') run.push(child);
				else if (child.type === 'element') {
					if (KEPT.has(child.tagName)) continue;
					if (TEXT_BLOCKS.has(child.tagName)) transformBlock(child);
					else collect(child);
				}
			}
		};
		collect(block);
		let letters = 0;
		for (const text of run) {
			const transformed = transformRun(text.value, style);
			text.value = transformed.text;
			letters += transformed.letters;
		}
		const visible = run.filter((text) => text.value.trim() !== '');
		if (visible.length === 0) return;
		const first = visible[0]!;
		const last = visible.at(-1)!;
		const pad = padding(letters);
		first.value = first.value.replace(/^(\s*)/, style === 'mirrored' ? `$1[${pad} ` : '$1[');
		last.value = last.value.replace(/(?<!\s)(\s*)$/, style === 'mirrored' ? ']$1' : ` ${pad}]$1`);
	};
	transformBlock(copy);
	return copy;
}

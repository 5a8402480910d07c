import { z } from 'astro/zod';

/**
 * Bidi embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069): in a title they can reorder
 * what readers see, in the menu, the picker and search results. Marks (U+200E, U+200F) stay allowed.
 */
const BIDI_CONTROLS = /[\u202a-\u202e\u2066-\u2069]/;
const EVERY_BIDI_CONTROL = new RegExp(BIDI_CONTROLS.source, 'g');
/** Longer than any title, description or menu label needs; each is repeated on many pages (menus, pickers, search). */
const MAX_TEXT_LENGTH = { title: 200, description: 600, navLabel: 80 } as const;

const text = (field: keyof typeof MAX_TEXT_LENGTH) =>
	z
		.string()
		.trim()
		.min(1, `${field} must not be empty`)
		.max(MAX_TEXT_LENGTH[field], `${field} must be at most ${MAX_TEXT_LENGTH[field]} characters`)
		.refine((value) => !BIDI_CONTROLS.test(value), { message: `${field} must not contain bidi control characters (U+202A–U+202E, U+2066–U+2069)` });

/** Frontmatter every page carries, in English and in every translation. */
/** A YAML date or a date string; never coerced from other values (an array would be joined into a string first). */
const dateValue = z.union([z.date(), z.string().trim().max(40)]).pipe(z.coerce.date());

/** Far more than any page's frontmatter; YAML aliases can make a few lines stand for billions of values. */
export const MAX_FRONTMATTER_VALUES = 2000;

/**
 * Whether frontmatter holds more than `MAX_FRONTMATTER_VALUES` values, counting a value each time an alias
 * repeats it (as anything that walks it would). Stops counting at the limit.
 */
export function frontmatterTooLarge(value: unknown): boolean {
	let count = 0;
	const stack: unknown[] = [value];
	while (stack.length > 0) {
		const node = stack.pop();
		if (++count > MAX_FRONTMATTER_VALUES) return true;
		if (node && typeof node === 'object' && !(node instanceof Date)) stack.push(...Object.values(node));
	}
	return false;
}

const frontmatterFields = {
	title: text('title'),
	description: text('description'),
	/** When the page's content was last meaningfully changed. */
	updated: dateValue.optional(),
	/** When the page was first published. */
	published: dateValue.optional(),
	/** Position in the navigation; pages without one are not in the menu. */
	navOrder: z.number().int().nonnegative().optional(),
	/** A short label for the navigation; defaults to the title. */
	navLabel: text('navLabel').optional(),
	/** Show the download of the visitor's offline pack on this page (set on the English page). */
	offlinePack: z.boolean().optional(),
};

/**
 * What a source file's frontmatter may hold. Only `title` is required: a page without a description gets
 * one from its first paragraph (`entry-data.ts`). Keys not declared here are reported as warnings by the
 * content document and left out, so a page brought from another system (`nav:`, `theme:`) still builds.
 */
export const sourceFrontmatterSchema = z.object({ ...frontmatterFields, description: frontmatterFields.description.optional() });

/** An entry's frontmatter as pages read it: the file's, with its description filled in and unknown keys left out. */
export const frontmatterSchema = z.object(frontmatterFields);

export type Frontmatter = z.infer<typeof frontmatterSchema>;

/** A file's frontmatter once validated: its known keys, strings trimmed, dates as dates (`ContentDocument.data`). */
export type SourceFrontmatter = z.infer<typeof sourceFrontmatterSchema>;

/**
 * Text the build derives for a field (a title from the first heading, a description from the first
 * paragraph), made to hold what the field's schema requires: no bidi controls, whitespace collapsed, at most
 * the field's length (cut with an ellipsis). What a file wrote is validated when it is parsed; what is
 * derived from it is valid by construction, so no entry is validated twice. Empty when nothing is left.
 */
export function fitText(field: keyof typeof MAX_TEXT_LENGTH, value: string): string {
	const characters = [...value.replace(EVERY_BIDI_CONTROL, '').replace(/\s+/g, ' ').trim()];
	const limit = MAX_TEXT_LENGTH[field];
	return characters.length <= limit
		? characters.join('')
		: `${characters
				.slice(0, limit - 1)
				.join('')
				.trimEnd()}…`;
}

/** Every key Glossa reads from frontmatter. */
export const FRONTMATTER_FIELDS = Object.keys(frontmatterFields) as readonly (keyof Frontmatter)[];
export const FRONTMATTER_KEYS: readonly string[] = FRONTMATTER_FIELDS;

/** Longest description made from a page's first paragraph: what search results and link previews show. */
export const DERIVED_DESCRIPTION_LENGTH = 160;

/**
 * A description from a page's first paragraph: at most `DERIVED_DESCRIPTION_LENGTH` characters, cut at a
 * word boundary with an ellipsis (or at a character, for scripts written without spaces).
 */
export function descriptionFrom(paragraph: string, limit = DERIVED_DESCRIPTION_LENGTH): string {
	const text = paragraph.replace(/\s+/g, ' ').trim();
	const characters = [...text];
	if (characters.length <= limit) return text;
	const cut = characters.slice(0, limit - 1).join('');
	const space = cut.lastIndexOf(' ');
	return `${(space > limit / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:.\u2013\u2014-]+$/u, '')}…`;
}

/** The frontmatter translators translate; every other key keeps the English value. */
export const TRANSLATABLE_FRONTMATTER_KEYS = ['title', 'description', 'navLabel'] as const satisfies readonly (keyof Frontmatter)[];

/**
 * Schema problems as one sentence per field, never zod's dump: "`title` is required: add `title: …` to the
 * frontmatter", "`navOrder` is not valid: expected number, received string".
 */
export function describeSchemaIssues(error: z.ZodError, input: Record<string, unknown>): string[] {
	return error.issues.map((issue) => {
		const field = issue.path.length > 0 ? issue.path.join('.') : '(frontmatter)';
		const missing = issue.path.length === 1 && input[String(issue.path[0])] === undefined;
		if (missing) return `\`${field}\` is required: add \`${field}: …\` to the frontmatter`;
		const message = issue.message.replace(/^Invalid input: /, '');
		return message.startsWith(field) ? `\`${field}\` ${message.slice(field.length).trim()}` : `\`${field}\` is not valid: ${message}`;
	});
}

/** The line of a top-level frontmatter key in the file, for messages (the YAML parser keeps no positions). */
export function frontmatterLine(fileText: string, key: string): number | undefined {
	const lines = fileText.split('\n');
	if (lines[0]?.trim() !== '---') return undefined;
	for (let index = 1; index < lines.length && lines[index]!.trim() !== '---'; index++) {
		if (lines[index]!.startsWith(`${key}:`)) return index + 1;
	}
	return undefined;
}

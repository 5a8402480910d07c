import { z } from 'astro/zod';

/**
 * Bidi embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069): in a title they can reorder
 * what readers see, in the menu, the picker and search results. Marks (U+200E, U+200F) stay allowed.
 */
const BIDI_CONTROLS = /[\u202a-\u202e\u2066-\u2069]/;
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

export const frontmatterSchema = z.strictObject({
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
});

export type Frontmatter = z.infer<typeof frontmatterSchema>;

/** The frontmatter translators translate; every other key keeps the English value. */
export const TRANSLATABLE_FRONTMATTER_KEYS = ['title', 'description', 'navLabel'] as const satisfies readonly (keyof Frontmatter)[];

/** Human-readable schema problems, one per field: `title: must not be empty`. */
export function describeSchemaIssues(error: z.ZodError): string[] {
	return error.issues.map((issue) => {
		const field = issue.path.length > 0 ? issue.path.join('.') : '(frontmatter)';
		const missing = issue.code === 'invalid_type' && issue.input === undefined;
		return `${field}: ${missing ? 'is required' : issue.message}`;
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

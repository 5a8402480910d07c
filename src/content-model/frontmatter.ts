import { z } from 'astro/zod';

/** Frontmatter every page carries, in English and in every translation. */
export const frontmatterSchema = z.strictObject({
	title: z.string().trim().min(1, 'title must not be empty'),
	description: z.string().trim().min(1, 'description must not be empty'),
	/** When the page's content was last meaningfully changed. */
	updated: z.coerce.date().optional(),
	/** When the page was first published. */
	published: z.coerce.date().optional(),
	/** Position in the navigation; pages without one are not in the menu. */
	navOrder: z.number().int().nonnegative().optional(),
	/** A short label for the navigation; defaults to the title. */
	navLabel: z.string().trim().min(1).optional(),
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
		return `${field}: ${issue.message}`;
	});
}

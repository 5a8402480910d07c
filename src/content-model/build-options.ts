/** `GLOSSA_STRICT=1` turns translation warnings into build errors (for CI on translation pull requests). */
export function strictTranslations(env: Record<string, string | undefined> = process.env): boolean {
	return ['1', 'true', 'yes'].includes((env.GLOSSA_STRICT ?? '').toLowerCase());
}

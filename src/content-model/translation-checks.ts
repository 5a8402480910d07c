/**
 * Decides which translations can be built, from their parsed documents (`content-document.ts`). A
 * translation that fails here is left out of the site, so its page falls back to the English text instead
 * of breaking the build; the problem is reported with file and line.
 */
import type { LocaleRegistry } from '../i18n/registry.ts';
import { parseContentId } from '../i18n/routing.ts';
import { parseContentDocument, parseErrorProblem, type ContentDocument, type ContentReference, type ParseOptions } from './content-document.ts';
import { formatProblem, type ContentProblem } from './problems.ts';
import { withoutContentExtension } from './content-format.ts';

export { formatProblem, parseErrorProblem, type ContentProblem };

export interface SourceComparisonOptions {
	registry: LocaleRegistry;
	/** The translation's locale tag. */
	locale: string;
	/** Frontmatter keys a translation may change; others must keep the source's value. */
	translatableFrontmatter: readonly string[];
	/**
	 * Hold the other keys to the source's values. On for Crowdin downloads (Crowdin copies them from the
	 * source); off for the build, where a translation keeps its own date until the next sync.
	 */
	checkFrontmatter?: boolean;
}

/**
 * The link targets a translation may use: its source's, with `/en/values/#x` also allowed as
 * `/es-419/values/` and any fragment (a translation may localise the locale segment and the fragment).
 */
function allowedTargets(source: ContentDocument, options: SourceComparisonOptions): { exact: Set<string>; samePage: Set<string> } {
	const withoutFragment = (url: string) => url.split('#')[0]!;
	const sourceSegment = `/${options.registry.source.segment}/`;
	const target = options.registry.byTag(options.locale);
	const exact = new Set<string>();
	const samePage = new Set<string>();
	for (const { value } of [...source.links, ...source.assets]) {
		exact.add(value);
		const page = withoutFragment(value);
		samePage.add(page);
		if (target && page.startsWith(sourceSegment)) samePage.add(`/${target.segment}/${page.slice(sourceSegment.length)}`);
	}
	return { exact, samePage };
}

/**
 * What the allowlist drops from a translation beyond what it drops from the English source, which builds
 * without it (a page brought from another site may carry classes or attributes the allowlist does not keep;
 * its translations, which keep the same markup, lose the same and no more). Anything else dropped means the
 * translation added markup, so it falls back to English.
 */
export function droppedBeyondSource(translation: ContentDocument, source: ContentDocument | undefined): ContentProblem[] {
	const allowance = new Map<string, number>();
	for (const problem of source?.dropped ?? []) allowance.set(problem.message, (allowance.get(problem.message) ?? 0) + 1);
	return translation.dropped.filter((problem) => {
		const left = allowance.get(problem.message) ?? 0;
		if (left > 0) allowance.set(problem.message, left - 1);
		return left === 0;
	});
}

/** The first place a translation's raw HTML opens other elements than its source's, if any. */
function htmlStructureProblem(translation: ContentDocument, source: ContentDocument): ContentProblem | undefined {
	const ours = translation.htmlElements;
	const theirs = source.htmlElements;
	const index = ours.findIndex((element, at) => element.value !== theirs[at]?.value);
	if (index === -1 && ours.length === theirs.length) return undefined;
	const at = index === -1 ? ours.length : index;
	const found = ours[at];
	const expected = theirs[at];
	return {
		file: translation.file,
		line: found?.line ?? expected?.line,
		column: found?.column,
		message: `its HTML differs from the English source's: ${found ? `<${found.value}>` : 'the end'} where ${source.file} has ${expected ? `<${expected.value}>` : 'no more elements'} (element ${at + 1}); translators change the text, not the markup`,
	};
}

/**
 * What a translation may not do that its source does not already do: use other components, other raw HTML
 * elements, link or load elsewhere, or change frontmatter that is not for translators. (Code and imports
 * are refused in every file by the renderer.)
 */
export function compareWithSource(translation: ContentDocument, source: ContentDocument | undefined, options: SourceComparisonOptions): ContentProblem[] {
	const problems: ContentProblem[] = [];
	if (!source) return problems;
	const file = translation.file;
	const position = ({ line, column }: ContentReference) => ({ line, column });
	const sourceComponents = new Set(source.components.map((component) => component.value));
	const reported = new Set<string>();
	for (const component of translation.components) {
		if (sourceComponents.has(component.value) || reported.has(component.value)) continue;
		reported.add(component.value);
		problems.push({ file, ...position(component), message: `<${component.value}> is not used by the English source` });
	}
	const structure = htmlStructureProblem(translation, source);
	if (structure) problems.push(structure);
	problems.push(...variableProblems(translation, source));
	const allowed = allowedTargets(source, options);
	for (const reference of [...translation.links, ...translation.assets]) {
		const url = reference.value;
		// A variable's value is the locale's own (its volunteer page, say): the variables are compared instead.
		if (reference.variable !== undefined && source.variables.some((use) => use.name === reference.variable)) continue;
		if (reported.has(`url:${url}`) || allowed.exact.has(url) || allowed.samePage.has(url.split('#')[0]!)) continue;
		reported.add(`url:${reference.value}`);
		problems.push({
			file,
			...position(reference),
			message: `link target "${reference.value}" is not in the English source (nor the same page in ${options.locale})`,
		});
	}
	for (const [key, value] of Object.entries(options.checkFrontmatter ? (translation.frontmatter ?? {}) : {})) {
		if (options.translatableFrontmatter.includes(key)) continue;
		if (JSON.stringify(value) !== JSON.stringify(source.frontmatter?.[key])) {
			problems.push({
				file,
				line: translation.frontmatterLines[key] ?? 1,
				message: `frontmatter ${key} is not translatable and must stay as in the English source (upload the English page first if it changed)`,
			});
		}
	}
	return problems;
}

/**
 * A translation keeps the content variables of its source, as a UI string keeps its `{{placeholders}}`:
 * the same names (it may move them, and use one as often as it needs). A missing or added one means the
 * translator changed what the variable stands for.
 */
export function variableProblems(translation: ContentDocument, source: ContentDocument): ContentProblem[] {
	const ours = new Set(translation.variables.map((use) => use.name));
	const theirs = new Set(source.variables.map((use) => use.name));
	if (ours.size === theirs.size && [...ours].every((name) => theirs.has(name))) return [];
	const added = translation.variables.find((use) => !theirs.has(use.name));
	const missing = [...theirs].filter((name) => !ours.has(name));
	const list = (names: Iterable<string>) => [...names].map((name) => `{{ ${name} }}`).join(', ') || 'none';
	return [
		{
			file: translation.file,
			line: added?.line,
			column: added?.column,
			message: `content variables ${list(ours)} differ from the English source's ${list(theirs)}${missing.length ? ` (missing ${list(missing)})` : ''}; keep each {{ name }} exactly as written`,
		},
	];
}

/**
 * Checks one translated file against its English source, both given as text (the Crowdin download checks
 * files before it writes them); no problems means it may be built.
 */
export function checkMdxTranslation(
	file: string,
	translationText: string,
	source: ContentDocument | undefined,
	options: SourceComparisonOptions & ParseOptions,
): ContentProblem[] {
	const translation = parseContentDocument(file, translationText, 'content', { variables: options.variables });
	const problems = [...translation.problems, ...droppedBeyondSource(translation, source)];
	return problems.length > 0 ? problems : compareWithSource(translation, source, options);
}

/**
 * Where a translation may be: at the exact path of its English source (not `about/index.mdx` for
 * `about.mdx`, which would skip the comparison with English or shadow the real translation), or, with no
 * English page of that slug, as a regional page its locale lists in `localPages`.
 */
export function translationPathProblem(relativeToContent: string, sourceFiles: ReadonlySet<string>, registry: LocaleRegistry): string | undefined {
	const [folder = '', ...rest] = relativeToContent.split('/');
	const relative = rest.join('/');
	if (sourceFiles.has(relative)) return undefined;
	const { slug } = parseContentId(withoutContentExtension(relativeToContent));
	const sameSlug = [...sourceFiles].find((source) => parseContentId(`${registry.source.tag}/${withoutContentExtension(source)}`).slug === slug);
	if (sameSlug !== undefined) {
		return `is not at the path of its English source; translate content/${registry.source.tag}/${sameSlug} as content/${folder}/${sameSlug}`;
	}
	const locale = registry.get(folder);
	if (!Object.hasOwn(locale.localPages, slug)) {
		return `is a regional page with no English source, and ${locale.tag} does not list "${slug}" in localPages (src/i18n/locales.ts); add it there to publish it`;
	}
	return undefined;
}

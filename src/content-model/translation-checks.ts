/**
 * Decides which translations can be built, from their parsed documents (`content-document.ts`). A
 * translation that fails here is left out of the site, so its page falls back to the English text instead
 * of breaking the build; the problem is reported with file and line.
 */
import { isRendererClass } from '../security/content-allowlist.ts';
import type { LocaleRegistry } from '../i18n/registry.ts';
import { parseContentId } from '../i18n/routing.ts';
import { parseContentDocument, parseErrorProblem, type ContentDocument, type ContentReference, type ParseOptions } from './content-document.ts';
import { formatProblem, type ContentProblem } from './problems.ts';
import { withoutContentExtension } from './content-format.ts';
import { decodedTarget } from './link-resolver.ts';
import path from 'node:path';

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
	/**
	 * Whether a local target leads to a page or file the site has. With it, a translation that points where
	 * English's broken target should have pointed is accepted, with a warning to fix the English.
	 */
	targets?: TargetLookup | undefined;
}

export interface TargetLookup {
	/** Whether `url`, written in `file` (relative to the project root), leads to a page or file of the site. */
	exists(file: string, url: string): boolean;
}

/** A stand-in origin: a target that keeps it when resolved stays on the site. */
const SITE_ORIGIN = 'https://site.invalid';

/**
 * Whether a target leaves the site, as a browser reads it: a scheme (`https:`, `mailto:`), protocol-relative
 * (`//host/x`, and `/\\host/x`, which browsers read the same), or anything that does not resolve to this
 * origin. A value with spaces (a `srcset` list) counts as leaving too: it must be as English has it.
 */
export function isExternalTarget(url: string): boolean {
	const value = url.trim();
	if (/\s/.test(value)) return true;
	try {
		return new URL(value, `${SITE_ORIGIN}/page/`).origin !== SITE_ORIGIN;
	} catch {
		return true;
	}
}

/**
 * A link target as it is meant, to compare two spellings of it: no fragment; for a path, `%` escapes undone,
 * doubled slashes, `./` and `..` resolved, no trailing slash, and any locale's segment read as the source's
 * (`/es-419/learn/` is the same page as `/en/learn/`); for another site, the URL as the browser reads it.
 */
export function normalizeTarget(url: string, registry: LocaleRegistry): string {
	// The same few hundred targets recur in every translation of a page and in its English source, on every
	// build: each is worked out once per registry (a fifth of a no-op rebuild of 300 pages x 70 locales).
	let known = normalizedTargets.get(registry);
	if (!known || known.size > MAX_REMEMBERED_TARGETS) normalizedTargets.set(registry, (known = new Map()));
	let normalized = known.get(url);
	if (normalized === undefined) known.set(url, (normalized = normalizeTargetOnce(url, registry)));
	return normalized;
}

const normalizedTargets = new WeakMap<LocaleRegistry, Map<string, string>>();
/** Far more distinct targets than a site links to; beyond it the memo starts again rather than grow. */
const MAX_REMEMBERED_TARGETS = 200_000;

function normalizeTargetOnce(url: string, registry: LocaleRegistry): string {
	const value = url.trim().split('#')[0]!;
	if (isExternalTarget(value)) {
		try {
			return new URL(value, `${SITE_ORIGIN}/page/`).href.replace(/(?<=[^/])\/$/, '');
		} catch {
			return value;
		}
	}
	const queryAt = value.indexOf('?');
	const query = queryAt === -1 ? '' : value.slice(queryAt);
	const rawPath = queryAt === -1 ? value : value.slice(0, queryAt);
	if (rawPath === '') return query;
	let target = path.posix.normalize(decodedTarget(rawPath).replace(/\/{2,}/g, '/'));
	if (target.length > 1) target = target.replace(/\/$/, '');
	if (target.startsWith('/')) {
		const [, segment = '', ...rest] = target.split('/');
		if (registry.bySegment(segment)) target = ['', registry.source.segment, ...rest].join('/').replace(/\/$/, '');
	}
	return `${target}${query}`;
}

/** Elements Markdown also writes (`![]()`, `[]()`, `*`, `**`, two spaces, backticks): the same in either spelling. */
const MARKDOWN_ELEMENTS = new Set(['img', 'a', 'em', 'strong', 'br', 'code']);

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

/** A translation compared with one revision of its English source. */
export interface SourceComparison {
	/** What the translation adds that English lacks, and may not: components, other sites, variables, frontmatter. */
	unsafe: ContentProblem[];
	/**
	 * Where its markup or internal targets differ from this English source after normalization: a translator
	 * who changed the markup, or a translation of an older English (the document set tells which).
	 */
	mismatches: ContentProblem[];
	/** Accepted differences English should fix: a translation pointing where English's broken target should. */
	warnings: ContentProblem[];
	/** `unsafe` and `mismatches` together, in the order found. */
	all: ContentProblem[];
}

/**
 * Whether a Markdown translation's raw HTML means the same as its source's: the same elements that only HTML
 * can write (`<div>`, `<span>`, `<b>`), in the same order; and each element Markdown can also write (an image,
 * a link, emphasis, a line break, code) written as HTML on one side is on the other in either spelling
 * (Crowdin's round trip gives `![](…)` back for an `<img>` in a paragraph). Undefined when it does.
 */
function htmlStructureProblem(translation: ContentDocument, source: ContentDocument): ContentProblem | undefined {
	const htmlOnly = (document: ContentDocument) =>
		document.htmlElements.filter((element) => !MARKDOWN_ELEMENTS.has(element.value)).map((element) => element.value);
	const raw = (document: ContentDocument, name: string) => document.htmlElements.filter((element) => element.value === name).length;
	const rendered = (document: ContentDocument, name: string) => document.elementCounts[name] ?? 0;
	const same =
		htmlOnly(translation).join(' ') === htmlOnly(source).join(' ') &&
		[...MARKDOWN_ELEMENTS].every((name) => raw(translation, name) <= rendered(source, name) && raw(source, name) <= rendered(translation, name));
	if (same) return undefined;
	const ours = translation.htmlElements;
	const theirs = source.htmlElements;
	const index = ours.findIndex((element, at) => element.value !== theirs[at]?.value);
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
 * A translation held to one revision of its source, by meaning: what it adds that the source lacks and may
 * not (unsafe), what differs after normalization (mismatches), and broken source targets it fixed (warnings).
 */
export function judgeAgainstSource(translation: ContentDocument, source: ContentDocument | undefined, options: SourceComparisonOptions): SourceComparison {
	const found: { problem: ContentProblem; unsafe: boolean }[] = [];
	const warnings: ContentProblem[] = [];
	const result = (): SourceComparison => ({
		unsafe: found.filter((entry) => entry.unsafe).map((entry) => entry.problem),
		mismatches: found.filter((entry) => !entry.unsafe).map((entry) => entry.problem),
		warnings,
		all: found.map((entry) => entry.problem),
	});
	if (!source) return result();
	const file = translation.file;
	const position = ({ line, column }: ContentReference) => ({ line, column });
	const sourceComponents = new Set(source.components.map((component) => component.value));
	const reported = new Set<string>();
	for (const component of translation.components) {
		if (sourceComponents.has(component.value) || reported.has(component.value)) continue;
		reported.add(component.value);
		found.push({ unsafe: true, problem: { file, ...position(component), message: `<${component.value}> is not used by the English source` } });
	}
	const structure = htmlStructureProblem(translation, source);
	if (structure) found.push({ unsafe: false, problem: structure });
	// A class styles the page (content stylesheets, the layout vocabulary): translators change text, not looks.
	const addedClasses = Object.keys(translation.classes)
		.filter((name) => !isRendererClass(name) && (translation.classes[name] ?? 0) > (source.classes[name] ?? 0))
		.sort();
	if (addedClasses.length > 0)
		found.push({
			unsafe: true,
			problem: {
				file,
				message: `class ${addedClasses.map((name) => `"${name}"`).join(', ')} is on more elements than in the English source; translators change the text, not the markup`,
			},
		});
	for (const problem of variableProblems(translation, source)) found.push({ unsafe: true, problem });
	const normalize = (url: string) => normalizeTarget(url, options.registry);
	// A video file is held like an image: the same file in either spelling of its path.
	const sourceTargets = [
		...source.links.map((reference) => ({ reference, asset: false })),
		...[...source.assets, ...source.videos].map((reference) => ({ reference, asset: true })),
	];
	const allowed = new Set(sourceTargets.map(({ reference }) => normalize(reference.value)));
	const translationTargets = [
		...translation.links.map((reference) => ({ reference, asset: false })),
		...[...translation.assets, ...translation.videos].map((reference) => ({ reference, asset: true })),
	];
	const used = new Set(translationTargets.map(({ reference }) => normalize(reference.value)));
	// English targets that lead nowhere and that the translation does not keep: a translator may have fixed them.
	// Looked for only when a translation's target differs (most translations keep every target).
	let brokenInSource: typeof sourceTargets | undefined;
	const brokenSourceTargets = (lookup: TargetLookup) =>
		(brokenInSource ??= sourceTargets.filter(
			({ reference }) => !isExternalTarget(reference.value) && !used.has(normalize(reference.value)) && !lookup.exists(source.file, reference.value),
		));
	for (const { reference, asset } of translationTargets) {
		const url = reference.value;
		// A variable's value is the locale's own (its volunteer page, say): the variables are compared instead.
		if (reference.variable !== undefined && source.variables.some((use) => use.name === reference.variable)) continue;
		const meant = normalize(url);
		if (reported.has(`url:${meant}`) || allowed.has(meant)) continue;
		reported.add(`url:${meant}`);
		const external = isExternalTarget(url);
		if (!external && options.targets?.exists(file, url)) {
			const broken = brokenSourceTargets(options.targets);
			const fixed = broken.findIndex((candidate) => candidate.asset === asset);
			if (fixed !== -1) {
				const [english] = broken.splice(fixed, 1);
				const where = `${source.file}${english!.reference.line ? `:${english!.reference.line}` : ''}`;
				warnings.push({
					file,
					...position(reference),
					message: `${asset ? 'image' : 'link target'} "${url}" differs from the English source's "${english!.reference.value}" (${where}), which leads nowhere; the translation's exists, so it is kept: fix the English at ${where}`,
				});
				continue;
			}
		}
		found.push({
			unsafe: external,
			problem: {
				file,
				...position(reference),
				message: `link target "${reference.value}" is not in the English source (nor the same page in ${options.locale})`,
			},
		});
	}
	for (const [key, value] of Object.entries(options.checkFrontmatter ? (translation.frontmatter ?? {}) : {})) {
		if (options.translatableFrontmatter.includes(key)) continue;
		if (JSON.stringify(value) !== JSON.stringify(source.frontmatter?.[key])) {
			found.push({
				unsafe: true,
				problem: {
					file,
					line: translation.frontmatterLines[key] ?? 1,
					message: `frontmatter ${key} is not translatable and must stay as in the English source (upload the English page first if it changed)`,
				},
			});
		}
	}
	return result();
}

/**
 * Everything that keeps a translation from matching its source today: what it may not do that its source
 * does not already do (use other components, link or load elsewhere, change frontmatter that is not for
 * translators), and markup or internal targets that differ after normalization. (Code and imports are
 * refused in every file by the renderer.)
 */
export function compareWithSource(translation: ContentDocument, source: ContentDocument | undefined, options: SourceComparisonOptions): ContentProblem[] {
	return judgeAgainstSource(translation, source, options).all;
}

/**
 * The English sections a translation does not line up with: sections are matched in order by their shape
 * (heading level and top-level blocks, `DocumentSection.blocks`), as the longest common run; an English
 * section left without a partner, or followed by translation sections that have none, does not line up.
 * Empty when every section lines up. `differences`: lines of the translation where it differs from English;
 * the English sections matched with the sections holding them are added (once something does not line up).
 */
export function unalignedSections(translation: ContentDocument, source: ContentDocument, differences: readonly (number | undefined)[] = []): number[] {
	const ours = translation.sections.map((section) => section.blocks ?? '');
	const theirs = source.sections.map((section) => section.blocks ?? '');
	// Longest common subsequence of section shapes.
	const table = Array.from({ length: theirs.length + 1 }, () => new Array<number>(ours.length + 1).fill(0));
	for (let i = theirs.length - 1; i >= 0; i--)
		for (let j = ours.length - 1; j >= 0; j--)
			table[i]![j] = theirs[i] === ours[j] ? table[i + 1]![j + 1]! + 1 : Math.max(table[i + 1]![j]!, table[i]![j + 1]!);
	// The matched pairs, in order; between two of them, English sections without a partner changed, and
	// translation sections without one (English lost them) are marked at the English section before them.
	const pairs: [number, number][] = [];
	for (let i = 0, j = 0; i < theirs.length && j < ours.length;) {
		if (theirs[i] === ours[j]) pairs.push([i++, j++]);
		else if (table[i + 1]![j]! >= table[i]![j + 1]!) i++;
		else j++;
	}
	const changed = new Set<number>();
	let previous: [number, number] = [-1, -1];
	for (const pair of [...pairs, [theirs.length, ours.length] as [number, number]]) {
		const englishGap = pair[0] - previous[0] - 1;
		const translationGap = pair[1] - previous[1] - 1;
		for (let index = previous[0] + 1; index < pair[0]; index++) changed.add(index);
		if (englishGap === 0 && translationGap > 0) changed.add(Math.max(previous[0], 0));
		previous = pair;
	}
	if (changed.size > 0)
		for (const line of differences) {
			if (line === undefined) continue;
			const section = translation.sections.findLastIndex((candidate) => (candidate.line ?? 1) <= line);
			const pair = pairs.find(([, ours]) => ours === section);
			if (pair) changed.add(pair[0]);
		}
	return [...changed].sort((a, b) => a - b);
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

/** Whether a translation is built, and how. */
export interface TranslationVerdict {
	/** Why it is refused (it is unsafe, does not render, or its markup differs and nothing explains it); empty when it is built. */
	problems: ContentProblem[];
	/** Refused for markup that differs from today's English (an older English it was recorded as translated from may explain it). */
	markupOnly?: boolean | undefined;
	/** What an editor should fix though it is built: a broken English target it fixed, sections that do not line up. */
	warnings: ContentProblem[];
	/**
	 * Built as a translation of an older English: the English sections it does not line up with (marked
	 * outdated on its page), or `[]` when the recorded revision it matches says which (`freshness.ts`).
	 */
	outdatedSections?: number[] | undefined;
}

export interface VerdictOptions extends SourceComparisonOptions {
	/** The English revision translation-state.json records it was translated from, when that is not today's (from git). */
	recordedSource?: ContentDocument | undefined;
}

/**
 * The verdict on a translation, given its source: refused when it does not render, when the allowlist drops
 * anything from it that it does not drop from English, or when it adds what English lacks (a component, another
 * site, other variables). Markup and internal targets that differ from today's English after normalization
 * are the translation of an older English when they match the revision it was recorded as translated from,
 * or when its sections do not line up with English's: it is built, marked outdated. Only a difference in
 * sections that all line up, with nothing that explains it, is the translator's change of markup: refused.
 */
export function judgeTranslation(translation: ContentDocument, source: ContentDocument | undefined, options: VerdictOptions): TranslationVerdict {
	const problems = [...translation.problems, ...droppedBeyondSource(translation, source)];
	if (problems.length > 0 || !source) return { problems, warnings: [] };
	const today = judgeAgainstSource(translation, source, options);
	if (today.unsafe.length > 0) return { problems: today.all, warnings: [] };
	if (today.mismatches.length === 0) return { problems: [], warnings: today.warnings };
	const first = today.mismatches[0]!;
	const recorded = options.recordedSource;
	if (recorded && recorded.sourceHash !== source.sourceHash && judgeAgainstSource(translation, recorded, options).all.length === 0) {
		return {
			problems: [],
			outdatedSections: [],
			warnings: [
				...today.warnings,
				{
					file: translation.file,
					line: first.line,
					column: first.column,
					message: `its markup follows the English ${source.file} it was translated from (recorded in translation-state.json), not today's; it is served as outdated, its changed sections marked: translate the changes to update it`,
				},
			],
		};
	}
	const unaligned = unalignedSections(
		translation,
		source,
		today.mismatches.map((problem) => problem.line),
	);
	if (unaligned.length === 0) return { problems: today.all, warnings: [], markupOnly: true };
	const headings = unaligned.map((index) => (index === 0 ? 'the introduction' : `"${source.sections[index]?.heading ?? index}"`)).join(', ');
	return {
		problems: [],
		outdatedSections: unaligned,
		warnings: [
			...today.warnings,
			{
				file: translation.file,
				line: first.line,
				column: first.column,
				message: `differs from ${source.file} (${first.message.replace(/; translators change the text, not the markup$/, '')}) where its sections do not line up with English's (${headings}): English changed since it was translated, so it is served as outdated there; translate those sections again to update it`,
			},
		],
	};
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
	return checkMdxTranslationVerdict(file, translationText, source, options).verdict.problems;
}

/** `checkMdxTranslation`, with the warnings and the parsed translation (for text that looks like markup). */
export function checkMdxTranslationVerdict(
	file: string,
	translationText: string,
	source: ContentDocument | undefined,
	options: VerdictOptions & ParseOptions,
): { verdict: TranslationVerdict; translation: ContentDocument } {
	const translation = parseContentDocument(file, translationText, 'content', { variables: options.variables, classes: options.classes });
	return { verdict: judgeTranslation(translation, source, options), translation };
}

/**
 * Text in a translation that looks like markup and is printed as it is, less what its English source prints
 * the same way (Crowdin copies the source's text into untranslated segments: English's to fix, once).
 */
export function literalMarkupWarnings(translation: ContentDocument, source: ContentDocument | undefined): ContentProblem[] {
	const inSource = new Set(source?.literalMarkup.map((problem) => problem.message));
	return translation.literalMarkup.filter((problem) => !inSource.has(problem.message));
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

/**
 * Decides, before Astro sees the content, which translations can be built. A translation that fails here
 * is left out of the content collection, so its page falls back to the source text instead of breaking
 * the build; the problem is reported with file and line.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { mdxToMdast } from 'satteri';
import { createHash } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { parseFrontmatter } from '@astrojs/markdown-remark';
import { visit } from 'unist-util-visit';
import type { Root } from 'mdast';
import type { LocaleRegistry } from '../i18n/registry.ts';
import { describeSchemaIssues, frontmatterSchema, frontmatterTooLarge, MAX_FRONTMATTER_VALUES, TRANSLATABLE_FRONTMATTER_KEYS } from './frontmatter.ts';
import { formatProblem, type ContentProblem } from './problems.ts';
import { inputLimitProblems } from './input-limits.ts';
import { isMdxComment, MDX_RENDER_VERSION, MdxRenderError, renderMdx } from './mdx-render.ts';
import { listContentFiles, type FileListing, type RefusedFile } from '../security/content-files.ts';
import { parseContentId } from '../i18n/routing.ts';
import { sha256 } from './sections.ts';

export { formatProblem, type ContentProblem };

interface Position {
	line?: number | undefined;
	column?: number | undefined;
}

/**
 * What a page uses that a translation may not invent. What HTML may contain at all (elements, attributes,
 * URL schemes) is the content allowlist's to decide (`src/security/content-allowlist.ts`), through the
 * renderer that `inspectMdx` runs on every file.
 */
interface MdxSurface {
	/** JavaScript expressions (comments excepted), with their first position. */
	expressions: Map<string, Position>;
	esm: Map<string, Position>;
	components: Map<string, Position>;
	/** Link and image targets, with their first position. */
	links: Map<string, Position>;
	frontmatter: Record<string, unknown>;
}

/** Attributes whose value is a link target, compared with the English source's targets. */
const URL_ATTRIBUTES = new Set(['href', 'src', 'srcset', 'action', 'formaction', 'poster', 'xlink:href', 'data', 'cite', 'background', 'ping']);

/** The parts of an MDX tree that run code or need a component: what a translation may not invent. */
function collectMdxSurface(tree: Root): MdxSurface {
	const surface: MdxSurface = { expressions: new Map(), esm: new Map(), components: new Map(), links: new Map(), frontmatter: {} };
	const first = (into: Map<string, Position>, key: string, position: Position) => {
		if (!into.has(key)) into.set(key, position);
	};
	const addLink = (url: string, position: Position) => first(surface.links, url, position);
	const addExpression = (expression: string, position: Position) => {
		if (!isMdxComment(expression)) first(surface.expressions, expression.trim(), position);
	};
	visit(tree, (node) => {
		const position = { line: node.position?.start.line, column: node.position?.start.column };
		switch (node.type) {
			case 'link':
			case 'image':
			case 'definition':
				addLink(node.url, position);
				break;
			case 'mdxFlowExpression':
			case 'mdxTextExpression':
				addExpression(node.value, position);
				break;
			case 'mdxjsEsm':
				first(surface.esm, node.value.trim(), position);
				break;
			case 'mdxJsxFlowElement':
			case 'mdxJsxTextElement':
				if (node.name && /^[A-Z]/.test(node.name) && !surface.components.has(node.name)) {
					surface.components.set(node.name, position);
				}
				for (const attribute of node.attributes) {
					if (attribute.type === 'mdxJsxExpressionAttribute') {
						addExpression(attribute.value, position);
						continue;
					}
					if (attribute.value && typeof attribute.value === 'object') addExpression(attribute.value.value, position);
					if (URL_ATTRIBUTES.has(attribute.name.toLowerCase()) && typeof attribute.value === 'string') addLink(attribute.value, position);
				}
				break;
		}
	});
	return surface;
}

function yamlErrorLine(error: unknown): number | undefined {
	const mark = (error as { mark?: { line?: number } }).mark;
	// js-yaml counts from 0 inside the block, which starts on the line after the opening `---`.
	return typeof mark?.line === 'number' ? mark.line + 2 : undefined;
}

/**
 * Where a parse error points: js-yaml's mark for frontmatter, Sätteri's `line:column: reason` prefix for
 * MDX. The problem names the file and, when known, the line.
 */
export function parseErrorProblem(file: string, error: unknown): ContentProblem {
	const line = yamlErrorLine(error);
	if (line !== undefined) {
		const reason = (error as { reason?: string }).reason ?? (error as Error).message.split('\n')[0];
		return { file, line, message: `frontmatter is not valid YAML: ${reason}` };
	}
	const message = (error as Error).message ?? String(error);
	const match = /^(\d+):(\d+):\s*([\s\S]*)$/.exec(message);
	return match
		? { file, line: Number(match[1]), column: Number(match[2]), message: `MDX does not compile: ${match[3]}` }
		: { file, message: `MDX does not compile: ${message}` };
}

/** Parses one MDX file as the build does, renders it, and returns what it uses, or the problems that stop it. */
export async function inspectMdx(file: string, text: string): Promise<{ problems: ContentProblem[]; surface?: MdxSurface }> {
	let parsed;
	try {
		parsed = parseFrontmatter(text, { frontmatter: 'empty-with-spaces' });
	} catch (error) {
		return { problems: [parseErrorProblem(file, error)] };
	}
	if (frontmatterTooLarge(parsed.frontmatter)) {
		return { problems: [{ file, line: 1, message: `frontmatter holds more than ${MAX_FRONTMATTER_VALUES} values (YAML aliases that repeat themselves?)` }] };
	}
	const problems: ContentProblem[] = [];
	const schema = frontmatterSchema.safeParse(parsed.frontmatter);
	if (!schema.success) {
		for (const issue of describeSchemaIssues(schema.error)) problems.push({ file, line: 1, message: `frontmatter ${issue}` });
	}
	// Refused before parsing: the parser's cost grows faster than the text for these shapes.
	const limits = inputLimitProblems(parsed.content);
	if (limits.length > 0) return { problems: [...problems, ...limits.map((problem) => ({ file, ...problem }))] };
	let surface: MdxSurface;
	try {
		surface = collectMdxSurface(mdxToMdast(parsed.content, { features: { smartPunctuation: false } }) as Root);
		surface.frontmatter = parsed.frontmatter;
		// Rendering is what the build does with the file; it holds components to their props, and the content
		// allowlist says what it would drop.
		problems.push(...renderMdx(file, parsed.content).dropped);
	} catch (error) {
		if (error instanceof MdxRenderError) return { problems: [...problems, ...error.problems] };
		return { problems: [...problems, parseErrorProblem(file, error)] };
	}
	return { problems, surface };
}

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

/** `/en/values/#x` and `/es-419/values/#y` name the same page: a translation may localise the locale segment and the fragment. */
function samePageInLocale(translationUrl: string, sourceUrl: string, options: SourceComparisonOptions): boolean {
	const withoutFragment = (url: string) => url.split('#')[0]!;
	const source = withoutFragment(sourceUrl);
	const translation = withoutFragment(translationUrl);
	if (source === translation) return true;
	const sourceSegment = `/${options.registry.source.segment}/`;
	const target = options.registry.byTag(options.locale);
	return Boolean(target && source.startsWith(sourceSegment) && translation === `/${target.segment}/${source.slice(sourceSegment.length)}`);
}

/**
 * What a translation may not do that its source does not already do: run code, import, use other
 * components, link elsewhere, or change frontmatter that is not for translators.
 */
export function compareWithSource(file: string, translation: MdxSurface, source: MdxSurface | undefined, options: SourceComparisonOptions): ContentProblem[] {
	const problems: ContentProblem[] = [];
	for (const [expression, position] of translation.expressions) {
		if (!source?.expressions.has(expression))
			problems.push({ file, ...position, message: `JavaScript expression {${expression.slice(0, 40)}} is not in the English source` });
	}
	for (const [statement, position] of translation.esm) {
		if (!source?.esm.has(statement)) problems.push({ file, ...position, message: `import/export "${statement.split('\n')[0]}" is not in the English source` });
	}
	if (!source) return problems;
	for (const [name, position] of translation.components) {
		if (!source.components.has(name)) problems.push({ file, ...position, message: `<${name}> is not used by the English source` });
	}
	const sourceLinks = [...source.links.keys()];
	for (const [url, position] of translation.links) {
		if (!sourceLinks.some((sourceUrl) => samePageInLocale(url, sourceUrl, options))) {
			problems.push({ file, ...position, message: `link target "${url}" is not in the English source (nor the same page in ${options.locale})` });
		}
	}
	for (const [key, value] of Object.entries(options.checkFrontmatter ? translation.frontmatter : {})) {
		if (options.translatableFrontmatter.includes(key)) continue;
		if (JSON.stringify(value) !== JSON.stringify(source.frontmatter[key])) {
			problems.push({
				file,
				line: 1,
				message: `frontmatter ${key} is not translatable and must stay as in the English source (upload the English page first if it changed)`,
			});
		}
	}
	return problems;
}

const sourceSurfaces = new Map<string, Promise<MdxSurface | undefined>>();

/**
 * What an English source uses, inspected once per distinct text: every locale's translation of a page is
 * compared with the same source.
 */
function sourceSurfaceOf(text: string): Promise<MdxSurface | undefined> {
	const key = sha256(text);
	let surface = sourceSurfaces.get(key);
	if (!surface) {
		surface = inspectMdx('source', text).then((inspected) => inspected.surface);
		sourceSurfaces.set(key, surface);
	}
	return surface;
}

/** Checks one translated MDX file against its English source; no problems means it may be built. */
export async function checkMdxTranslation(
	file: string,
	translationText: string,
	sourceText: string | undefined,
	options: SourceComparisonOptions,
): Promise<ContentProblem[]> {
	const translation = await inspectMdx(file, translationText);
	if (!translation.surface) return translation.problems;
	const source = sourceText === undefined ? undefined : await sourceSurfaceOf(sourceText);
	return [...translation.problems, ...compareWithSource(file, translation.surface, source, options)];
}

export interface TranslationCheckOptions {
	root: string;
	registry: LocaleRegistry;
	/** Folder holding one sub-folder per locale, relative to `root`. */
	contentDir?: string;
	/** Where to remember verdicts between builds (by content hash); none by default. */
	cacheFile?: string;
	/** The content files, as listed by the caller (`listContentFiles`); listed here when absent. */
	listing?: FileListing;
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
	const { slug } = parseContentId(relativeToContent.replace(/\.mdx$/, ''));
	const sameSlug = [...sourceFiles].find((source) => parseContentId(`${registry.source.tag}/${source.replace(/\.mdx$/, '')}`).slug === slug);
	if (sameSlug !== undefined) {
		return `is not at the path of its English source; translate content/${registry.source.tag}/${sameSlug} as content/${folder}/${sameSlug}`;
	}
	const locale = registry.get(folder);
	if (!Object.hasOwn(locale.localPages, slug)) {
		return `is a regional page with no English source, and ${locale.tag} does not list "${slug}" in localPages (src/i18n/locales.ts); add it there to publish it`;
	}
	return undefined;
}

export interface TranslationCheckReport {
	/** Translations that cannot be built, with every problem found in them. */
	broken: Map<string, ContentProblem[]>;
	/** Folders under content/ that are not registered locales, relative to the content folder. */
	unknownLocaleFolders: string[];
	/** Files that are not read at all: symbolic links, files over the size limit. */
	refused: RefusedFile[];
	checkedFiles: number;
}

/** Bump when the checks change, so cached verdicts from an older checker are not reused (the renderer's and the allowlist's versions are part of it). */
const CHECKS_VERSION = `5-${MDX_RENDER_VERSION}`;

interface CheckCache {
	version: string;
	/** sha256 of (translation, source) -> problems found. */
	verdicts: Record<string, ContentProblem[]>;
}

async function readCheckCache(file: string): Promise<CheckCache> {
	try {
		const cache = JSON.parse(await readFile(file, 'utf8')) as CheckCache;
		if (cache.version === CHECKS_VERSION) return cache;
	} catch {
		// No cache yet, or an unreadable one: start afresh.
	}
	return { version: CHECKS_VERSION, verdicts: {} };
}

export async function checkTranslations({
	root,
	registry,
	contentDir = 'content',
	cacheFile,
	listing,
}: TranslationCheckOptions): Promise<TranslationCheckReport> {
	const contentRoot = path.join(root, contentDir);
	const cache = cacheFile ? await readCheckCache(cacheFile) : undefined;
	const used: CheckCache['verdicts'] = {};
	const { files, refused } = listing ?? listContentFiles(root, contentDir);
	const sourcePrefix = `${registry.source.tag}/`;
	const sourceFiles = new Set(files.filter((file) => file.startsWith(sourcePrefix)).map((file) => file.slice(sourcePrefix.length)));
	const sourceTexts = new Map<string, Promise<string | undefined>>();
	const sourceText = (relative: string) => {
		if (!sourceFiles.has(relative)) return Promise.resolve(undefined);
		let text = sourceTexts.get(relative);
		if (!text) {
			text = readFile(path.join(contentRoot, registry.source.tag, relative), 'utf8').catch(() => undefined);
			sourceTexts.set(relative, text);
		}
		return text;
	};
	const broken = new Map<string, ContentProblem[]>();
	const unknownLocaleFolders = new Set<string>();
	const sourceSurface = async (relative: string) => {
		const text = await sourceText(relative);
		return text === undefined ? undefined : sourceSurfaceOf(text);
	};

	let checkedFiles = 0;
	await Promise.all(
		files.map(async (relativeToContent) => {
			const [folder = '', ...rest] = relativeToContent.split('/');
			if (folder === registry.source.tag) return;
			if (!registry.all.some((locale) => locale.tag === folder)) {
				unknownLocaleFolders.add(folder);
				return;
			}
			checkedFiles++;
			const file = path.posix.join(contentDir, relativeToContent);
			const pathProblem = translationPathProblem(relativeToContent, sourceFiles, registry);
			if (pathProblem) {
				broken.set(relativeToContent, [{ file, message: pathProblem }]);
				return;
			}
			const text = await readFile(path.join(contentRoot, relativeToContent), 'utf8');
			const key = createHash('sha256')
				.update(file)
				.update('\u0000')
				.update(text)
				.update('\u0000')
				.update((await sourceText(rest.join('/'))) ?? '')
				.digest('hex');
			let problems = cache?.verdicts[key];
			if (!problems) {
				const inspected = await inspectMdx(file, text);
				problems = inspected.problems;
				if (inspected.surface) {
					const options = { registry, locale: folder, translatableFrontmatter: TRANSLATABLE_FRONTMATTER_KEYS };
					problems.push(...compareWithSource(file, inspected.surface, await sourceSurface(rest.join('/')), options));
				}
			}
			used[key] = problems;
			if (problems.length > 0) broken.set(relativeToContent, problems);
		}),
	);
	if (cacheFile) {
		await mkdir(path.dirname(cacheFile), { recursive: true });
		await writeFile(cacheFile, JSON.stringify({ version: CHECKS_VERSION, verdicts: used } satisfies CheckCache));
	}
	return { broken, unknownLocaleFolders: [...unknownLocaleFolders].sort(), refused, checkedFiles };
}

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
import { glob } from 'tinyglobby';
import { visit } from 'unist-util-visit';
import type { Root } from 'mdast';
import type { LocaleRegistry } from '../i18n/registry.ts';
import { describeSchemaIssues, frontmatterSchema, TRANSLATABLE_FRONTMATTER_KEYS } from './frontmatter.ts';
import { formatProblem, type ContentProblem } from './problems.ts';
import { MdxRenderError, renderMdx } from './mdx-render.ts';
import { sha256 } from './sections.ts';

export { formatProblem, type ContentProblem };

interface Position {
	line?: number | undefined;
	column?: number | undefined;
}

interface MdxSurface {
	expressions: Set<string>;
	esm: Set<string>;
	components: Map<string, Position>;
	/**
	 * Links and URL attributes to active content (`javascript:`, `vbscript:`, `data:`), which no page needs.
	 * Elements that run code and `on*=` handlers are refused by the renderer (`mdx-render.ts`), which
	 * `inspectMdx` runs on every file.
	 */
	unsafe: { message: string; position: Position }[];
	/** Link and image targets, with their first position. */
	links: Map<string, Position>;
	frontmatter: Record<string, unknown>;
}

const URL_ATTRIBUTES = new Set(['href', 'src', 'srcset', 'action', 'formaction', 'poster', 'xlink:href', 'data']);

/** `javascript:`, `vbscript:` and `data:` URLs, as browsers read them (case-insensitive, ignoring control characters and spaces). */
export function isActiveUrl(url: string): boolean {
	const scheme = url.replace(/[\u0000-\u0020\u007f-\u009f]/g, '').toLowerCase();
	return /^(?:javascript|vbscript|data):/.test(scheme);
}

/** The parts of an MDX tree that run code or need a component: what a translation may not invent. */
function collectMdxSurface(tree: Root): MdxSurface {
	const surface: MdxSurface = { expressions: new Set(), esm: new Set(), components: new Map(), unsafe: [], links: new Map(), frontmatter: {} };
	const addLink = (url: string, position: Position) => {
		if (!surface.links.has(url)) surface.links.set(url, position);
	};
	visit(tree, (node) => {
		const position = { line: node.position?.start.line, column: node.position?.start.column };
		switch (node.type) {
			case 'link':
			case 'image':
			case 'definition':
				if (isActiveUrl(node.url)) surface.unsafe.push({ message: `${node.type} to an active URL "${node.url.slice(0, 40)}"`, position });
				addLink(node.url, position);
				break;
			case 'mdxFlowExpression':
			case 'mdxTextExpression':
				surface.expressions.add(node.value.trim());
				break;
			case 'mdxjsEsm':
				surface.esm.add(node.value.trim());
				break;
			case 'mdxJsxFlowElement':
			case 'mdxJsxTextElement':
				if (node.name && /^[A-Z]/.test(node.name) && !surface.components.has(node.name)) {
					surface.components.set(node.name, position);
				}
				for (const attribute of node.attributes) {
					if (attribute.type === 'mdxJsxExpressionAttribute') {
						surface.expressions.add(attribute.value.trim());
						continue;
					}
					if (attribute.value && typeof attribute.value === 'object') surface.expressions.add(attribute.value.value.trim());
					const name = attribute.name.toLowerCase();
					if (URL_ATTRIBUTES.has(name) && typeof attribute.value === 'string') {
						if (isActiveUrl(attribute.value))
							surface.unsafe.push({ message: `${attribute.name}= with an active URL "${attribute.value.slice(0, 40)}"`, position });
						addLink(attribute.value, position);
					}
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
	const problems: ContentProblem[] = [];
	const schema = frontmatterSchema.safeParse(parsed.frontmatter);
	if (!schema.success) {
		for (const issue of describeSchemaIssues(schema.error)) problems.push({ file, line: 1, message: `frontmatter ${issue}` });
	}
	let surface: MdxSurface;
	try {
		surface = collectMdxSurface(mdxToMdast(parsed.content, { features: { smartPunctuation: false } }) as Root);
		surface.frontmatter = parsed.frontmatter;
		// Rendering is what the build does with the file; it also holds components to their props.
		renderMdx(file, parsed.content);
	} catch (error) {
		if (error instanceof MdxRenderError) return { problems: [...problems, ...error.problems] };
		return { problems: [...problems, parseErrorProblem(file, error)] };
	}
	for (const { message, position } of surface.unsafe) problems.push({ file, ...position, message });
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
	for (const expression of translation.expressions) {
		if (!source?.expressions.has(expression)) problems.push({ file, message: `JavaScript expression {${expression}} is not in the English source` });
	}
	for (const statement of translation.esm) {
		if (!source?.esm.has(statement)) problems.push({ file, message: `import/export "${statement.split('\n')[0]}" is not in the English source` });
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
}

export interface TranslationCheckReport {
	/** Translations that cannot be built, with every problem found in them. */
	broken: Map<string, ContentProblem[]>;
	/** Folders under content/ that are not registered locales, relative to the content folder. */
	unknownLocaleFolders: string[];
	checkedFiles: number;
}

/** Bump when the checks change, so cached verdicts from an older checker are not reused. */
const CHECKS_VERSION = 4;

interface CheckCache {
	version: number;
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

export async function checkTranslations({ root, registry, contentDir = 'content', cacheFile }: TranslationCheckOptions): Promise<TranslationCheckReport> {
	const contentRoot = path.join(root, contentDir);
	const cache = cacheFile ? await readCheckCache(cacheFile) : undefined;
	const used: CheckCache['verdicts'] = {};
	const sourceTexts = new Map<string, Promise<string | undefined>>();
	const sourceText = (relative: string) => {
		let text = sourceTexts.get(relative);
		if (!text) {
			text = readFile(path.join(contentRoot, registry.source.tag, relative), 'utf8').catch(() => undefined);
			sourceTexts.set(relative, text);
		}
		return text;
	};
	const files = (await glob('**/*.mdx', { cwd: contentRoot })).sort();
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
	return { broken, unknownLocaleFolders: [...unknownLocaleFolders].sort(), checkedFiles };
}

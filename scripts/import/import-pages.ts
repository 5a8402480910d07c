/**
 * Bringing an existing site's pages into Glossa (`npm run import -- <folder>`): each Markdown or HTML page
 * of the folder becomes a Markdown page in `content/<source locale>/` at the same path, with its frontmatter
 * mapped to Glossa's (title, description, dates), and the images it refers to copied into `content/images/`
 * with the references rewritten to them. Nothing is changed in the page's text otherwise: what needs a
 * person is reported, each with file and line, from the same content document the build reads.
 *
 * `planImport` reads and decides; `applyImport` writes, and refuses to overwrite anything.
 */
import path from 'node:path';
import { parseFrontmatter } from '@astrojs/markdown-remark';
import type { Element, Root, RootContent } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { toHtml } from 'hast-util-to-html';
import { markdownToHast } from 'satteri';
import { parseContentDocument } from '../../src/content-model/content-document.ts';
import { CONTENT_IMAGES, isImageFile } from '../../src/content-model/content-images.ts';
import { textOf } from '../../src/content-model/content-render.ts';
import { FRONTMATTER_KEYS, frontmatterTooLarge, MAX_FRONTMATTER_VALUES } from '../../src/content-model/frontmatter.ts';
import { lineAt } from '../../src/content-model/input-limits.ts';
import type { ContentProblem } from '../../src/content-model/problems.ts';
import { reservedRouteProblem } from '../../src/i18n/routing.ts';
import { checkSvg, svgProblemText } from '../../src/security/svg-integration.ts';
import {
	copyInside,
	inspectInside,
	isFileInside,
	isSafeRelativePath,
	listFiles,
	readInside,
	removeInside,
	UnsafePathError,
	writeInside,
} from '../../src/security/content-files.ts';

/** Old systems' names for the keys Glossa knows. */
const KEY_NAMES: Record<string, string> = {
	title: 'title',
	name: 'title',
	description: 'description',
	summary: 'description',
	excerpt: 'description',
	date: 'published',
	published: 'published',
	pubDate: 'published',
	created: 'published',
	updated: 'updated',
	lastmod: 'updated',
	modified: 'updated',
	last_modified_at: 'updated',
};

export interface ImportedPage {
	/** In the folder imported from. */
	from: string;
	/** Relative to the project root: `content/en/guides/setup.md`. */
	to: string;
	text: string;
}

export interface ImportPlan {
	/** The folder imported from (absolute). */
	folder: string;
	pages: ImportedPage[];
	/** Images to copy: from the folder (relative to it) to the project (relative). */
	images: { from: string; to: string }[];
	/** What needs a person, with file and line (in the imported file, at its new path). */
	findings: ContentProblem[];
}

export interface ImportOptions {
	/** The project root. */
	root: string;
	contentDir?: string;
	sourceLocale?: string;
}

function yamlValue(value: unknown): string {
	if (value instanceof Date) return value.toISOString().slice(0, 10);
	return JSON.stringify(value);
}

/** A local reference to a file: not another site, a fragment or a data URL. */
function isLocal(value: string): boolean {
	return value !== '' && !value.startsWith('#') && !value.startsWith('/') && !/^[a-z][a-z\d+.-]*:/i.test(value) && !value.startsWith('//');
}

/** Every element with a position in the tree, in document order. */
function elements(node: Root | Element, into: Element[] = []): Element[] {
	for (const child of node.children as RootContent[]) {
		if (child.type !== 'element') continue;
		into.push(child);
		elements(child, into);
	}
	return into;
}

/** A path as a page wrote it, decoded (`caf%C3%A9.png` → `café.png`); undefined when a `%` is not an escape. */
function decodedPath(value: string): string | undefined {
	try {
		return decodeURIComponent(value);
	} catch {
		return undefined;
	}
}

/** Images in a Markdown body, as written, with the offsets of the text that holds each reference. */
function imageReferences(body: string): { src: string; start: number; end: number }[] {
	const tree = markdownToHast(body, { position: true }) as unknown as Root;
	const found: { src: string; start: number; end: number }[] = [];
	const visit = (node: Root | RootContent) => {
		if (node.type === 'element' && node.tagName === 'img' && typeof node.properties['src'] === 'string' && node.position?.start.offset !== undefined)
			found.push({ src: node.properties['src'], start: node.position.start.offset, end: node.position.end.offset! });
		if (node.type === 'raw' && node.position?.start.offset !== undefined) {
			// Raw HTML is parsed as HTML, with positions inside the raw text.
			const offset = node.position.start.offset;
			for (const element of elements(fromHtml(node.value, { fragment: true })))
				if (element.tagName === 'img' && typeof element.properties['src'] === 'string' && element.position?.start.offset !== undefined)
					found.push({ src: element.properties['src'], start: offset + element.position.start.offset, end: offset + element.position.end.offset! });
		}
		if ('children' in node) for (const child of node.children) visit(child);
	};
	visit(tree);
	return found;
}

/** An HTML page as a Markdown page: its `<title>` and description as frontmatter, its body as raw HTML. */
function htmlAsMarkdown(html: string): { frontmatter: Record<string, unknown>; body: string } {
	const tree = fromHtml(html);
	const all = elements(tree);
	const title = all.find((element) => element.tagName === 'title');
	const description = all.find((element) => element.tagName === 'meta' && element.properties['name'] === 'description');
	const body = all.find((element) => element.tagName === 'main') ?? all.find((element) => element.tagName === 'body');
	const text = (element: Element | undefined) => (element ? textOf(element).replace(/\s+/g, ' ').trim() : '');
	return {
		frontmatter: {
			...(title ? { title: text(title) } : {}),
			...(typeof description?.properties['content'] === 'string' ? { description: description.properties['content'] } : {}),
		},
		body: body ? `${toHtml(body.children).trim()}\n` : '',
	};
}

export async function planImport(folder: string, options: ImportOptions): Promise<ImportPlan> {
	const contentDir = options.contentDir ?? 'content';
	const sourceLocale = options.sourceLocale ?? 'en';
	const plan: ImportPlan = { folder, pages: [], images: [], findings: [] };
	const listing = listFiles(folder, { root: folder, extensions: ['.md', '.markdown', '.mdx', '.html', '.htm'] });
	// A linked image is reported where a page refers to it, with its line.
	for (const refused of listing.refused) if (!isImageFile(refused.file)) plan.findings.push({ file: refused.file, message: `${refused.reason}; not imported` });
	/** Images already reported for a page, so the check below does not report them again as missing. */
	const reportedImages = new Set<string>();
	const copied = new Map<string, string>();
	for (const relative of listing.files) {
		const from = path.join(folder, relative);
		const to = path.posix.join(contentDir, sourceLocale, relative.replace(/\.(?:markdown|mdx|html?)$/i, '.md'));
		const reserved = reservedRouteProblem(`${sourceLocale}/${relative.replace(/\.(?:md|markdown|mdx|html?)$/i, '')}`);
		if (reserved) {
			plan.findings.push({ file: relative, message: `${reserved.replace(/it is not built/, 'not imported')}` });
			continue;
		}
		const existing = ['.md', '.mdx'].map((extension) => to.replace(/\.md$/, extension)).find((file) => isFileInside(options.root, file));
		if (existing) {
			plan.findings.push({ file: existing, message: `already exists; ${relative} is not imported over it` });
			continue;
		}
		const original = (await readInside(folder, relative)).toString('utf8');
		const isHtml = /\.html?$/i.test(relative);
		let frontmatter: Record<string, unknown>;
		let body: string;
		if (isHtml) ({ frontmatter, body } = htmlAsMarkdown(original));
		else {
			let parsed;
			try {
				parsed = parseFrontmatter(original, { frontmatter: 'remove' });
			} catch (error) {
				plan.findings.push({
					file: relative,
					line: 1,
					message: `frontmatter is not valid YAML (${(error as Error).message.split('\n')[0]}); not imported: fix it and import again`,
				});
				continue;
			}
			// The build's limit: aliases can make a few lines stand for billions of values.
			if (frontmatterTooLarge(parsed.frontmatter)) {
				plan.findings.push({
					file: relative,
					line: 1,
					message: `frontmatter holds more than ${MAX_FRONTMATTER_VALUES} values (YAML aliases that repeat themselves?); not imported`,
				});
				continue;
			}
			frontmatter = parsed.frontmatter;
			body = parsed.content.replace(/^\n+/, '');
		}
		const mapped: Record<string, unknown> = {};
		const dropped: string[] = [];
		for (const [key, value] of Object.entries(frontmatter)) {
			const name = KEY_NAMES[key] ?? (FRONTMATTER_KEYS.includes(key) ? key : undefined);
			if (name && mapped[name] === undefined) mapped[name] = value;
			else dropped.push(key);
		}
		if (typeof mapped['title'] !== 'string' || mapped['title'].trim() === '') {
			const heading = /^#\s+(.+)$/m.exec(body)?.[1]?.trim();
			mapped['title'] = heading ?? path.posix.basename(relative).replace(/\.[^.]+$/, '');
			plan.findings.push({
				file: to,
				line: 2,
				message: `no title; "${String(mapped['title'])}" was taken from the ${heading ? 'first heading' : 'file name'}: check it`,
			});
		}

		// Images next to the old page go to content/images/, at their path in the folder (less a leading images/).
		// Read only through the safe layer: a link (to a file, or through a linked folder) is never followed.
		const edits: { start: number; end: number; from: string; to: string }[] = [];
		// The body is the end of the file: its offsets give the file's lines (an HTML page's body is re-serialized).
		const bodyStart = original.length - body.length;
		const bodyLine = (offset: number) => (isHtml || !original.endsWith(body) ? undefined : lineAt(original, bodyStart + offset));
		for (const reference of imageReferences(body)) {
			const written = reference.src.split(/[?#]/)[0]!;
			if (!isLocal(reference.src) || !isImageFile(written)) continue;
			const decoded = decodedPath(written);
			if (decoded === undefined) {
				plan.findings.push({
					file: relative,
					line: bodyLine(reference.start),
					message: `image ${reference.src} has a "%" that is not an escape; not copied: write it as %25, or rename the file`,
				});
				reportedImages.add(`${to}\0${reference.src}`);
				continue;
			}
			const inFolder = path.posix.normalize(path.posix.join(path.posix.dirname(relative), decoded));
			let isFile: boolean;
			try {
				isFile = isSafeRelativePath(inFolder) && inspectInside(folder, inFolder).stats?.isFile() === true;
			} catch (error) {
				if (!(error instanceof UnsafePathError)) throw error;
				plan.findings.push({ file: relative, line: bodyLine(reference.start), message: `image ${error.file} ${error.reason}; not imported` });
				reportedImages.add(`${to}\0${reference.src}`);
				continue;
			}
			if (!isFile) continue; // reported below, with the other images the page cannot show
			const target = path.posix.join(contentDir, CONTENT_IMAGES, inFolder.replace(/^images\//, ''));
			if (!copied.has(inFolder)) {
				copied.set(inFolder, target);
				const svg = inFolder.toLowerCase().endsWith('.svg') ? checkSvg(target, await readInside(folder, inFolder)) : undefined;
				if (isFileInside(options.root, target))
					plan.findings.push({ file: target, message: `already exists; the image from ${inFolder} is not copied over it` });
				else if (svg?.error) plan.findings.push({ file: inFolder, message: `${svg.error}; not imported (save it again as plain SVG)` });
				else plan.images.push({ from: inFolder, to: target });
				if (svg && !svg.error && svg.removed.length > 0) plan.findings.push({ file: target, message: svgProblemText(svg) });
			}
			edits.push({ ...reference, from: reference.src, to: path.posix.relative(path.posix.dirname(to), target) });
		}
		// Each reference is rewritten inside the text of its own node (from the parse), last first so offsets hold.
		for (const edit of edits.sort((a, b) => b.start - a.start)) {
			if (edit.from === edit.to) continue;
			const span = body.slice(edit.start, edit.end);
			// The parser gives the destination normalized (`café` as `caf%C3%A9`): replace it as the text spells it.
			const spelled = [edit.from, decodedPath(edit.from)].find((spelling) => spelling !== undefined && span.includes(spelling));
			if (spelled === undefined) continue;
			body = `${body.slice(0, edit.start)}${span.replace(spelled, edit.to)}${body.slice(edit.end)}`;
		}
		const frontmatterLines = Object.entries(mapped).map(([key, value]) => `${key}: ${yamlValue(value)}`);
		const text = `---\n${frontmatterLines.join('\n')}\n---\n\n${body}`;
		plan.pages.push({ from, to, text });
		if (dropped.length > 0)
			plan.findings.push({ file: to, line: 1, message: `frontmatter ${dropped.map((key) => `\`${key}\``).join(', ')} left out (Glossa does not use them)` });
	}

	// What the build and `npm run check` will say about each page, found once here, on the imported text.
	const imported = new Set(plan.pages.map((page) => page.to.slice(contentDir.length + 1).replace(/\.md$/, '')));
	for (const page of plan.pages) {
		const document = parseContentDocument(page.to, page.text, contentDir);
		for (const problem of [...document.problems, ...document.dropped, ...document.notices]) plan.findings.push(problem);
		for (const reference of document.assets) {
			const local = reference.value.split(/[?#]/)[0]!;
			if (!isLocal(local) || reportedImages.has(`${page.to}\0${reference.value}`)) continue;
			const target = path.posix.normalize(path.posix.join(path.posix.dirname(page.to), decodedPath(local) ?? local));
			if (!plan.images.some((image) => image.to === target) && !isFileInside(options.root, target))
				plan.findings.push({
					file: page.to,
					line: reference.line,
					column: reference.column,
					message: `image ${reference.value} was not found in the folder; add it to ${contentDir}/${CONTENT_IMAGES}/`,
				});
		}
		for (const link of document.links) {
			const target = link.value.split('#')[0]!;
			if (target === '' || /^[a-z][a-z\d+.-]*:/i.test(target) || target.startsWith('//')) continue;
			const withoutExtension = target.replace(/\.(?:md|markdown|mdx|html?)$/i, '');
			if (/\.[a-z\d]+$/i.test(withoutExtension)) continue; // a file, not a page
			// A root link is to the old site's page at that path, or to one of Glossa's own pages.
			const own = target.startsWith(`/${sourceLocale}/`);
			const resolved = (
				target.startsWith('/')
					? own
						? target.slice(1)
						: `${sourceLocale}${withoutExtension}`
					: path.posix.normalize(path.posix.join(path.posix.dirname(page.to.slice(contentDir.length + 1)), withoutExtension))
			).replace(/\/$/, '');
			const exists = [resolved, `${resolved}/index`].some(
				(id) => imported.has(id) || ['.md', '.mdx'].some((extension) => isFileInside(options.root, `${contentDir}/${id}${extension}`)),
			);
			if (!exists)
				plan.findings.push({
					file: page.to,
					line: link.line,
					column: link.column,
					message: `link to ${link.value} leads to no page; point it at an imported page (/${sourceLocale}/<path>/) or remove it`,
				});
		}
	}
	plan.findings.sort((a, b) => a.file.localeCompare(b.file) || (a.line ?? 0) - (b.line ?? 0));
	return plan;
}

/** Writes the plan; on any failure removes what it wrote, so the project is as it was. */
export async function applyImport(plan: ImportPlan, root: string, progress: (line: string) => void = () => {}): Promise<void> {
	const written: string[] = [];
	try {
		const total = plan.pages.length + plan.images.length;
		for (const [index, page] of plan.pages.entries()) {
			await writeInside(root, page.to, page.text, { exclusive: true });
			written.push(page.to);
			progress(`[${index + 1}/${total}] ${page.to}`);
		}
		for (const [index, image] of plan.images.entries()) {
			await copyInside({ root: plan.folder, file: image.from }, { root, file: image.to }, { exclusive: true });
			written.push(image.to);
			progress(`[${plan.pages.length + index + 1}/${total}] ${image.to}`);
		}
	} catch (error) {
		for (const file of written.reverse()) await removeInside(root, file);
		throw error;
	}
}

/**
 * The context Crowdin shows translators above each source file: what the page is, where to see it, how
 * long it is, and what in it must stay as written. For UI string files, what the namespace is for.
 */
import type { Element, Root, RootContent } from 'hast';
import type { ContentDocument } from '../../src/content-model/content-document.ts';
import { componentProps, isMdxComponentName } from '../../src/content-model/mdx-components.ts';
import { localizedPath } from '../../src/i18n/routing.ts';
import type { LocaleRegistry } from '../../src/i18n/registry.ts';

export interface ContextSite {
	url: string;
	previewUrl: string;
}

/** Crowdin keeps at most 65,535 characters of file context. */
const MAX_FILE_CONTEXT = 65_535;

function countCode(tree: Root | undefined): { blocks: number; inline: number } {
	const counts = { blocks: 0, inline: 0 };
	const visit = (node: Root | RootContent, insidePre: boolean) => {
		if (node.type === 'element') {
			const element = node as Element;
			if (element.tagName === 'pre') counts.blocks++;
			else if (element.tagName === 'code' && !insidePre) counts.inline++;
			for (const child of element.children) visit(child, insidePre || element.tagName === 'pre');
		} else if (node.type === 'root') {
			for (const child of node.children) visit(child, insidePre);
		}
	};
	if (tree) visit(tree, false);
	return counts;
}

const absolute = (base: string, pathname: string) => new URL(pathname, base.endsWith('/') ? base : `${base}/`).href;

export function pageFileContext(document: ContentDocument, registry: LocaleRegistry, site: ContextSite): string {
	const title = typeof document.frontmatter?.title === 'string' ? document.frontmatter.title : document.slug || 'Home page';
	const pathname = localizedPath(registry.source, document.slug);
	const lines = [
		`Page: "${title}" (${document.words} words).`,
		`On the site: ${absolute(site.url, pathname)}`,
		`Preview of the latest English: ${absolute(site.previewUrl, pathname)}`,
		'',
		'Keep as written (do not translate):',
	];
	const code = countCode(document.tree);
	if (code.blocks + code.inline > 0)
		lines.push(
			`- code: ${[code.blocks && `${code.blocks} code block${code.blocks === 1 ? '' : 's'}`, code.inline && `${code.inline} inline code span${code.inline === 1 ? '' : 's'}`].filter(Boolean).join(' and ')};`,
		);
	lines.push('- URLs and link targets (translate only the link text; a link to an English page is localized when the page is built);');
	const names = [...new Set(document.components.map((component) => component.value))].filter(isMdxComponentName).sort();
	for (const name of names) {
		const { translatable, kept } = componentProps(name);
		const translate = translatable.length > 0 ? `; translate the text of ${translatable.map((prop) => `\`${prop}\``).join(' and ')}` : '';
		lines.push(`- the component name <${name}> and its prop names; keep the values of ${kept.map((prop) => `\`${prop}\``).join(', ')}${translate};`);
	}
	const variables = [...new Set(document.variables.map((use) => use.name))];
	if (variables.length > 0)
		lines.push(
			`- the content variables ${variables.map((name) => `{{ ${name} }}`).join(', ')}: keep each exactly as written (you may move it); its value for your language is translated in variables.yml;`,
		);
	lines.push('- frontmatter keys, and every frontmatter value except the title, description and navigation label;');
	lines.push('- the page layout: headings, lists and tables keep their place, so the sections stay in step with English.');
	return lines.join('\n').slice(0, MAX_FILE_CONTEXT);
}

/** The context of `content/en/variables.yml`. */
export function variablesFileContext(count: number): string {
	return [
		`Content variables (${count} values): text and links that pages show where they write {{ name }}.`,
		'Translate labels (a button, a name). Replace a URL only with the address of the same page for your language or country; keep it otherwise.',
		'Keep the keys as written. Values are plain text or URLs: no HTML, no Markdown.',
	].join('\n');
}

/** Most characters a subtitle line should have: what viewers read in the second or two a cue is shown. */
const SUBTITLE_LINE_CHARACTERS = 42;

/** The context of a video's English subtitles (`content/videos/<name>.en.vtt`). */
export function subtitlesFileContext(video: string, cues: number, words: number): string {
	return [
		`Subtitles of the video ${video} (${cues} cue${cues === 1 ? '' : 's'}, ${words} words): each cue is shown over the video while it plays.`,
		'Keep the timings as they are: each cue must stay in step with what is said.',
		'Keep cue markup exactly as written around the words it marks: <b>, <i>, <u>, <c.class>, <lang xx>, <ruby>/<rt>, and <v Name> (the speaker; keep the name as written). Add no other tags or HTML: they are left out of the published subtitles.',
		`Keep each cue short, no longer than the English where you can: at most two lines of about ${SUBTITLE_LINE_CHARACTERS} characters, read in the seconds it is shown.`,
	].join('\n');
}

export function uiFileContext(namespace: string, purpose: string, keyCount: number): string {
	return [
		`UI strings, namespace "${namespace}" (${keyCount} strings): ${purpose}`,
		'Each string has its own context saying where it appears; the screenshots show it on the page.',
		'Keep {{placeholders}} exactly as written (you may move them); $t(…) refers to another string; keep HTML-like tags out.',
	]
		.join('\n')
		.slice(0, MAX_FILE_CONTEXT);
}

/**
 * Splits a page into sections at its h2/h3 headings and hashes each, so a later English edit can be traced
 * to the sections it touched. Headings inside code blocks do not count (the page is parsed, not scanned).
 */
import { createHash } from 'node:crypto';
import { mdxToMdast } from 'satteri';
import { parseFrontmatter } from '@astrojs/markdown-remark';
import type { Heading, Root } from 'mdast';
import { toString } from 'mdast-util-to-string';
import GithubSlugger from 'github-slugger';
import { visit } from 'unist-util-visit';
import { inputLimitProblems } from './input-limits.ts';

export interface SectionHash {
	/** The heading's text; empty for the part before the first heading. */
	heading: string;
	hash: string;
}

export function sha256(text: string | Uint8Array): string {
	return createHash('sha256').update(text).digest('hex');
}

/** Line endings and trailing spaces do not make a change. */
function normalize(text: string): string {
	return text
		.replace(/\r\n?/g, '\n')
		.replace(/[ \t]+$/gm, '')
		.trim();
}

export interface PageSections {
	sections: SectionHash[];
	/** The id each section heading has on the rendered page, in order (section 0 has none). */
	headingIds: string[];
}

export function sectionHashes(mdxFile: string): SectionHash[] {
	return pageSections(mdxFile).sections;
}

/**
 * Sections and the ids their headings get. Ids are given as the renderer gives them (`mdx-render.ts`): every
 * Markdown heading of the page, in document order, through one slugger, so a heading inside a callout
 * still takes its id before a later section heading with the same text.
 */
export function pageSections(mdxFile: string): PageSections {
	let content: string;
	let tree: Root;
	try {
		content = parseFrontmatter(mdxFile, { frontmatter: 'empty-with-spaces' }).content;
		if (inputLimitProblems(content).length > 0) throw new Error('over the input limits');
		tree = mdxToMdast(content, { features: { smartPunctuation: false } }) as Root;
	} catch {
		// A page that does not parse is one section; the build and `npm run check` report why.
		return { sections: [{ heading: '', hash: sha256(normalize(mdxFile)) }], headingIds: [] };
	}
	const slugger = new GithubSlugger();
	const ids = new Map<Heading, string>();
	visit(tree, 'heading', (node: Heading) => {
		ids.set(node, slugger.slug(toString(node)));
	});
	const sectionHeadings = tree.children.filter((node): node is Heading => node.type === 'heading' && node.depth <= 3);
	const boundaries = sectionHeadings.map((node) => ({ heading: toString(node), offset: node.position?.start.offset ?? 0 }));
	const starts = [{ heading: '', offset: 0 }, ...boundaries];
	const sections = starts
		.map((start, index) => ({ heading: start.heading, text: content.slice(start.offset, starts[index + 1]?.offset ?? content.length) }))
		// The text before the first heading is always section 0, even when empty, so indices match headings.
		.map((section) => ({ heading: section.heading, hash: sha256(normalize(section.text)) }));
	return { sections, headingIds: sectionHeadings.map((node) => ids.get(node)!) };
}

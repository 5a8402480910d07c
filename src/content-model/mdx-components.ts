/**
 * The components MDX content may use, without importing them. Each one turns its props and children into
 * plain HTML elements when the page is rendered (once per entry, at content sync), so a page needs no
 * component code and the translation checks know exactly which names and props exist.
 */
import type { Element, ElementContent } from 'hast';
import { z } from 'astro/zod';
import type { LayoutClass } from '../security/content-allowlist.ts';
import { isVariableName } from './template-syntax.ts';
import { POSTER_PATH, VIDEO_FILE, VIMEO_ID, videoPlaceholder, YOUTUBE_ID } from './content-videos.ts';

type ComponentProps = Record<string, string | number | boolean>;

/** What a component may ask the renderer for: a content variable's value for the page's locale. */
export interface ComponentContext {
	/** The value, or undefined when no locale along the chain defines it (the renderer reports it). */
	variable(name: string): string | undefined;
}

const variableName = z.string().refine(isVariableName, 'is not a variable name (letters, digits, "_" and "-", nested with "/", as in variables.yml)');

interface MdxComponent<Schema extends z.ZodType<object>> {
	props: Schema;
	/** Props whose values are reader-facing text; every other prop (and every name) stays as written. */
	translatableProps: readonly (keyof z.infer<Schema> & string)[];
	render(props: z.infer<Schema>, children: ElementContent[], context: ComponentContext): ElementContent;
}

function component<Schema extends z.ZodType<object>>(definition: MdxComponent<Schema>): MdxComponent<Schema> {
	return definition;
}

const element = (tagName: string, properties: Element['properties'], children: ElementContent[] = []): Element => ({
	type: 'element',
	tagName,
	properties,
	children,
});
const text = (value: string): ElementContent => ({ type: 'text', value });

/** A layout component: a `<div>` with its vocabulary class around what it holds; it takes no props. */
const layoutBox = (className: LayoutClass) =>
	component({
		props: z.strictObject({}),
		translatableProps: [],
		render: (_props, children) => element('div', { className: [className] }, children),
	});

export const mdxComponents = {
	/** A boxed note beside the text: `<Callout type="tip" title="…">…</Callout>`. */
	Callout: component({
		props: z.strictObject({
			type: z.enum(['note', 'tip', 'warning']).default('note'),
			title: z.string().optional(),
		}),
		translatableProps: ['title'],
		render: ({ type, title }, children) =>
			element('aside', { className: ['callout', `callout-${type}`], ariaLabel: title }, [
				...(title ? [element('p', { className: ['callout-title'] }, [text(title)])] : []),
				...children,
			]),
	}),
	/** A picture with its description and an optional caption: `<Figure src="/images/…" alt="…" caption="…" />`. */
	Figure: component({
		props: z.strictObject({
			src: z.string().min(1),
			alt: z.string(),
			caption: z.string().optional(),
			width: z.number().int().positive().optional(),
			height: z.number().int().positive().optional(),
		}),
		translatableProps: ['alt', 'caption'],
		render: ({ src, alt, caption, width, height }) =>
			element('figure', { className: ['figure'] }, [
				element('img', { src, alt, width, height, loading: 'lazy', decoding: 'async' }),
				...(caption ? [element('figcaption', {}, [text(caption)])] : []),
			]),
	}),
	/**
	 * Layout without CSS (README, "Layout without CSS"): `<Columns><Column>…</Column><Column>…</Column></Columns>`,
	 * side by side, stacked on phones; `<Tiles><Tile>…</Tile>…</Tiles>`, a grid of up to three across. The
	 * same classes (`columns`, `column`, `tiles`, `tile`) work in Markdown pages; the site's stylesheet styles them.
	 */
	Columns: layoutBox('columns'),
	Column: layoutBox('column'),
	Tiles: layoutBox('tiles'),
	Tile: layoutBox('tile'),
	/**
	 * A video (README, "Video"): `<Video title="…" youtube="<id>" file="../videos/<name>.webm" poster="../images/…" />`.
	 * Online, a YouTube or Vimeo video loads nothing from its host until the visitor presses play; a local
	 * file plays in the browser's own player with its subtitles (`content/videos/<name>.<tag>.vtt`), offline too.
	 */
	Video: component({
		props: z
			.strictObject({
				title: z.string().min(1),
				youtube: z.string().regex(YOUTUBE_ID, 'is not a YouTube video id (the 11 characters after watch?v= or embed/)').optional(),
				vimeo: z.string().regex(VIMEO_ID, 'is not a Vimeo video id (the digits after vimeo.com/)').optional(),
				file: z.string().regex(VIDEO_FILE, 'is not a relative path to a .webm or .mp4 file (../videos/<name>.webm)').optional(),
				poster: z.string().regex(POSTER_PATH, 'is not the path of an image of the site (../images/<name>.png)').optional(),
			})
			.refine((props) => props.youtube !== undefined || props.vimeo !== undefined || props.file !== undefined, 'needs youtube, vimeo or file')
			.refine((props) => props.youtube === undefined || props.vimeo === undefined, 'takes youtube or vimeo, not both'),
		translatableProps: ['title'],
		render: (props) => videoPlaceholder(props),
	}),
	/**
	 * A content variable's value as text (`<Var name="signup_button" />`): the same values `{{ … }}` gives a
	 * Markdown page, from `content/<locale>/variables.yml`. A text node, so the value is never markup.
	 */
	Var: component({
		props: z.strictObject({ name: variableName }),
		translatableProps: [],
		render: ({ name }, _children, context) => text(context.variable(name) ?? ''),
	}),
	/**
	 * A link whose target is a variable's value: `<VarLink name="urls/learn">the course</VarLink>`. The
	 * allowlist judges the value like any link's; an unknown one leaves the text without a link.
	 */
	VarLink: component({
		props: z.strictObject({ name: variableName }),
		translatableProps: [],
		render: ({ name }, children, context) => {
			const href = context.variable(name);
			return href === undefined ? element('span', {}, children) : element('a', { href }, children);
		},
	}),
};

export type MdxComponentName = keyof typeof mdxComponents;
export const MDX_COMPONENT_NAMES = Object.keys(mdxComponents) as MdxComponentName[];

export function isMdxComponentName(name: string): name is MdxComponentName {
	return Object.hasOwn(mdxComponents, name);
}

/** Renders one component, or says which prop is wrong. */
export function renderMdxComponent(
	name: MdxComponentName,
	props: ComponentProps,
	children: ElementContent[],
	context: ComponentContext = { variable: () => undefined },
): { element: ElementContent } | { problems: string[] } {
	const definition = mdxComponents[name] as MdxComponent<z.ZodType<object>>;
	const parsed = definition.props.safeParse(props);
	if (!parsed.success) {
		return { problems: parsed.error.issues.map((issue) => `<${name}> ${issue.path.length ? `${issue.path.join('.')}: ` : ''}${issue.message}`) };
	}
	return { element: definition.render(parsed.data, children, context) };
}

/** A component's props, split into those translators translate and those they keep as written. */
export function componentProps(name: MdxComponentName): { translatable: string[]; kept: string[] } {
	const definition = mdxComponents[name] as unknown as MdxComponent<z.ZodObject<z.ZodRawShape>>;
	const all = Object.keys(definition.props.shape);
	const translatable = [...definition.translatableProps] as string[];
	return { translatable, kept: all.filter((prop) => !translatable.includes(prop)) };
}

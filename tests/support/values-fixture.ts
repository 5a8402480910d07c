/**
 * A values page as an old site wrote it (issue 27): two rows of three tiles, each a small icon over one
 * sentence, in the old site's classes, and the content stylesheet an editor writes for those classes. Also
 * two stylesheets that must be refused: one that styles the header, one that imports another file.
 */

const ICON_COLOURS = ['#0b5cad', '#b98900', '#2e7d32', '#ad1457', '#6a1b9a', '#00838f'];
export const VALUE_ICONS = ['classroom', 'free', 'language', 'offline', 'volunteers', 'open'];

/** Six icons, each drawn at 480 px as the old site's were: the page must show them small. */
const icons = Object.fromEntries(
	VALUE_ICONS.map((name, index) => [
		`content/images/values/${name}.svg`,
		`<svg xmlns="http://www.w3.org/2000/svg" width="480" height="480" viewBox="0 0 48 48"><circle cx="24" cy="24" r="20" fill="${ICON_COLOURS[index]}"/></svg>\n`,
	]),
);

const SENTENCES = [
	'A lesson is good only if it works in a real classroom on an ordinary afternoon.',
	'Every lesson is free to use, copy and adapt, with no account to make.',
	'Pupils learn best in their own language, so every lesson is made to be translated.',
	'We plan for schools without a connection first, so lessons work anywhere.',
	'Volunteers are named on the pages they improve and help decide what comes next.',
	'We explain our choices in public so that anyone can question them.',
];

const tiles = (alts: readonly string[], sentences: readonly string[]) =>
	VALUE_ICONS.map(
		(name, index) =>
			`<div class="careers__values-tile">\n<img class="careers__values-icon" src="../images/values/${name}.svg" alt="${alts[index]}">\n<p>${sentences[index]}</p>\n</div>`,
	).join('\n');

export const VALUES_PAGE = [
	'---',
	'title: What we stand for',
	'description: Six values, each with its icon.',
	'---',
	'',
	'These six ideas guide how we write lessons and work with schools.',
	'',
	`<div class="careers__values-group">\n${tiles(VALUE_ICONS, SENTENCES)}\n</div>`,
	'',
].join('\n');

/** The content stylesheet written for the old site's classes. */
export const VALUES_STYLESHEET = `/* The values grid of the old careers page. */
.careers__values-group {
	display: grid;
	grid-template-columns: repeat(3, minmax(0, 1fr));
	gap: 1.5rem;
	margin-block: 1.5rem;
}
.careers__values-tile {
	text-align: center;
}
.careers__values-icon {
	display: block;
	inline-size: 64px;
	block-size: 64px;
	margin-inline: auto;
}
@media (max-width: 40rem) {
	.careers__values-group {
		grid-template-columns: minmax(0, 1fr);
	}
}
`;

export const HEADER_STYLESHEET = `.careers__banner {
	color: #333;
}
.site-header {
	display: none;
}
`;

export const IMPORT_STYLESHEET = `@import url("https://cdn.example/theme.css");
.careers__imported {
	color: red;
}
`;

/** The layout vocabulary with no stylesheet: classes in Markdown, components in MDX. */
export const LAYOUT_MARKDOWN = [
	'---',
	'title: Layout in Markdown',
	'---',
	'',
	'<div class="columns"><div class="column"><p>The left column holds the first half of the text.</p></div><div class="column"><p>The right column holds the second half.</p></div></div>',
	'',
	`<div class="tiles">\n${VALUE_ICONS.map((name) => `<div class="tile"><img class="icon" src="../images/values/${name}.svg" alt="${name}"><p>One sentence about ${name}.</p></div>`).join('\n')}\n</div>`,
	'',
].join('\n');

export const LAYOUT_MDX = [
	'---',
	'title: Layout in MDX',
	'---',
	'',
	'<Columns>',
	'<Column>The left column holds the first half of the text.</Column>',
	'<Column>The right column holds the second half.</Column>',
	'</Columns>',
	'',
	'<Tiles>',
	...VALUE_ICONS.map((name) => `<Tile>One sentence about ${name}.</Tile>`),
	'</Tiles>',
	'',
].join('\n');

/** An accepted stylesheet that tries to leave the page body: a box moved up over the header, and one absolutely placed there. */
export const ESCAPE_STYLESHEET = `.careers__cover {
	margin-block-start: -600px;
	block-size: 600px;
	background: #c00;
}
.careers__overlay {
	position: absolute;
	inset: 0 0 auto 0;
	transform: translateY(-400px);
	block-size: 300px;
	background: #c00;
}
`;

export const valuesFixtureFiles: Record<string, string> = {
	...icons,
	'content/styles/escape.css': ESCAPE_STYLESHEET,
	'content/en/cover.md':
		'---\ntitle: Cover\n---\n\n<div class="careers__cover">Covering the header</div>\n\n<div class="careers__overlay">Over the header</div>\n',
	'content/en/layout-markdown.md': LAYOUT_MARKDOWN,
	'content/en/layout-mdx.mdx': LAYOUT_MDX,
	'content/styles/values.css': VALUES_STYLESHEET,
	'content/styles/header.css': HEADER_STYLESHEET,
	'content/styles/import.css': IMPORT_STYLESHEET,
	'content/en/careers-values.md': VALUES_PAGE,
	// The same markup, translated: the class is the English source's, so it is kept.
	'content/es-419/careers-values.md': [
		'---',
		'title: Lo que defendemos',
		'description: Seis valores, cada uno con su icono.',
		'---',
		'',
		'Estas seis ideas guían cómo escribimos lecciones y trabajamos con las escuelas.',
		'',
		`<div class="careers__values-group">\n${tiles(VALUE_ICONS, [
			'Una lección es buena solo si funciona en un aula real en una tarde cualquiera.',
			'Cada lección es libre de usar, copiar y adaptar, sin crear ninguna cuenta.',
			'Los alumnos aprenden mejor en su idioma, así que cada lección se hace para traducirse.',
			'Pensamos primero en las escuelas sin conexión, así las lecciones funcionan en cualquier lugar.',
			'Los voluntarios aparecen en las páginas que mejoran y ayudan a decidir qué sigue.',
			'Explicamos nuestras decisiones en público para que cualquiera pueda cuestionarlas.',
		])}\n</div>`,
		'',
	].join('\n'),
};

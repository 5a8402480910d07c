/**
 * Issue 26, items 1, 2 and 5, on a built site: translations that mean what English means are served,
 * however their markup is spelled; one of an older English is served with outdated markers; text that looks
 * like markup is reported by `npm run check`, with file and line, and the page is served.
 */
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { astroBuild, type BuildResult } from '../support/astro-build.ts';
import { createFixtureProject } from '../support/fixture-project.ts';
import { runScript } from '../support/run-script.ts';
import { loadPage } from '../support/site.ts';

/** English with a raw image in a paragraph and a doubled slash; Spanish as Crowdin's Markdown gives it back, path fixed. */
const WORKSHOP_EN = `---
title: Kite workshop
description: Pupils build a kite from one sheet of paper.
---

On Saturday the pupils of our partner school built kites <img src="/images//offline-pack.svg" alt="A paper kite with a long tail"> from a single sheet of paper.

## What the pupils learned

Folding in halves is the same idea as a loop: do one step, then do it again. See <a href="/en/learn/loops/">the loops lesson</a>.
`;

const WORKSHOP_ES = `---
title: Taller de cometas
description: Los alumnos construyen una cometa con una sola hoja de papel.
---

El sábado los alumnos de nuestra escuela asociada construyeron cometas ![Una cometa de papel con una cola larga](/images/offline-pack.svg) con una sola hoja de papel.

## Lo que aprendieron los alumnos

Doblar por la mitad es la misma idea que un bucle: haz un paso y vuelve a hacerlo. Mira [la lección de bucles](/es-419/learn/loops/).
`;

/** English today: it lost a link in its first section and gained a section. */
const CLUB_EN = `---
title: Kite club
description: When and where the kite club meets.
---

The kite club meets on Fridays after school.

## What to bring

Bring string and tape.

## Where we fly

On the field behind the school.

## Watch us fly

Every month a pupil writes up the best flight of the club.
`;

/** Portuguese, translated from the English of last month (which linked to the values page). */
const CLUB_PT = `---
title: Clube de pipas
description: Quando e onde o clube de pipas se reúne.
---

O clube de pipas se reúne às sextas-feiras depois da aula.

## O que trazer

Traga linha e fita. Leia antes [nossas regras de segurança](/pt-br/values/).

## Onde soltamos pipas

No campo atrás da escola.
`;

/** English links in Markdown; the Russian translator typed a tag, closed with a curly quote: it prints as text. */
const NOTES_EN = `---
title: Club notes
description: Notes from the kite club.
---

Questions go to [the team](/en/about/).
`;

const NOTES_RU = `---
title: Заметки клуба
description: Заметки клуба воздушных змеев.
---

Вопросы задавайте <a href="/ru/about/”>команде</a>.
`;

/** English points at an image that is not there (a typo); the Arabic translator wrote the path of the real one. */
const POSTER_EN = `---
title: Kite fair poster
description: The poster for the kite fair.
---

Print the poster and hang it at the school gate.

![The kite fair poster](/images/offline-pak.svg)
`;

const POSTER_AR = `---
title: ملصق مهرجان الطائرات الورقية
description: ملصق مهرجان الطائرات الورقية.
---

اطبع الملصق وعلّقه عند بوابة المدرسة.

![ملصق مهرجان الطائرات الورقية](/images/offline-pack.svg)
`;

let root: string;
let build: BuildResult;

beforeAll(async () => {
	root = await createFixtureProject('reshaped-translations', {
		'content/en/stories/kite-workshop.md': WORKSHOP_EN,
		'content/es-419/stories/kite-workshop.md': WORKSHOP_ES,
		'content/en/stories/kite-club.md': CLUB_EN,
		'content/pt-BR/stories/kite-club.md': CLUB_PT,
		'content/en/stories/club-notes.md': NOTES_EN,
		'content/ru/stories/club-notes.md': NOTES_RU,
		'content/en/stories/kite-poster.md': POSTER_EN,
		'content/ar/stories/kite-poster.md': POSTER_AR,
	});
	build = await astroBuild(root, path.join(root, 'dist'));
}, 300_000);

const page = (urlPath: string) => loadPage(path.join(root, 'dist'), urlPath);

describe('a translation whose markup Crowdin reshaped and whose path the translator fixed', () => {
	it('is served as the translation, with its image and link', () => {
		expect(build.code, build.output).toBe(0);
		expect(build.output).not.toContain('content/es-419/stories/kite-workshop.md');
		const $ = page('/es-419/stories/kite-workshop/');
		expect($('article').attr('lang')).toBeUndefined();
		expect($('[data-notice=fallback]')).toHaveLength(0);
		expect($('article h1').text()).toBe('Taller de cometas');
		expect($('article img').attr('alt')).toBe('Una cometa de papel con una cola larga');
		expect($('article img').attr('src')).toBe('/images/offline-pack.svg');
		expect($('article a[href="/es-419/learn/loops/"]').text()).toBe('la lección de bucles');
	});
});

describe('a translation that fixed a broken English image path', () => {
	it('is served with the image, and the build says to fix the English, naming its file and line', () => {
		expect(build.output).toContain(
			'content/ar/stories/kite-poster.md:8:1: image "/images/offline-pack.svg" differs from the English source\'s "/images/offline-pak.svg" (content/en/stories/kite-poster.md:8), which leads nowhere; the translation\'s exists, so it is kept: fix the English at content/en/stories/kite-poster.md:8',
		);
		const $ = page('/ar/stories/kite-poster/');
		expect($('article').attr('lang')).toBeUndefined();
		expect($('article h1').text()).toBe('ملصق مهرجان الطائرات الورقية');
		expect($('article img').attr('src')).toBe('/images/offline-pack.svg');
	});
});

describe('a translation of an older English', () => {
	it('is served as the translation, with a warning naming the file, line and the sections to translate again', () => {
		expect(build.output).toMatch(
			/\[WARN\] \[glossa-content\] content\/pt-BR\/stories\/kite-club\.md:10:\d+: differs from content\/en\/stories\/kite-club\.md .*"What to bring", "Watch us fly".*served as outdated there/,
		);
		expect(build.output).not.toContain('content/pt-BR/stories/kite-club.md is left out');
		const $ = page('/pt-br/stories/kite-club/');
		expect($('html').attr('lang')).toBe('pt-BR');
		expect($('article').attr('lang')).toBeUndefined();
		expect($('article h1').text()).toBe('Clube de pipas');
		expect($('[data-notice=fallback]')).toHaveLength(0);
		// The page says it is outdated, in Portuguese, with a link to the English page.
		expect($('[data-notice=outdated]')).toHaveLength(1);
		expect($('[data-notice=outdated] a[href="/en/stories/kite-club/"]')).toHaveLength(1);
	});

	it('marks the section whose English changed, after its heading, and links to the English section', () => {
		const $ = page('/pt-br/stories/kite-club/');
		const markers = $('[data-outdated-section]');
		expect(markers.map((_, marker) => $(marker).attr('data-outdated-section')).get()).toEqual(['1']);
		expect(markers.first().prev('h2').text()).toBe('O que trazer');
		expect(markers.first().find('a').attr('href')).toBe('/en/stories/kite-club/#what-to-bring');
		// The unchanged section has no marker.
		expect($('h2:contains("Onde soltamos pipas")').next('[data-outdated-section]')).toHaveLength(0);
	});

	it('counts as outdated on the status page', () => {
		const $ = page('/status/');
		const item = $('#status-pt-br li[data-slug="stories/kite-club"]');
		expect(item.attr('data-state')).toBe('outdated');
		// "What to bring" changed and "Watch us fly" is new.
		expect(item.find('.status-badge').text()).toContain('2 sections changed');
	});
});

describe('markup printed as text', () => {
	it('is served (it is safe), and shows the tag as text', () => {
		const $ = page('/ru/stories/club-notes/');
		expect($('article').attr('lang')).toBeUndefined();
		const paragraph = $('article p:contains("Вопросы")');
		expect(paragraph.text()).toContain('<a href="/ru/about/”>команде');
		expect(paragraph.find('a')).toHaveLength(0);
	});

	it('is a warning of npm run check, naming file, line and the fix', async () => {
		const check = await runScript(root, 'scripts/i18n/cli.ts', ['check']);
		expect(check.output).toMatch(
			/warning content\/ru\/stories\/club-notes\.md:6:1: ".*<a href=\S*" looks like an HTML <a> tag but is printed as text: the curly quote ” does not close an attribute; use straight quotes \("\)/,
		);
		// The other two translations are built, each with its one warning; nothing falls back.
		expect(check.output).not.toMatch(/kite-workshop\.md.*falls back|kite-club\.md.*falls back/);
	});
});

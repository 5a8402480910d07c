/**
 * Issue 26 through the Crowdin emulator: a Markdown page whose raw `<img>` comes back from Crowdin as `![]()`
 * is downloaded, written and served as the translation; a tag the translator broke (a curly closing quote)
 * is written too (it is safe) and the download reports it with file and line.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CrowdinEmulator } from '../crowdin-emulator/server.ts';
import { astroBuild } from '../support/astro-build.ts';
import { runCrowdin } from '../support/crowdin-cli.ts';
import { createFixtureProject } from '../support/fixture-project.ts';
import { loadPage } from '../support/site.ts';

const ENGLISH = `---
title: Kite workshop
description: Pupils build a kite from one sheet of paper.
---

On Saturday the pupils built kites <img src="/images/offline-pack.svg" alt="A paper kite with a long tail"> from a single sheet of paper.

Questions go to [the team](/en/about/).
`;

/** As Crowdin's Markdown export gives it back: the image in Markdown, and a tag the translator typed with a curly quote. */
const SPANISH = `---
title: Taller de cometas
description: Los alumnos construyen una cometa con una sola hoja de papel.
---

El sábado los alumnos construyeron cometas ![Una cometa de papel con una cola larga](/images/offline-pack.svg) con una sola hoja de papel.

Las preguntas van a <a href="/es-419/about/”>el equipo</a>.
`;

let emulator: CrowdinEmulator;
let root: string;

beforeAll(async () => {
	emulator = await new CrowdinEmulator().start();
	root = await createFixtureProject('crowdin-reshaped-markup', { 'content/en/stories/kite-workshop.md': ENGLISH });
});
afterAll(() => emulator.stop());

describe('a Markdown translation Crowdin reshaped', () => {
	it('is downloaded and written, with a warning naming the file and line of the broken tag', async () => {
		const upload = await runCrowdin(root, emulator, ['upload']);
		expect(upload.code, upload.output).toBe(0);
		emulator.seedTranslation('es-419', '/content/stories/kite-workshop.md', SPANISH, 100, 100);
		const download = await runCrowdin(root, emulator, ['download', '--locale', 'es-419']);
		expect(download.code, download.output).toBe(0);
		expect(download.output).not.toContain('REJECTED content/es-419/stories/kite-workshop.md');
		expect(download.output).toMatch(
			/WARNING content\/es-419\/stories\/kite-workshop\.md:8:1: ".*<a href=.*" looks like an HTML <a> tag but is printed as text: the curly quote ” does not close an attribute; use straight quotes/,
		);
		expect(await readFile(path.join(root, 'content/es-419/stories/kite-workshop.md'), 'utf8')).toBe(SPANISH);
	});

	it('is served as the Spanish page, with its image', async () => {
		const build = await astroBuild(root, path.join(root, 'dist'));
		expect(build.code, build.output).toBe(0);
		const $ = loadPage(path.join(root, 'dist'), '/es-419/stories/kite-workshop/');
		expect($('article').attr('lang')).toBeUndefined();
		expect($('[data-notice=fallback]')).toHaveLength(0);
		expect($('article h1').text()).toBe('Taller de cometas');
		expect($('article img').attr('alt')).toBe('Una cometa de papel con una cola larga');
	});
});

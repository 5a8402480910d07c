/**
 * Issue 26, items 1, 2 and 5: a translation is held to what its English source means, not to how it is
 * spelled; one made from an older English is served as outdated; text that looks like markup is reported.
 */
import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseContentDocument, sha256 } from '../../src/content-model/content-document.ts';
import { readDocumentSet } from '../../src/content-model/document-set.ts';
import { snapshotOf } from '../../src/content-model/freshness.ts';
import { formatProblem } from '../../src/content-model/problems.ts';
import { isExternalTarget, judgeTranslation, literalMarkupWarnings, normalizeTarget, unalignedSections } from '../../src/content-model/translation-checks.ts';
import { locales } from '../../src/i18n/locales.ts';

const options = { registry: locales, locale: 'es-419', translatableFrontmatter: ['title', 'description', 'navLabel'] };
const english = (file: string, body: string) => parseContentDocument(`content/en/${file}`, `---\ntitle: Kite day\n---\n\n${body}\n`);
const spanish = (file: string, body: string) => parseContentDocument(`content/es-419/${file}`, `---\ntitle: Día de cometas\n---\n\n${body}\n`);

async function project(files: Record<string, string>): Promise<string> {
	const root = await mkdtemp(path.join(os.tmpdir(), 'glossa-meaning-'));
	for (const [file, text] of Object.entries(files)) {
		await mkdir(path.dirname(path.join(root, file)), { recursive: true });
		await writeFile(path.join(root, file), text);
	}
	return root;
}

describe('normalizeTarget', () => {
	it.each([
		['/images/social-media//fit-250/kite.png', '/images/social-media/fit-250/kite.png'],
		['/en/learn/', '/en/learn'],
		['/es-419/learn/#loops', '/en/learn'],
		['/pt-br/learn', '/en/learn'],
		['./kite%20plan.pdf', 'kite plan.pdf'],
		['../../images/./stories/yard.jpg', '../../images/stories/yard.jpg'],
		['HTTPS://Example.org/kites/', 'https://example.org/kites'],
	])('%s means %s', (written, meant) => {
		expect(normalizeTarget(written, locales)).toBe(meant);
	});

	it('keeps another site another site, whatever its path looks like', () => {
		expect(normalizeTarget('//elsewhere.example/en/learn/', locales)).not.toBe(normalizeTarget('/en/learn/', locales));
		for (const url of ['//elsewhere.example/', '/\\elsewhere.example/', 'https://elsewhere.example', 'mailto:kites@example.org', '/a.png 1x, /b.png 2x'])
			expect(isExternalTarget(url), url).toBe(true);
		for (const url of ['/en/learn/', '../images/kite.png', '#top', '?page=2', '/images//kite.png']) expect(isExternalTarget(url), url).toBe(false);
	});
});

describe('the same markup spelled another way', () => {
	it('accepts an <img> in a paragraph that Crowdin gave back as ![]()', () => {
		const source = english('yard.md', 'Our volunteers flew <img src="/images/offline-pack.svg" alt="A red kite"> over the yard.');
		const translation = spanish('yard.md', 'Nuestros voluntarios volaron ![Una cometa roja](/images/offline-pack.svg) sobre el patio.');
		expect(judgeTranslation(translation, source, options)).toEqual({ problems: [], warnings: [] });
	});

	it('accepts links, emphasis and line breaks written as Markdown where English wrote HTML, and the other way round', () => {
		const source = english('yard.md', 'Read <a href="/en/values/">our values</a>, <em>then</em> <strong>fly</strong>.<br>Bring string.  \nAnd tape.');
		const translation = spanish('yard.md', 'Lee [nuestros valores](/es-419/values), *luego* **vuela**.  \nTrae hilo.<br>Y cinta.');
		expect(judgeTranslation(translation, source, options).problems).toEqual([]);
	});

	it('accepts a doubled slash the translator fixed', () => {
		const source = english('yard.mdx', '![A kite at the fair](/images/social-media//fit-250/kite.png)');
		const translation = spanish('yard.mdx', '![Una cometa en la feria](/images/social-media/fit-250/kite.png)');
		expect(judgeTranslation(translation, source, options)).toEqual({ problems: [], warnings: [] });
	});

	it('still refuses what English does not have: another site, another image host, a component', () => {
		const source = english('yard.mdx', '## Flying\n\n[values](/en/values/) ![kite](/images/offline-pack.svg)');
		// Its sections do not line up either: that never makes an unsafe translation acceptable.
		const translation = spanish(
			'yard.mdx',
			'[valores](https://elsewhere.example/) ![cometa](https://images.elsewhere.example/k.png)\n\n<Callout>x</Callout>\n\n## Volar\n\n## Más',
		);
		const verdict = judgeTranslation(translation, source, options);
		expect(verdict.problems.map((problem) => problem.message)).toEqual([
			'<Callout> is not used by the English source',
			expect.stringContaining('"https://elsewhere.example/" is not in the English source'),
			expect.stringContaining('"https://images.elsewhere.example/k.png" is not in the English source'),
		]);
		expect(verdict.outdatedSections).toBeUndefined();
	});

	it('refuses a path a browser reads as another site, though its sections do not line up', () => {
		const source = english('yard.md', '## Flying\n\n[values](/en/values/)');
		// Markdown escapes the backslash (`/%5C…` stays on the site); raw HTML keeps it, and the allowlist drops it.
		const translation = spanish('yard.md', '<a href="/\\elsewhere.example/x">valores</a>\n\n## Volar\n\n## Más');
		expect(judgeTranslation(translation, source, options).problems.map((problem) => problem.message)).toEqual([
			expect.stringContaining('<a> attribute href="/\\elsewhere.example/x" is not allowed'),
		]);
	});

	it('still refuses markup the translator added to sections that line up with English', () => {
		const source = english('yard.md', 'We fly <span>kites</span> on Fridays.');
		const translation = spanish('yard.md', 'Volamos <b>cometas</b> los viernes.');
		const verdict = judgeTranslation(translation, source, options);
		expect(verdict.problems.map(formatProblem)).toEqual([
			expect.stringMatching(/^content\/es-419\/yard\.md:5:9: its HTML differs .*<b> where content\/en\/yard\.md has <span>/),
		]);
	});
});

describe('a translation that fixed a broken English target', () => {
	it('is built, with a warning naming the English file and line to fix', async () => {
		const root = await project({
			'public/images/kites/poster.png': 'not read',
			'content/en/fair.mdx': '---\ntitle: The kite fair\n---\n\nOur poster:\n\n![The fair poster](/images/kites/postr.png)\n',
			'content/es-419/fair.mdx': '---\ntitle: La feria de cometas\n---\n\nNuestro cartel:\n\n![El cartel de la feria](/images/kites/poster.png)\n',
			'content/ar/fair.mdx': '---\ntitle: مهرجان الطائرات الورقية\n---\n\nملصقنا:\n\n![الملصق](/images/kites/nowhere.png)\n',
		});
		const set = await readDocumentSet({ root, registry: locales });
		expect(set.leftOut.has('es-419/fair.mdx')).toBe(false);
		expect(set.warnings.get('es-419/fair.mdx')!.map(formatProblem)).toEqual([
			'content/es-419/fair.mdx:7:1: image "/images/kites/poster.png" differs from the English source\'s "/images/kites/postr.png" (content/en/fair.mdx:7), which leads nowhere; the translation\'s exists, so it is kept: fix the English at content/en/fair.mdx:7',
		]);
		// A target that leads nowhere either is not a fix: refused as before.
		expect(set.leftOut.get('ar/fair.mdx')!.map((problem) => problem.message)).toEqual([
			'link target "/images/kites/nowhere.png" is not in the English source (nor the same page in ar)',
		]);
	});
});

const OLD_ENGLISH = `---
title: Kite club
---

The kite club meets on Fridays after school.

## What to bring

Bring string and tape. Read [our safety rules](/en/values/) first.

## Where we fly

On the field behind the school.
`;

const NEW_ENGLISH = `---
title: Kite club
---

The kite club meets on Fridays after school.

## What to bring

Bring string and tape.

## Where we fly

On the field behind the school.

## Watch us fly

![A film still of the club's kites](/images/offline-pack.svg)
`;

const TRANSLATION = `---
title: Club de cometas
---

El club de cometas se reúne los viernes después de clase.

## Qué traer

Trae hilo y cinta. Lee primero [nuestras reglas de seguridad](/es-419/values/).

## Dónde volamos

En el campo detrás de la escuela.
`;

describe('a translation of an older English', () => {
	it('with no record, is built and outdated where its sections do not line up', async () => {
		const root = await project({ 'content/en/club.mdx': NEW_ENGLISH, 'content/es-419/club.mdx': TRANSLATION });
		const set = await readDocumentSet({ root, registry: locales });
		expect(set.leftOut.get('es-419/club.mdx')).toBeUndefined();
		// English lost a link in "What to bring" (section 1, where the translation differs) and gained "Watch us fly" (section 3).
		expect(set.outdated.get('es-419/club.mdx')).toEqual([1, 3]);
		expect(set.warnings.get('es-419/club.mdx')!.map(formatProblem)).toEqual([
			expect.stringMatching(
				/^content\/es-419\/club\.mdx:9:\d+: differs from content\/en\/club\.mdx .*"What to bring", "Watch us fly".*served as outdated there; translate those sections again/,
			),
		]);
	});

	it('finds which sections moved apart', () => {
		const source = parseContentDocument('content/en/club.mdx', NEW_ENGLISH);
		const translation = parseContentDocument(
			'content/es-419/club.mdx',
			TRANSLATION.replace('## Dónde volamos\n\nEn el campo', '## Dónde volamos\n\nEn el campo.\n\nSiempre'),
		);
		expect(unalignedSections(translation, source)).toEqual([2, 3]);
	});

	it('with a record, matches the English it was made from in git history; without that history it is refused', async () => {
		// English changed inside a section: the sections still line up, only the recorded revision explains the link.
		const edited = OLD_ENGLISH.replace('Read [our safety rules](/en/values/) first.', 'Read [the loops lesson](/en/learn/loops/) first.');
		const files = { 'content/en/club.mdx': OLD_ENGLISH, 'content/es-419/club.mdx': TRANSLATION };
		const withHistory = await project(files);
		const git = (...args: string[]) => execFileSync('git', ['-c', 'user.name=Test', '-c', 'user.email=test@example.org', ...args], { cwd: withHistory });
		git('init', '-q');
		git('add', '.');
		git('commit', '-qm', 'English and its translation');
		const old = snapshotOf(parseContentDocument('content/en/club.mdx', OLD_ENGLISH));
		const state = {
			version: 1,
			translations: {
				'content/es-419/club.mdx': {
					locale: 'es-419',
					source: 'content/en/club.mdx',
					sourceHash: sha256(OLD_ENGLISH),
					sourceSections: old.sections,
					sourceFrontmatterHash: old.frontmatterHash,
					syncedAt: '2026-11-01T00:00:00.000Z',
					origin: 'crowdin',
				},
			},
		};
		await writeFile(path.join(withHistory, 'translation-state.json'), JSON.stringify(state));
		await writeFile(path.join(withHistory, 'content/en/club.mdx'), edited);
		const set = await readDocumentSet({ root: withHistory, registry: locales });
		expect(set.leftOut.get('es-419/club.mdx')).toBeUndefined();
		expect(set.warnings.get('es-419/club.mdx')![0]!.message).toMatch(/follows the English content\/en\/club\.mdx it was translated from .* served as outdated/);

		const withoutHistory = await project({ ...files, 'content/en/club.mdx': edited, 'translation-state.json': JSON.stringify(state) });
		const refused = await readDocumentSet({ root: withoutHistory, registry: locales });
		expect(refused.leftOut.get('es-419/club.mdx')!.map((problem) => problem.message)).toEqual([
			'link target "/es-419/values/" is not in the English source (nor the same page in es-419)',
		]);
	});
});

describe('markup printed as text', () => {
	it('finds a tag a curly quote broke and a link with a space, with file, line and a fix', () => {
		const source = english('notes.md', 'Sign up [on the form](/en/help-translate/).\n\nAsk <a href="/en/about/">the team</a>.');
		const translation = spanish('notes.md', 'Inscríbete [en el formulario] (/es-419/help-translate/).\n\nPregunta <a href="/es-419/about/”>al equipo</a>.');
		expect(literalMarkupWarnings(translation, source).map(formatProblem)).toEqual([
			'content/es-419/notes.md:5:1: "Inscríbete [en el formulario] (/es-419/help-translate/)." looks like Markdown link syntax but is printed as text; write it as [text](target), with nothing between ] and ( and both brackets closed, as in the English source',
			expect.stringMatching(
				/^content\/es-419\/notes\.md:7:1: ".*<a href=.*" looks like an HTML <a> tag but is printed as text: the curly quote ” does not close an attribute; use straight quotes \("\); write the markup as in the English source$/,
			),
		]);
	});

	it('leaves code, working markup and what English prints the same alone', () => {
		const source = english('notes.md', 'Type `<a href="x">` to link. Our sign says [sic] (really).');
		const translation = spanish('notes.md', 'Escribe `<a href="x">` para enlazar, o [un enlace](/es-419/about/). El cartel dice [sic] (de verdad).');
		expect(literalMarkupWarnings(translation, source)).toEqual([]);
	});
});

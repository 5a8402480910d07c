import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { astroBuild } from '../support/astro-build.ts';
import { createFixtureProject } from '../support/fixture-project.ts';
import { runScript } from '../support/run-script.ts';
import { loadPage } from '../support/site.ts';

const i18n = (root: string, ...args: string[]) => runScript(root, 'scripts/i18n/cli.ts', args);

async function build(root: string) {
	const result = await astroBuild(root, path.join(root, 'dist'));
	expect(result.code, result.output).toBe(0);
	return (urlPath: string) => loadPage(path.join(root, 'dist'), urlPath);
}

describe('an English edit after translation', () => {
	let root: string;
	beforeAll(async () => {
		root = await createFixtureProject('editors-outdated', {});
		const file = path.join(root, 'content/en/values.mdx');
		const english = await readFile(file, 'utf8');
		await writeFile(
			file,
			english
				.replace('Schools should never\nhave to choose', 'Schools, families and pupils should never\nhave to choose')
				.replace('updated: 2026-09-14', 'updated: 2026-11-20'),
		);
	});

	it('keeps serving the translation, with a notice and a marker on the changed section only', async () => {
		const page = await build(root);
		const $ = page('/es-419/values/');
		expect($('h1').text()).toBe('Nuestros valores');
		const notice = $('[data-notice=outdated]');
		expect(notice.text()).toContain('Es posible que esta traducción esté desactualizada.');
		expect(notice.text()).toContain('se actualizó el 20 de noviembre de 2026');
		expect(notice.find('a').attr('href')).toBe('/en/values/');
		const markers = $('[data-outdated-section]');
		expect(markers.map((_, marker) => $(marker).attr('data-outdated-section')).get()).toEqual(['2']);
		expect(markers.first().prev('h2').text()).toBe('Gratis significa gratis');
		expect(markers.first().text()).toContain('Esta sección cambió en inglés');
		expect(markers.first().find('a').attr('href')).toBe('/en/values/#free-means-free');

		// Arabic marks the same section in Arabic; other pages are untouched.
		expect(page('/ar/values/')('[data-outdated-section]').text()).toContain('تغيّر هذا القسم');
		expect(page('/es-419/about/')('[data-notice=outdated]')).toHaveLength(0);
		expect(page('/es-419/about/')('[data-outdated-section]')).toHaveLength(0);

		// The picker tells which languages are translated, outdated or English.
		const picker = page('/en/values/');
		expect(picker('.picker-list a[lang=es-419]').attr('data-state')).toBe('outdated');
		expect(picker('.picker-list a[lang=es-419]').next('.picker-state').text()).toBe('(translation may be out of date)');
		expect(picker('.picker-list a[lang=id]').attr('data-state')).toBe('fallback');

		const status = page('/status/');
		expect(status('#status-es-419 li[data-slug=values]').attr('data-state')).toBe('outdated');
		expect(status('#status-es-419 li[data-slug=values]').text()).toContain('1 section changed');
	});

	it('reports it in `i18n status`, and mark-current clears it for that locale', async () => {
		const status = await i18n(root, 'status', '--locale', 'es-419');
		expect(status.output).toMatch(/^es-419\s+8\s+1\s+0\s+0/m);
		expect(status.output).toMatch(/^values\s+outdated \(1 section\)/m);
		const json = JSON.parse((await i18n(root, 'status', '--json')).output) as { locale: string; counts: { outdated: number } }[];
		expect(json.find((entry) => entry.locale === 'ar')!.counts.outdated).toBe(1);

		expect((await i18n(root, 'mark-current', 'es-419', 'values')).code).toBe(0);
		const page = await build(root);
		expect(page('/es-419/values/')('[data-notice=outdated]')).toHaveLength(0);
		expect(page('/es-419/values/')('[data-outdated-section]')).toHaveLength(0);
		expect(page('/ar/values/')('[data-notice=outdated]')).toHaveLength(1);
	});

	it('accept-source declares the edit a typo fix for every locale', async () => {
		expect((await i18n(root, 'accept-source', 'values')).code).toBe(0);
		const page = await build(root);
		for (const locale of ['ar', 'pt-br', 'ko', 'zh-hans']) expect(page(`/${locale}/values/`)('[data-notice=outdated]'), locale).toHaveLength(0);
	});
});

/**
 * Stand-in text that is not the English text (a copy of English counts as untranslated, issue 26): each line
 * of prose starts with a Thai word; frontmatter, code and markup are left as they are.
 */
function standIn(english: string): string {
	let frontmatterFences = 0;
	let inCode = false;
	return english
		.split('\n')
		.map((line) => {
			if (frontmatterFences < 2) {
				if (line === '---') frontmatterFences++;
				return line;
			}
			if (/^\s*(```|~~~)/.test(line)) inCode = !inCode;
			if (inCode || /^\s*(```|~~~)/.test(line)) return line;
			return line.replace(/^(\s*(?:#{1,6} |[-*] |\d+\. |> )?)(?=\p{L})/u, '$1แปล ');
		})
		.join('\n');
}

describe('progress-driven publishing', () => {
	it('lists a locale once it crosses its threshold: picker, negotiation and sitemap', async () => {
		const root = await createFixtureProject('editors-threshold', {});
		let page = await build(root);
		expect(page('/th/')('[data-notice=preview]').text()).toContain('ฉบับทดลอง');
		expect(page('/th/')('meta[name=robots]').attr('content')).toBe('noindex');
		expect(page('/en/')('.picker-list a[lang=th]')).toHaveLength(0);
		expect(page('/')('.root-languages a[lang=th]')).toHaveLength(0);
		expect(readFileSync(path.join(root, 'dist/sitemap.xml'), 'utf8')).not.toContain('/th/');

		// Translators finish seven more pages (here: stand-in text), recorded as current.
		for (const file of [
			'values.mdx',
			'about.mdx',
			'help-translate.mdx',
			'offline-access.mdx',
			'learn/index.mdx',
			'learn/loops.mdx',
			'stories/field-visit.md',
		]) {
			const english = await readFile(path.join(root, 'content/en', file), 'utf8');
			await import('node:fs/promises').then((fs) => fs.mkdir(path.dirname(path.join(root, 'content/th', file)), { recursive: true }));
			await writeFile(path.join(root, 'content/th', file), standIn(english).replace(/^title: .*$/m, 'title: หน้าที่แปลแล้ว'));
		}
		expect((await i18n(root, 'mark-current', 'th', '--all')).code).toBe(0);
		page = await build(root);
		expect(page('/th/')('[data-notice=preview]')).toHaveLength(0);
		expect(page('/th/')('meta[name=robots]')).toHaveLength(0);
		expect(page('/en/')('.picker-list a[lang=th]').attr('href')).toBe('/th/');
		expect(page('/')('.root-languages a[lang=th]')).toHaveLength(1);
		expect(readFileSync(path.join(root, 'dist/sitemap.xml'), 'utf8')).toContain('https://glossa.example.org/th/values/');
		expect(page('/status/')('tr[data-locale=th] td[data-listing]').text()).toBe('listed');
	});
});

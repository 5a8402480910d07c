import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createFixtureProject } from '../support/fixture-project.ts';
import { runScript } from '../support/run-script.ts';
import { projectRoot } from '../support/paths.ts';

const check = (root: string) => runScript(root, 'scripts/i18n/cli.ts', ['check']);

describe('npm run check', () => {
	it('passes on the demo content', async () => {
		const result = await check(projectRoot);
		expect(result.code, result.output).toBe(0);
		expect(result.output).toContain('0 error(s), 0 warning(s)');
	});

	it('reports each kind of problem with file and line, and fails on errors', async () => {
		const root = await createFixtureProject('content-check', {
			'content/en/broken-frontmatter.mdx': '---\ndescription: No title\n---\n\nText.\n',
			'content/en/broken-mdx.mdx': '---\ntitle: T\ndescription: D\n---\n\nText.\n\n<Callout>\nnever closed\n',
			'content/en/links.mdx':
				'---\ntitle: Links\ndescription: D\n---\n\nGood: [values](/en/values/) and [ar](/ar/values/).\n\nBad: [nowhere](/en/nowhere/).\n\n![missing](/images/missing.png)\n',
			'content/es-419/links.mdx':
				'---\ntitle: Enlaces\ndescription: D\n---\n\nGood: [values](/en/values/) and [ar](/ar/values/).\n\nBad: [nowhere](/en/nowhere/).\n\n![missing](/images/missing.png)\n',
			'content/ar/learn/loops.mdx': '---\ntitle: حلقات\ndescription: د\n---\n\n<Callout>\nلا يُغلق\n',
			// Missing images in every form: Markdown and <img>, relative and root, <Figure>, one outside content/images/.
			'content/en/guides/pictures.md':
				'---\ntitle: Pictures\n---\n\n![a](../../images/nope.png)\n\n<img src="../../images/nope.jpg" alt="b">\n\n![c](./beside.png)\n\n<a href="/en/gone/">gone</a>\n\nWeâ€™re here.\n',
			'content/en/figure.mdx': '---\ntitle: Figure\n---\n\n<Figure src="/images/nope.svg" alt="d" />\n',
			'locales/pl/common.json': JSON.stringify({ footer: { languages_few: 'Strona jest w {{liczba}} językach.' }, invented: { key: 'x' } }, null, 2),
		});
		const result = await check(root);
		expect(result.code).toBe(1);
		const lines = result.output.split('\n');
		const has = (pattern: RegExp) =>
			expect(
				lines.some((line) => pattern.test(line)),
				`${pattern}\n${result.output}`,
			).toBe(true);
		has(/^error\s+content\/en\/broken-frontmatter\.mdx:1: frontmatter `title` is required/);
		has(/^error\s+content\/en\/broken-mdx\.mdx:8:1: MDX does not compile: Expected a closing tag for `<Callout>`/);
		has(/^error\s+content\/en\/links\.mdx:8:\d+: link to \/en\/nowhere\/ leads nowhere \(no English page "nowhere"\)/);
		has(/^error\s+content\/en\/links\.mdx:10:\d+: image or file \/images\/missing\.png is missing \(public\/images\/missing\.png does not exist\)/);
		has(/^warning\s+content\/es-419\/links\.mdx:6:\d+: links to the ar page \/ar\/values\/; \/es-419\/values\/ exists/);
		has(/^warning\s+content\/ar\/learn\/loops\.mdx:6:1: MDX does not compile: .* \(the page falls back to English\)/);
		has(/^error\s+locales\/pl\/common\.json:3: footer\.languages_few: placeholders \{\{liczba\}\} differ from English \{\{count\}\}/);
		has(/^warning\s+locales\/pl\/common\.json:6: invented\.key: not a key of the English file/);
		has(/^error\s+content\/en\/guides\/pictures\.md:5:1: image or file \.\.\/\.\.\/images\/nope\.png is missing \(content\/images\/nope\.png does not exist\)/);
		has(/^error\s+content\/en\/guides\/pictures\.md:7:1: image or file \.\.\/\.\.\/images\/nope\.jpg is missing/);
		has(
			/^error\s+content\/en\/guides\/pictures\.md:9:1: image or file \.\/beside\.png resolves to content\/en\/guides\/beside\.png, outside content\/images\//,
		);
		has(/^error\s+content\/en\/guides\/pictures\.md:11:1: link to \/en\/gone\/ leads nowhere/);
		has(/^warning\s+content\/en\/guides\/pictures\.md:13:3: "â€™" looks like UTF-8 text that was read as Windows-1252 \(mojibake\); it was most likely "’"/);
		has(/^error\s+content\/en\/figure\.mdx:5:1: image or file \/images\/nope\.svg is missing \(public\/images\/nope\.svg does not exist\)/);
		// Each once.
		expect(lines.filter((line) => line.includes('nope.png'))).toHaveLength(1);
		expect(result.output).toMatch(/\n\d+ error\(s\), \d+ warning\(s\)/);
	});

	it('fails on an English UI string without context for translators, naming where it is', async () => {
		const english = JSON.parse(await readFile(path.join(projectRoot, 'locales/en/common.json'), 'utf8')) as Record<string, Record<string, string>>;
		english.nav!.home = 'Home';
		english.nav!.items_one = '{{count}} item';
		english.nav!.items_other = '{{count}} items';
		const root = await createFixtureProject('content-check-ui-context', { 'locales/en/common.json': JSON.stringify(english, null, 2) });
		const result = await check(root);
		expect(result.code).toBe(1);
		expect(result.output).toMatch(
			/^error\s+locales\/en\/common\.context\.json: nav\.home \(locales\/en\/common\.json:\d+\) has no context for translators; add it to locales\/en\/common\.context\.json$/m,
		);
		// A plural key is described once, without its suffix.
		expect(result.output.match(/nav\.items/g)).toHaveLength(1);
		expect(result.output).toMatch(/nav\.items \(locales\/en\/common\.json:\d+\) has no context/);
	});
});

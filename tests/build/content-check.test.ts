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
		has(/^error\s+content\/en\/links\.mdx:10:\d+: image or file \/images\/missing\.png is missing from public\//);
		has(/^warning\s+content\/es-419\/links\.mdx:6:\d+: links to the ar page \/ar\/values\/; \/es-419\/values\/ exists/);
		has(/^warning\s+content\/ar\/learn\/loops\.mdx:6:1: MDX does not compile: .* \(the page falls back to English\)/);
		has(/^error\s+locales\/pl\/common\.json:3: footer\.languages_few: placeholders \{\{liczba\}\} differ from English \{\{count\}\}/);
		has(/^warning\s+locales\/pl\/common\.json:6: invented\.key: not a key of the English file/);
		expect(result.output).toMatch(/\n\d+ error\(s\), \d+ warning\(s\)/);
	});
});

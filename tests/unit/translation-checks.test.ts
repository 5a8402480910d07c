import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkTranslations, formatProblem, inspectMdx } from '../../src/content-model/translation-checks.ts';
import { locales } from '../../src/i18n/locales.ts';

const frontmatter = '---\ntitle: Hola\ndescription: Una página\n---\n';

describe('inspectMdx', () => {
	it('accepts a page with GFM and the known components', async () => {
		const { problems } = await inspectMdx('x.mdx', `${frontmatter}\n| a | b |\n| - | - |\n| 1 | 2 |\n\n- [x] done\n\n<Callout title="t">hi</Callout>\n`);
		expect(problems).toEqual([]);
	});

	it('reports MDX that does not compile with its line and column in the file', async () => {
		const { problems } = await inspectMdx('content/ar/x.mdx', `${frontmatter}\nText\n\n<Callout>\nunclosed\n`);
		expect(problems).toHaveLength(1);
		expect(problems[0]!.line).toBe(8); // the <Callout> that never closes
		expect(formatProblem(problems[0]!)).toMatch(/^content\/ar\/x\.mdx:8:\d+: MDX does not compile: /);
	});

	it('names the frontmatter field that breaks the schema', async () => {
		const { problems } = await inspectMdx('x.mdx', '---\ntitle: ""\ndescription: ok\nupdated: not-a-date\n---\nBody\n');
		expect(problems.map((problem) => problem.message)).toEqual([
			expect.stringContaining('frontmatter title:'),
			expect.stringContaining('frontmatter updated:'),
		]);
	});

	it('reports YAML syntax errors with the line', async () => {
		const { problems } = await inspectMdx('x.mdx', '---\ntitle: Hola\ndescription: [unclosed\n---\nBody\n');
		expect(problems[0]!.message).toMatch(/not valid YAML/);
		expect(problems[0]!.line).toBeGreaterThanOrEqual(3);
	});

	it('rejects components the site does not provide', async () => {
		const { problems } = await inspectMdx('x.mdx', `${frontmatter}\n<Marquee>hi</Marquee>\n`);
		expect(problems[0]).toMatchObject({ line: 6, message: expect.stringContaining('<Marquee> is not a component') });
	});
});

describe('untrusted HTML in content', () => {
	it.each([
		['<script>alert(1)</script>', '<script> is not allowed'],
		['<iframe src="https://example.org" />', '<iframe> is not allowed'],
		['<img src="x.png" alt="" onError="alert(1)" />', '<img> attribute onerror="alert(1)" is not allowed'],
		['<a href="JaVaScRiPt:alert(1)">x</a>', '<a> attribute href="JaVaScRiPt:alert(1)" is not allowed'],
		['[click](javascript:alert(1))', '<a> attribute href="javascript:alert(1)" is not allowed'],
		['[click](jav&#x61;script:alert(1))', '<a> attribute href="javascript:alert(1)" is not allowed'],
		['<a href="java&#9;script:alert(1)">x</a>', 'is not allowed'],
		['![x](data:image/svg+xml;base64,PHN2Zz4=)', '<img> attribute src="data:image/svg+xml;base64,PHN2Zz4=" is not allowed'],
		['[y][x]\n\n[x]: vbscript:msgbox', '<a> attribute href="vbscript:msgbox" is not allowed'],
		['<xmp><b title="</xmp><img src=/x.png onerror=alert(1)>">z</b></xmp>', '<xmp> is not allowed'],
		['<p style="background:url(https://evil.example/x.png)">s</p>', '<p> attribute style='],
		['<a href="/en/" ping="https://evil.example/p">p</a>', '<a> attribute ping='],
	])('rejects %s', async (body, expected) => {
		const { problems } = await inspectMdx('x.mdx', `${frontmatter}\n${body.replace('\\n', '\n')}\n`);
		expect(problems.map((problem) => problem.message).join('\n')).toContain(expected);
		expect(problems[0]!.line).toBe(6);
	});

	it('accepts ordinary links and images', async () => {
		const { problems } = await inspectMdx('x.mdx', `${frontmatter}\n[a](/en/values/) [b](https://example.org) ![c](/images/offline-pack.svg)\n`);
		expect(problems).toEqual([]);
	});
});

describe('checkTranslations', () => {
	it('marks broken and code-injecting translations, and reports unknown locale folders', async () => {
		const root = await mkdtemp(path.join(os.tmpdir(), 'glossa-checks-'));
		const write = async (file: string, text: string) => {
			await mkdir(path.dirname(path.join(root, 'content', file)), { recursive: true });
			await writeFile(path.join(root, 'content', file), text);
		};
		await write('en/page.mdx', `${frontmatter}\nHello {/* a note for translators */}\n`);
		await write('es-419/page.mdx', `${frontmatter}\nHola {/* a note for translators */}\n`);
		await write('ar/page.mdx', `${frontmatter}\nمرحبا {globalThis.alert(1)}\n`);
		await write('ru/page.mdx', `${frontmatter}\nimport x from 'y'\n\nПривет\n`);
		await write('th/page.mdx', `---\ntitle: x\n---\nBody\n`);
		await write('xx/page.mdx', `${frontmatter}\nBody\n`);

		const report = await checkTranslations({ root, registry: locales });
		expect([...report.broken.keys()].sort()).toEqual(['ar/page.mdx', 'ru/page.mdx', 'th/page.mdx']);
		expect(report.broken.get('ar/page.mdx')![0]!.message).toMatch(/expression \{globalThis.alert\(1\)\} is not supported in content/);
		expect(report.broken.get('ru/page.mdx')![0]!.message).toMatch(/import\/export/);
		expect(report.broken.get('th/page.mdx')![0]!.message).toMatch(/description/);
		expect(report.unknownLocaleFolders).toEqual(['xx']);
		expect(report.checkedFiles).toBe(4);
	});
});

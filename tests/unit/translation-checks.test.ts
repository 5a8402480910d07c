import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseContentDocument } from '../../src/content-model/content-document.ts';
import { onDocumentParse } from '../../src/content-model/content-document.ts';
import { onDocumentRead, readDocumentSet } from '../../src/content-model/document-set.ts';
import { formatProblem } from '../../src/content-model/translation-checks.ts';
import { locales } from '../../src/i18n/locales.ts';

/** What stops a file, or what the allowlist would drop from it. */
const inspectMdx = (file: string, text: string) => {
	const document = parseContentDocument(file, text);
	return { problems: [...document.problems, ...document.dropped] };
};

const frontmatter = '---\ntitle: Hola\ndescription: Una página\n---\n';

describe('parseContentDocument problems', () => {
	it('accepts a page with GFM and the known components', async () => {
		const { problems } = inspectMdx('x.mdx', `${frontmatter}\n| a | b |\n| - | - |\n| 1 | 2 |\n\n- [x] done\n\n<Callout title="t">hi</Callout>\n`);
		expect(problems).toEqual([]);
	});

	it('reports MDX that does not compile with its line and column in the file', async () => {
		const { problems } = inspectMdx('content/ar/x.mdx', `${frontmatter}\nText\n\n<Callout>\nunclosed\n`);
		expect(problems).toHaveLength(1);
		expect(problems[0]!.line).toBe(8); // the <Callout> that never closes
		expect(formatProblem(problems[0]!)).toMatch(/^content\/ar\/x\.mdx:8:\d+: MDX does not compile: /);
	});

	it('names the frontmatter field that breaks the schema', async () => {
		const { problems } = inspectMdx('x.mdx', '---\ntitle: ""\ndescription: ok\nupdated: not-a-date\n---\nBody\n');
		expect(problems.map((problem) => problem.message)).toEqual([
			'frontmatter `title` must not be empty',
			expect.stringContaining('frontmatter `updated` is not valid'),
		]);
	});

	it('reports YAML syntax errors with the line', async () => {
		const { problems } = inspectMdx('x.mdx', '---\ntitle: Hola\ndescription: [unclosed\n---\nBody\n');
		expect(problems[0]!.message).toMatch(/not valid YAML/);
		expect(problems[0]!.line).toBeGreaterThanOrEqual(3);
	});

	it('rejects components the site does not provide', async () => {
		const { problems } = inspectMdx('x.mdx', `${frontmatter}\n<Marquee>hi</Marquee>\n`);
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
		const { problems } = inspectMdx('x.mdx', `${frontmatter}\n${body.replace('\\n', '\n')}\n`);
		expect(problems.map((problem) => problem.message).join('\n')).toContain(expected);
		expect(problems[0]!.line).toBe(6);
	});

	it('accepts ordinary links and images', async () => {
		const { problems } = inspectMdx('x.mdx', `${frontmatter}\n[a](/en/values/) [b](https://example.org) ![c](/images/offline-pack.svg)\n`);
		expect(problems).toEqual([]);
	});
});

describe('readDocumentSet', () => {
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
		await write('th/page.mdx', `---\ndescription: x\n---\nBody\n`);
		await write('xx/page.mdx', `${frontmatter}\nBody\n`);

		const reads: string[] = [];
		const parses: string[] = [];
		const stopReading = onDocumentRead((file) => reads.push(file));
		const stopParsing = onDocumentParse((file) => parses.push(file));
		const report = await readDocumentSet({ root, registry: locales });
		expect([...report.leftOut.keys()].sort()).toEqual(['ar/page.mdx', 'ru/page.mdx', 'th/page.mdx']);
		expect(report.leftOut.get('ar/page.mdx')![0]!.message).toMatch(/expression \{globalThis.alert\(1\)\} is not supported in content/);
		expect(report.leftOut.get('ru/page.mdx')![0]!.message).toMatch(/import\/export/);
		expect(report.leftOut.get('th/page.mdx')![0]).toMatchObject({
			file: 'content/th/page.mdx',
			line: 1,
			message: expect.stringMatching(/`title` is required/),
		});
		expect(report.unknownLocaleFolders).toEqual(['xx']);
		// Every file of a registered locale read and parsed once.
		const expected = ['ar', 'en', 'es-419', 'ru', 'th'].map((tag) => `content/${tag}/page.mdx`);
		expect(reads.sort()).toEqual(expected);
		expect(parses.sort()).toEqual(expected);

		// A second run finds every document in the cache: read again (to know it is unchanged), parsed never.
		parses.length = 0;
		const again = await readDocumentSet({ root, registry: locales });
		expect(parses).toEqual([]);
		expect([...again.leftOut.keys()].sort()).toEqual(['ar/page.mdx', 'ru/page.mdx', 'th/page.mdx']);
		expect(again.documents.get('en/page.mdx')).toEqual(report.documents.get('en/page.mdx'));
		stopReading();
		stopParsing();
	});

	it('compares a translation with its English source: components, link targets and images it does not use are refused', async () => {
		const root = await mkdtemp(path.join(os.tmpdir(), 'glossa-checks-'));
		const write = async (file: string, text: string) => {
			await mkdir(path.dirname(path.join(root, 'content', file)), { recursive: true });
			await writeFile(path.join(root, 'content', file), text);
		};
		await write(
			'en/page.mdx',
			`${frontmatter}
[values](/en/values/) ![map](/images/map.svg)
`,
		);
		await write(
			'es-419/page.mdx',
			`${frontmatter}
[valores](/es-419/values/) ![mapa](/images/map.svg)
`,
		);
		await write(
			'ar/page.mdx',
			`${frontmatter}
[x](https://elsewhere.example/) ![y](/images/other.svg)

<Callout>z</Callout>
`,
		);
		const set = await readDocumentSet({ root, registry: locales });
		expect(set.leftOut.has('es-419/page.mdx')).toBe(false);
		expect(set.leftOut.get('ar/page.mdx')!.map(formatProblem)).toEqual([
			expect.stringMatching(/^content\/ar\/page\.mdx:8:1: <Callout> is not used by the English source/),
			expect.stringMatching(/^content\/ar\/page\.mdx:6:1: link target "https:\/\/elsewhere\.example\/" is not in the English source/),
			expect.stringMatching(/^content\/ar\/page\.mdx:6:33: link target "\/images\/other\.svg" is not in the English source/),
		]);
	});
});

import { describe, expect, it } from 'vitest';
import { parseContentDocument } from '../../src/content-model/content-document.ts';
import { contentVariables, parseVariablesFile, prepareDestinations, type VariableTable } from '../../src/content-model/content-variables.ts';
import { renderContent } from '../../src/content-model/content-render.ts';
import { compareWithSource } from '../../src/content-model/translation-checks.ts';
import { createLocaleRegistry } from '../../src/i18n/registry.ts';
import { formatProblem } from '../../src/content-model/problems.ts';

const registry = createLocaleRegistry(
	[
		{ tag: 'en', crowdinId: 'en', endonym: 'English', englishName: 'English' },
		{ tag: 'es', crowdinId: 'es-ES', endonym: 'Español', englishName: 'Spanish' },
		{ tag: 'es-419', crowdinId: 'es-419', endonym: 'Español (Latinoamérica)', englishName: 'Spanish (Latin America)' },
	],
	{ source: 'en' },
);

const ENGLISH = `signup_button: Sign up
urls:
  learn: /en/learn/
  volunteer_local: https://example.org/volunteer
images:
  logo: https://example.org/logo.png
hostile:
  markup: "<script>alert(1)</script><b>bold</b>"
  link: "javascript:alert(1)"
  quote: '"><img src=x onerror=alert(1)>'
`;

const tables = (files: Record<string, string>) =>
	new Map<string, VariableTable>(Object.entries(files).map(([tag, text]) => [tag, parseVariablesFile(`content/${tag}/variables.yml`, text)]));

const variables = contentVariables(
	registry,
	tables({
		en: ENGLISH,
		es: 'signup_button: Regístrate\nurls:\n  volunteer_local: https://example.org/es/voluntarios\n',
		'es-419': 'signup_button: Inscríbete\n',
	}),
);

const render = (body: string, tag = 'en', file = `content/${tag}/page.md`) => renderContent(file, body, 'md', { variables: variables.forLocale(tag) });

describe('variables.yml', () => {
	it('flattens nested keys with "/" and keeps text values', () => {
		const table = parseVariablesFile('content/en/variables.yml', ENGLISH);
		expect(table.problems).toEqual([]);
		expect(table.values.get('urls/learn')).toBe('/en/learn/');
		expect(table.values.get('signup_button')).toBe('Sign up');
	});

	it('names the line of malformed YAML and of values that are not text', () => {
		const broken = parseVariablesFile('content/en/variables.yml', 'urls:\n  learn: /en/learn/\n bad: [\n');
		expect(broken.values.size).toBe(0);
		expect(formatProblem(broken.problems[0]!)).toMatch(/^content\/en\/variables\.yml:\d+: is not valid YAML: .*\(write nested keys/);
		const list = parseVariablesFile('content/en/variables.yml', 'ok: true\nitems:\n  - a\n  - b\n');
		expect(list.values.get('ok')).toBe('true');
		expect(formatProblem(list.problems[0]!)).toBe('content/en/variables.yml:2: items is not text: a variable\'s value is text or a URL (quote it: items: "…")');
		const notMapping = parseVariablesFile('content/en/variables.yml', '- a\n');
		expect(notMapping.problems[0]!.message).toMatch(/is not a mapping/);
	});

	it('resolves along the fallback chain: es-419 -> es -> en', () => {
		const lookup = variables.forLocale('es-419');
		expect(lookup.resolve('signup_button')).toEqual({ value: 'Inscríbete', from: 'es-419' });
		expect(lookup.resolve('urls/volunteer_local')).toEqual({ value: 'https://example.org/es/voluntarios', from: 'es' });
		expect(lookup.resolve('urls/learn')).toEqual({ value: '/en/learn/', from: 'en' });
		expect(lookup.resolve('nope')).toBeUndefined();
	});

	it('keys a page by the values it uses, and only those', () => {
		const lookup = variables.forLocale('en');
		expect(lookup.keyFor('No variables.')).toBe('');
		const before = lookup.keyFor('Go {{ urls/learn }}');
		const edited = contentVariables(registry, tables({ en: ENGLISH.replace('/en/learn/', '/en/course/') })).forLocale('en');
		expect(edited.keyFor('Go {{ urls/learn }}')).not.toBe(before);
		expect(edited.keyFor('Press {{ signup_button }}')).toBe(lookup.keyFor('Press {{ signup_button }}'));
	});
});

describe('variables in Markdown pages', () => {
	it('keeps lines and columns after a destination, and makes it parse as a link', () => {
		const body = 'A [link]({{ urls/learn }}) here.\n[ref]: {{ urls/learn }}\n[x](<{{ a }}>)\n';
		const prepared = prepareDestinations(body);
		expect(prepared.split('\n').map((line) => line.length)).toEqual(body.split('\n').map((line) => line.length));
		expect(prepared).toContain('[link]({{urls/learn}}  ) here.');
		expect(prepared).toContain('[x](<{{ a }}>)');
	});

	it('fills text, link and image destinations, attributes and raw HTML', () => {
		const rendered = render(
			'Press {{ signup_button }}. [Learn]({{ urls/learn }}), [volunteer]({{ urls/volunteer_local }} "title").\n\n![Logo]({{ images/logo }})\n\n<a href="{{ urls/learn }}" title="{{ signup_button }}">raw</a> [base]({{ urls/learn }}loops/)\n\n`{{ kept }}`\n',
		);
		expect(rendered.html).toBe(
			'<p>Press Sign up. <a href="/en/learn/">Learn</a>, <a href="https://example.org/volunteer" title="title">volunteer</a>.</p>\n<p><img src="https://example.org/logo.png" alt="Logo"></p>\n<p><a href="/en/learn/" title="Sign up">raw</a> <a href="/en/learn/loops/">base</a></p>\n<p><code>{{ kept }}</code></p>',
		);
		expect(rendered.unknownVariables).toEqual([]);
		expect(rendered.links.map((link) => [link.value, link.variable])).toEqual([
			['/en/learn/', 'urls/learn'],
			['https://example.org/volunteer', 'urls/volunteer_local'],
			['/en/learn/', 'urls/learn'],
			['/en/learn/loops/', 'urls/learn'],
		]);
		expect(rendered.assets.map((asset) => asset.value)).toEqual(['https://example.org/logo.png']);
	});

	it('renders hostile values inert: markup as text, a javascript: URL refused by the allowlist', () => {
		const rendered = render('Text {{ hostile/markup }}, [x]({{ hostile/link }}) and <a href="/en/" title="{{ hostile/quote }}">q</a>\n');
		expect(rendered.html).toBe(
			'<p>Text &#x3C;script>alert(1)&#x3C;/script>&#x3C;b>bold&#x3C;/b>, <a>x</a> and <a href="/en/" title="&#x22;><img src=x onerror=alert(1)>">q</a></p>',
		);
		expect(rendered.html).not.toContain('<script');
		expect(rendered.dropped.map(formatProblem).join('\n')).toMatch(/href/);
	});

	it('reports an unknown variable with file and line, and leaves it out', () => {
		const rendered = render('Title\n\nPress {{ missing/button }} now, [x]({{ missing/url }}).\n');
		expect(rendered.html).toBe('<p>Title</p>\n<p>Press  now, <a>x</a>.</p>');
		expect(rendered.unknownVariables.map(formatProblem)).toEqual([
			'content/en/page.md:3:7: unknown variable {{ missing/button }}: it is left out of the page; define missing → button in content/en/variables.yml',
			'content/en/page.md:3:33: unknown variable {{ missing/url }}: it is left out of the page; define missing → url in content/en/variables.yml',
		]);
	});

	it('a translation uses its own value, or the next one along its chain', () => {
		expect(render('[{{ signup_button }}]({{ urls/volunteer_local }})\n', 'es-419').html).toBe(
			'<p><a href="https://example.org/es/voluntarios">Inscríbete</a></p>',
		);
	});

	it('takes template code out of the page and reports each with its line', () => {
		const rendered = render(
			'# <%= page.title %>\n\nHello <% if country == "us" %>US<% end %> and {% include x %} and {{ user.name | upcase }}.\n\n```erb\n<%= kept in code %>\n```\n',
		);
		expect(rendered.html.replace(/<pre>[\s\S]*<\/pre>/, '')).not.toMatch(/%|\{/);
		expect(rendered.html).toContain('<h1 id="">');
		expect(rendered.html).toContain('<p>Hello US and  and .</p>');
		expect(rendered.html).toContain('&#x3C;%= kept in code %>');
		expect(rendered.templateCode.map((problem) => `${problem.line}:${problem.column}`)).toEqual(['1:3', '3:7', '3:33', '3:47', '3:67']);
		expect(rendered.templateCode[0]!.message).toMatch(/^template code <%= page\.title %> \(ERB\) is not run and is left out of the page; replace it/);
	});
});

describe('variables in MDX pages', () => {
	it('<Var> and <VarLink> give the same values, as text and as a link', () => {
		const rendered = renderContent(
			'content/en/page.mdx',
			'Press <Var name="signup_button" />, or <VarLink name="urls/learn">learn</VarLink>. <Var name="hostile/markup" /> <Var name="nope" />\n',
			'mdx',
			{ variables: variables.forLocale('en') },
		);
		expect(rendered.html).toBe('<p>Press Sign up, or <a href="/en/learn/">learn</a>. &#x3C;script>alert(1)&#x3C;/script>&#x3C;b>bold&#x3C;/b> </p>');
		expect(rendered.variables.map((use) => use.name)).toEqual(['signup_button', 'urls/learn', 'hostile/markup', 'nope']);
		expect(rendered.unknownVariables.map(formatProblem)).toEqual([
			'content/en/page.mdx:1:114: unknown variable {{ nope }}: it is left out of the page; define nope in content/en/variables.yml',
		]);
		expect(rendered.links).toEqual([{ value: '/en/learn/', variable: 'urls/learn', line: 1, column: 40 }]);
	});
});

describe('a translation keeps its source variables', () => {
	const english = parseContentDocument(
		'content/en/page.md',
		'---\ntitle: T\n---\n\nPress {{ signup_button }} at [the page]({{ urls/volunteer_local }}).\n',
		'content',
		{
			variables: variables.forLocale('en'),
		},
	);
	const translate = (body: string) =>
		compareWithSource(
			parseContentDocument('content/es-419/page.md', `---\ntitle: T\n---\n\n${body}`, 'content', { variables: variables.forLocale('es-419') }),
			english,
			{ registry, locale: 'es-419', translatableFrontmatter: ['title'] },
		);

	it('accepts the same variables, moved, with locale values for URLs', () => {
		expect(translate('En [la página]({{ urls/volunteer_local }}) pulsa {{ signup_button }}.\n')).toEqual([]);
	});

	it('refuses a missing or an added variable, naming them', () => {
		expect(translate('Pulsa el botón en [la página]({{ urls/volunteer_local }}).\n').map(formatProblem)).toEqual([
			"content/es-419/page.md: content variables {{ urls/volunteer_local }} differ from the English source's {{ signup_button }}, {{ urls/volunteer_local }} (missing {{ signup_button }}); keep each {{ name }} exactly as written",
		]);
		expect(translate('Pulsa {{ signup_button }} {{ urls/learn }} en [la página]({{ urls/volunteer_local }}).\n').map(formatProblem)[0]).toMatch(
			/^content\/es-419\/page\.md:5:27: content variables .* differ/,
		);
	});
});

import { describe, expect, it } from 'vitest';
import { countVariables, findTemplateCode, scanTemplateSyntax } from '../../src/content-model/template-syntax.ts';

describe('scanTemplateSyntax', () => {
	it('finds variables in text, links and images, with line and column', () => {
		const text = 'Join us: {{ signup_button }}\n\n[a club near you]({{ urls/volunteer_local }}) ![map]({{urls/map}})\n';
		expect(scanTemplateSyntax(text).map(({ kind, line, column, text: written }) => ({ kind, line, column, written }))).toEqual([
			{ kind: 'variable', line: 1, column: 10, written: '{{ signup_button }}' },
			{ kind: 'variable', line: 3, column: 19, written: '{{ urls/volunteer_local }}' },
			{ kind: 'variable', line: 3, column: 54, written: '{{urls/map}}' },
		]);
		expect([...countVariables(`${text}{{ signup_button }}`)]).toEqual([
			['signup_button', 2],
			['urls/volunteer_local', 1],
			['urls/map', 1],
		]);
	});

	it('tells template code from variables: ERB, Liquid and expressions', () => {
		const text = '# <%= hoc_s(:title) %>\n<% if country == "co" %>\nHola\n<% end %>\n{% include x.html %} {{ user.name | upcase }} {{ a + b }}\n';
		expect(findTemplateCode(text).map(({ kind, line }) => [kind, line])).toEqual([
			['erb', 1],
			['erb', 2],
			['erb', 4],
			['liquid', 5],
			['expression', 5],
			['expression', 5],
		]);
	});

	it('ignores braces that are not closed, and empty ones', () => {
		expect(scanTemplateSyntax('a {{ b and <% c { d')).toEqual([]);
		expect(scanTemplateSyntax('empty {{}} and {{   }}')).toEqual([]);
	});
});

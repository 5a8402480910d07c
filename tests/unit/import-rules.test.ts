import { describe, expect, it } from 'vitest';
import { applyRules, parseRules, RulesError } from '../../scripts/import/import-rules.ts';

describe('import rewrite rules', () => {
	it('applies every rule to every match, in order, each on the output of the one before, and counts the hits', () => {
		const rules = parseRules(
			'rules.json',
			JSON.stringify([
				{ pattern: "<%= resolve_url\\('([^']*)'\\) %>", replace: '$1' },
				{ pattern: '/learn', replace: '/learn-more' },
				{ pattern: 'nothing here', replace: 'x' },
			]),
		);
		const outcome = applyRules(rules, "[a](<%= resolve_url('/learn') %>) [b](<%= resolve_url('/learn') %>)", 'page.md', 'rules.json');
		expect(outcome.text).toBe('[a](/learn-more) [b](/learn-more)');
		expect(outcome.hits).toEqual([2, 2, 0]);
	});

	it('keeps $ replacement patterns and leaves {{ variables }} alone when no rule names them', () => {
		const rules = parseRules('rules.json', '[{ "pattern": "<%= t\\\\(:(\\\\w+)\\\\) %>", "replace": "[$1] $$" }]');
		expect(applyRules(rules, '<%= t(:title) %> {{ signup_button }}', 'p.md', 'rules.json').text).toBe('[title] $ {{ signup_button }}');
	});

	it('refuses what is not a list of rewrites, naming the line and the fix', () => {
		const refused = (text: string) => {
			try {
				parseRules('rules.json', text);
			} catch (error) {
				expect(error).toBeInstanceOf(RulesError);
				return (error as Error).message;
			}
			throw new Error('not refused');
		};
		expect(refused('[\n  { "pattern": "a", "replace": "b" },\n]')).toMatch(/^rules\.json:3: not valid JSON \(\w+\); write a list of rewrites/);
		expect(refused('{}')).toMatch(/^rules\.json:1: the rules must be a JSON list/);
		expect(refused('[\n"a"\n]')).toMatch(/^rules\.json:2: rule 1 is not an object/);
		expect(refused('[{ "replace": "b" }]')).toMatch(/rule 1 needs "pattern"/);
		expect(refused('[{ "pattern": "a" }]')).toMatch(/rule 1 needs "replace"/);
		expect(refused('[{ "pattern": "[a", "replace": "" }]')).toMatch(/rule 1: "\[a" is not a JavaScript regular expression .*fix it/);
		expect(refused('[{ "pattern": "a?", "replace": "" }]')).toMatch(/matches empty text/);
		expect(refused(`[{ "pattern": "${'a'.repeat(2001)}", "replace": "" }]`)).toMatch(/over 2000 characters/);
	});

	it('stops a pattern that backtracks catastrophically after the time limit, naming the rule and the file', () => {
		const rules = parseRules('rules.json', '[{ "pattern": "(a|aa)+$", "replace": "" }]');
		// About 10^12 steps: the sandbox's timeout stops it, not the pattern's end. A short limit keeps the test quick.
		expect(() => applyRules(rules, `${'a'.repeat(60)}!`, 'slow.md', 'rules.json', 50)).toThrow(
			/^rules\.json:1: rule 1 \("\(a\|aa\)\+\$"\) ran over 50 ms on slow\.md: the pattern backtracks catastrophically/,
		);
	});
});

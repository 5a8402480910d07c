/**
 * `npm run import -- --rules <rules.json>`: rewrites of an old site's template code, applied to every page
 * and translation before it is parsed. A rules file is a JSON array of `{ "pattern", "replace" }`: the pattern
 * is a JavaScript regular expression, applied to every match (`g`), and `replace` may use `$1` and the other
 * replacement patterns of `String.prototype.replace`. Rules run one after another, in order, each on the
 * output of the one before.
 *
 * A pattern is code from the user, and a regular expression can take exponential time on a few dozen
 * characters (`(a+)+$`). Each rule runs in a `node:vm` context with a time limit (V8 interrupts a running
 * expression), on text already bounded by the file size limit, so a bad pattern is an error naming the rule,
 * never an import that hangs.
 */
import vm from 'node:vm';
import { findNodeAtLocation, parseTree, printParseErrorCode, type ParseError } from 'jsonc-parser';
import { lineAt } from '../../src/content-model/input-limits.ts';

export interface RewriteRule {
	pattern: string;
	replace: string;
	/** The line of the rule in its file, for messages. */
	line: number;
}

/** How long one rule may take on one file before it is taken for catastrophic backtracking. */
export const RULE_TIME_LIMIT_MS = 1000;
/** A pattern longer than this is not a rewrite anyone means to write. */
const MAX_PATTERN_LENGTH = 2000;
const EXAMPLE = `[{ "pattern": "<%= resolve_url\\\\('([^']*)'\\\\) %>", "replace": "$1" }]`;

/** A rules file that cannot be used: the message names the file, the line and the fix. */
export class RulesError extends Error {
	override name = 'RulesError';
}

/** The rules of a rules file's text; `file` names it in errors. */
export function parseRules(file: string, text: string): RewriteRule[] {
	const errors: ParseError[] = [];
	const tree = parseTree(text, errors, { allowTrailingComma: false, disallowComments: true });
	if (errors.length > 0 || !tree) {
		const first = errors[0];
		const where = first ? `:${lineAt(text, first.offset)}` : '';
		throw new RulesError(`${file}${where}: not valid JSON (${first ? printParseErrorCode(first.error) : 'empty'}); write a list of rewrites: ${EXAMPLE}`);
	}
	if (tree.type !== 'array') throw new RulesError(`${file}:${lineAt(text, tree.offset)}: the rules must be a JSON list ([…]) of rewrites, such as ${EXAMPLE}`);
	return (tree.children ?? []).map((node, index) => {
		const line = lineAt(text, node.offset);
		const where = `${file}:${line}: rule ${index + 1}`;
		if (node.type !== 'object') throw new RulesError(`${where} is not an object; write it as { "pattern": "…", "replace": "…" }`);
		const keys = (node.children ?? []).map((property) => String(property.children?.[0]?.value));
		const unknown = keys.filter((key) => key !== 'pattern' && key !== 'replace');
		if (unknown.length > 0) throw new RulesError(`${where} has ${unknown.map((key) => `"${key}"`).join(', ')}; a rule has only "pattern" and "replace"`);
		const pattern = findNodeAtLocation(node, ['pattern'])?.value as unknown;
		const replace = findNodeAtLocation(node, ['replace'])?.value as unknown;
		if (typeof pattern !== 'string' || pattern === '') throw new RulesError(`${where} needs "pattern": a regular expression, as a JSON string`);
		if (typeof replace !== 'string') throw new RulesError(`${where} needs "replace": the text to put instead ("" to remove the match)`);
		if (pattern.length > MAX_PATTERN_LENGTH)
			throw new RulesError(`${where}: the pattern is over ${MAX_PATTERN_LENGTH} characters; split it into several rules`);
		let expression: RegExp;
		try {
			expression = new RegExp(pattern, 'g');
		} catch (error) {
			throw new RulesError(`${where}: "${pattern}" is not a JavaScript regular expression (${(error as Error).message}); fix it (in JSON, \\ is written \\\\)`);
		}
		// A pattern that matches nothing at all would insert `replace` between every two characters.
		if (expression.test(''))
			throw new RulesError(`${where}: "${pattern}" matches empty text, so it would rewrite every position; make it match at least one character`);
		return { pattern, replace, line };
	});
}

export interface RulesOutcome {
	text: string;
	/** Matches of each rule, in order. */
	hits: number[];
}

/** Code run in the sandbox: the text and the rule come in as values, never as source. */
const APPLY_RULE = new vm.Script(`{
	const expression = new RegExp(pattern, 'g');
	const hits = [...text.matchAll(expression)].length;
	({ hits, text: hits === 0 ? text : text.replace(expression, replace) });
}`);

/**
 * Applies the rules in order to `text` (the file `file`); a rule that runs over `timeLimitMs` is a `RulesError`.
 * The limit is a parameter so tests can use a short one.
 */
export function applyRules(rules: readonly RewriteRule[], text: string, file: string, rulesFile: string, timeLimitMs = RULE_TIME_LIMIT_MS): RulesOutcome {
	let current = text;
	const hits: number[] = [];
	for (const [index, rule] of rules.entries()) {
		const context = vm.createContext({ text: current, pattern: rule.pattern, replace: rule.replace });
		let outcome: { hits: number; text: string };
		try {
			outcome = APPLY_RULE.runInContext(context, { timeout: timeLimitMs }) as { hits: number; text: string };
		} catch (error) {
			if ((error as NodeJS.ErrnoException).code !== 'ERR_SCRIPT_EXECUTION_TIMEOUT') throw error;
			throw new RulesError(
				`${rulesFile}:${rule.line}: rule ${index + 1} ("${rule.pattern}") ran over ${timeLimitMs} ms on ${file}: the pattern backtracks catastrophically (nested repeats such as (a+)+); rewrite it without nested repeats`,
			);
		}
		current = outcome.text;
		hits.push(outcome.hits);
	}
	return { text: current, hits };
}

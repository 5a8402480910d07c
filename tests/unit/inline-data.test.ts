import { readFileSync } from 'node:fs';
import type { Element, Root } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { describe, expect, it } from 'vitest';
import { visitElements } from '../../src/content-model/content-html.ts';
import { jsonForScript } from '../../src/security/inline-data.ts';

function scriptsOf(tree: Root): Element[] {
	const scripts: Element[] = [];
	visitElements(tree, (element) => {
		if (element.tagName === 'script') scripts.push(element);
	});
	return scripts;
}

function stringsOf(value: unknown, prefix = ''): string[] {
	if (typeof value === 'string') return [prefix];
	return Object.entries(value as Record<string, unknown>).flatMap(([key, child]) => stringsOf(child, prefix ? `${prefix}.${key}` : key));
}

describe('jsonForScript', () => {
	const hostile = ['</script><!--', '</script><script>alert(1)</script>', '<!--<script>', '</SCRIPT >', '\u2028\u2029 & <b>', ']]>'];
	const keys = stringsOf(JSON.parse(readFileSync('locales/en/common.json', 'utf8')));

	it.each(hostile)('keeps %j in every UI string inert: one data block, parsed back to the same value', (payload) => {
		expect(keys.length).toBeGreaterThan(40);
		const data = Object.fromEntries(keys.map((key) => [key, `${payload} ${key}`]));
		const page = fromHtml(
			`<!doctype html><html><head></head><body><script type="application/json" data-glossa-data="x">${jsonForScript(data)}</script><p id="after">after</p></body></html>`,
		);
		const scripts = scriptsOf(page);
		expect(scripts).toHaveLength(1);
		const text = scripts[0]!.children.map((child) => (child.type === 'text' ? child.value : '')).join('');
		expect(text).not.toMatch(/[<>&\u2028\u2029]/);
		expect(JSON.parse(text)).toEqual(data);
		let after = false;
		visitElements(page, (element) => (after ||= element.properties['id'] === 'after'));
		expect(after).toBe(true);
	});
});

import type { Element, ElementContent, Root } from 'hast';
import { describe, expect, it } from 'vitest';
import { looksPseudo, pseudoStrings, pseudoText, pseudoTree } from '../../src/i18n/pseudo-text.ts';
import { createLocaleRegistry } from '../../src/i18n/registry.ts';
import { localeDefinitions, pseudoLocaleDefinitions } from '../../src/i18n/locales.ts';

describe('pseudoText', () => {
	it('accents, grows by about 40% and brackets a string', () => {
		expect(pseudoText('Home', 'accented')).toBe('[Ĥöɱé ··]');
		const long = 'Computer science for every classroom';
		const pseudo = pseudoText(long, 'accented');
		expect(pseudo.length).toBeGreaterThanOrEqual(Math.floor(long.length * 1.35));
		expect(pseudo).toMatch(/^\[Çöɱþûţéŕ šçîéñçé ƒöŕ éṽéŕý çļåššŕööɱ ·+\]$/);
	});

	it('keeps placeholders, nesting and URLs exactly as written, and spaces outside the brackets', () => {
		expect(pseudoText('Updated {{date}}', 'accented')).toBe('[Ûþðåţéð {{date}} ···]');
		expect(pseudoText('{{count, number}} minutes read', 'accented')).toContain('{{count, number}}');
		expect(pseudoText('See $t(site.name) at https://example.org/a?b=c', 'accented')).toContain('$t(site.name) åţ https://example.org/a?b=c');
		expect(pseudoText('  Menu ', 'accented')).toBe('  [Ṁéñû ··] ');
	});

	it('writes mirrored text backwards, without bidi control characters, placeholders intact', () => {
		const mirrored = pseudoText('Updated {{date}}', 'mirrored');
		expect(mirrored).toBe('[··· {{date}} ðéţåðþÛ]');
		expect(mirrored).not.toMatch(/[\u202A-\u202E\u2066-\u2069]/);
	});

	it('tells pseudo text from plain text', () => {
		expect(looksPseudo(pseudoText('Search', 'accented'))).toBe(true);
		expect(looksPseudo('Search')).toBe(false);
		expect(looksPseudo('2026 · 42%')).toBe(true);
		expect(looksPseudo('https://glossa.example.org/offline/en.zip')).toBe(true);
	});
});

describe('pseudoStrings', () => {
	it('gives every plural form the locale needs (Arabic has six) from English one and other', () => {
		const strings = pseudoStrings({ page: { readingTime_one: '{{count}} minute', readingTime_other: '{{count}} minutes' } }, 'ar-XB', 'mirrored') as {
			page: Record<string, string>;
		};
		expect(Object.keys(strings.page).sort()).toEqual(
			['readingTime_few', 'readingTime_many', 'readingTime_one', 'readingTime_other', 'readingTime_two', 'readingTime_zero'].sort(),
		);
		expect(strings.page.readingTime_one).toContain('{{count}}');
		expect(strings.page.readingTime_few).toBe(strings.page.readingTime_other);
	});
});

describe('pseudoTree', () => {
	const text = (value: string): ElementContent => ({ type: 'text', value });
	const element = (tagName: string, children: ElementContent[], properties = {}): Element => ({ type: 'element', tagName, properties, children });

	it('changes text only: one pair of brackets per block, code, attributes and links untouched', () => {
		const tree: Root = {
			type: 'root',
			children: [
				element('p', [text('Read the '), element('a', [text('guide')], { href: '/en/learn/' }), text(' now.')]),
				element('pre', [element('code', [text('print("hi")')])]),
				element('p', [text('Use '), element('code', [text('range(5)')]), text(' here.')]),
			],
		};
		const pseudo = pseudoTree(tree, 'accented');
		const [first, pre, last] = pseudo.children as never as { children: { value?: string; properties?: { href: string }; children?: { value: string }[] }[] }[];
		expect(first!.children[0]!.value).toBe('[Ŕéåð ţĥé ');
		expect(first!.children[1]!.properties!.href).toBe('/en/learn/');
		expect(first!.children[1]!.children![0]!.value).toBe('ĝûîðé');
		expect(first!.children[2]!.value).toMatch(/^ ñöŵ\. ·+\]$/);
		expect(JSON.stringify(pre)).toContain('print(\\"hi\\")');
		expect(JSON.stringify(last)).toContain('range(5)');
		// The input is not changed.
		expect(JSON.stringify(tree)).toContain('Read the ');
	});
});

describe('pseudo-locale definitions', () => {
	it('are never listed, fall back straight to English, and ar-XB is right to left', () => {
		const registry = createLocaleRegistry([...localeDefinitions, ...pseudoLocaleDefinitions], { source: 'en' });
		const accented = registry.get('en-XA');
		const mirrored = registry.get('ar-XB');
		expect([accented.listed, mirrored.listed]).toEqual([false, false]);
		expect(mirrored.fallbackChain).toEqual(['ar-XB', 'en']);
		expect([accented.dir, mirrored.dir]).toEqual(['ltr', 'rtl']);
		expect(registry.listed.map((locale) => locale.tag)).not.toContain('en-XA');
	});
});

import { describe, expect, it } from 'vitest';
import { sanitizeSvg, UnsafeSvgError } from '../../src/security/svg-sanitizer.ts';

const svg = (inner: string, attributes = '') =>
	`<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 10 10"${attributes}>${inner}</svg>`;

describe('sanitizeSvg', () => {
	it('keeps a drawing as it is: shapes, gradients, <use> of its own parts, classes, viewBox and accessibility', () => {
		const drawing = svg(
			'<title>Kite</title><defs><linearGradient id="g"><stop offset="0" stop-color="#f00"/></linearGradient></defs><style>.k{fill:url(#g)}</style><path id="p" class="k" d="M0 0L10 10"/><use href="#p" xlink:href="#p"/>',
			' role="img" aria-label="A kite"',
		);
		const { svg: cleaned, removed } = sanitizeSvg(drawing);
		expect(removed).toEqual([]);
		for (const kept of [
			'viewBox="0 0 10 10"',
			'role="img"',
			'aria-label="A kite"',
			'<linearGradient id="g">',
			'.k{fill:url(#g)}',
			'<use href="#p" xlink:href="#p"/>',
			'class="k"',
		])
			expect(cleaned).toContain(kept);
	});

	it.each([
		['a script element', '<script>alert(1)</script>', '<script>'],
		['an event handler', '<rect width="1" height="1" onclick="alert(1)"/>', 'onclick on <rect>'],
		[
			'HTML inside foreignObject',
			'<foreignObject><div xmlns="http://www.w3.org/1999/xhtml"><img src="x" onerror="alert(1)"/></div></foreignObject>',
			'<foreignObject>',
		],
		['a javascript: link', '<a href="javascript:alert(1)"><text>t</text></a>', 'href on <a>'],
		['an image from another site', '<image href="https://evil.example/x.png"/>', 'href on <image>'],
		['a use of another file', '<use href="https://evil.example/s.svg#a"/>', 'href on <use>'],
		['a paint server in another file', '<rect width="1" height="1" fill="url(https://evil.example/p.svg#g)"/>', 'fill on <rect>'],
		['an @import', '<style>@import url(https://evil.example/a.css);</style>', '@import in <style>'],
		['a font from another site', '<style>@font-face{font-family:x;src:url(https://evil.example/f.woff)}</style>', '@font-face in <style>'],
		['a background from another site in style=""', '<rect width="1" height="1" style="fill:red;background:url(//evil.example/b.png)"/>', 'background'],
		['an animation that sets a handler', '<set attributeName="onclick" to="alert(1)"/>', '<set>'],
	])('removes %s', (_, inner, named) => {
		const { svg: cleaned, removed } = sanitizeSvg(svg(inner));
		expect(removed.join('\n')).toContain(named);
		for (const forbidden of ['alert', 'evil.example', 'javascript:', '@import', '<script', 'foreignObject']) expect(cleaned).not.toContain(forbidden);
		expect(cleaned.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
	});

	it('keeps a style attribute without its remote part', () => {
		expect(sanitizeSvg(svg('<rect width="1" height="1" style="fill:red;background:url(//evil.example/b.png)"/>')).svg).toContain('style="fill:red"');
	});

	it('gives the same bytes when run again (the build sanitizes kept files again)', () => {
		const once = sanitizeSvg(svg('<script>x</script><circle r="1" onload="x"/><text>a &amp; b &lt; c</text>')).svg;
		expect(sanitizeSvg(once)).toEqual({ svg: once, removed: [] });
	});

	it('drops entity declarations and processing instructions before the root', () => {
		const { svg: cleaned } = sanitizeSvg(
			`<?xml version="1.0"?><?xml-stylesheet href="https://evil.example/a.css"?><!DOCTYPE svg [<!ENTITY e "kite">]>${svg('<text>&e;</text>')}`,
		);
		expect(cleaned).not.toContain('evil.example');
		expect(cleaned).not.toContain('ENTITY');
		expect(cleaned.startsWith('<svg')).toBe(true);
	});

	it('refuses a file that is not an SVG document', () => {
		expect(() => sanitizeSvg('not < xml')).toThrow(UnsafeSvgError);
		expect(() => sanitizeSvg('<html xmlns="http://www.w3.org/1999/xhtml"><body/></html>')).toThrow(/not an SVG document/);
	});
});

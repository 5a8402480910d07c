/**
 * SVG is active content: opened at its own URL, an SVG runs its scripts and event handlers at the site's
 * origin, and it can load other sites' resources (a leak for a school's network). Every SVG the site
 * publishes (content images, `public/`, imported ones) is therefore sanitized before it is served, in the
 * site, the offline packs and the ZIMs (which kiwix-serve sends with no Content-Security-Policy).
 *
 * The file is parsed as XML (jsdom), then cleaned by DOMPurify's SVG allowlist (elements and attributes it
 * knows to be inert: no `<script>`, no `on…` handlers, no `<foreignObject>`, no HTML inside). On top of
 * that allowlist, a reference may only point inside the same file (`href="#id"`, `url(#id)`): any other
 * `href`, and any `url()` or `@import` to another file or site, is removed. Stylesheets in `<style>` and
 * `style="…"` are edited as CSS trees (PostCSS), keeping only plain rules, `@media`, `@keyframes` and
 * `@supports`.
 */
import createDOMPurify, { type RemovedAttribute, type RemovedElement } from 'dompurify';
import { JSDOM } from 'jsdom';
import postcss, { type Container } from 'postcss';

export interface SanitizedSvg {
	/** The cleaned SVG, serialized as XML. */
	svg: string;
	/** What was removed, for a warning (`<script>`, `onload on <svg>`, `href on <image>`), in document order. */
	removed: string[];
}

export class UnsafeSvgError extends Error {
	override name = 'UnsafeSvgError';
}

const SVG_NAMESPACE = 'http://www.w3.org/2000/svg';
/** At-rules that cannot load anything: the rest (`@import`, `@font-face`, `@namespace`, …) are removed. */
const ALLOWED_AT_RULES = new Set(['media', 'keyframes', '-webkit-keyframes', 'supports']);

/** Every `url(…)` in a CSS or attribute value names a fragment of this same file. */
function urlsAreLocal(value: string): boolean {
	const lower = value.toLowerCase();
	let from = 0;
	for (let at = lower.indexOf('url(', from); at !== -1; at = lower.indexOf('url(', from)) {
		const close = lower.indexOf(')', at);
		if (close === -1) return false;
		const target = value
			.slice(at + 4, close)
			.trim()
			.replace(/^(['"])(.*)\1$/s, '$2')
			.trim();
		if (!target.startsWith('#') || /[\\\s]/.test(target)) return false;
		from = close + 1;
	}
	// `image-set()` and `src()` are CSS's other ways to name a file.
	return !/\b(?:image-set|-webkit-image-set|src)\s*\(/i.test(value);
}

/** A stylesheet with only what cannot load or run anything; returns what it removed. */
function cleanStylesheet(container: Container, removed: string[], where: string): void {
	container.walk((node) => {
		if (node.type === 'atrule' && !ALLOWED_AT_RULES.has(node.name.toLowerCase())) {
			removed.push(`@${node.name} in ${where}`);
			node.remove();
		} else if (node.type === 'decl' && (!urlsAreLocal(node.value) || /expression\s*\(|behavior|-moz-binding/i.test(`${node.prop}:${node.value}`))) {
			removed.push(`${node.prop}: ${node.value.slice(0, 60)} in ${where}`);
			node.remove();
		}
	});
}

function cleanStyle(text: string, removed: string[], where: string): string | undefined {
	try {
		const root = postcss.parse(text);
		cleanStylesheet(root, removed, where);
		return root.toString();
	} catch {
		removed.push(`${where} (not valid CSS)`);
		return undefined;
	}
}

function describeRemoved(entry: RemovedElement | RemovedAttribute): string {
	if ('attribute' in entry) {
		const owner = entry.from as Element | null;
		return `${entry.attribute?.name ?? 'an attribute'} on <${owner?.localName ?? '?'}>`;
	}
	const element = entry.element as Element;
	return element.nodeType === 1 ? `<${element.localName}>` : element.nodeType === 8 ? 'a comment' : 'a node';
}

/**
 * Sanitizes one SVG file's text. Throws `UnsafeSvgError` when it is not an SVG document at all (not
 * well-formed XML, or its root is not `<svg>`), which callers report and do not publish.
 */
export function sanitizeSvg(text: string): SanitizedSvg {
	let dom: JSDOM;
	try {
		dom = new JSDOM(text, { contentType: 'image/svg+xml' });
	} catch (error) {
		throw new UnsafeSvgError(`is not well-formed XML (${(error as Error).message.replace(/^about:blank:/, 'line ')})`);
	}
	const { document } = dom.window;
	const root = document.documentElement;
	const error = document.getElementsByTagName('parsererror')[0];
	if (error || !root || root.namespaceURI !== SVG_NAMESPACE || root.localName !== 'svg') {
		dom.window.close();
		throw new UnsafeSvgError(
			error ? `is not well-formed XML (${(error.textContent ?? '').trim().split('\n')[0]})` : 'is not an SVG document (its root is not <svg>)',
		);
	}
	const purify = createDOMPurify(dom.window as unknown as Parameters<typeof createDOMPurify>[0]);
	const removed: string[] = [];
	purify.addHook('uponSanitizeAttribute', (node, data) => {
		const name = data.attrName.toLowerCase();
		const where = `${data.attrName} on <${node.localName}>`;
		if (name === 'href' || name === 'xlink:href' || name === 'src') {
			if (!data.attrValue.trim().startsWith('#')) {
				removed.push(`${where} (${data.attrValue.trim().slice(0, 60)})`);
				data.keepAttr = false;
			}
		} else if (name === 'style') {
			const cleaned = cleanStyle(`*{${data.attrValue}}`, removed, `style on <${node.localName}>`);
			if (cleaned === undefined) data.keepAttr = false;
			else data.attrValue = cleaned.slice(2, -1).trim();
		} else if (!urlsAreLocal(data.attrValue)) {
			removed.push(`${where} (${data.attrValue.trim().slice(0, 60)})`);
			data.keepAttr = false;
		}
	});
	purify.addHook('uponSanitizeElement', (node) => {
		if (node.nodeType === 1 && (node as Element).localName === 'style') {
			const cleaned = cleanStyle(node.textContent ?? '', removed, '<style>');
			node.textContent = cleaned ?? '';
		}
	});
	purify.sanitize(root, {
		IN_PLACE: true,
		NAMESPACE: SVG_NAMESPACE,
		USE_PROFILES: { svg: true, svgFilters: true },
		// `<style>` is kept (and cleaned above): illustrations made in editors use it for their classes.
		// `<use>` is safe once its reference is held inside the file (the hook above); `role` is accessibility.
		ADD_TAGS: ['style', 'use'],
		ADD_ATTR: ['role'],
	});
	// The hook above already named the references it removed, with their targets.
	const named = new Set(removed.map((entry) => entry.replace(/ \(.*$/s, '')));
	removed.push(...purify.removed.map(describeRemoved).filter((entry) => entry !== 'a comment' && !named.has(entry)));
	// Prolog nodes (processing instructions, a DOCTYPE with entities) are not part of the image.
	for (const node of [...document.childNodes]) if (node !== root) node.remove();
	const svg = `${new dom.window.XMLSerializer().serializeToString(document)}\n`;
	dom.window.close();
	// Elements first (`<script>`, `<foreignObject>`): they say most about what the file tried.
	const unique = [...new Set(removed)];
	return { svg, removed: [...unique.filter((entry) => entry.startsWith('<')), ...unique.filter((entry) => !entry.startsWith('<'))] };
}

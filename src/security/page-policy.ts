/**
 * The Content-Security-Policy a built page declares in its `<meta http-equiv>`, read from the parsed page,
 * so that `npm run serve` and static hosts (`dist/_headers`) can send the same policy as a header.
 */
import type { Element } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { visitElements } from '../content-model/content-html.ts';

export function pagePolicy(html: string): string | undefined {
	let policy: string | undefined;
	visitElements(fromHtml(html), (element: Element) => {
		if (policy === undefined && element.tagName === 'meta' && String(element.properties['httpEquiv'] ?? '').toLowerCase() === 'content-security-policy') {
			policy = String(element.properties['content'] ?? '').trim() || undefined;
		}
	});
	return policy;
}

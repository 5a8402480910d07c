/**
 * The Content-Security-Policy a built page declares in its `<meta http-equiv>`, read from the parsed page,
 * so that `npm run serve` and static hosts (`dist/_headers`) can send the same policy as a header.
 */
import type { Element } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { visitElements } from '../content-model/content-html.ts';
import { VIDEO_FRAME_SOURCES } from '../content-model/content-videos.ts';

export function pagePolicy(html: string): string | undefined {
	let policy: string | undefined;
	visitElements(fromHtml(html), (element: Element) => {
		if (policy === undefined && element.tagName === 'meta' && String(element.properties['httpEquiv'] ?? '').toLowerCase() === 'content-security-policy') {
			policy = String(element.properties['content'] ?? '').trim() || undefined;
		}
	});
	return policy;
}

/**
 * The policy a static host sends for every path (`dist/_headers`, `/*`): the pages' policy with the video
 * hosts' players allowed as frames. Each page's own `<meta>` policy is enforced too, and narrows frame-src
 * to 'none' on every page without a hosted video, so the header never widens what a page may frame.
 */
export function siteHeaderPolicy(pagePolicyText: string): string {
	const directives = pagePolicyText
		.split(';')
		.map((directive) => directive.trim())
		.filter((directive) => directive !== '' && !/^frame-src(?:\s|$)/i.test(directive));
	return [...directives, `frame-src ${VIDEO_FRAME_SOURCES.join(' ')}`].join('; ');
}

import type { Element, Root } from 'hast';
import { visitElements } from '../content-model/content-html.ts';
import { localizedPath, parseContentId, type RoutePlan } from './routing.ts';
import type { Locale, LocaleRegistry } from './registry.ts';

/**
 * Rewrites links between pages in a content tree so they stay in the visitor's locale: `/en/values/`
 * written in an English source (and kept by translators) becomes `/es-419/values/` on a Spanish page,
 * when that page exists there. Query and fragment are kept.
 */
export function localizeContentLinks(tree: Root, visitor: Locale, registry: LocaleRegistry, plan: Pick<RoutePlan, 'find'>): void {
	visitElements(tree, (element) => {
		const href = localizableHref(element);
		if (href !== undefined) element.properties['href'] = localizedContentHref(href, visitor, registry, plan);
	});
}

/** A link that may lead to another locale's page: root-relative, and not naming its language on purpose (hreflang). */
function localizableHref(element: Element): string | undefined {
	const href = element.properties['href'];
	return element.tagName === 'a' && typeof href === 'string' && href.startsWith('/') && element.properties['hrefLang'] === undefined ? href : undefined;
}

/** Where a link of the content leads a visitor of `visitor`'s locale: its page there when there is one, else as written. */
export function localizedContentHref(href: string, visitor: Locale, registry: LocaleRegistry, plan: Pick<RoutePlan, 'find'>): string {
	const split = /^([^?#]*)(.*)$/s.exec(href)!;
	const target = split[1]!;
	const [, segment = '', ...rest] = target.split('/');
	const linkedLocale = registry.bySegment(segment);
	if (!linkedLocale || linkedLocale.tag === visitor.tag) return href;
	const { slug } = parseContentId(`${linkedLocale.tag}/${rest.filter(Boolean).join('/')}`);
	if (!plan.find(visitor, slug)) return href;
	return `${localizedPath(visitor, slug)}${split[2]}`;
}

/**
 * The links of a content tree that `localizeContentLinks` may change, in order, once each: with the
 * visitor's locale, all a page's links depend on (its content key holds where each leads).
 */
export function localizableLinks(tree: Root): string[] {
	const links = new Set<string>();
	visitElements(tree, (element) => {
		const href = localizableHref(element);
		if (href !== undefined) links.add(href);
	});
	return [...links];
}

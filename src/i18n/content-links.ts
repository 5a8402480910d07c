import type { Root } from 'hast';
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
		const href = element.properties['href'];
		// A link that names its language on purpose (hreflang) means that language's page.
		if (element.tagName !== 'a' || typeof href !== 'string' || !href.startsWith('/') || element.properties['hrefLang'] !== undefined) return;
		const split = /^([^?#]*)(.*)$/s.exec(href)!;
		const target = split[1]!;
		const [, segment = '', ...rest] = target.split('/');
		const linkedLocale = registry.bySegment(segment);
		if (!linkedLocale || linkedLocale.tag === visitor.tag) return;
		const { slug } = parseContentId(`${linkedLocale.tag}/${rest.filter(Boolean).join('/')}`);
		if (!plan.find(visitor, slug)) return;
		element.properties['href'] = `${localizedPath(visitor, slug)}${split[2]}`;
	});
}

import { localizedPath, parseContentId, type RoutePlan } from './routing.ts';
import type { Locale, LocaleRegistry } from './registry.ts';

/**
 * Rewrites links between pages in rendered content so they stay in the visitor's locale: `/en/values/`
 * written in an English source (and kept by translators) becomes `/es-419/values/` on a Spanish page,
 * when that page exists there. Works on the HTML Astro serialises, whose attributes are always
 * double-quoted with `"` escaped inside, so one attribute pattern is exact.
 */
export function localizeContentLinks(html: string, visitor: Locale, registry: LocaleRegistry, plan: Pick<RoutePlan, 'find'>): string {
	return html.replace(/(<a\b[^>]*?\shref=")(\/[^"#?]*)([^"]*"[^>]*>)/g, (whole, before: string, target: string, after: string) => {
		// A link that names its language on purpose (hreflang) means that language's page.
		if (/\shreflang="/.test(whole)) return whole;
		const [, segment = '', ...rest] = target.split('/');
		const linkedLocale = registry.bySegment(segment);
		if (!linkedLocale || linkedLocale.tag === visitor.tag) return whole;
		const { slug } = parseContentId(`${linkedLocale.tag}/${rest.filter(Boolean).join('/')}`);
		if (!plan.find(visitor, slug)) return whole;
		return `${before}${localizedPath(visitor, slug)}${after}`;
	});
}

/**
 * What a link in a page leads to: one answer for `npm run check` and for `npm run import`, so a link the
 * import accepts is one the check accepts. The check asks about a page of the site; the import asks about a
 * page of an old site, whose root links (`/learn`, `/promote/resources#posters`) and relative links
 * (`../learn.md`) name the old site's pages: to one that was imported the link is rewritten to its route
 * (`/en/learn/`, which the site then localizes for each reader like any link to an English page), to one
 * that was not it leads to the old site (`--site-url`), and otherwise it leads nowhere.
 *
 * Pure: whether a page or file exists is the caller's to say.
 */
import path from 'node:path';
import type { Locale, LocaleRegistry } from '../i18n/registry.ts';
import { localizedPath, parseContentId } from '../i18n/routing.ts';
import { isVariableName } from './template-syntax.ts';

/** Root paths with these endings name a file (served from `public/`), never a page. */
const FILE_EXTENSION = /\.(?:svg|png|jpe?g|gif|webp|avif|pdf|zip|mp4|webm|mp3|txt|csv)$/i;
/** Endings an old site's page files and URLs have; a link may name the page by its file. */
const PAGE_EXTENSION = /\.(?:md|markdown|mdx|html?)(?:\.[a-z\d]+)?$/i;

export interface SiteLinkTargets {
	registry: LocaleRegistry;
	/** Whether `slug` has a page in `locale` (its own translation or, through fallback, the source's). */
	hasPage(locale: Locale, slug: string): boolean;
	/** Whether a root path (`/files/poster.pdf`) is a file the site publishes as it is. */
	hasPublicFile(rootPath: string): boolean;
}

export interface OldSiteLinks {
	/** The old site's page paths that were imported (`learn`, `promote/resources`, `` for the home page) and their slug here. */
	importedPages: ReadonlyMap<string, string>;
	/** The old site's address: links to its pages that were not imported lead there. */
	siteUrl?: URL | undefined;
	/** The page holding the link, at its path in the old site (`promote/index.md.partial`), for relative links. */
	pageFile: string;
}

export type ResolvedLink =
	/** `{{ urls/learn }}`: a content variable, filled in by the site. */
	| { kind: 'variable'; name: string }
	/** Another site, `mailto:`, a fragment or query on the same page: not checked. */
	| { kind: 'elsewhere' }
	/** A relative link in a page of the site: the route plan's, not checked here. */
	| { kind: 'relative' }
	/** A root path to a file (`/files/poster.pdf`), and whether the site has it. */
	| { kind: 'file'; path: string; found: boolean }
	/** A page of the site (`/es-419/learn/`). */
	| { kind: 'page'; locale: Locale; slug: string; path: string }
	/** Import: an old-site page that was imported, and the link to it now. */
	| { kind: 'imported-page'; oldPath: string; href: string }
	/** Import: an old-site page that was not imported, and the link to it on the old site. */
	| { kind: 'old-site'; oldPath: string; href: string }
	/** Nothing there; why, in words an editor can act on. */
	| { kind: 'dead'; reason: string };

/**
 * A destination with its `%` escapes undone (`%7B%7B` is how a parser may hand `{{` over; `caf%C3%A9.png` is
 * `café.png`), left as written when they do not decode. The link checks, the translation checks and the
 * target lookup all read targets through it.
 */
export function decodedTarget(value: string): string {
	try {
		return decodeURIComponent(value);
	} catch {
		return value;
	}
}

/** The name of the variable a destination is, if it is exactly one `{{ name }}`. */
export function variableDestination(value: string): string | undefined {
	// By slicing, not with `^\{\{\s*([^{}]*?)\s*\}\}$`, whose lazy name tried every split of a run of spaces
	// (a link of 2,000 characters took 1.6 s).
	const written = decodedTarget(value).trim();
	if (written.length < 4 || !written.startsWith('{{') || !written.endsWith('}}')) return undefined;
	const name = written.slice(2, -2).trim();
	return !/[{}]/.test(name) && isVariableName(name) ? name : undefined;
}

/** `/promote/resources/#posters` -> path `/promote/resources/` and suffix `#posters`. */
function splitSuffix(value: string): { target: string; suffix: string } {
	const match = /^([^?#]*)(.*)$/s.exec(value)!;
	return { target: match[1]!, suffix: match[2]! };
}

/** An old site's page path: no slashes around it, no page extension, no trailing `index` (`learn/index.html` -> `learn`). */
export function oldPagePath(target: string): string {
	const parts = target
		.replace(PAGE_EXTENSION, '')
		.split('/')
		.filter((part) => part !== '' && part !== '.');
	if (parts.at(-1) === 'index') parts.pop();
	return parts.join('/');
}

function resolveOldSitePage(oldPath: string, suffix: string, registry: LocaleRegistry, oldSite: OldSiteLinks): ResolvedLink {
	const slug = oldSite.importedPages.get(oldPath);
	if (slug !== undefined) return { kind: 'imported-page', oldPath, href: `${localizedPath(registry.source, slug)}${suffix}` };
	if (oldSite.siteUrl) return { kind: 'old-site', oldPath, href: new URL(`${oldPath ? `/${oldPath}` : '/'}${suffix}`, oldSite.siteUrl).href };
	return {
		kind: 'dead',
		reason: `leads to no page: /${oldPath} was not imported; import that page too, give --site-url to link to the old site, or remove the link`,
	};
}

/**
 * What `url`, written in a page, leads to. With `oldSite`, the page comes from an old site being imported,
 * and root and relative links that are not the site's own name that site's pages.
 */
export function resolveLink(url: string, targets: SiteLinkTargets, oldSite?: OldSiteLinks): ResolvedLink {
	const variable = variableDestination(url);
	if (variable !== undefined) return { kind: 'variable', name: variable };
	const { registry } = targets;
	if (oldSite?.siteUrl && url.startsWith(oldSite.siteUrl.origin)) {
		// An absolute link to the old site itself is a link to its page, like a root link.
		const { pathname, search, hash } = new URL(url);
		return resolveLink(`${pathname}${search}${hash}`, targets, oldSite);
	}
	if (url === '' || url.startsWith('#') || url.startsWith('?') || url.startsWith('//') || /^[a-z][a-z\d+.-]*:/i.test(url)) return { kind: 'elsewhere' };
	const { target, suffix } = splitSuffix(url);
	if (!target.startsWith('/')) {
		if (!oldSite || FILE_EXTENSION.test(target)) return { kind: 'relative' };
		const resolved = path.posix.normalize(path.posix.join(path.posix.dirname(oldSite.pageFile), decodedTarget(target)));
		if (resolved.startsWith('..')) return { kind: 'dead', reason: `leads outside the old site (to ${resolved}); point it at a page of the site or remove it` };
		return resolveOldSitePage(oldPagePath(resolved), suffix, registry, oldSite);
	}
	if (FILE_EXTENSION.test(target)) return { kind: 'file', path: target, found: targets.hasPublicFile(target) };
	const [, segment = '', ...rest] = target.split('/');
	const locale = registry.bySegment(segment);
	if (locale) {
		const { slug } = parseContentId(`${locale.tag}/${rest.filter(Boolean).join('/')}`);
		if (targets.hasPage(locale, slug)) return { kind: 'page', locale, slug, path: target };
		return {
			kind: 'dead',
			reason: `leads nowhere (${locale.isSource ? `no English page "${slug || 'index'}"` : `no page "${slug || 'index'}" in ${locale.tag} or English`})`,
		};
	}
	if (target === '/' && !oldSite) return { kind: 'page', locale: registry.source, slug: '', path: target };
	if (targets.hasPublicFile(target)) return { kind: 'file', path: target, found: true };
	if (oldSite) return resolveOldSitePage(oldPagePath(decodedTarget(target)), suffix, registry, oldSite);
	return { kind: 'dead', reason: 'leads nowhere' };
}

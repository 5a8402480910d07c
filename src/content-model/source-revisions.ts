/**
 * What the translation checks need to know about the site beyond two documents: whether a local target
 * leads to a page or file the site has (`link-resolver.ts`, `content-images.ts`), and the English text a
 * translation was made from, found in git history by the hash translation-state.json records.
 */
import { execFile } from 'node:child_process';
import { realpathSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Locale, LocaleRegistry } from '../i18n/registry.ts';
import { parseContentId } from '../i18n/routing.ts';
import { isProjectFile, locateReference } from './content-images.ts';
import { sha256 } from './hash.ts';
import { decodedTarget, resolveLink } from './link-resolver.ts';
import type { TargetLookup } from './translation-checks.ts';
import { withoutContentExtension } from './content-format.ts';

const run = promisify(execFile);

/**
 * Whether targets lead somewhere, for the content files `files` (relative to the content folder, with their
 * locale folder: `es-419/values.mdx`). A page exists in a locale when it or its English source does; a root
 * path names a file in `public/`, a relative one a file in `<content>/images/`; neither is followed through a
 * symbolic link.
 */
export function siteTargets(root: string, registry: LocaleRegistry, files: Iterable<string>, contentDir = 'content'): TargetLookup {
	const slugs = new Map<string, Set<string>>();
	for (const file of files) {
		const { localeFolder, slug } = parseContentId(withoutContentExtension(file));
		slugs.set(localeFolder, (slugs.get(localeFolder) ?? new Set()).add(slug));
	}
	const hasPage = (locale: Locale, slug: string) => (slugs.get(registry.source.tag)?.has(slug) ?? false) || (slugs.get(locale.tag)?.has(slug) ?? false);
	const publicFile = (rootPath: string) =>
		isProjectFile(root, path.posix.join('public', path.posix.normalize(decodedTarget(rootPath).replace(/\/{2,}/g, '/'))));
	return {
		exists(file, url) {
			const link = resolveLink(
				url.replace(/^(\/[^?#]*)/, (target) => target.replace(/\/{2,}/g, '/')),
				{ registry, hasPage, hasPublicFile: publicFile },
			);
			if (link.kind === 'page' || link.kind === 'variable' || link.kind === 'elsewhere') return true;
			if (link.kind === 'file') return link.found;
			if (link.kind !== 'relative') return false;
			const location = locateReference(file, url, contentDir);
			if (!location) return true;
			// A relative link to a page is the route plan's to judge: it is never taken for a broken one here.
			if (location.kind === 'outside' && path.posix.extname(location.file) === '') return true;
			return location.kind !== 'outside' && isProjectFile(root, location.file);
		},
	};
}

/** How far back in a file's history the English a translation was made from is looked for. */
const HISTORY_DEPTH = 100;

/**
 * The text `file` (relative to `root`) had when its sha256 was `hash`, from git history; undefined when
 * `root` is not a git work tree of its own, git is missing, or no commit of the last `HISTORY_DEPTH` that
 * touched the file had that text.
 */
export async function textAtHash(root: string, file: string, hash: string): Promise<string | undefined> {
	try {
		const { stdout: top } = await run('git', ['rev-parse', '--show-toplevel'], { cwd: root });
		// A project inside another repository (a test's copy) has no history of its own.
		if (realpathSync(top.trim()) !== realpathSync(root)) return undefined;
		const { stdout } = await run('git', ['log', `-n${HISTORY_DEPTH}`, '--format=%H', '--', file], { cwd: root });
		for (const commit of stdout.split('\n').filter(Boolean)) {
			const { stdout: text } = await run('git', ['show', `${commit}:${file}`], { cwd: root, maxBuffer: 8 * 1024 * 1024 });
			if (sha256(text) === hash) return text;
		}
	} catch {
		return undefined;
	}
	return undefined;
}

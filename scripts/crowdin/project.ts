/** The local side of the sync: which files are sources, where they live in Crowdin, where translations go. */
import path from 'node:path';
import { glob } from 'tinyglobby';
import { readTranslationState, type TranslationState } from '../../src/content-model/translation-state.ts';
import { inspectInside, listFiles, readInside, type RefusedFile } from '../../src/security/content-files.ts';
import type { Locale, LocaleRegistry } from '../../src/i18n/registry.ts';
import { isUiContextFile } from '../../src/i18n/ui-context.ts';
import type { CrowdinSyncConfig, SourceGroup } from './config.ts';

export interface SourceFile {
	group: SourceGroup;
	/** Path inside `<root>/<source locale>/`, e.g. `learn/loops.mdx`; for a file named with its locale, without it (`intro.vtt`). */
	relative: string;
	/** Path in the project, e.g. `content/en/learn/loops.mdx`, `content/videos/intro.en.vtt`. */
	localPath: string;
	/** Path in Crowdin, e.g. `/content/learn/loops.mdx`, `/content/videos/intro.vtt`. */
	crowdinPath: string;
}

/**
 * Where Crowdin puts each translation in the archive it builds. `%locale%` is unique per Crowdin language
 * (zh-CN and zh-TW stay apart, unlike `%two_letters_code%`); the sync maps it back through the registry.
 */
export const EXPORT_PATTERN = '/%locale%/%original_path%/%original_file_name%';

export function crowdinPathFor(group: SourceGroup, relative: string): string {
	return `/${group.root}/${relative}`;
}

/** `intro.vtt` + `es-419` → `intro.es-419.vtt`: a file named with its locale (`localeIn: 'name'`). */
function withLocaleInName(relative: string, tag: string): string {
	const extension = path.posix.extname(relative);
	return `${relative.slice(0, relative.length - extension.length)}.${tag}${extension}`;
}

/**
 * `intro.en.vtt` → `intro.vtt` when it names the source locale; undefined for any other file (another
 * locale's translation, or a name without a locale).
 */
function withoutSourceLocale(file: string, sourceTag: string): string | undefined {
	const extension = path.posix.extname(file);
	const suffix = `.${sourceTag}${extension}`;
	const stem = file.slice(0, file.length - suffix.length);
	return extension && file.endsWith(suffix) && stem !== '' && !stem.endsWith('/') ? `${stem}${extension}` : undefined;
}

export function translationPathFor(source: SourceFile, locale: Pick<Locale, 'tag'>): string {
	if (source.group.localeIn === 'name') return path.posix.join(source.group.root, withLocaleInName(source.relative, locale.tag));
	return path.posix.join(source.group.root, locale.tag, source.relative);
}

/** Where a group's English sources are, as a glob for messages: `content/en/` + the pattern, or the pattern with `.en` before its extension. */
export function sourceGlobOf(group: SourceGroup, sourceTag: string): string {
	return group.localeIn === 'name' ? `${group.root}/${withLocaleInName(group.pattern, sourceTag)}` : `${group.root}/${sourceTag}/${group.pattern}`;
}

/**
 * The English sources to send, and the files refused on the way: symbolic links (at any depth, the source
 * folder itself too), files over the size limit. A linked source folder is an error: everything in it
 * would come from outside the project.
 */
export async function listSourceFiles(root: string, config: CrowdinSyncConfig, registry: LocaleRegistry, refused: RefusedFile[] = []): Promise<SourceFile[]> {
	const files: SourceFile[] = [];
	for (const group of config.sources) {
		const byName = group.localeIn === 'name';
		const folder = byName ? group.root : `${group.root}/${registry.source.tag}`;
		// Throws, naming the link and the fix, when content/ or content/en is a link.
		if (!inspectInside(root, folder).stats?.isDirectory()) continue;
		const base = path.join(root, folder);
		// Only files the build reads too: no symbolic links, none over the size limit (the build warns about those).
		// Files named with their locale sit beside others (subtitles beside videos): only the pattern's extension is listed, so a video is never reported as too large.
		const listing = listFiles(base, { root, extensions: [byName ? path.posix.extname(group.pattern) : ''] });
		const readable = new Set(listing.files);
		// A UI file's `.context.json` is what translators are told about its strings, not strings to translate.
		const matches = await glob(group.pattern, { cwd: base, followSymbolicLinks: false });
		// A link is not matched at all (it is never followed), so every refused file of the folder is reported.
		for (const file of listing.refused) if (!refused.some((known) => known.file === file.file)) refused.push(file);
		const sourcesOnly = matches.filter((file) => readable.has(file) && !(group.kind === 'json' && isUiContextFile(file)));
		for (const file of sourcesOnly.sort()) {
			// Named with their locale, only English's files are sources; in Crowdin they go without it (`/content/videos/intro.vtt`).
			const relative = byName ? withoutSourceLocale(file, registry.source.tag) : file;
			if (relative === undefined) continue;
			files.push({
				group,
				relative,
				localPath: path.posix.join(folder, file),
				crowdinPath: crowdinPathFor(group, relative),
			});
		}
	}
	return files;
}

/**
 * A file of the project as text, or undefined when there is none. Read through the safe file layer: a
 * path that is not plain (`..`, absolute) or that goes through a symbolic link at any depth throws
 * UnsafePathError, naming the path and the fix, and nothing outside the project is read.
 */
export async function readProjectFile(root: string, relative: string): Promise<string | undefined> {
	if (!inspectInside(root, relative).stats) return undefined;
	return (await readInside(root, relative)).toString('utf8');
}

/** translation-state.json, never read through a link (it would be read from, and hashes trusted from, elsewhere). */
export function readStateFile(root: string, stateFile: string): Promise<TranslationState> {
	return readTranslationState(inspectInside(root, stateFile).absolute);
}

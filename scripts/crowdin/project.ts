/** The local side of the sync: which files are sources, where they live in Crowdin, where translations go. */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { glob } from 'tinyglobby';
import { listFiles } from '../../src/security/content-files.ts';
import type { Locale, LocaleRegistry } from '../../src/i18n/registry.ts';
import { isUiContextFile } from '../../src/i18n/ui-context.ts';
import type { CrowdinSyncConfig, SourceGroup } from './config.ts';

export interface SourceFile {
	group: SourceGroup;
	/** Path inside `<root>/<source locale>/`, e.g. `learn/loops.mdx`. */
	relative: string;
	/** Path in the project, e.g. `content/en/learn/loops.mdx`. */
	localPath: string;
	/** Path in Crowdin, e.g. `/content/learn/loops.mdx`. */
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

export function translationPathFor(source: SourceFile, locale: Pick<Locale, 'tag'>): string {
	return path.posix.join(source.group.root, locale.tag, source.relative);
}

export async function listSourceFiles(root: string, config: CrowdinSyncConfig, registry: LocaleRegistry): Promise<SourceFile[]> {
	const files: SourceFile[] = [];
	for (const group of config.sources) {
		const base = path.join(root, group.root, registry.source.tag);
		// Only files the build reads too: no symbolic links, none over the size limit (the build warns about those).
		const readable = new Set(listFiles(base, { root, extensions: [''] }).files);
		// A UI file's `.context.json` is what translators are told about its strings, not strings to translate.
		const sourcesOnly = (await glob(group.pattern, { cwd: base })).filter((file) => readable.has(file) && !(group.kind === 'json' && isUiContextFile(file)));
		for (const relative of sourcesOnly.sort()) {
			files.push({
				group,
				relative,
				localPath: path.posix.join(group.root, registry.source.tag, relative),
				crowdinPath: crowdinPathFor(group, relative),
			});
		}
	}
	return files;
}

export async function readProjectFile(root: string, relative: string): Promise<string | undefined> {
	try {
		return await readFile(path.join(root, relative), 'utf8');
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
		throw error;
	}
}

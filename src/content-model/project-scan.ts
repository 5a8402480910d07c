/**
 * Reads the project as the status report and the publishing decision need it: every English page with its
 * word count and current hashes, every translation with what it was translated from, and UI string coverage.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseFrontmatter } from '@astrojs/markdown-remark';
import { validateUiResources } from '../i18n/ui-resources.ts';
import { listContentFiles } from '../security/content-files.ts';
import type { LocaleRegistry } from '../i18n/registry.ts';
import { countWords } from '../i18n/reading-time.ts';
import { parseContentId } from '../i18n/routing.ts';
import { compareWithRecord, snapshotSource, type Freshness, type SourceSnapshot } from './freshness.ts';
import { frontmatterTooLarge } from './frontmatter.ts';
import { readTranslationState, type TranslationRecord, type TranslationState } from './translation-state.ts';

export interface ScannedPage {
	slug: string;
	/** e.g. `content/en/values.mdx` */
	sourcePath: string;
	title: string;
	updated?: Date | undefined;
	words: number;
	snapshot: SourceSnapshot;
}

export interface ScannedTranslation {
	locale: string;
	slug: string;
	/** e.g. `content/es-419/values.mdx` */
	path: string;
	record?: TranslationRecord | undefined;
	freshness: Freshness;
}

export interface ProjectScan {
	pages: ScannedPage[];
	translations: ScannedTranslation[];
	/** Per locale tag: UI string keys of the source that the locale translates itself. */
	uiStrings: Map<string, { translated: number; total: number }>;
	state: TranslationState;
}

export interface ScanOptions {
	contentDir?: string;
	localesDir?: string;
	stateFile?: string;
}

const PLURAL_SUFFIX = /_(zero|one|two|few|many|other)$/;

function stringKeys(value: unknown, prefix = '', into = new Set<string>()): Set<string> {
	if (typeof value === 'string') {
		if (value.trim() !== '') into.add(prefix.replace(PLURAL_SUFFIX, ''));
	} else if (value && typeof value === 'object' && !Array.isArray(value)) {
		for (const [key, child] of Object.entries(value)) stringKeys(child, prefix ? `${prefix}.${key}` : key, into);
	}
	return into;
}

export async function scanProject(root: string, registry: LocaleRegistry, options: ScanOptions = {}): Promise<ProjectScan> {
	const contentDir = options.contentDir ?? 'content';
	const localesDir = options.localesDir ?? 'locales';
	const state = await readTranslationState(path.join(root, options.stateFile ?? 'translation-state.json'));
	const source = registry.source;

	const contentFiles = listContentFiles(root, contentDir).files;
	const filesOf = (tag: string) => contentFiles.filter((file) => file.startsWith(`${tag}/`)).map((file) => file.slice(tag.length + 1));
	const sourceFiles = filesOf(source.tag);
	const pages: ScannedPage[] = await Promise.all(
		sourceFiles.map(async (relative) => {
			const sourcePath = path.posix.join(contentDir, source.tag, relative);
			const text = await readFile(path.join(root, sourcePath), 'utf8');
			let frontmatter: unknown = {};
			let content = text;
			try {
				({ frontmatter, content } = parseFrontmatter(text));
			} catch {
				// Invalid YAML: `npm run check` reports it; count the words anyway.
			}
			const data = (frontmatterTooLarge(frontmatter) ? {} : frontmatter) as { title?: unknown; updated?: unknown };
			return {
				slug: parseContentId(`${source.tag}/${relative.replace(/\.mdx$/, '')}`).slug,
				sourcePath,
				title: typeof data.title === 'string' ? data.title : relative,
				updated: data.updated instanceof Date || typeof data.updated === 'string' ? new Date(data.updated) : undefined,
				words: countWords(content, source.tag),
				snapshot: snapshotSource(text),
			};
		}),
	);
	const pageBySourceRelative = new Map(sourceFiles.map((relative, index) => [relative, pages[index]!]));

	const translations: ScannedTranslation[] = [];
	for (const locale of registry.all.filter((candidate) => !candidate.isSource)) {
		for (const relative of filesOf(locale.tag)) {
			const page = pageBySourceRelative.get(relative);
			if (!page) continue; // regional page: nothing to be current with
			const translationPath = path.posix.join(contentDir, locale.tag, relative);
			const record = state.translations[translationPath];
			translations.push({ locale: locale.tag, slug: page.slug, path: translationPath, record, freshness: compareWithRecord(record, page.snapshot) });
		}
	}

	// UI strings as the site uses them: validated, bad strings dropped, files found without links or oversize.
	const { resources } = validateUiResources(path.join(root, localesDir), registry, root);
	const uiStrings = new Map<string, { translated: number; total: number }>();
	const sourceKeys = new Map(Object.entries(resources[source.tag] ?? {}).map(([namespace, strings]) => [namespace, stringKeys(strings)]));
	const total = [...sourceKeys.values()].reduce((sum, keys) => sum + keys.size, 0);
	for (const locale of registry.all) {
		let translated = 0;
		for (const [namespace, keys] of sourceKeys) {
			const own = stringKeys(resources[locale.tag]?.[namespace]);
			for (const key of keys) if (own.has(key)) translated++;
		}
		uiStrings.set(locale.tag, { translated, total });
	}
	return { pages, translations, uiStrings, state };
}

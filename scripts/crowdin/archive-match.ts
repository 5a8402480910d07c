/**
 * Which archive entries are translations of which source, for which locale. Entries are hostile: anything
 * unexpected is refused with the reason, and target paths come from the registry and the source list,
 * never from entry names.
 */
import type { LanguagesModel } from '@crowdin/crowdin-api-client';
import type { Locale, LocaleRegistry } from '../../src/i18n/registry.ts';
import type { RefusedEntry } from './archive.ts';
import { translationPathFor, type SourceFile } from './project.ts';

export interface MatchedEntry {
	name: string;
	data: Buffer;
	locale: Locale;
	source: SourceFile;
	target: string;
}

export function matchArchiveEntries(
	files: readonly { name: string; data: Buffer }[],
	targetLanguages: readonly LanguagesModel.Language[],
	registry: LocaleRegistry,
	wanted: readonly Locale[],
	sources: readonly SourceFile[],
): { matched: MatchedEntry[]; refused: RefusedEntry[] } {
	const refused: RefusedEntry[] = [];
	const foldersToLanguages = new Map<string, LanguagesModel.Language[]>();
	for (const language of targetLanguages) foldersToLanguages.set(language.locale, [...(foldersToLanguages.get(language.locale) ?? []), language]);
	const matched: MatchedEntry[] = [];
	for (const file of files) {
		const [folder = '', ...rest] = file.name.split('/');
		const languages = foldersToLanguages.get(folder);
		if (!languages) {
			refused.push({ name: file.name, reason: `"${folder}" is not the folder of any target language of the project` });
			continue;
		}
		if (languages.length > 1) {
			refused.push({
				name: file.name,
				reason: `"${folder}" is the folder of ${languages.map((language) => language.id).join(' and ')}: two languages resolve to one path`,
			});
			continue;
		}
		const locale = registry.all.find((candidate) => candidate.crowdinId === languages[0]!.id);
		if (!locale) {
			refused.push({ name: file.name, reason: `Crowdin language "${languages[0]!.id}" is not in the locale registry` });
			continue;
		}
		if (!wanted.includes(locale)) continue;
		const source = sources.find((candidate) => candidate.crowdinPath === `/${rest.join('/')}`);
		if (!source) {
			refused.push({ name: file.name, reason: `/${rest.join('/')} is not a source file of this project` });
			continue;
		}
		matched.push({ name: file.name, data: file.data, locale, source, target: translationPathFor(source, locale) });
	}
	return { matched, refused };
}

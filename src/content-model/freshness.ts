/**
 * Whether a translation is still current: compares what its English source looked like when it was
 * translated (recorded in translation-state.json) with the English source now, section by section.
 */
import { sha256, type ContentDocument } from './content-document.ts';
import { TRANSLATABLE_FRONTMATTER_KEYS } from './frontmatter.ts';
import type { TranslationRecord } from './translation-state.ts';

export interface SectionHash {
	/** The heading's text; empty for the part before the first heading. */
	heading: string;
	hash: string;
}

export interface SourceSnapshot {
	hash: string;
	/** Hash of the frontmatter translators see (title, description, …): a change there needs translating too. */
	frontmatterHash: string;
	sections: SectionHash[];
	/** The ids of the section headings on the rendered English page (not recorded: derived each build). */
	headingIds: string[];
}

/** What translation-state.json records of an English document, and what a translation is compared with. */
export function snapshotOf(document: ContentDocument, translatedKeys: readonly string[] = TRANSLATABLE_FRONTMATTER_KEYS): SourceSnapshot {
	const translated = Object.fromEntries(translatedKeys.map((key) => [key, document.frontmatter?.[key] ?? null]));
	return {
		hash: document.sourceHash,
		frontmatterHash: sha256(JSON.stringify(translated)),
		sections: document.sections.map(({ heading, hash }) => ({ heading, hash })),
		headingIds: document.sections.slice(1).map((section) => section.id),
	};
}

export type Freshness =
	| { state: 'current' }
	/** Indices into the English page's current sections (0 is the text before the first heading). */
	| { state: 'outdated'; changedSections: number[]; frontmatterChanged: boolean }
	/** No record of what it was translated from (a translation never synced nor marked current). */
	| { state: 'untracked' };

export function compareWithRecord(
	record: Pick<TranslationRecord, 'sourceHash' | 'sourceSections' | 'sourceFrontmatterHash'> | undefined,
	now: SourceSnapshot,
): Freshness {
	if (!record) return { state: 'untracked' };
	if (record.sourceHash === now.hash) return { state: 'current' };
	const unused = [...record.sourceSections];
	const changedSections: number[] = [];
	now.sections.forEach((section, index) => {
		const samePlace = record.sourceSections[index];
		if (samePlace && samePlace.heading === section.heading && samePlace.hash === section.hash) {
			unused.splice(unused.indexOf(samePlace), 1);
			return;
		}
		// A section that only moved is not a change.
		const moved = unused.findIndex((candidate) => candidate.heading === section.heading && candidate.hash === section.hash);
		if (moved >= 0) unused.splice(moved, 1);
		else changedSections.push(index);
	});
	const frontmatterChanged = record.sourceFrontmatterHash !== undefined && record.sourceFrontmatterHash !== now.frontmatterHash;
	// Metadata only (a date, the menu order): nothing a reader of the translation misses.
	if (changedSections.length === 0 && !frontmatterChanged) return { state: 'current' };
	return { state: 'outdated', changedSections, frontmatterChanged };
}

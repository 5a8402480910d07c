/**
 * The committed record of what each translation was made from: the English source's hash (and its
 * per-section hashes) at the time of the sync, plus Crowdin's progress. Written by the Crowdin sync,
 * read by the build and the status report.
 */
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import type { SectionHash } from './freshness.ts';

export interface TranslationRecord {
	locale: string;
	/** The English file it translates, relative to the project. */
	source: string;
	sourceHash: string;
	sourceSections: SectionHash[];
	/** Hash of the source's translated frontmatter (title, description, navLabel). */
	sourceFrontmatterHash?: string | undefined;
	/** Crowdin's progress for this file and locale when it was synced (percent). */
	translationProgress?: number | undefined;
	approvalProgress?: number | undefined;
	syncedAt: string;
	origin: 'crowdin' | 'manual';
}

export interface UploadRecord {
	hash: string;
	/** Per-section hashes of the uploaded text (MDX), so a later download records what was translated. */
	sections?: SectionHash[] | undefined;
	frontmatterHash?: string | undefined;
	crowdinFileId: number;
	uploadedAt: string;
	/** Hash of the file context last sent; context edited in Crowdin survives until ours changes. */
	contextHash?: string | undefined;
	/** UI files: per string key, the hash of the context and maxLength last sent (same rule, per string). */
	stringContexts?: Record<string, string> | undefined;
}

export interface LocaleProgress {
	translationProgress: number;
	approvalProgress: number;
	words?: { total: number; translated: number; approved: number } | undefined;
	/** Per source file (relative to the project), percent. */
	files: Record<string, { translationProgress: number; approvalProgress: number }>;
	checkedAt: string;
}

export interface TranslationState {
	version: 1;
	/** Source files as last uploaded to Crowdin, by path. */
	uploads: Record<string, UploadRecord>;
	/** Translation files, by path (e.g. `content/es-419/values.mdx`). */
	translations: Record<string, TranslationRecord>;
	/** Crowdin progress per locale tag. */
	progress: Record<string, LocaleProgress>;
}

export function emptyState(): TranslationState {
	return { version: 1, uploads: {}, translations: {}, progress: {} };
}

export class TranslationStateError extends Error {
	override name = 'TranslationStateError';
}

export async function readTranslationState(file: string): Promise<TranslationState> {
	let text: string;
	try {
		text = await readFile(file, 'utf8');
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code === 'ENOENT') return emptyState();
		throw error;
	}
	return parseTranslationState(file, text);
}

export function readTranslationStateSync(file: string): TranslationState {
	let text: string;
	try {
		text = readFileSync(file, 'utf8');
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code === 'ENOENT') return emptyState();
		throw error;
	}
	return parseTranslationState(file, text);
}

function parseTranslationState(file: string, text: string): TranslationState {
	let parsed: unknown;
	try {
		parsed = JSON.parse(text);
	} catch (error) {
		throw new TranslationStateError(`${file}: not valid JSON (${(error as Error).message}); fix or delete it`);
	}
	const state = parsed as Partial<TranslationState>;
	if (state.version !== 1) throw new TranslationStateError(`${file}: unknown version ${String(state.version)}`);
	return { ...emptyState(), ...state } as TranslationState;
}

/** Stable, diff-friendly JSON: keys sorted, one entry per line. */
export function serializeTranslationState(state: TranslationState): string {
	const sortKeys = (value: unknown): unknown => {
		if (Array.isArray(value)) return value.map(sortKeys);
		if (value && typeof value === 'object') {
			return Object.fromEntries(
				Object.entries(value)
					.filter(([, entry]) => entry !== undefined)
					.sort(([a], [b]) => a.localeCompare(b))
					.map(([key, entry]) => [key, sortKeys(entry)]),
			);
		}
		return value;
	};
	return `${JSON.stringify(sortKeys(state), null, 2)}\n`;
}

/**
 * The committed record of what each translation was made from: the English source's hash (and its
 * per-section hashes) at the time of the sync, plus Crowdin's progress. Written by the Crowdin sync,
 * read by the build and the status report.
 */
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import type { SectionHash } from './freshness.ts';
import { byCodeUnits } from '../build/reproducible-order.ts';

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
	/** sha256 of the file as the sync wrote it: a download with nothing new in Crowdin checks the file is still so. */
	translationHash?: string | undefined;
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
	/** Hash of what those contexts were made from; while it holds, the upload does not make them again. */
	contextInputs?: string | undefined;
}

export interface LocaleProgress {
	translationProgress: number;
	approvalProgress: number;
	words?: { total: number; translated: number; approved: number } | undefined;
	/** Per source file (relative to the project), percent, and Crowdin's eTag of that progress (it changes with the translation). */
	files: Record<string, { translationProgress: number; approvalProgress: number; eTag?: string | undefined }>;
	checkedAt: string;
	/** Hash of the download settings the files were judged with (a change of them makes the next download fetch again). */
	syncKey?: string | undefined;
}

export interface TranslationState {
	version: 1;
	/** Source files as last uploaded to Crowdin, by path. */
	uploads: Record<string, UploadRecord>;
	/** Translation files, by path (e.g. `content/es-419/values.mdx`). */
	translations: Record<string, TranslationRecord>;
	/** Crowdin progress per locale tag. */
	progress: Record<string, LocaleProgress>;
	/** Per locale tag, Crowdin's progress at the last syncs that changed it, oldest first (at most `SYNC_HISTORY_LENGTH`). */
	history: Record<string, SyncCoverage[]>;
	/** Screenshots sent to Crowdin, by name: what was sent, so an unchanged page is not sent again. */
	screenshots: Record<string, ScreenshotRecord>;
}

export interface ScreenshotRecord {
	screenshotId: number;
	/** Hash of what the image was made of (the page's DOM and files, the browser: screenshots.ts), and of the tags last sent. */
	pageHash: string;
	tagsHash: string;
	/** The page shot, as a URL path. */
	page: string;
}

export interface SyncCoverage {
	/** The day of the sync (YYYY-MM-DD): one entry per day, the day's last sync. */
	date: string;
	translationProgress: number;
	approvalProgress: number;
}

export const SYNC_HISTORY_LENGTH = 12;

/**
 * Adds a sync's progress to a locale's history. A sync that changed nothing adds nothing (so it writes
 * nothing); a second sync on the same day replaces that day's entry.
 */
export function withSyncCoverage(history: readonly SyncCoverage[] | undefined, entry: SyncCoverage): SyncCoverage[] {
	const previous = history ?? [];
	const last = previous.at(-1);
	if (last && last.translationProgress === entry.translationProgress && last.approvalProgress === entry.approvalProgress) return [...previous];
	const kept = last?.date === entry.date ? previous.slice(0, -1) : previous;
	return [...kept, entry].slice(-SYNC_HISTORY_LENGTH);
}

export function emptyState(): TranslationState {
	return { version: 1, uploads: {}, translations: {}, progress: {}, history: {}, screenshots: {} };
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

/** Stable, diff-friendly JSON: keys sorted, one entry per line; equal values give equal text. */
export function stableJson(value: unknown): string {
	const sortKeys = (entry: unknown): unknown => {
		if (Array.isArray(entry)) return entry.map(sortKeys);
		if (entry && typeof entry === 'object') {
			return Object.fromEntries(
				Object.entries(entry)
					.filter(([, child]) => child !== undefined)
					.sort(byCodeUnits(([key]) => key))
					.map(([key, child]) => [key, sortKeys(child)]),
			);
		}
		return entry;
	};
	return JSON.stringify(sortKeys(value), null, 2);
}

export function serializeTranslationState(state: TranslationState): string {
	return `${stableJson(state)}\n`;
}

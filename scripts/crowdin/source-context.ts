/**
 * What the upload tells translators besides the text: the file's context (file-context.ts) and, for UI
 * files, each string's context and length limit from `locales/en/<namespace>.context.json`. Both follow
 * Crowdin's `replaceModifiedContext: false`: context edited in Crowdin stays until ours changes, which the
 * hashes in translation-state.json record.
 */
import path from 'node:path';
import type { Client, SourceStringsModel } from '@crowdin/crowdin-api-client';
import type { ContentDocument } from '../../src/content-model/content-document.ts';
import { sha256 } from '../../src/content-model/hash.ts';
import type { LocaleRegistry } from '../../src/i18n/registry.ts';
import { flattenUiStrings } from '../../src/i18n/ui-checks.ts';
import { contextKeyOf, crowdinStringContext, parseUiContext, uiContextFileFor, type UiStringContext } from '../../src/i18n/ui-context.ts';
import { inspectInside } from '../../src/security/content-files.ts';
import { siteConfig } from '../../src/site/site-config.ts';
import { pageFileContext, subtitlesFileContext, uiFileContext, variablesFileContext } from './file-context.ts';
import type { Output } from './output.ts';
import { readProjectFile, type SourceFile } from './project.ts';
import { listAll } from './remote.ts';

export interface StringContext {
	context: string;
	maxLength: number;
}

export interface SourceContext {
	file: string;
	fileHash: string;
	/** UI files: what Crowdin should show for each string, by identifier (a dotted key, as Crowdin names it). */
	strings?: Map<string, StringContext> | undefined;
	/** English text of each UI string, by identifier, to notice renamed keys. */
	english?: Map<string, string> | undefined;
}

const contextHash = (value: string) => sha256(value).slice(0, 16);
export const stringContextHash = (value: StringContext) => contextHash(`${value.context}\u0000${value.maxLength}`);

/** Raise when the contexts' wording changes, so every context is made and sent again. */
const CONTEXT_VERSION = 2;

/** Hash of everything a file's contexts are made from: its text, its context file, the site's URLs. */
export async function contextInputs(root: string, source: SourceFile, text: string): Promise<string> {
	const contextFile = source.group.kind === 'json' ? await readProjectFile(root, uiContextFileFor(source.localPath)) : '';
	return contextHash(JSON.stringify([CONTEXT_VERSION, text, contextFile ?? null, siteConfig.url, siteConfig.previewUrl]));
}

export async function describeSource(
	root: string,
	source: SourceFile,
	text: string,
	document: ContentDocument | undefined,
	registry: LocaleRegistry,
	output: Output,
): Promise<SourceContext> {
	if (document) {
		const file = pageFileContext(document, registry, siteConfig);
		return { file, fileHash: contextHash(file) };
	}
	if (source.group.kind === 'variables') {
		// The YAML parser loads only when this context must be made again.
		const { parseVariablesFile } = await import('../../src/content-model/content-variables.ts');
		const file = variablesFileContext(parseVariablesFile(source.localPath, text).values.size);
		return { file, fileHash: contextHash(file) };
	}
	if (source.group.kind === 'subtitles') {
		// The WebVTT parser loads only when this context must be made again; a file it cannot read still gets its context.
		const { readSubtitles } = await import('../../src/security/subtitles.ts');
		const subtitles = readSubtitles(source.localPath, text);
		const file = subtitlesFileContext(await subtitledVideo(root, source), subtitles.cues, subtitles.words);
		return { file, fileHash: contextHash(file) };
	}
	const namespace = path.posix.basename(source.relative, '.json');
	const english = new Map<string, string>();
	try {
		for (const [key, value] of flattenUiStrings(JSON.parse(text) as unknown)) english.set(key, value);
	} catch {
		// The build and `npm run check` name the broken file; its strings get no context until it parses.
	}
	const contextPath = uiContextFileFor(source.localPath);
	const contextText = await readProjectFile(root, contextPath);
	let purpose = '';
	let described: Map<string, UiStringContext> | undefined;
	if (contextText === undefined) {
		output.warn(`${contextPath} is missing: string contexts in Crowdin are left as they are (npm run check lists what to add)`);
	} else {
		const parsed = parseUiContext(contextPath, contextText);
		for (const problem of parsed.problems) output.warn(`${problem.file}${problem.line ? `:${problem.line}` : ''}: ${problem.message}`);
		purpose = parsed.context.namespace;
		// A file that does not parse says nothing about any string: Crowdin keeps what it has, rather than losing it all.
		if (!parsed.problems.some((problem) => problem.key === undefined)) described = parsed.context.strings;
		else output.warn(`${contextPath}: string contexts in Crowdin are left as they are until the file is fixed`);
	}
	let strings: Map<string, StringContext> | undefined;
	if (described) {
		strings = new Map();
		for (const key of english.keys()) {
			// A key with no entry yet keeps whatever Crowdin has; it is sent once it is described.
			const entry = described.get(contextKeyOf(key));
			if (!entry) continue;
			strings.set(key, { context: crowdinStringContext(key, entry), maxLength: entry.maxLength ?? 0 });
			// Crowdin may hold a plural as one string under its base key: the same context, without the form.
			const base = contextKeyOf(key);
			if (base !== key && !english.has(base)) strings.set(base, { context: entry.context, maxLength: entry.maxLength ?? 0 });
		}
	}
	const file = uiFileContext(namespace, purpose || 'strings of the site’s interface.', english.size);
	return { file, fileHash: contextHash(file), strings, english };
}

/** `content/videos/intro.en.vtt` → `content/videos/intro.webm` (or `.mp4`): the video the subtitles are for, as translators can find it. */
async function subtitledVideo(root: string, source: SourceFile): Promise<string> {
	const { VIDEO_EXTENSIONS } = await import('../../src/content-model/content-videos.ts');
	const stem = path.posix.join(source.group.root, source.relative.slice(0, -path.posix.extname(source.relative).length));
	// Looked up, never read: a video can be hundreds of megabytes.
	for (const extension of VIDEO_EXTENSIONS) if (inspectInside(root, `${stem}${extension}`).stats?.isFile()) return `${stem}${extension}`;
	return stem;
}

export function listFileStrings(client: Client, projectId: number, fileId: number): Promise<SourceStringsModel.String[]> {
	return listAll((limit, offset) => client.sourceStringsApi.listProjectStrings(projectId, { fileId, limit, offset }));
}

/**
 * Sends the string contexts that changed since the last upload (or were never sent), in one batch request,
 * and returns the hashes to record. A context edited in Crowdin is kept while ours stays the same.
 */
export async function syncStringContexts(
	client: Client,
	projectId: number,
	remote: readonly SourceStringsModel.String[],
	desired: Map<string, StringContext>,
	recorded: Record<string, string> | undefined,
): Promise<{ recorded: Record<string, string>; edited: number }> {
	const next: Record<string, string> = {};
	const operations: { op: 'replace'; path: string; value: string | number }[] = [];
	for (const string of remote) {
		const wanted = desired.get(string.identifier);
		if (!wanted) continue;
		const hash = stringContextHash(wanted);
		next[string.identifier] = hash;
		if (recorded?.[string.identifier] === hash) continue;
		if ((string.context ?? '') !== wanted.context) operations.push({ op: 'replace', path: `/${string.id}/context`, value: wanted.context });
		if ((string.maxLength ?? 0) !== wanted.maxLength) operations.push({ op: 'replace', path: `/${string.id}/maxLength`, value: wanted.maxLength });
	}
	if (operations.length > 0) await client.sourceStringsApi.stringBatchOperations(projectId, operations);
	return { recorded: next, edited: new Set(operations.map((operation) => operation.path.split('/')[1])).size };
}

/** Keys that vanished while a new key appeared with the same English text: most likely a rename. */
export function likelyRenames(remote: readonly SourceStringsModel.String[], english: Map<string, string>): { from: string; to: string }[] {
	const remoteIdentifiers = new Set(remote.map((string) => string.identifier));
	const added = [...english].filter(([key]) => !remoteIdentifiers.has(key));
	const renames: { from: string; to: string }[] = [];
	for (const string of remote) {
		if (english.has(string.identifier)) continue;
		const match = added.find(([, text]) => text === string.text);
		if (match) renames.push({ from: string.identifier, to: match[0] });
	}
	return renames;
}

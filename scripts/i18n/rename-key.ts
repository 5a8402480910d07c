/**
 * `npm run i18n -- rename-key <namespace:old.key> <new.key>`: renames a UI key everywhere its translations
 * live, so none is lost. Crowdin first (the string's `identifier`, so its translations, approvals and
 * screenshots' tags follow, and the next upload finds the string under its new name), then every
 * locale's file, the context file and translation-state.json, all or nothing.
 */
import { serializeTranslationState } from '../../src/content-model/translation-state.ts';
import type { LocaleRegistry } from '../../src/i18n/registry.ts';
import { flattenUiStrings, PLURAL_SUFFIX } from '../../src/i18n/ui-checks.ts';
import { readInside, UnsafePathError, walkInside } from '../../src/security/content-files.ts';
import { uiContextFileFor } from '../../src/i18n/ui-context.ts';
import { applyAtomically, type FileWrite } from '../crowdin/apply.ts';
import { connectionFromEnvironment, describeCrowdinError } from '../crowdin/client.ts';
import type { CrowdinSyncConfig } from '../crowdin/config.ts';
import { crowdinPathFor, readProjectFile, readStateFile } from '../crowdin/project.ts';
import { readRemoteTree } from '../crowdin/remote.ts';
import { listFileStrings } from '../crowdin/source-context.ts';

export class RenameError extends Error {
	override name = 'RenameError';
}

const KEY = /^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*$/;

interface Json {
	[key: string]: unknown;
}

function getAt(root: Json, key: string): unknown {
	let node: unknown = root;
	for (const part of key.split('.')) node = node && typeof node === 'object' ? (node as Json)[part] : undefined;
	return node;
}

/** Moves `from` to `to`, leaving no empty object behind; the value lands where `from` was when they share a parent. */
function moveKey(root: Json, from: string, to: string): boolean {
	const value = getAt(root, from);
	if (value === undefined) return false;
	const fromParts = from.split('.');
	const toParts = to.split('.');
	const parents: Json[] = [root];
	for (const part of fromParts.slice(0, -1)) parents.push(parents.at(-1)![part] as Json);
	const fromParent = parents.at(-1)!;
	const sameParent = fromParts.slice(0, -1).join('.') === toParts.slice(0, -1).join('.');
	if (sameParent) {
		// Rebuild the object so the renamed key keeps its place (translators' files diff cleanly).
		const entries = Object.entries(fromParent).map(([key, entry]) =>
			key === fromParts.at(-1) ? ([toParts.at(-1)!, entry] as const) : ([key, entry] as const),
		);
		for (const key of Object.keys(fromParent)) delete fromParent[key];
		Object.assign(fromParent, Object.fromEntries(entries));
		return true;
	}
	delete fromParent[fromParts.at(-1)!];
	for (let depth = fromParts.length - 2; depth >= 0; depth--) {
		const parent = parents[depth]!;
		const child = parent[fromParts[depth]!] as Json;
		if (Object.keys(child).length === 0) delete parent[fromParts[depth]!];
	}
	let node = root;
	for (const part of toParts.slice(0, -1)) {
		if (node[part] === undefined) node[part] = {};
		node = node[part] as Json;
	}
	node[toParts.at(-1)!] = value;
	return true;
}

export interface RenamePlan {
	namespace: string;
	/** Leaf keys renamed, with their plural forms: [old, new]. */
	keys: [string, string][];
	writes: FileWrite[];
	locales: string[];
	/** Places in src/ that still use the old key. */
	codeUses: string[];
}

/** A path refused by the safe file layer (a link, `..`) is a RenameError: a message, nothing changed. */
async function refusingUnsafe<T>(work: () => Promise<T>): Promise<T> {
	try {
		return await work();
	} catch (error) {
		throw error instanceof UnsafePathError ? new RenameError(error.message) : error;
	}
}

export function planRename(root: string, registry: LocaleRegistry, config: CrowdinSyncConfig, target: string, newKey: string): Promise<RenamePlan> {
	return refusingUnsafe(() => plan(root, registry, config, target, newKey));
}

async function plan(root: string, registry: LocaleRegistry, config: CrowdinSyncConfig, target: string, newKey: string): Promise<RenamePlan> {
	const [namespace, oldKey] = target.includes(':') ? (target.split(':', 2) as [string, string]) : ['common', target];
	if (!/^[A-Za-z0-9_-]+$/.test(namespace))
		throw new RenameError(`"${namespace}" is not a namespace: name one of the files in locales/${registry.source.tag}/ without .json`);
	if (!KEY.test(oldKey) || !KEY.test(newKey)) throw new RenameError('keys are dotted names of letters, digits, "_" and "-", e.g. common:nav.home nav.homeLink');
	if (oldKey === newKey) throw new RenameError('the new key is the same as the old one');
	if (PLURAL_SUFFIX.test(oldKey) || PLURAL_SUFFIX.test(newKey))
		throw new RenameError('name the plural key without its _one/_other suffix; every form is renamed');
	const englishPath = `locales/${registry.source.tag}/${namespace}.json`;
	const englishText = await readProjectFile(root, englishPath);
	if (englishText === undefined) throw new RenameError(`there is no ${englishPath}`);
	const english = flattenUiStrings(JSON.parse(englishText) as unknown);
	const forms = [...english.keys()].filter((key) => key === oldKey || key.replace(PLURAL_SUFFIX, '') === oldKey);
	if (forms.length === 0) throw new RenameError(`${englishPath} has no key "${oldKey}"`);
	const clash = [...english.keys()].find((key) => key === newKey || key.replace(PLURAL_SUFFIX, '') === newKey || key.startsWith(`${newKey}.`));
	if (clash) throw new RenameError(`${englishPath} already has "${clash}"; choose another name`);
	const renamed = (form: string) => `${newKey}${form.slice(oldKey.length)}`;
	const keys = forms.map((form) => [form, renamed(form)] as [string, string]);
	const isForm = (key: string) => key === oldKey || (key.startsWith(`${oldKey}_`) && key.replace(PLURAL_SUFFIX, '') === oldKey);

	const writes: FileWrite[] = [];
	const locales: string[] = [];
	const allForms = new Set(forms);
	for (const locale of registry.all) {
		const file = `locales/${locale.tag}/${namespace}.json`;
		const text = await readProjectFile(root, file);
		if (text === undefined) continue;
		let strings: Json;
		try {
			strings = JSON.parse(text) as Json;
		} catch (error) {
			throw new RenameError(`${file} is not valid JSON (${(error as Error).message}); fix it first, so no translation is left behind`);
		}
		// Every plural form this locale has (Arabic's _few and _many too, which English lacks).
		const localeForms = [...flattenUiStrings(strings).keys()].filter(isForm);
		let moved = false;
		for (const form of localeForms) {
			allForms.add(form);
			moved = moveKey(strings, form, renamed(form)) || moved;
		}
		if (!moved) continue;
		locales.push(locale.tag);
		writes.push({ path: file, content: `${JSON.stringify(strings, null, 2)}\n` });
	}

	const contextPath = uiContextFileFor(englishPath);
	const contextText = await readProjectFile(root, contextPath);
	if (contextText !== undefined) {
		const context = JSON.parse(contextText) as { strings?: Json };
		if (context.strings && oldKey in context.strings) {
			context.strings = Object.fromEntries(Object.entries(context.strings).map(([key, value]) => [key === oldKey ? newKey : key, value]));
			writes.push({ path: contextPath, content: `${JSON.stringify(context, null, 2)}\n` });
		}
	}

	const state = await readStateFile(root, config.stateFile);
	const upload = state.uploads[englishPath];
	if (upload?.stringContexts) {
		upload.stringContexts = Object.fromEntries(Object.entries(upload.stringContexts).map(([key, hash]) => [allForms.has(key) ? renamed(key) : key, hash]));
		writes.push({ path: config.stateFile, content: serializeTranslationState(state) });
	}
	return { namespace, keys, writes, locales, codeUses: await findCodeUses(root, oldKey) };
}

/** Lines of src/ that name the key, as `file:line`; links in src/ are not followed. */
async function findCodeUses(root: string, key: string): Promise<string[]> {
	const uses: string[] = [];
	for (const file of (await walkInside(root, 'src')).files.filter((name) => /\.(ts|astro|mjs)$/.test(name))) {
		const lines = (await readInside(root, `src/${file}`)).toString('utf8').split('\n');
		lines.forEach((line, index) => {
			if (line.includes(`'${key}'`) || line.includes(`"${key}"`)) uses.push(`src/${file}:${index + 1}`);
		});
	}
	return uses;
}

/** Renames the strings in Crowdin; returns how many. Nothing local has changed yet if this throws. */
export async function renameInCrowdin(
	plan: RenamePlan,
	config: CrowdinSyncConfig,
	env: Record<string, string | undefined>,
	log: (line: string) => void,
): Promise<number> {
	const { client, projectId } = connectionFromEnvironment(env, config, (retry) => log(`  ${retry.reason}; retry ${retry.attempt}`));
	const group = config.sources.find((candidate) => candidate.kind === 'json');
	if (!group) return 0;
	const remote = await readRemoteTree(client, projectId);
	const file = remote.fileByPath.get(crowdinPathFor(group, `${plan.namespace}.json`));
	if (!file) {
		log(`${plan.namespace}.json is not in Crowdin yet; nothing to rename there`);
		return 0;
	}
	const strings = await listFileStrings(client, projectId, file.id);
	const byIdentifier = new Map(strings.map((string) => [string.identifier, string]));
	const operations: { op: 'replace'; path: string; value: string }[] = [];
	const done = new Set<number>();
	for (const [from, to] of plan.keys) {
		// One string per form, or (as Crowdin may hold an i18next plural) one string under the base key.
		const base = from.replace(PLURAL_SUFFIX, '');
		const [string, target] = byIdentifier.has(from) ? [byIdentifier.get(from)!, to] : [byIdentifier.get(base), to.replace(PLURAL_SUFFIX, '')];
		if (!string) {
			log(`  ${from} is not in Crowdin (not uploaded yet)`);
			continue;
		}
		if (done.has(string.id)) continue;
		done.add(string.id);
		operations.push({ op: 'replace', path: `/${string.id}/identifier`, value: target });
		log(`  Crowdin: ${string.identifier} -> ${target} (string ${string.id}; its translations stay with it)`);
	}
	if (operations.length === 0) return 0;
	try {
		// One batch request: every form is renamed, or none is.
		await client.sourceStringsApi.stringBatchOperations(projectId, operations);
	} catch (error) {
		throw new RenameError(`Crowdin refused the rename (${describeCrowdinError(error)}); nothing was renamed there`);
	}
	return operations.length;
}

export async function applyRename(root: string, plan: RenamePlan): Promise<void> {
	await refusingUnsafe(() => applyAtomically(root, plan.writes));
}

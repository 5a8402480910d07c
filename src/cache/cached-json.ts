/**
 * Values that are slow to compute and depend on little, kept as JSON in Astro's cache folder between builds:
 * the locale table `/` carries (`locale-table.ts`) and the subtags it asks about (`subtags.ts`), the hosts'
 * language rules made from it (`offline-outputs.ts`) and each SVG's sanitized form (`svg-integration.ts`). A value is named by a hash of
 * everything it is computed from, so a changed input is a new file, never a stale one; `GLOSSA_FULL=1` and
 * a cleared cache compute it again.
 */
import { randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { sha256 } from '../content-model/hash.ts';

/** The folder inside the cache folder the values are kept in. */
export const CACHED_JSON_FOLDER = 'glossa-values';

/**
 * `compute()`, or the value an earlier build computed from the same `inputs` (anything JSON can hold: list
 * every version and every file's text the value depends on). A file that does not parse is computed again;
 * the new one is written whole under a temporary name, then renamed, so a process that stops half-way or a
 * shard writing the same value at once never leaves half a file.
 */
export function cachedJson<Value>(cacheDir: string, name: string, inputs: unknown, compute: () => Value): Value {
	const file = valueFile(cacheDir, name, inputs);
	const kept = readValue<Value>(file);
	if (kept.found) return kept.value;
	const value = compute();
	writeValue(file, value);
	return value;
}

/** `cachedJson` for a value computed asynchronously (one that needs a module loaded only to compute it). */
export async function cachedJsonAsync<Value>(cacheDir: string, name: string, inputs: unknown, compute: () => Promise<Value>): Promise<Value> {
	const file = valueFile(cacheDir, name, inputs);
	const kept = readValue<Value>(file);
	if (kept.found) return kept.value;
	const value = await compute();
	writeValue(file, value);
	return value;
}

function valueFile(cacheDir: string, name: string, inputs: unknown): string {
	return path.join(cacheDir, CACHED_JSON_FOLDER, `${name}-${sha256(JSON.stringify(inputs)).slice(0, 24)}.json`);
}

function readValue<Value>(file: string): { found: true; value: Value } | { found: false } {
	try {
		return { found: true, value: JSON.parse(readFileSync(file, 'utf8')) as Value };
	} catch {
		return { found: false };
	}
}

function writeValue(file: string, value: unknown): void {
	mkdirSync(path.dirname(file), { recursive: true });
	const temporary = `${file}.${randomUUID()}.tmp`;
	writeFileSync(temporary, JSON.stringify(value));
	renameSync(temporary, file);
}

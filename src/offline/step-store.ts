/**
 * What earlier builds of one locale's pack rewrote, scanned and compressed, one file per step in a folder of
 * its own (`glossa-packs/<segment>.steps/`), named by the hash of the step's inputs. A rebuild reads the steps
 * it needs and writes only the new ones. Kept as one file per locale, the steps (12 MB a locale on 300 x 70)
 * were read, deserialised, serialised and written whole whenever one page of the pack changed: after one
 * English edit, which changes a fallback page in every locale, that was 840 MB each way.
 *
 * A step's file is named by the hash of its key and the store's `version` (the packer's code): a step kept
 * by other code is never found, and the next prune removes it. The names are hex hashes this code makes,
 * never names from input. A file that does not deserialise is a step not kept (it is done again and
 * written over); each file is written under a temporary name and renamed, so a build that stops half-way
 * never leaves half a step. Synchronous: it runs in a pack worker thread, and a thread-pool round trip per
 * step would cost more than the read.
 */
import { createHash, randomUUID } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { deserialize, serialize } from 'node:v8';

/** The kinds of step kept: a page's rewrite, a file's scan, a file's compressed zip entry. */
export type StepKind = 'page' | 'scan' | 'entry';

const STEP_NAME = /^(?:page|scan|entry)-[0-9a-f]{64}\.v8$/;

export class StepStore {
	readonly #folder: string;
	readonly #version: string;
	/** The files of the steps this build read or wrote: `prune` keeps these only. */
	readonly #used = new Set<string>();
	/** Steps written by this build. */
	written = 0;

	/** `version`: what every step depends on besides its key (the packer's code). */
	constructor(folder: string, version: string) {
		this.#folder = folder;
		this.#version = version;
		mkdirSync(folder, { recursive: true });
	}

	#name(kind: StepKind, key: string): string {
		if (!/^[0-9a-f]{64}$/.test(key)) throw new Error(`a pack step's key must be a SHA-256 in hex, not "${key}"`);
		return `${kind}-${createHash('sha256').update(this.#version).update('\u0000').update(key).digest('hex')}.v8`;
	}

	/** The step kept for `key`, or undefined (never kept, kept by other code, or unreadable). */
	get<Value>(kind: StepKind, key: string): Value | undefined {
		const name = this.#name(kind, key);
		let value: Value;
		try {
			value = deserialize(readFileSync(path.join(this.#folder, name))) as Value;
		} catch {
			return undefined;
		}
		this.#used.add(name);
		return value;
	}

	/** Keeps `value`, a step this build did (not one it found with `get`), for `key`, over any earlier file. */
	set(kind: StepKind, key: string, value: unknown): void {
		const name = this.#name(kind, key);
		const file = path.join(this.#folder, name);
		const temporary = `${file}.${randomUUID()}.tmp`;
		writeFileSync(temporary, serialize(value));
		renameSync(temporary, file);
		this.#used.add(name);
		this.written++;
	}

	/** Removes the steps this build did not use, so the folder holds one build's steps (and no stray file). */
	prune(): void {
		for (const entry of readdirSync(this.#folder, { withFileTypes: true }))
			if (!(entry.isFile() && STEP_NAME.test(entry.name) && this.#used.has(entry.name)))
				rmSync(path.join(this.#folder, entry.name), { recursive: true, force: true });
	}
}

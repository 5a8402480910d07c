/**
 * Applies a set of file writes all or nothing. Files are staged first; a journal lists every move before
 * the first one happens; an error rolls back at once, and a crash is rolled back by the next sync (or
 * `npm run crowdin -- recover`), so content/ and locales/ end exactly as they were.
 */
import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, rm, rmdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import pLimit from 'p-limit';

export interface FileWrite {
	/** Relative to the project root, with forward slashes. */
	path: string;
	content: string | Buffer;
}

interface JournalEntry {
	path: string;
	/** Where the original was moved, or null when there was no original. */
	backup: string | null;
}

interface Journal {
	startedAt: string;
	entries: JournalEntry[];
	/** Folders the apply created, deepest last, to remove on rollback. */
	createdDirs: string[];
}

export const WORK_DIR = '.glossa-sync';
/** Files staged and moved at once: enough to hide the file system's latency, within the open-file limit. */
const FILE_CONCURRENCY = 32;

export interface ApplyHooks {
	/** Test hook: called after each move with the number of moves done. */
	afterMove?: (done: number) => void;
}

function inside(root: string, relative: string): string {
	const resolved = path.resolve(root, relative);
	if (!resolved.startsWith(path.resolve(root) + path.sep)) throw new Error(`refusing to write outside the project: ${relative}`);
	return resolved;
}

/** Folders (relative to the root, parents first) that must be created for files in `directories`. */
function missingDirs(root: string, directories: readonly string[]): string[] {
	const missing = new Set<string>();
	for (const directory of directories) {
		const chain: string[] = [];
		for (let current = directory; !existsSync(current) && current.startsWith(root) && current !== root; current = path.dirname(current)) chain.unshift(current);
		for (const dir of chain) missing.add(path.relative(root, dir));
	}
	return [...missing].sort((a, b) => a.split(path.sep).length - b.split(path.sep).length || (a < b ? -1 : 1));
}

async function rollback(root: string, journal: Journal): Promise<void> {
	for (const entry of [...journal.entries].reverse()) {
		const target = inside(root, entry.path);
		if (entry.backup) {
			const backup = inside(root, entry.backup);
			if (existsSync(backup)) await rename(backup, target);
		} else {
			await rm(target, { force: true });
		}
	}
	for (const dir of [...journal.createdDirs].reverse()) {
		try {
			await rmdir(inside(root, dir));
		} catch {
			// Not empty: something else lives there now; leave it.
		}
	}
}

/** Rolls back a sync that was interrupted; returns whether there was one. */
export async function recoverInterruptedApply(root: string): Promise<boolean> {
	const journalPath = path.join(root, WORK_DIR, 'journal.json');
	if (!existsSync(journalPath)) return false;
	const journal = JSON.parse(await readFile(journalPath, 'utf8')) as Journal;
	await rollback(root, journal);
	await rm(path.join(root, WORK_DIR), { recursive: true, force: true });
	return true;
}

export async function applyAtomically(root: string, writes: readonly FileWrite[], hooks: ApplyHooks = {}): Promise<void> {
	if (writes.length === 0) return;
	// Two writes to one file would share a backup, and the original would be lost.
	const paths = new Set<string>();
	for (const write of writes) {
		const target = inside(root, write.path);
		if (paths.has(target)) throw new Error(`two writes to ${write.path} in one apply`);
		paths.add(target);
	}
	const work = path.join(root, WORK_DIR);
	if (existsSync(path.join(work, 'journal.json'))) throw new Error(`an interrupted sync must be recovered first (${WORK_DIR}/journal.json)`);
	await rm(work, { recursive: true, force: true });
	const stamp = Date.now().toString(36);
	const staging = `${WORK_DIR}/staging-${stamp}`;
	const backups = `${WORK_DIR}/backup-${stamp}`;

	// Staging touches nothing the site reads, so it runs in parallel; so do the moves, once the journal lists
	// them all and every folder exists: a rollback undoes any subset of them (see `rollback`).
	const limit = pLimit(FILE_CONCURRENCY);
	const stagedDirs = new Map<string, Promise<unknown>>();
	const ensureStagedDir = (directory: string) => {
		let made = stagedDirs.get(directory);
		if (!made) stagedDirs.set(directory, (made = mkdir(directory, { recursive: true })));
		return made;
	};
	await Promise.all(
		writes.map((write) =>
			limit(async () => {
				const staged = inside(root, `${staging}/${write.path}`);
				inside(root, write.path);
				await ensureStagedDir(path.dirname(staged));
				await writeFile(staged, write.content);
			}),
		),
	);

	const journal: Journal = {
		startedAt: new Date().toISOString(),
		entries: writes.map((write) => ({ path: write.path, backup: existsSync(inside(root, write.path)) ? `${backups}/${write.path}` : null })),
		createdDirs: [],
	};
	const journalPath = path.join(work, 'journal.json');
	const saveJournal = () => writeFile(journalPath, JSON.stringify(journal));
	await saveJournal();

	let failure: unknown;
	try {
		// The folders to create are in the journal before the first exists, so a crash leaves none behind.
		journal.createdDirs = missingDirs(
			path.resolve(root),
			journal.entries.map((entry) => path.dirname(inside(root, entry.path))),
		);
		await saveJournal();
		for (const directory of journal.createdDirs) await mkdir(inside(root, directory), { recursive: true });
		for (const directory of new Set(journal.entries.flatMap((entry) => (entry.backup ? [path.dirname(inside(root, entry.backup))] : []))))
			await mkdir(directory, { recursive: true });
		let done = 0;
		const moves = await Promise.allSettled(
			journal.entries.map((entry) =>
				limit(async () => {
					// After a failure, the moves not yet started are not made: less to roll back.
					if (failure) return;
					try {
						const target = inside(root, entry.path);
						if (entry.backup) await rename(target, inside(root, entry.backup));
						await rename(inside(root, `${staging}/${entry.path}`), target);
						done++;
						hooks.afterMove?.(done);
					} catch (error) {
						failure ??= error;
						throw error;
					}
				}),
			),
		);
		failure ??= moves.find((move): move is PromiseRejectedResult => move.status === 'rejected')?.reason;
	} catch (error) {
		failure = error;
	}
	if (failure) {
		await rollback(root, journal);
		await rm(work, { recursive: true, force: true });
		throw failure;
	}
	await rm(work, { recursive: true, force: true });
}

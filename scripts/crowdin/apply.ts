/**
 * Applies a set of file writes all or nothing. Files are staged first; a journal lists every move before
 * the first one happens; an error rolls back at once, and a crash is rolled back by the next sync (or
 * `npm run crowdin -- recover`), so content/ and locales/ end exactly as they were.
 */
import { rename, rmdir } from 'node:fs/promises';
import path from 'node:path';
import pLimit from 'p-limit';
import { inspectInside, makeFoldersInside, pathParts, readInside, removeInside, UnsafePathError, writeInside } from '../../src/security/content-files.ts';

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
const JOURNAL = `${WORK_DIR}/journal.json`;
/** Files staged and moved at once: enough to hide the file system's latency, within the open-file limit. */
const FILE_CONCURRENCY = 32;

export interface ApplyHooks {
	/** Test hook: called after each move with the number of moves done. */
	afterMove?: (done: number) => void;
}

/**
 * The absolute path of a project file the apply touches, after checking that it is a plain relative path
 * reached through no symbolic link (content/es-419 linked to a folder elsewhere would make every move
 * write there). Throws UnsafePathError, naming the path and the fix, before anything is moved.
 */
function inside(root: string, relative: string): string {
	return inspectInside(root, relative).absolute;
}

const exists = (root: string, relative: string) => inspectInside(root, relative).stats !== undefined;

/** Folders (relative to the root, parents first) that must be created for the files in `files`. */
function missingDirs(root: string, files: readonly string[]): string[] {
	const missing = new Set<string>();
	for (const file of files) {
		const parts = pathParts(file).slice(0, -1);
		for (let depth = 1; depth <= parts.length; depth++) {
			const folder = parts.slice(0, depth).join('/');
			if (!exists(root, folder)) missing.add(folder);
		}
	}
	return [...missing].sort((a, b) => a.split('/').length - b.split('/').length || (a < b ? -1 : 1));
}

async function rollback(root: string, journal: Journal): Promise<void> {
	for (const entry of [...journal.entries].reverse()) {
		const target = inside(root, entry.path);
		if (entry.backup) {
			if (exists(root, entry.backup)) await rename(inside(root, entry.backup), target);
		} else {
			await removeInside(root, entry.path);
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

/**
 * The journal as this module writes it, or an error naming what is wrong. The journal is a file in the
 * project, so it is read as input: every path must be a plain relative path outside the work folder,
 * reached through no link, each backup where `applyAtomically` puts it, so a rollback never moves or deletes
 * anything but the files a sync wrote.
 */
function checkedJournal(root: string, text: string): Journal {
	const refuse = (why: string): never => {
		throw new UnsafePathError(
			JOURNAL,
			`is not a journal a sync wrote (${why}); nothing was rolled back. Check content/ and locales/ (git status), then delete ${WORK_DIR}/`,
		);
	};
	let parsed: unknown;
	try {
		parsed = JSON.parse(text);
	} catch {
		return refuse('not JSON');
	}
	const journal = parsed as Partial<Journal>;
	if (!Array.isArray(journal.entries) || !Array.isArray(journal.createdDirs)) return refuse('no list of entries and folders');
	const check = (relative: unknown, what: string) => {
		if (typeof relative !== 'string') return refuse(`${what} is not a path`);
		try {
			inspectInside(root, relative);
		} catch (error) {
			return refuse(`${what} ${(error as Error).message}`);
		}
		if (relative === WORK_DIR || relative.startsWith(`${WORK_DIR}/`)) refuse(`${what} ${JSON.stringify(relative)} is in ${WORK_DIR}/`);
	};
	for (const entry of journal.entries as unknown[]) {
		const { path: file, backup } = (entry ?? {}) as Partial<JournalEntry>;
		check(file, 'an entry');
		if (backup === null) continue;
		if (typeof backup !== 'string' || !/^backup-[a-z0-9]+$/.test(backup.split('/')[1] ?? '') || backup !== `${WORK_DIR}/${backup.split('/')[1]}/${file}`)
			refuse(`the backup of ${JSON.stringify(file)} is not in ${WORK_DIR}/backup-…/`);
		try {
			inspectInside(root, backup as string);
		} catch (error) {
			refuse(`a backup ${(error as Error).message}`);
		}
	}
	for (const folder of journal.createdDirs as unknown[]) check(folder, 'a created folder');
	return journal as Journal;
}

/**
 * Rolls back a sync that was interrupted; returns whether there was one. A journal that is not one this
 * module wrote (a path with `..`, an absolute path, a path through a link) is refused whole, before any move.
 */
export async function recoverInterruptedApply(root: string): Promise<boolean> {
	// The work folder itself may not be a link: its journal would be read from elsewhere.
	if (!inspectInside(root, JOURNAL).stats) return false;
	const journal = checkedJournal(root, (await readInside(root, JOURNAL)).toString('utf8'));
	await rollback(root, journal);
	await removeInside(root, WORK_DIR);
	return true;
}

export async function applyAtomically(root: string, writes: readonly FileWrite[], hooks: ApplyHooks = {}): Promise<void> {
	if (writes.length === 0) return;
	// Every target is checked before anything is staged: a path with `..`, or one through a link at any
	// depth, fails the whole apply with nothing moved. Two writes to one file would share a backup, and the
	// original would be lost.
	const paths = new Set<string>();
	for (const write of writes) {
		const target = inside(root, write.path);
		if (target === path.resolve(root, WORK_DIR) || target.startsWith(path.resolve(root, WORK_DIR) + path.sep))
			throw new UnsafePathError(write.path, `is in ${WORK_DIR}/`);
		if (paths.has(target)) throw new Error(`two writes to ${write.path} in one apply`);
		paths.add(target);
	}
	if (inspectInside(root, JOURNAL).stats) throw new Error(`an interrupted sync must be recovered first (${JOURNAL})`);
	await removeInside(root, WORK_DIR);
	const stamp = Date.now().toString(36);
	const staging = `${WORK_DIR}/staging-${stamp}`;
	const backups = `${WORK_DIR}/backup-${stamp}`;

	// Staging touches nothing the site reads, so it runs in parallel; so do the moves, once the journal lists
	// them all and every folder exists: a rollback undoes any subset of them (see `rollback`).
	const limit = pLimit(FILE_CONCURRENCY);
	await Promise.all(writes.map((write) => limit(() => writeInside(root, `${staging}/${write.path}`, write.content))));

	const journal: Journal = {
		startedAt: new Date().toISOString(),
		entries: writes.map((write) => ({ path: write.path, backup: exists(root, write.path) ? `${backups}/${write.path}` : null })),
		createdDirs: [],
	};
	const saveJournal = () => writeInside(root, JOURNAL, JSON.stringify(journal));
	await saveJournal();

	let failure: unknown;
	try {
		// The folders to create are in the journal before the first exists, so a crash leaves none behind.
		journal.createdDirs = missingDirs(
			root,
			journal.entries.map((entry) => entry.path),
		);
		await saveJournal();
		for (const directory of journal.createdDirs) await makeFoldersInside(root, directory);
		for (const directory of new Set(journal.entries.flatMap((entry) => (entry.backup ? [path.posix.dirname(entry.backup)] : []))))
			await makeFoldersInside(root, directory);
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
		await removeInside(root, WORK_DIR);
		throw failure;
	}
	await removeInside(root, WORK_DIR);
}

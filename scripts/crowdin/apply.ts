/**
 * Applies a set of file writes all or nothing. Files are staged first; a journal lists every move before
 * the first one happens; an error rolls back at once, and a crash is rolled back by the next sync (or
 * `npm run crowdin -- recover`), so content/ and locales/ end exactly as they were.
 */
import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, rm, rmdir, writeFile } from 'node:fs/promises';
import path from 'node:path';

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

export interface ApplyHooks {
	/** Test hook: called after each move with the number of moves done. */
	afterMove?: (done: number) => void;
}

function inside(root: string, relative: string): string {
	const resolved = path.resolve(root, relative);
	if (!resolved.startsWith(path.resolve(root) + path.sep)) throw new Error(`refusing to write outside the project: ${relative}`);
	return resolved;
}

async function ensureDirs(root: string, directory: string, created: string[]): Promise<void> {
	const missing: string[] = [];
	let current = directory;
	while (!existsSync(current) && current.startsWith(root)) {
		missing.unshift(current);
		current = path.dirname(current);
	}
	for (const dir of missing) {
		await mkdir(dir);
		created.push(path.relative(root, dir));
	}
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
	const work = path.join(root, WORK_DIR);
	if (existsSync(path.join(work, 'journal.json'))) throw new Error(`an interrupted sync must be recovered first (${WORK_DIR}/journal.json)`);
	await rm(work, { recursive: true, force: true });
	const stamp = Date.now().toString(36);
	const staging = `${WORK_DIR}/staging-${stamp}`;
	const backups = `${WORK_DIR}/backup-${stamp}`;

	for (const write of writes) {
		const staged = inside(root, `${staging}/${write.path}`);
		inside(root, write.path);
		await mkdir(path.dirname(staged), { recursive: true });
		await writeFile(staged, write.content);
	}

	const journal: Journal = {
		startedAt: new Date().toISOString(),
		entries: writes.map((write) => ({ path: write.path, backup: existsSync(inside(root, write.path)) ? `${backups}/${write.path}` : null })),
		createdDirs: [],
	};
	const journalPath = path.join(work, 'journal.json');
	const saveJournal = () => writeFile(journalPath, JSON.stringify(journal));
	await saveJournal();

	try {
		let done = 0;
		for (const entry of journal.entries) {
			const target = inside(root, entry.path);
			const created: string[] = [];
			await ensureDirs(path.resolve(root), path.dirname(target), created);
			if (created.length > 0) {
				journal.createdDirs.push(...created);
				await saveJournal();
			}
			if (entry.backup) {
				const backup = inside(root, entry.backup);
				await mkdir(path.dirname(backup), { recursive: true });
				await rename(target, backup);
			}
			await rename(inside(root, `${staging}/${entry.path}`), target);
			done++;
			hooks.afterMove?.(done);
		}
	} catch (error) {
		await rollback(root, journal);
		await rm(work, { recursive: true, force: true });
		throw error;
	}
	await rm(work, { recursive: true, force: true });
}

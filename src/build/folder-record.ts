/**
 * What a folder held when a build wrote it: each file's size, inode, and modification and change times (in
 * nanoseconds, as text: they exceed 2^53). A folder that matches its record holds the files that were written,
 * unchanged: the change time cannot be set by a program, so a file replaced or edited by any means since
 * (`cp -p`, `touch -r`, an editor) never matches, as with git's index and `output-digests.ts`. Renaming the
 * folder itself changes none of its files' records, so a build can set an output aside and take it back.
 *
 * The walk never follows a link: a folder that holds a link or anything but files and folders has no record
 * and matches none.
 */
import { lstatSync } from 'node:fs';
import path from 'node:path';
import { walkInsideSync } from '../security/content-files.ts';

export type FileStamp = readonly [size: string, ino: string, mtimeNs: string, ctimeNs: string];

export interface FolderRecord {
	/** Files by their path relative to the folder (`/`-separated), in code-unit order. */
	files: Record<string, FileStamp>;
}

/** The folder's record, or undefined when it is missing or holds a link or a special file. */
export function recordFolder(folder: string): FolderRecord | undefined {
	try {
		if (!lstatSync(folder).isDirectory()) return undefined;
		const found = walkInsideSync(folder);
		if (found.links.length > 0 || found.special.length > 0) return undefined;
		const files: Record<string, FileStamp> = {};
		for (const file of found.files) {
			const stats = lstatSync(path.join(folder, file), { bigint: true });
			files[file] = [String(stats.size), String(stats.ino), String(stats.mtimeNs), String(stats.ctimeNs)];
		}
		return { files };
	} catch {
		return undefined;
	}
}

/** Whether `folder` holds exactly the files of `record`, each unchanged since it was recorded. */
export function matchesRecord(folder: string, record: FolderRecord): boolean {
	const now = recordFolder(folder);
	if (!now) return false;
	const names = Object.keys(record.files);
	if (Object.keys(now.files).length !== names.length) return false;
	return names.every((name) => {
		const before = record.files[name]!;
		const after = now.files[name];
		return after !== undefined && after.every((value, index) => value === before[index]);
	});
}

/**
 * A record kept as JSON beside what it names (`{ key, files }`): undefined when the text is not one, as a
 * damaged or older file in the cache is not an error, only a record to make again.
 */
export function parseKeyedRecord(text: string | undefined): (FolderRecord & { key: string }) | undefined {
	try {
		const parsed: unknown = text === undefined ? undefined : JSON.parse(text);
		if (typeof parsed !== 'object' || parsed === null) return undefined;
		const { key, files } = parsed as { key?: unknown; files?: unknown };
		if (typeof key !== 'string' || typeof files !== 'object' || files === null) return undefined;
		const stamps = Object.values(files);
		const wellFormed = stamps.every((stamp) => Array.isArray(stamp) && stamp.length === 4 && stamp.every((value) => typeof value === 'string'));
		return wellFormed ? { key, files: files as Record<string, FileStamp> } : undefined;
	} catch {
		return undefined;
	}
}

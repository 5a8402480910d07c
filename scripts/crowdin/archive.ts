/**
 * Reads a translation archive as hostile input. Entry names are checked raw (yauzl would otherwise quietly
 * turn backslashes into slashes); links, traversal, absolute paths, duplicates and oversized entries are
 * refused one by one; a corrupt or truncated archive is refused whole.
 */
import yauzl from 'yauzl';

export interface ArchiveLimits {
	maxEntryBytes: number;
	maxTotalBytes: number;
	maxEntries: number;
}

export interface ArchiveFile {
	name: string;
	data: Buffer;
}

export interface RefusedEntry {
	name: string;
	reason: string;
}

export interface ArchiveContents {
	files: ArchiveFile[];
	refused: RefusedEntry[];
}

export class ArchiveError extends Error {
	override name = 'ArchiveError';
}

const S_IFMT = 0o170000;
const S_IFLNK = 0o120000;
const S_IFREG = 0o100000;

/** Why a raw entry name is unsafe to use as a relative path, or undefined when it is fine. */
export function unsafeNameReason(name: string): string | undefined {
	if (name.length === 0) return 'empty name';
	if (name.includes('\\')) return 'backslash in path';
	if (/[\u0000-\u001f\u007f]/.test(name)) return 'control character in path';
	if (name.startsWith('/') || /^[a-zA-Z]:/.test(name)) return 'absolute path';
	const segments = name.replace(/\/$/, '').split('/');
	if (segments.some((segment) => segment === '..')) return 'path traversal (..)';
	if (segments.some((segment) => segment === '' || segment === '.')) return 'empty or "." path segment';
	return undefined;
}

function openBuffer(buffer: Buffer): Promise<yauzl.ZipFile> {
	return new Promise((resolve, reject) => {
		yauzl.fromBuffer(buffer, { lazyEntries: true, decodeStrings: false, validateEntrySizes: true }, (error, zip) => {
			if (error || !zip) reject(new ArchiveError(`not a readable zip archive (${error?.message ?? 'unknown error'})`));
			else resolve(zip);
		});
	});
}

function readEntry(zip: yauzl.ZipFile, entry: yauzl.Entry, maxBytes: number): Promise<Buffer> {
	return new Promise((resolve, reject) => {
		zip.openReadStream(entry, (error, stream) => {
			if (error || !stream) return reject(new ArchiveError(`cannot read an entry (${error?.message ?? 'unknown error'})`));
			const chunks: Buffer[] = [];
			let size = 0;
			stream.on('data', (chunk: Buffer) => {
				size += chunk.length;
				// The declared size was checked already; this guards against an archive that lies about it.
				if (size > maxBytes) stream.destroy(new ArchiveError(`an entry inflates beyond its declared size`));
				else chunks.push(chunk);
			});
			stream.on('error', (streamError) =>
				reject(streamError instanceof ArchiveError ? streamError : new ArchiveError(`corrupt entry (${streamError.message})`)),
			);
			stream.on('end', () => resolve(Buffer.concat(chunks)));
		});
	});
}

export async function readArchive(buffer: Buffer, limits: ArchiveLimits): Promise<ArchiveContents> {
	const zip = await openBuffer(buffer);
	if (zip.entryCount > limits.maxEntries) {
		zip.close();
		throw new ArchiveError(`${zip.entryCount} entries, more than the limit of ${limits.maxEntries}`);
	}
	const accepted: ArchiveFile[] = [];
	const refused: RefusedEntry[] = [];
	const seen = new Map<string, number>();
	let total = 0;

	await new Promise<void>((resolve, reject) => {
		zip.on('error', (error: Error) => reject(error instanceof ArchiveError ? error : new ArchiveError(`corrupt archive (${error.message})`)));
		zip.on('end', () => resolve());
		zip.on('entry', (entry: yauzl.Entry) => {
			void (async () => {
				const raw = entry.fileName as unknown as Buffer;
				// General purpose bit 11 marks UTF-8 names; anything else is read as Latin-1 (close enough to CP437 to be refused if odd).
				const name = (entry.generalPurposeBitFlag & 0x800) !== 0 ? raw.toString('utf8') : raw.toString('latin1');
				const mode = (entry.externalFileAttributes >>> 16) & S_IFMT;
				const isDirectory = name.endsWith('/');
				const unsafe = unsafeNameReason(name);
				if (unsafe) {
					refused.push({ name, reason: unsafe });
				} else if (mode === S_IFLNK) {
					refused.push({ name, reason: 'symbolic link' });
				} else if (isDirectory) {
					// Folders carry no content.
				} else if (mode !== 0 && mode !== S_IFREG) {
					refused.push({ name, reason: 'not a regular file' });
				} else if (entry.uncompressedSize > limits.maxEntryBytes) {
					refused.push({ name, reason: `${entry.uncompressedSize} bytes, more than the limit of ${limits.maxEntryBytes}` });
				} else if (total + entry.uncompressedSize > limits.maxTotalBytes) {
					refused.push({ name, reason: `the archive's total size would pass the limit of ${limits.maxTotalBytes} bytes` });
				} else {
					total += entry.uncompressedSize;
					seen.set(name, (seen.get(name) ?? 0) + 1);
					accepted.push({ name, data: await readEntry(zip, entry, entry.uncompressedSize) });
				}
				zip.readEntry();
			})().catch(reject);
		});
		zip.readEntry();
	}).finally(() => zip.close());

	// Two entries with one name: neither can be trusted to be the right one.
	const files = accepted.filter((file) => seen.get(file.name) === 1);
	for (const [name, count] of seen) if (count > 1) refused.push({ name, reason: `appears ${count} times in the archive` });
	return { files, refused };
}

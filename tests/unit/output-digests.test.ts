/**
 * Digests of the output folder's files, remembered with each file's size and time (`src/build/output-digests.ts`):
 * a file unchanged since it was hashed is not read again; a changed one (even dated back), a racily
 * written one and a symlink never take a remembered digest.
 */
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readFile, stat, symlink, utimes, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadOutputDigests, OUTPUT_DIGESTS_FILE, OutputDigests } from '../../src/build/output-digests.ts';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const anHourAgo = () => new Date(Date.now() - 3_600_000);

async function outputFolder() {
	const base = await mkdtemp(path.join(os.tmpdir(), 'glossa-output-digests-'));
	const dist = path.join(base, 'dist');
	const cacheDir = path.join(base, 'cache');
	await mkdir(path.join(dist, 'en'), { recursive: true });
	await mkdir(cacheDir);
	return { dist, cacheDir };
}

/** Writes `text` and dates it an hour back, as a page of an earlier build is. */
async function writeOld(file: string, text: string) {
	await writeFile(file, text);
	await utimes(file, anHourAgo(), anHourAgo());
}

/** These files were all written a moment ago: their change times cannot be dated back, so the racy window is off here. */
const trusting = { racyWindowNs: 0n };

describe('OutputDigests', () => {
	it('hashes a file once, and again only when it was written since', async () => {
		const { dist, cacheDir } = await outputFolder();
		const page = path.join(dist, 'en/index.html');
		await writeOld(page, '<p>one</p>');
		const first = new OutputDigests(dist, {}, trusting);
		expect(first.digest('en/index.html')).toBe(sha256('<p>one</p>'));
		await first.save(cacheDir, ['en/index.html']);

		const second = await loadOutputDigests(cacheDir, dist, trusting);
		expect(second.digest('en/index.html')).toBe(sha256('<p>one</p>'));
		expect(second.hashed).toBe(0);

		// Other bytes of the same size, dated back to the old time as `cp -p` or `rsync -t` would: the change
		// time still tells, and the file is hashed again.
		const { mtime } = await stat(page);
		await writeFile(page, '<p>two</p>');
		await utimes(page, mtime, mtime);
		expect((await stat(page)).mtimeMs).toBe(mtime.getTime());
		expect(second.digest('en/index.html')).toBe(sha256('<p>two</p>'));
		expect(second.hashed).toBe(1);
	});

	it('never trusts the record of a file hashed right after it was written', async () => {
		const { dist, cacheDir } = await outputFolder();
		const page = path.join(dist, 'en/index.html');
		await writeFile(page, '<p>new</p>');
		const digests = new OutputDigests(dist);
		digests.digest('en/index.html');
		expect(digests.record('en/index.html')?.racy).toBe(true);
		await digests.save(cacheDir, ['en/index.html']);
		const next = await loadOutputDigests(cacheDir, dist);
		expect(next.digest('en/index.html')).toBe(sha256('<p>new</p>'));
		expect(next.hashed).toBe(1);
	});

	it('gives no digest for a symlink or a missing file, and ignores records of another folder or a damaged file', async () => {
		const { dist, cacheDir } = await outputFolder();
		await writeOld(path.join(os.tmpdir(), 'glossa-output-digests-secret.txt'), 'secret');
		await symlink(path.join(os.tmpdir(), 'glossa-output-digests-secret.txt'), path.join(dist, 'en/linked.html'));
		const digests = new OutputDigests(dist, {}, trusting);
		expect(digests.digest('en/linked.html')).toBeUndefined();
		expect(digests.digest('en/missing.html')).toBeUndefined();

		await writeOld(path.join(dist, 'en/index.html'), '<p>kept</p>');
		digests.digest('en/index.html');
		await digests.save(cacheDir, ['en/index.html', 'en/missing.html']);
		const stored = JSON.parse(await readFile(path.join(cacheDir, OUTPUT_DIGESTS_FILE), 'utf8')) as { files: Record<string, unknown> };
		expect(Object.keys(stored.files)).toEqual(['en/index.html']);

		const elsewhere = await loadOutputDigests(cacheDir, path.join(dist, '..', 'other-dist'));
		expect(elsewhere.record('en/index.html')).toBeUndefined();
		await writeFile(path.join(cacheDir, OUTPUT_DIGESTS_FILE), '{"version": 1, "outDir":');
		expect((await loadOutputDigests(cacheDir, dist)).record('en/index.html')).toBeUndefined();
	});
});

import { execFileSync } from 'node:child_process';
import { createCipheriv } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { EntryCache, zipArchive } from '../../src/offline/zip-archive.ts';

const text = (value: string) => new TextEncoder().encode(value);
const page = (title: string) => text(`<!doctype html><title>${title}</title><p>${'A lesson about sorting cards by number. '.repeat(200)}</p>`);
// Incompressible bytes, as an image or a video is: a stream cipher's output from a fixed key.
const noise = (length: number, seed: number) => {
	const cipher = createCipheriv('chacha20', Buffer.alloc(32, seed), Buffer.alloc(16));
	return new Uint8Array(cipher.update(Buffer.alloc(length)));
};

function unzipTest(archive: Uint8Array): string {
	const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'glossa-zip-')), 'pack.zip');
	writeFileSync(file, archive);
	return execFileSync('unzip', ['-t', file]).toString();
}

describe('zipArchive', () => {
	const files = new Map([
		['es-419/index.html', page('Inicio')],
		['es-419/values/index.html', page('Valores')],
		['images/photo.webp', noise(4000, 1)],
		['empty.txt', new Uint8Array(0)],
	]);

	it('writes an archive that unzip and fflate read back file for file', () => {
		const archive = zipArchive(files);
		expect(unzipTest(archive)).toContain('No errors detected');
		const read = unzipSync(archive);
		expect(Object.keys(read)).toEqual([...files.keys()]);
		for (const [name, bytes] of files) expect(Buffer.from(read[name]!).equals(Buffer.from(bytes)), name).toBe(true);
	});

	it('deflates text and stores what deflate cannot shrink', () => {
		const cache = new EntryCache();
		expect(cache.entry(page('Inicio')).compression).toBe(8);
		expect(cache.entry(page('Inicio')).data.length).toBeLessThan(page('Inicio').length / 10);
		expect(cache.entry(noise(4000, 1)).compression).toBe(0);
	});

	it('compresses each file once and reuses the entries an earlier build kept, giving the same bytes', () => {
		const cold = new EntryCache();
		const first = zipArchive(files, cold);
		expect(cold.fresh.size).toBe(4);

		// A rebuild with one page changed compresses that page only.
		const changed = new Map(files).set('es-419/values/index.html', page('Valores y principios'));
		const warm = new EntryCache(cold.used);
		const second = zipArchive(changed, warm);
		expect(warm.fresh.size).toBe(1);
		expect(Buffer.from(second).equals(Buffer.from(zipArchive(changed)))).toBe(true);
		expect(Buffer.from(first).equals(Buffer.from(second))).toBe(false);
		// It keeps only what it used: the old page's entry is gone; only the changed page's is new.
		expect(warm.used.size).toBe(4);
		expect([...warm.fresh.values()].map((entry) => entry.size)).toEqual([page('Valores y principios').length]);
	});

	it('is the same bytes for the same files', () => {
		expect(Buffer.from(zipArchive(files)).equals(Buffer.from(zipArchive(files)))).toBe(true);
	});
});

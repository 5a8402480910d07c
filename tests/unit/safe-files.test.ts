/**
 * The one safe file layer: nothing is read, written, copied or removed through a symbolic link at any
 * depth, and no name from input leaves its root.
 */
import { mkdtemp, mkdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
	copyInside,
	isFileInside,
	isSafeRelativePath,
	readInside,
	removeInside,
	UnsafePathError,
	walkInside,
	walkInsideSync,
	writeInside,
} from '../../src/security/content-files.ts';

let root: string;
let outside: string;

beforeEach(async () => {
	const base = await mkdtemp(path.join(os.tmpdir(), 'glossa-safe-files-'));
	root = path.join(base, 'root');
	outside = path.join(base, 'outside');
	await mkdir(path.join(root, 'images/deep'), { recursive: true });
	await mkdir(outside, { recursive: true });
	await writeFile(path.join(outside, 'secret.txt'), 'outside');
	await writeFile(path.join(root, 'images/deep/own.txt'), 'inside');
	// A link to a file, a linked folder at the top and one deeper down.
	await symlink(path.join(outside, 'secret.txt'), path.join(root, 'images/file-link.txt'));
	await symlink(outside, path.join(root, 'linked'));
	await symlink(outside, path.join(root, 'images/deep/linked'));
});

afterEach(async () => {
	await rm(path.dirname(root), { recursive: true, force: true });
});

describe('names from input', () => {
	it.each(['../outside/secret.txt', 'images/../../outside/secret.txt', '/etc/passwd', 'C:/x', 'a\\..\\b', 'a//b', './a', 'a/.', '', 'a\0b', 'a/\nb'])(
		'refuses %j',
		(name) => {
			expect(isSafeRelativePath(name)).toBe(false);
			expect(isFileInside(root, name)).toBe(false);
		},
	);

	it('accepts plain relative names, non-ASCII ones included', () => {
		expect(isSafeRelativePath('images/café/100%.png')).toBe(true);
	});
});

describe('symbolic links at every depth', () => {
	it.each(['images/file-link.txt', 'linked/secret.txt', 'images/deep/linked/secret.txt'])('never reads %s', async (name) => {
		expect(isFileInside(root, name)).toBe(false);
		await expect(readInside(root, name)).rejects.toThrow(UnsafePathError);
		await expect(readInside(root, name)).rejects.toThrow(/symbolic link/);
	});

	it.each(['images/file-link.txt', 'linked/new.txt', 'images/deep/linked/new.txt'])('never writes through %s', async (name) => {
		await expect(writeInside(root, name, 'written')).rejects.toThrow(UnsafePathError);
		expect(await readFile(path.join(outside, 'secret.txt'), 'utf8')).toBe('outside');
		expect(existsSync(path.join(outside, 'new.txt'))).toBe(false);
	});

	it('never copies from outside through a link', async () => {
		await expect(copyInside({ root, file: 'linked/secret.txt' }, { root, file: 'images/copy.txt' })).rejects.toThrow(UnsafePathError);
		expect(existsSync(path.join(root, 'images/copy.txt'))).toBe(false);
	});

	it('removes a link as a link, and never what it points at', async () => {
		await removeInside(root, 'linked');
		await removeInside(root, 'images');
		expect(await readFile(path.join(outside, 'secret.txt'), 'utf8')).toBe('outside');
		await expect(removeInside(root, '../outside/secret.txt')).rejects.toThrow(UnsafePathError);
		expect(existsSync(path.join(outside, 'secret.txt'))).toBe(true);
	});

	it('walks a tree without following links, and lists them, with direct calls too', async () => {
		const expected = {
			files: ['images/deep/own.txt'],
			folders: ['images', 'images/deep'],
			links: ['images/deep/linked', 'images/file-link.txt', 'linked'],
			special: [],
		};
		expect(await walkInside(root)).toEqual(expected);
		expect(walkInsideSync(root)).toEqual(expected);
		expect(walkInsideSync(root, 'images')).toEqual({ files: ['deep/own.txt'], folders: ['deep'], links: ['deep/linked', 'file-link.txt'], special: [] });
		expect(() => walkInsideSync(root, 'linked')).toThrow(UnsafePathError);
	});

	it('reads, writes and copies plain files', async () => {
		await writeInside(root, 'new/folder/file.txt', 'hello');
		await copyInside({ root, file: 'new/folder/file.txt' }, { root, file: 'copied/file.txt' }, { exclusive: true });
		expect((await readInside(root, 'copied/file.txt')).toString()).toBe('hello');
		await expect(copyInside({ root, file: 'new/folder/file.txt' }, { root, file: 'copied/file.txt' }, { exclusive: true })).rejects.toThrow(/EEXIST/);
		await expect(readInside(root, 'copied/file.txt', { maxBytes: 2 })).rejects.toThrow(/over the 2-byte limit/);
	});
});

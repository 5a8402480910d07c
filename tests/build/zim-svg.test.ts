/**
 * kiwix-serve sends no Content-Security-Policy, so the ZIM writer itself lets only sanitized SVG in, even
 * from a pack made before SVGs were sanitized (or changed by hand): a pack with a hostile SVG gives a ZIM
 * whose SVG has no script, handler or reference to another site, and whose page is still there.
 */
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeZim } from '../../src/offline/zim.ts';
import { projectRoot } from '../support/paths.ts';

let folder: string;
let zim: string;

beforeAll(async () => {
	folder = await mkdtemp(path.join(os.tmpdir(), 'glossa-zim-svg-'));
	zim = path.join(folder, 'test.zim');
	const pack = zipSync({
		'en/index.html': Buffer.from(
			'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Home</title></head><body><img src="../kite.svg" alt="Kite"></body></html>',
		),
		'kite.svg': Buffer.from(
			'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 8 8" onload="alert(1)"><script>alert(2)</script><image href="https://evil.example/x.png"/><circle r="4" cx="4" cy="4"/></svg>',
		),
		'broken.svg': Buffer.from('not an svg <'),
	});
	await writeZim({
		pack,
		welcome: 'en/index.html',
		icon: path.join(projectRoot, 'public/favicon.svg'),
		metadata: {
			name: 'test_en_all',
			title: 'Test',
			description: 'A test ZIM',
			language: 'eng',
			creator: 'Kitebird',
			publisher: 'Kitebird',
			tags: '_category:education',
			source: 'https://glossa.example.org/en/',
		},
		out: zim,
	});
}, 120_000);

afterAll(async () => {
	await rm(folder, { recursive: true, force: true });
});

describe('a ZIM made from a pack with a hostile SVG', () => {
	it('holds the SVG sanitized, and the page', () => {
		const svg = execFileSync('zimdump', ['show', '--url=kite.svg', zim], { encoding: 'utf8' });
		expect(svg).toContain('<circle');
		for (const forbidden of ['<script', 'onload', 'evil.example']) expect(svg).not.toContain(forbidden);
		expect(execFileSync('zimdump', ['show', '--url=en/index.html', zim], { encoding: 'utf8' })).toContain('Kite');
	});

	it('leaves out an SVG that is not an SVG document', () => {
		expect(execFileSync('zimdump', ['list', zim], { encoding: 'utf8' })).not.toContain('broken.svg');
	});
});

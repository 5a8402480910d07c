/**
 * `npm run classroom` at start: an `apply` killed after any of its renames (a power cut in a school) is
 * finished or rolled back before the packs are read, so no language answers 404; and the server leaves
 * nothing in its temporary folder, while it runs or after it is stopped.
 */
import { spawn } from 'node:child_process';
import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { cp } from 'node:fs/promises';
import * as cheerio from 'cheerio';
import { describe, expect, it } from 'vitest';
import { makeUpdate, MANIFEST_FILE, manifestBytes, packManifest } from '../../src/offline/pack-update.ts';
import { startClassroom } from '../support/browser.ts';
import { demoPacks, projectRoot, tmpRoot } from '../support/paths.ts';
import { englishPackFiles, writePackFolder } from '../support/served-copies.ts';

const ABOUT = 'en/about/index.html';

/** `npm run classroom -- apply`, stopped dead (SIGKILL) right after its `renames`th rename. */
function applyDyingAfter(renames: number, update: string, folder: string): Promise<number | NodeJS.Signals | null> {
	const child = spawn(
		process.execPath,
		['--import', path.join(projectRoot, 'tests/support/die-after-renames.ts'), path.join(projectRoot, 'scripts/offline/classroom.ts'), 'apply', update, folder],
		{ cwd: projectRoot, env: { ...process.env, GLOSSA_DIE_AFTER_RENAMES: String(renames) }, stdio: 'ignore' },
	);
	return new Promise((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal)));
}

describe('npm run classroom at start', () => {
	it('finishes an apply killed after any of its renames, so English still answers', async () => {
		const work = path.join(tmpRoot, 'classroom-interrupted');
		await rm(work, { recursive: true, force: true });
		await mkdir(work, { recursive: true });
		const oldFiles = await englishPackFiles();
		const oldManifest = packManifest(oldFiles, 'en');
		// The new pack: one page changed.
		const $ = cheerio.load(Buffer.from(oldFiles.get(ABOUT)!).toString('utf8'));
		$('main').append('<p>Added by the update.</p>');
		const newFiles = new Map(oldFiles).set(ABOUT, Buffer.from($.html()));
		const update = path.join(work, 'update.zip');
		await writeFile(update, makeUpdate(oldManifest, new Map(newFiles).set(MANIFEST_FILE, manifestBytes(packManifest(newFiles, 'en')))).zip);

		let killed = 0;
		for (let renames = 1; ; renames++) {
			const packs = path.join(work, `packs-${renames}`);
			await writePackFolder(path.join(packs, 'en'), 'en', oldFiles);
			await cp(path.join(demoPacks, 'th.zip'), path.join(packs, 'th.zip'));
			const outcome = await applyDyingAfter(renames, update, path.join(packs, 'en'));
			if (outcome === 0) break; // the apply did all its renames
			expect(outcome).toBe('SIGKILL');
			killed++;
			const classroom = await startClassroom(packs);
			try {
				const page = await fetch(`${classroom.url}/${ABOUT}`);
				expect(page.status, `killed after rename ${renames}:\n${classroom.output}`).toBe(200);
				expect(pagesOf(await page.text())).toBeOneOf([pagesOf(Buffer.from(oldFiles.get(ABOUT)!).toString('utf8')), pagesOf($.html())]);
				expect(classroom.output).toContain('Classroom server: en, th');
			} finally {
				await classroom.stop();
			}
		}
		// The apply was killed at least once between its first rename and its last.
		expect(killed).toBeGreaterThan(0);
	});

	it('leaves no copy of the packs in TMPDIR, while it runs or after SIGTERM', async () => {
		const tmp = path.join(tmpRoot, 'classroom-tmpdir');
		await rm(tmp, { recursive: true, force: true });
		await mkdir(tmp, { recursive: true });
		const classroom = await startClassroom(demoPacks, { env: { TMPDIR: tmp } });
		try {
			expect((await fetch(`${classroom.url}/th/index.html`)).status).toBe(200);
			expect(await readdir(tmp)).toEqual([]);
		} finally {
			await classroom.stop();
		}
		expect(await classroom.exited).toBe(0);
		expect(await readdir(tmp)).toEqual([]);
	});
});

/** A page's text, to tell the old and the new one apart. */
function pagesOf(html: string): string {
	return cheerio.load(html)('main').text();
}

/**
 * Kiwix ZIMs of the demo, made with the real zimwriterfs and checked with the real zimcheck (Debian's
 * zim-tools): every check passes, the metadata follows openZIM's rules, and the site offers each ZIM.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { locales } from '../../src/i18n/locales.ts';
import { loadPage } from '../support/site.ts';
import { demoDist, projectRoot } from '../support/paths.ts';
import { runScriptWithEnv } from '../support/run-script.ts';
import { makeZims, type ZimFixture } from '../support/zims.ts';

let zims: ZimFixture;
// Every locale, listed or preview.
const LOCALES = locales.all.map((locale) => locale.tag);

beforeAll(async () => {
	zims = await makeZims('zim', LOCALES);
}, 300_000);

describe('npm run offline -- --format zim', () => {
	it('writes one ZIM per locale, each with its size next to the zip pack’s', () => {
		expect(zims.code, zims.output).toBe(0);
		for (const segment of locales.all.map((locale) => locale.segment)) {
			expect(existsSync(path.join(zims.out, `kitebird_${segment}_all.zim`)), segment).toBe(true);
			expect(zims.output).toMatch(new RegExp(`kitebird_${segment}_all\\.zim {2}[\\d.]+ (?:kB|MB) \\(the zip pack: [\\d.]+ (?:kB|MB)\\)`));
		}
	});

	it.each(LOCALES)('%s: zimcheck -A reports no error', (tag) => {
		const zim = path.join(zims.out, `kitebird_${tag.toLowerCase()}_all.zim`);
		const result = spawnSync('zimcheck', ['-A', '--json', zim], { encoding: 'utf8' });
		const report = JSON.parse(result.stdout) as { status: boolean; logs: { level?: string; message?: string }[]; checks: string[] };
		expect(report.checks).toEqual(expect.arrayContaining(['checksum', 'integrity', 'metadata', 'favicon', 'main_page', 'url_internal', 'url_external']));
		expect(report.logs.filter((log) => log.level === 'ERROR')).toEqual([]);
		expect(report.status, result.stdout).toBe(true);
	});

	it('opens on the locale’s home page, with the 48×48 illustration', () => {
		const info = execFileSync('zimdump', ['info', path.join(zims.out, 'kitebird_ar_all.zim')], { encoding: 'utf8' });
		expect(info).toMatch(/main page: ar\/index\.html/);
		expect(info).toMatch(/favicon: Illustration_48x48@1/);
	});

	it('offers the ZIM beside the zip on the offline-access page, with its size and what it is for', () => {
		const $ = loadPage(zims.dist, '/es-419/offline-access/');
		expect($('[data-zim]').attr('hidden')).toBeUndefined();
		expect($('[data-zim-link]').attr('href')).toBe('/offline/kitebird_es-419_all.zim');
		expect($('[data-zim-details]').text()).toMatch(/[\d.,]+ (?:kB|MB)/);
		expect(Number($('[data-zim-details]').attr('data-zim-bytes'))).toBeGreaterThan(10_000);
		expect(existsSync(path.join(zims.dist, 'offline/kitebird_es-419_all.zim'))).toBe(true);
		// The site's own build, before any ZIM is made, keeps the offer hidden, so no link leads nowhere.
		expect(loadPage(demoDist, '/pl/offline-access/')('[data-zim]').attr('hidden')).toBeDefined();
	});

	it('stops with a clear error naming the Debian package when zimwriterfs is missing', async () => {
		const result = await runScriptWithEnv(projectRoot, 'scripts/offline/cli.ts', ['--format', 'zim', '--locale', 'ar', '--dir', zims.dist, '--out', zims.out], {
			PATH: path.dirname(process.execPath),
		});
		expect(result.code).toBe(1);
		expect(result.output).toContain('zimwriterfs is not installed: install Debian\'s "zim-tools" package');
	});
});

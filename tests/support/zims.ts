import { cp, mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { demoDist, demoPacks, tmpRoot } from './paths.ts';
import { runScript } from './run-script.ts';
import { projectRoot } from './paths.ts';

export interface ZimFixture {
	/** A copy of the demo build: the ZIM command offers the ZIMs on its pages. */
	dist: string;
	out: string;
	output: string;
	code: number | null;
}

/**
 * Runs `npm run offline -- --format zim` for `locales` on a copy of a build and its packs (the demo's
 * unless given).
 */
export async function makeZims(name: string, locales: readonly string[], from = { dist: demoDist, packs: demoPacks }): Promise<ZimFixture> {
	const dist = path.join(tmpRoot, `${name}-dist`);
	const out = path.join(tmpRoot, `${name}-offline`);
	await rm(dist, { recursive: true, force: true });
	await rm(out, { recursive: true, force: true });
	await cp(from.dist, dist, { recursive: true });
	await mkdir(out, { recursive: true });
	await cp(from.packs, out, { recursive: true });
	const args = ['--format', 'zim', ...locales.flatMap((tag) => ['--locale', tag]), '--dir', dist, '--out', out];
	const { code, output } = await runScript(projectRoot, 'scripts/offline/cli.ts', args);
	return { dist, out, output, code };
}

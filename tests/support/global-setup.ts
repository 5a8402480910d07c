import { spawnSync } from 'node:child_process';
import { rm, mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { astroBuild } from './astro-build.ts';
import { demoDist, demoPacks, projectRoot, tmpRoot } from './paths.ts';

/** Builds the demo site once for the build and browser tests (skipped when only unit tests run). */
export default async function setup(project: TestProject) {
	const names = new Set(project.vitest.projects.map((candidate) => candidate.name));
	const filters = project.vitest.config.project ?? [];
	const needsSite = filters.length === 0 ? names.has('build') || names.has('browser') : filters.some((name) => name !== 'unit');
	if (!needsSite) return;
	await rm(demoDist, { recursive: true, force: true });
	await rm(demoPacks, { recursive: true, force: true });
	await mkdir(tmpRoot, { recursive: true });
	const result = await astroBuild(projectRoot, demoDist);
	await writeFile(path.join(tmpRoot, 'demo-build.log'), result.output);
	if (result.code !== 0) throw new Error(`astro build of the demo failed:\n${result.output}`);
	const packed = spawnSync(process.execPath, [path.join(projectRoot, 'scripts/offline/cli.ts'), '--dir', demoDist, '--out', demoPacks], {
		cwd: projectRoot,
		encoding: 'utf8',
	});
	await writeFile(path.join(tmpRoot, 'demo-offline.log'), `${packed.stdout}${packed.stderr}`);
	if (packed.status !== 0) throw new Error(`the offline packs of the demo failed:\n${packed.stdout}${packed.stderr}`);
}

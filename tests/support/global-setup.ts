import { rm, mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { compileCacheEnvironment } from '../../src/build/compile-cache.ts';
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
	// `astro build` as `npm run build` runs it (with Node's compile cache): its integrations write the search
	// index, the packs and the service worker. The reproducible build's copy is built without that cache.
	const result = await astroBuild(projectRoot, demoDist, { ...compileCacheEnvironment(projectRoot), GLOSSA_OFFLINE_DIR: demoPacks });
	await writeFile(path.join(tmpRoot, 'demo-build.log'), result.output);
	if (result.code !== 0) throw new Error(`astro build of the demo failed:\n${result.output}`);
}

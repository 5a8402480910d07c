import { existsSync } from 'node:fs';
import { cp, mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { projectRoot, tmpRoot } from './paths.ts';

const PROJECT_FILES = ['src', 'content', 'locales', 'public', 'scripts', 'astro.config.mjs', 'crowdin.config.ts', 'tsconfig.json', 'package.json'];

/**
 * A copy of the project under tests/.tmp (so node_modules resolves from the real project), for builds
 * that change content without touching the demo.
 */
export async function createFixtureProject(name: string, files: Record<string, string | Uint8Array>): Promise<string> {
	const root = path.join(tmpRoot, name);
	await rm(root, { recursive: true, force: true });
	await mkdir(root, { recursive: true });
	for (const entry of [...PROJECT_FILES, 'translation-state.json']) {
		if (existsSync(path.join(projectRoot, entry))) await cp(path.join(projectRoot, entry), path.join(root, entry), { recursive: true });
	}
	for (const [file, text] of Object.entries(files)) {
		await mkdir(path.dirname(path.join(root, file)), { recursive: true });
		await writeFile(path.join(root, file), text);
	}
	return root;
}

import { spawn, type ChildProcess } from 'node:child_process';
import { appendFile, open } from 'node:fs/promises';
import path from 'node:path';
import { load } from 'cheerio';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createFixtureProject } from '../support/fixture-project.ts';
import { projectRoot } from '../support/paths.ts';

const PORT = 4391;
let root: string;
let server: ChildProcess;
let output = '';

async function page(urlPath: string) {
	const response = await fetch(`http://127.0.0.1:${PORT}${urlPath}`);
	return { status: response.status, $: load(await response.text()) };
}

/** Retries `check` until it passes: the dev server re-syncs content on its own schedule. */
const eventually = (check: () => Promise<void>, timeout = 15_000) => vi.waitFor(check, { timeout, interval: 250 });

beforeAll(async () => {
	root = await createFixtureProject('dev-preview', {});
	server = spawn(process.execPath, [path.join(projectRoot, 'node_modules/astro/bin/astro.mjs'), 'dev', '--port', String(PORT), '--host', '127.0.0.1'], {
		cwd: root,
		// As an editor runs it: without the test runner's NODE_ENV=test and VITEST* variables.
		env: {
			...Object.fromEntries(Object.entries(process.env).filter(([name]) => name !== 'NODE_ENV' && !name.startsWith('VITEST'))),
			ASTRO_TELEMETRY_DISABLED: '1',
			NO_COLOR: '1',
		},
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	server.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
	server.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
	await eventually(async () => {
		expect((await page('/en/values/')).status, output).toBe(200);
	}, 60_000);
}, 90_000);

afterAll(() => {
	server?.kill();
});

describe('astro dev (editor preview)', () => {
	it('shows an English edit as soon as the file is saved, in English and on fallback pages', async () => {
		await appendFile(path.join(root, 'content/en/stories/riverside-school.mdx'), '\n## Written during the preview\n\nA sentence saved a moment ago.\n');
		await eventually(async () => {
			const { $ } = await page('/en/stories/riverside-school/');
			expect($('article h2#written-during-the-preview').text(), output).toBe('Written during the preview');
		});
		await eventually(async () => {
			const { $ } = await page('/th/stories/riverside-school/');
			expect($('[data-notice=fallback]')).toHaveLength(1);
			expect($('article').text()).toContain('A sentence saved a moment ago.');
		});
	});

	it('falls back to English, with a warning, when a translation is saved broken', async () => {
		// Saved as editors save: the file is emptied first, then written, so the watcher may see it empty.
		const saved = await open(path.join(root, 'content/es-419/values.mdx'), 'w');
		await saved.sync();
		await new Promise((resolve) => setImmediate(resolve));
		await saved.writeFile('---\ntitle: Valores\ndescription: Lo que nos importa.\n---\n\n<Callout>\nsin cerrar\n');
		await saved.close();
		await eventually(async () => {
			const { status, $ } = await page('/es-419/values/');
			expect(status).toBe(200);
			expect($('[data-notice=fallback]')).toHaveLength(1);
			expect(output).toMatch(/content\/es-419\/values\.mdx:\d+:\d+: MDX does not compile/);
		});
	});
});

import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import { createServer } from 'node:net';
import path from 'node:path';
import { chromium, type Browser, type Request } from 'playwright-core';
import { afterAll, beforeAll, expect, vi } from 'vitest';
import { astroBuild } from './astro-build.ts';
import { createFixtureProject } from './fixture-project.ts';
import { demoDist, projectRoot } from './paths.ts';

/** Where browser tests leave their screenshots, to be looked at. */
export const screenshotsDir = path.join(projectRoot, 'test-results/screenshots');

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export function launchChromium(): Promise<Browser> {
	return chromium.launch({
		executablePath: CHROMIUM_PATH,
		args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
	});
}

export interface RunningServer {
	url: string;
	stop(): Promise<void>;
}

/** Starts the project's own static server (scripts/serve.ts) on a free loopback port. */
export function serveSite(dist: string, port = 0): Promise<RunningServer> {
	return new Promise((resolve, reject) => {
		const child: ChildProcess = spawn(process.execPath, [path.join(projectRoot, 'scripts/serve.ts'), '--dir', dist, '--port', String(port)], {
			cwd: projectRoot,
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		const exited = new Promise<void>((done) => child.once('exit', () => done()));
		let output = '';
		const onData = (chunk: Buffer) => {
			output += chunk.toString();
			const match = /on (http:\/\/[^\s]+?)\/?\s/.exec(output);
			if (match) {
				child.stdout?.off('data', onData);
				resolve({
					url: match[1]!,
					// Resolves also when the server has already stopped by itself.
					stop: () => {
						child.kill();
						return exited;
					},
				});
			}
		};
		child.stdout?.on('data', onData);
		child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
		child.once('exit', (code) => reject(new Error(`serve.ts exited with ${code}:\n${output}`)));
	});
}

/**
 * Chromium and a built site served on loopback, for the tests of one file: `dist` (run once, before them)
 * gives the site's folder; everything is stopped after them. Read `browser` and `url` inside tests (they
 * exist once the file's setup has run).
 */
function siteInChromium(dist: () => Promise<string>, setupTimeout?: number): { readonly browser: Browser; readonly url: string } {
	let browser: Browser | undefined;
	let server: RunningServer | undefined;
	beforeAll(async () => {
		const folder = await dist();
		await mkdir(screenshotsDir, { recursive: true });
		server = await serveSite(folder);
		browser = await launchChromium();
	}, setupTimeout);
	afterAll(async () => {
		await browser?.close();
		await server?.stop();
	});
	return {
		get browser() {
			return browser!;
		},
		get url() {
			return server!.url;
		},
	};
}

/** The built demo in Chromium (see `siteInChromium`). */
export function demoSiteInChromium(): { readonly browser: Browser; readonly url: string } {
	return siteInChromium(async () => demoDist);
}

/**
 * A fixture project (`createFixtureProject(name, files)`) built with `env` (no offline outputs unless asked)
 * and shown in Chromium (see `siteInChromium`); the build must pass.
 */
export function fixtureSiteInChromium(
	name: string,
	files: Record<string, string | Uint8Array>,
	env: Record<string, string> = { GLOSSA_OFFLINE: '0' },
): { readonly browser: Browser; readonly url: string } {
	return siteInChromium(async () => {
		const root = await createFixtureProject(name, files);
		const dist = path.join(root, 'dist');
		const build = await astroBuild(root, dist, env);
		expect(build.code, build.output).toBe(0);
		return dist;
	}, 600_000);
}

export interface VisitReport {
	/** Messages of dialogs the page opened (alert, confirm, prompt). */
	dialogs: string[];
	/** Requests the page made that `allowed` refused. */
	leaving: string[];
	/** Whether the page shows its body and some text in <main>. */
	visible: boolean;
}

/**
 * Opens `url` in a fresh context and reports dialogs, requests that leave `allowed`, and whether the page shows.
 * No fixed wait: after `load` it waits two animation frames (the requests that style and layout start after
 * `load`, fonts and backgrounds, have begun by then) and until every allowed request has ended, and again
 * until a round starts no new request. A request that leaves `allowed` is reported whether it ends or not.
 * The page's own resource timings are read too, so a request whose browser event came late still counts.
 */
export async function visitWatchingRequests(browser: Browser, url: string, allowed: (request: string) => boolean): Promise<VisitReport> {
	const context = await browser.newContext({ serviceWorkers: 'block' });
	try {
		const tab = await context.newPage();
		const dialogs: string[] = [];
		const leaving = new Set<string>();
		const pending = new Set<Request>();
		let requests = 0;
		tab.on('dialog', (dialog) => {
			dialogs.push(dialog.message());
			void dialog.dismiss();
		});
		tab.on('request', (request) => {
			requests++;
			if (allowed(request.url())) pending.add(request);
			else leaving.add(request.url());
		});
		tab.on('requestfinished', (request) => pending.delete(request));
		tab.on('requestfailed', (request) => pending.delete(request));
		await tab.goto(url, { waitUntil: 'load' });
		for (let seen = -1; seen !== requests;) {
			seen = requests;
			await tab.evaluate(() => new Promise<void>((settled) => requestAnimationFrame(() => requestAnimationFrame(() => settled()))));
			await expect.poll(() => [...pending].map((request) => request.url()), { timeout: 15_000, interval: 20 }).toEqual([]);
		}
		const timed = await tab.evaluate(() => performance.getEntriesByType('resource').map((entry) => entry.name));
		for (const name of timed) if (!allowed(name)) leaving.add(name);
		const visible = await tab.evaluate(
			() => getComputedStyle(document.body).display !== 'none' && (document.querySelector('main')?.textContent ?? '').trim().length > 0,
		);
		return { dialogs, leaving: [...leaving], visible };
	} finally {
		await context.close();
	}
}

function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const server = createServer();
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address() as { port: number };
			server.close(() => resolve(port));
		});
		server.on('error', reject);
	});
}

/** The real kiwix-serve (Debian's kiwix-tools) serving `zims` on a free loopback port, once its catalog answers. */
export async function startKiwixServe(zims: readonly string[]): Promise<RunningServer> {
	const port = await freePort();
	const url = `http://127.0.0.1:${port}`;
	const kiwix = spawn('kiwix-serve', ['--address', '127.0.0.1', '--port', String(port), ...zims], { stdio: 'ignore' });
	await vi.waitFor(
		async () => {
			if (!(await fetch(`${url}/catalog/v2/entries`)).ok) throw new Error('kiwix-serve did not start');
		},
		{ timeout: 5_000, interval: 100 },
	);
	return {
		url,
		stop: () =>
			new Promise((done) => {
				kiwix.once('exit', () => done());
				kiwix.kill();
			}),
	};
}

/**
 * `npm run classroom` over the packs in `packs`, on a free loopback port; `output` is what it has printed,
 * `exited` its exit code (or signal) once it stops. `env` is added to the test's environment.
 */
export async function startClassroom(
	packs: string,
	{ env = {} }: { env?: NodeJS.ProcessEnv } = {},
): Promise<RunningServer & { readonly output: string; readonly exited: Promise<number | NodeJS.Signals | null> }> {
	const server = spawn(process.execPath, [path.join(projectRoot, 'scripts/offline/classroom.ts'), '--port', '0', '--packs', packs], {
		cwd: projectRoot,
		env: { ...process.env, ...env },
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	const exited = new Promise<number | NodeJS.Signals | null>((resolve) => server.once('exit', (code, signal) => resolve(code ?? signal)));
	let output = '';
	server.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
	server.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
	await vi.waitFor(
		() => {
			if (server.exitCode !== null || !/http:\/\/127\.0\.0\.1:(\d+)\//.test(output)) throw new Error(`the classroom server did not start:\n${output}`);
		},
		{ timeout: 10_000, interval: 100 },
	);
	return {
		url: /(http:\/\/127\.0\.0\.1:\d+)\//.exec(output)![1]!,
		get output() {
			return output;
		},
		exited,
		stop: async () => {
			server.kill();
			await exited;
		},
	};
}

import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
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
		let output = '';
		const onData = (chunk: Buffer) => {
			output += chunk.toString();
			const match = /on (http:\/\/[^\s]+?)\/?\s/.exec(output);
			if (match) {
				child.stdout?.off('data', onData);
				resolve({
					url: match[1]!,
					stop: () =>
						new Promise((done) => {
							child.once('exit', () => done());
							child.kill();
						}),
				});
			}
		};
		child.stdout?.on('data', onData);
		child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
		child.once('exit', (code) => reject(new Error(`serve.ts exited with ${code}:\n${output}`)));
	});
}

/**
 * Chromium and the built demo served on loopback, for the tests of one file: started before them and
 * stopped after. Read `browser` and `url` inside tests (they exist once the file's setup has run).
 */
export function demoSiteInChromium(): { readonly browser: Browser; readonly url: string } {
	let browser: Browser | undefined;
	let server: RunningServer | undefined;
	beforeAll(async () => {
		await mkdir(screenshotsDir, { recursive: true });
		server = await serveSite(demoDist);
		browser = await launchChromium();
	});
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

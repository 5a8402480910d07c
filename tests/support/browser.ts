import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { projectRoot } from './paths.ts';

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

import { spawn } from 'node:child_process';
import path from 'node:path';
import type { CrowdinEmulator } from '../crowdin-emulator/server.ts';

export interface CliResult {
	code: number | null;
	signal: NodeJS.Signals | null;
	output: string;
}

/** Runs the project's real `crowdin` CLI (scripts/crowdin/cli.ts) in `root`, pointed at the emulator. */
export function runCrowdin(root: string, emulator: CrowdinEmulator | undefined, args: string[], env: Record<string, string> = {}): Promise<CliResult> {
	return new Promise((resolve, reject) => {
		const child = spawn(process.execPath, [path.join(root, 'scripts/crowdin/cli.ts'), ...args], {
			cwd: root,
			env: {
				PATH: process.env.PATH ?? '',
				HOME: process.env.HOME ?? '',
				NO_PROXY: '127.0.0.1,localhost',
				no_proxy: '127.0.0.1,localhost',
				...(emulator ? { CROWDIN_TOKEN: emulator.token, CROWDIN_PROJECT_ID: String(emulator.projectId), CROWDIN_BASE_URL: emulator.apiUrl } : {}),
				CROWDIN_RETRY_BASE_MS: '20',
				CROWDIN_BUILD_POLL_MS: '20',
				CROWDIN_BUILD_TIMEOUT_MS: '2000',
				CROWDIN_MAX_RETRY_AFTER_MS: '3000',
				...env,
			},
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		let output = '';
		child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
		child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
		child.on('error', reject);
		child.on('close', (code, signal) => resolve({ code, signal, output }));
	});
}

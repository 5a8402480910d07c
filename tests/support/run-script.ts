import { spawn } from 'node:child_process';
import path from 'node:path';

/** Runs one of the project's scripts (e.g. scripts/i18n/cli.ts) in `root`, as `npm run` would. */
export function runScript(root: string, script: string, args: string[]): Promise<{ code: number | null; output: string }> {
	return runScriptWithEnv(root, script, args, {});
}

/** The same, with some environment variables set (or replaced, such as PATH). */
export function runScriptWithEnv(root: string, script: string, args: string[], env: Record<string, string>): Promise<{ code: number | null; output: string }> {
	return new Promise((resolve, reject) => {
		const child = spawn(process.execPath, [path.join(root, script), ...args], {
			cwd: root,
			env: { ...process.env, ...env },
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		let output = '';
		child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
		child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
		child.on('error', reject);
		child.on('close', (code) => resolve({ code, output }));
	});
}

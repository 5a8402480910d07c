/** Progress and summaries: one line per step, so long runs show they are alive and logs stay readable. */
export interface Output {
	info(message: string): void;
	warn(message: string): void;
	progress(done: number, total: number, message: string): void;
}

export function consoleOutput(quiet = false): Output {
	return {
		info: (message) => console.log(message),
		warn: (message) => console.error(`warning: ${message}`),
		progress: (done, total, message) => {
			if (!quiet) console.log(`  [${String(done).padStart(String(total).length)}/${total}] ${message}`);
		},
	};
}

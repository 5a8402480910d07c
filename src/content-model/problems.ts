/** A problem found in a content file, reported as `file:line:column: message`. */
export interface ContentProblem {
	/** Path relative to the project root, with forward slashes. */
	file: string;
	line?: number | undefined;
	column?: number | undefined;
	message: string;
}

export function formatProblem(problem: ContentProblem): string {
	const position = problem.line ? `:${problem.line}${problem.column ? `:${problem.column}` : ''}` : '';
	return `${problem.file}${position}: ${problem.message}`;
}

/**
 * What a translated subtitle file (`content/videos/<name>.<tag>.vtt`) must be before the download writes it:
 * WebVTT the site can publish (`readSubtitles`), with the English file's cues at the English file's timings.
 * Crowdin translates cue texts and keeps the timings, so a file whose cues differ was not made from this
 * English: written, it would show lines at the wrong moments. Markup the site leaves out is only warned about:
 * the site publishes the file written again from its cues (src/security/subtitles.ts).
 */
import { formatProblem } from '../../src/content-model/problems.ts';
import { readSubtitles, type Subtitles } from '../../src/security/subtitles.ts';

export interface SubtitlesVerdict {
	/** Why the file is refused (`file:line: message`); empty when it may be written. */
	problems: string[];
	/** Written, with what the site leaves out (`file:line: message`). */
	warnings: string[];
}

/** 61.5 → `00:01:01.500`, as WebVTT writes a time. */
function timestamp(seconds: number): string {
	const milliseconds = Math.round(seconds * 1000);
	const pad = (value: number, width = 2) => String(value).padStart(width, '0');
	return `${pad(Math.floor(milliseconds / 3_600_000))}:${pad(Math.floor(milliseconds / 60_000) % 60)}:${pad(Math.floor(milliseconds / 1000) % 60)}.${pad(milliseconds % 1000, 3)}`;
}

const timing = (cue: Subtitles['timings'][number]) => `${timestamp(cue.start)} --> ${timestamp(cue.end)}`;

/** What keeps a translated subtitle file from being written, and what the site will leave out of it. */
export function subtitlesTranslationVerdict(target: string, text: string, sourcePath: string, english: string): SubtitlesVerdict {
	// Each file read once, by the reader the site publishes with: its cues' timings and lines come with it.
	const read = readSubtitles(target, text);
	if (read.published === undefined)
		return {
			problems: read.problems
				.filter((problem) => problem.severity === 'error')
				.map((problem) => `${formatProblem(problem)}; the file in place is kept: correct the translation in Crowdin, or upload it there again as WebVTT`),
			warnings: [],
		};
	const translated = read.timings;
	const source = readSubtitles(sourcePath, english).timings;
	// Retimed English that was not uploaded is the usual cause; a file edited outside Crowdin's cues the other.
	const fix = `Crowdin keeps the timings of the English it has, so upload ${sourcePath} again (npm run crowdin -- upload) if it was retimed, or correct the translation in Crowdin; the file in place is kept`;
	for (let index = 0; index < Math.min(translated.length, source.length); index++) {
		const [cue, original] = [translated[index]!, source[index]!];
		if (cue.start !== original.start || cue.end !== original.end)
			return {
				problems: [
					`${target}:${cue.line ?? 1}: cue ${index + 1} is timed ${timing(cue)}, but ${sourcePath}:${original.line ?? 1} has ${timing(original)}. ${fix}`,
				],
				warnings: [],
			};
	}
	if (translated.length !== source.length) {
		const extra = translated.length > source.length;
		const line = extra ? (translated[source.length]?.line ?? 1) : text.split(/\r\n|\r|\n/).length;
		const missing = extra ? '' : ` (the first missing is cue ${translated.length + 1}, ${sourcePath}:${source[translated.length]?.line ?? 1})`;
		return {
			problems: [`${target}:${line}: has ${translated.length} cues, but ${sourcePath} has ${source.length}${missing}. ${fix}`],
			warnings: [],
		};
	}
	return { problems: [], warnings: read.problems.map(formatProblem) };
}

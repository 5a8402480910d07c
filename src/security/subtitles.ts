/**
 * Subtitles (`content/videos/<name>.<tag>.vtt`) as the site publishes them: parsed with the W3C's WebVTT
 * parser (`webvtt-parser`) and written again from its tree, so a published file holds only cues (timings,
 * settings, text) and the cue spans WebVTT defines (`<b>`, `<i>`, `<u>`, `<c.class>`, `<v name>`, `<lang>`,
 * `<ruby>`, `<rt>`, timestamps). Anything else a file carries (HTML tags, `STYLE` and `REGION` blocks,
 * notes) is left out with a warning naming file and line: translations come from volunteers through
 * Crowdin, and a browser shows cue text inside the page's video.
 */
// A CommonJS module: its classes are properties of the default export.
import webvtt, { type Cue } from 'webvtt-parser';
import entities from 'webvtt-parser/html-entities.json' with { type: 'json' };
import type { ContentProblem } from '../content-model/problems.ts';

/** The cue spans WebVTT defines: what the parser builds a tree from (and all the serializer writes). */
const CUE_SPANS = new Set(['c', 'i', 'b', 'u', 'ruby', 'rt', 'v', 'lang']);
/** A tag as a cue's text writes it (`<b>`, `</script>`, `<img src=x>`); timestamps (`<00:01.000>`) start with a digit. */
const TAG = /<\/?([a-zA-Z][\w-]*)/g;
/** The largest subtitle file read: a two-hour film's subtitles are under 200 KB. */
export const MAX_SUBTITLE_BYTES = 2 * 1024 * 1024;

export interface Subtitles {
	/** The file as the site publishes it; undefined when it cannot be read as WebVTT at all. */
	published: string | undefined;
	cues: number;
	/** The words of its cues, for progress figures. */
	words: number;
	/** Each cue's timing (seconds) and the line it is on, in order: what a translation must keep. */
	timings: { start: number; end: number; line: number | undefined }[];
	/** What was wrong, with file and line: `error` when nothing could be published, else warnings. */
	problems: (ContentProblem & { severity: 'error' | 'warning' })[];
}

/** The line each cue's timing is on, in order: the parser keeps no positions. */
function timingLines(text: string): number[] {
	return text.split(/\r\n|\r|\n/).flatMap((line, index) => (line.includes('-->') ? [index + 1] : []));
}

function cueWords(cue: Cue): number {
	return (
		cue.text
			// A tag holds no `<`: each `<` starts one scan that ends at the next (`<<<<…` was quadratic).
			.replace(/<[^<>]*>/g, ' ')
			.split(/\s+/)
			.filter((word) => /\p{L}|\p{N}/u.test(word)).length
	);
}

/** Parses `text` (the file `file`, project-relative) and writes it again from the parsed cues only. */
export function readSubtitles(file: string, text: string): Subtitles {
	const problems: Subtitles['problems'] = [];
	if (Buffer.byteLength(text) > MAX_SUBTITLE_BYTES)
		return {
			published: undefined,
			cues: 0,
			words: 0,
			timings: [],
			problems: [{ file, severity: 'error', message: `is larger than ${MAX_SUBTITLE_BYTES / 1024 / 1024} MB; subtitles are text, split the video` }],
		};
	const body = text.replace(/^\uFEFF/, '');
	if (!/^WEBVTT(?:[ \t]|\r?\n|$)/.test(body))
		return {
			published: undefined,
			cues: 0,
			words: 0,
			timings: [],
			problems: [{ file, line: 1, severity: 'error', message: 'is not a WebVTT file: its first line must be "WEBVTT" (save it as WebVTT, not SRT)' }],
		};
	const parsed = new webvtt.WebVTTParser(entities).parse(body, 'metadata');
	for (const error of parsed.errors)
		problems.push({ file, line: error.line, severity: 'warning', message: `${error.message} (the cue is published as the parser read it)` });
	if (parsed.styles.length > 0)
		problems.push({ file, severity: 'warning', message: 'STYLE blocks are left out: the site styles its captions; remove them from the file' });
	const lines = timingLines(body);
	parsed.cues.forEach((cue, index) => {
		const unknown = [...cue.text.matchAll(TAG)].map((match) => match[1]!.toLowerCase()).filter((name) => !CUE_SPANS.has(name));
		if (unknown.length > 0)
			problems.push({
				file,
				line: lines[index],
				severity: 'warning',
				message: `<${[...new Set(unknown)].join('>, <')}> is not subtitle markup and is left out; subtitles may use <b>, <i>, <u>, <c>, <v>, <lang>, <ruby> only`,
			});
	});
	// An empty id would be written as an empty line before the timing; no id is the same cue.
	const cues = parsed.cues.map((cue) => (cue.id === '' ? { ...cue, id: undefined } : cue));
	return {
		published: new webvtt.WebVTTSerializer().serialize(cues),
		cues: cues.length,
		words: parsed.cues.reduce((sum, cue) => sum + cueWords(cue), 0),
		timings: parsed.cues.map((cue, index) => ({ start: cue.startTime, end: cue.endTime, line: lines[index] })),
		problems,
	};
}

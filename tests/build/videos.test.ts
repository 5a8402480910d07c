/**
 * Video in a real build (issue 27): each form content writes becomes the player the page prints; another
 * host's iframe, a `javascript:` poster and markup in subtitles are refused with file and line, once; a
 * frame is allowed only on the page with a hosted video; the offline pack carries the video and its
 * subtitles and counts them on the offline-access page, and `npm run offline -- --no-video` leaves them out.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { astroBuild, type BuildResult } from '../support/astro-build.ts';
import { createFixtureProject } from '../support/fixture-project.ts';
import { readPack } from '../support/packs.ts';
import { runScript } from '../support/run-script.ts';
import { builtPages, loadPage } from '../support/site.ts';
import { OTHER_HOST, videoFixtureFiles, YOUTUBE_ID } from '../support/video-fixture.ts';
import { readSubtitles } from '../../src/security/subtitles.ts';

let root: string;
let build: BuildResult;
const dist = () => path.join(root, 'dist');
const offline = () => path.join(root, 'dist-offline');

beforeAll(async () => {
	root = await createFixtureProject('videos', {
		...videoFixtureFiles,
		// A translation that points the YouTube video elsewhere: refused, its page shows English.
		'content/pt-BR/how-to.md': (videoFixtureFiles['content/es-419/how-to.md'] as string).replace(YOUTUBE_ID, 'zzzzzzzzzzz'),
	});
	build = await astroBuild(root, dist(), { GLOSSA_OFFLINE_DIR: offline() });
}, 600_000);

const policyOf = (url: string) => loadPage(dist(), url)('meta[http-equiv="content-security-policy"]').attr('content') ?? '';
const occurrences = (text: string, part: string) => text.split(part).length - 1;

describe('videos in a build', () => {
	it('builds, naming each refused thing with its file and line, once', () => {
		expect(build.code, build.output).toBe(0);
		expect(build.output).toMatch(/content\/ar\/lesson\.mdx:8:1: <Video> poster: is not the path of an image of the site/);
		expect(build.output).toMatch(/content\/en\/how-to\.md:14:1: <iframe> is not allowed in content; it is left out of the page/);
		expect(build.output).toMatch(
			/content\/pt-BR\/how-to\.md:\d+:\d+: link target "https:\/\/www\.youtube\.com\/watch\?v=zzzzzzzzzzz" is not in the English source/,
		);
		expect(build.output).toMatch(/content\/videos\/lesson\.ar\.vtt:6: <script>, <img> is not subtitle markup and is left out/);
		expect(build.output).toMatch(/content\/videos\/lesson\.ar\.vtt:9: <iframe> is not subtitle markup/);
		// Once per file, not once per page or locale that shows the video.
		expect(occurrences(build.output, 'lesson.ar.vtt:6:')).toBe(1);
		expect(occurrences(build.output, 'lesson.ar.vtt: STYLE blocks are left out')).toBe(1);
	});

	it('prints a local video as the browser’s player with a track per language, the visitor’s preselected', async () => {
		for (const [url, preselected, caption] of [
			['/en/lesson/', 'en', 'Folding a kite in three steps'],
			['/es-419/lesson/', 'es-419', 'Cómo doblar un papalote en tres pasos'],
			// A fallback page (the Arabic translation was refused): English content, Arabic subtitles.
			['/ar/lesson/', 'ar', 'Folding a kite in three steps'],
		] as const) {
			const $ = loadPage(dist(), url);
			const video = $('figure.video[data-video="file"] video');
			expect(video.attr('controls'), url).toBeDefined();
			const source = video.find('source');
			expect(source.attr('type')).toBe('video/webm');
			expect(await readFile(path.join(dist(), source.attr('src')!))).toEqual(videoFixtureFiles['content/videos/lesson.webm']);
			const tracks = video
				.find('track')
				.map((_, track) => ({ lang: $(track).attr('srclang'), src: $(track).attr('src'), default: $(track).attr('default') !== undefined }))
				.get();
			expect(tracks.map((track) => track.lang)).toEqual(['ar', 'en', 'es-419']);
			expect(
				tracks.filter((track) => track.default).map((track) => track.lang),
				url,
			).toEqual([preselected]);
			expect($('figure.video figcaption').text()).toBe(caption);
			// The poster is the image pipeline's.
			expect(video.attr('poster')).toMatch(/^\/_astro\/lesson-poster\.[\w-]+\.png$/);
		}
	});

	it('publishes subtitles as WebVTT written again from their cues: no markup, no STYLE block', async () => {
		const $ = loadPage(dist(), '/en/lesson/');
		const arabic = $('track[srclang="ar"]').attr('src')!;
		expect(arabic).toMatch(/^\/subtitles\/lesson\.ar\.[0-9a-f]{10}\.vtt$/);
		const text = await readFile(path.join(dist(), arabic), 'utf8');
		for (const refused of ['<script', '<img', 'onerror', '<iframe', 'STYLE', '::cue', OTHER_HOST]) expect(text).not.toContain(refused);
		const read = readSubtitles('published.vtt', text);
		expect(read.problems).toEqual([]);
		expect(read.cues).toBe(2);
		expect(text).toContain('<b>اطوِ</b>');
		const spanish = await readFile(path.join(dist(), $('track[srclang="es-419"]').attr('src')!), 'utf8');
		expect(spanish).toContain('Dobla el papel por la mitad.');
	});

	it('prints a YouTube iframe as a poster and play link that loads nothing, and drops any other iframe', async () => {
		const $ = loadPage(dist(), '/en/how-to/');
		const figure = $('h2#1-watch-this-how-to-video + figure.video[data-video="hosted"]');
		expect(figure).toHaveLength(1);
		expect(figure.find('a[data-video-play]').attr('href')).toBe(`https://www.youtube.com/watch?v=${YOUTUBE_ID}`);
		expect(figure.find('[data-video-facade]').attr('data-player')).toBe(
			`https://www.youtube-nocookie.com/embed/${YOUTUBE_ID}?autoplay=1&rel=0&hl=en&cc_lang_pref=en`,
		);
		for (const page of await builtPages(dist())) {
			const html = await readFile(path.join(dist(), page), 'utf8');
			expect(html, page).not.toContain('<iframe');
			expect(html, page).not.toContain(OTHER_HOST);
		}
		// The refused pt-BR translation: the English page, with the English video.
		expect(loadPage(dist(), '/pt-br/how-to/')('[data-fallback="refused"]')).toHaveLength(1);
	});

	it('shows each language’s subtitles on /status/', () => {
		const $ = loadPage(dist(), '/status/');
		expect($('th:contains("Subtitles")')).toHaveLength(1);
		expect($('td[data-label="Subtitles"]').length).toBeGreaterThan(10);
		// Spanish and Arabic have the lesson's subtitles (English is the source); every other language has none yet.
		const subtitled = $('td[data-label="Subtitles"][data-subtitled="1"]')
			.map((_, cell) => $(cell).closest('tr').text())
			.get();
		expect(subtitled.length).toBe(2);
		for (const language of ['Español', 'العربية'])
			expect(
				subtitled.some((row) => row.includes(language)),
				language,
			).toBe(true);
		expect($('.status-subtitles').first().text()).toMatch(/Subtitles: \d of 1 video/);
	});

	it('allows frames only from the video hosts’ players, and only on pages with a hosted video', async () => {
		expect(policyOf('/en/how-to/')).toMatch(/frame-src https:\/\/www\.youtube-nocookie\.com https:\/\/player\.vimeo\.com(;|$)/);
		expect(policyOf('/es-419/how-to/')).toContain('frame-src https://www.youtube-nocookie.com');
		for (const url of ['/en/lesson/', '/en/', '/es-419/lesson/', '/en/search/']) expect(policyOf(url), url).toMatch(/frame-src 'none'/);
		expect(occurrences(policyOf('/en/how-to/'), 'frame-src')).toBe(1);
		// A static host sends one header for every path; each page's own policy narrows it.
		const headers = await readFile(path.join(dist(), '_headers'), 'utf8');
		expect(headers).toContain('frame-src https://www.youtube-nocookie.com https://player.vimeo.com');
		expect(occurrences(headers, 'frame-src')).toBe(1);
	});

	it('carries the video and its subtitles in the pack, and counts the video on the offline-access page', async () => {
		const pack = await readPack(path.join(offline(), 'es-419.zip'));
		const page = pack.get('es-419/lesson/index.html')!.toString();
		const source = /<source src="([^"]+)"/.exec(page)![1]!;
		expect(pack.get(path.posix.normalize(path.posix.join('es-419/lesson', source)))).toEqual(videoFixtureFiles['content/videos/lesson.webm']);
		// Subtitles ride in the page: a page opened from file:// may load no <track> file.
		expect(page).toMatch(/<track kind="subtitles" src="data:text\/vtt;charset=utf-8;base64,[\w+/=]+" srclang="es-419"[^>]*default/);
		expect(page).toMatch(/media-src 'self' data:/);
		const howTo = pack.get('es-419/how-to/index.html')!.toString();
		expect(howTo).toContain('Este video necesita internet');
		expect(howTo).not.toContain('data-video-facade');
		const $ = loadPage(dist(), '/es-419/offline-access/');
		expect($('[data-pack-videos]').attr('hidden')).toBeUndefined();
		expect($('[data-pack-videos]').text()).toMatch(/^Incluye 1 video \(22[.,]\d kB\)\.$/);
		expect(build.output).toMatch(/dist-offline\/es-419\.zip {2}\d+ pages, \d+ files, 1 video \(22\.\d kB\)/);
	});

	it('leaves videos out with --no-video: each shows its poster and its address instead', async () => {
		const out = path.join(root, 'dist-offline-no-video');
		const run = await runScript(root, 'scripts/offline/cli.ts', ['--no-video', '--locale', 'es-419', '--dir', dist(), '--out', out]);
		expect(run.code, run.output).toBe(0);
		const pack = await readPack(path.join(out, 'es-419.zip'));
		expect([...pack.keys()].filter((file) => /\.(webm|mp4)$/.test(file))).toEqual([]);
		const page = pack.get('es-419/lesson/index.html')!.toString();
		expect(page).not.toContain('<video');
		expect(page).toContain('Este video necesita internet');
		expect(page).toMatch(/<a href="https:\/\/glossa\.example\.org\/_astro\/lesson\.[\w-]+\.webm">/);
		expect(page).toMatch(/<img src="\.\.\/\.\.\/_astro\/lesson-poster/);
		expect(run.output).not.toMatch(/1 video/);
	});
});

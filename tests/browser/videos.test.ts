/**
 * Issue 27, video, in real Chromium: a YouTube video loads nothing from YouTube (or anywhere else) until the
 * visitor presses play, then the privacy-enhanced player, which the page's policy allows; a local video plays
 * in the browser's own player with the visitor's language's subtitles showing, online, from the zip pack
 * opened from file://, and from the ZIM in the real kiwix-serve. Hostile subtitles show as text and run nothing.
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { fixtureSiteInChromium, startClassroom, startKiwixServe, type RunningServer } from '../support/browser.ts';
import { extractPack } from '../support/packs.ts';
import { tmpRoot } from '../support/paths.ts';
import { makeZims } from '../support/zims.ts';
import { OTHER_HOST, videoFixtureFiles, YOUTUBE_ID } from '../support/video-fixture.ts';

const NAME = 'videos-browser';
const root = path.join(tmpRoot, NAME);
// Offline outputs on: the packs and the ZIM are made from this build.
const site = fixtureSiteInChromium(NAME, videoFixtureFiles, {});

interface Tab {
	tab: Page;
	context: BrowserContext;
	requests: string[];
	dialogs: string[];
	refused: string[];
}

/**
 * A fresh tab that records every request, dialog and policy refusal. Requests to anything but `local` are
 * answered with an error, never sent: the test machine has no internet, and a test must not depend on one.
 */
async function openTab(local: (url: string) => boolean): Promise<Tab> {
	const context = await site.browser.newContext({ viewport: { width: 1280, height: 900 }, serviceWorkers: 'block' });
	const tab = await context.newPage();
	const requests: string[] = [];
	const dialogs: string[] = [];
	const refused: string[] = [];
	tab.on('request', (request) => requests.push(request.url()));
	tab.on('dialog', (dialog) => {
		dialogs.push(dialog.message());
		void dialog.dismiss();
	});
	tab.on('console', (message) => {
		if (message.text().includes('Content Security Policy')) refused.push(message.text());
	});
	await context.route(
		(url) => !local(url.href),
		(route) => route.abort('internetdisconnected'),
	);
	return { tab, context, requests, dialogs, refused };
}

/** The page's video once its file's metadata is loaded, with each subtitle track's language, mode and cues. */
async function videoState(tab: Page) {
	await tab.waitForFunction(() => {
		const video = document.querySelector('figure.video video') as HTMLVideoElement | null;
		const showing = video && [...video.textTracks].find((track) => track.mode === 'showing');
		return video !== null && video.readyState >= 1 && (showing?.cues?.length ?? 0) > 0;
	});
	return tab.evaluate(() => {
		const video = document.querySelector('figure.video video') as HTMLVideoElement;
		return {
			duration: video.duration,
			controls: video.controls,
			tracks: [...video.querySelectorAll('track')].map((track) => ({
				language: track.srclang,
				label: track.label,
				mode: track.track.mode,
				cues: [...(track.track.cues ?? [])].map((cue) => (cue as VTTCue).text),
			})),
		};
	});
}

/** The hostile Arabic subtitles as a browser shows them: the track showing, both cues, text only. */
async function expectArabicAsText(tab: Page): Promise<void> {
	const arabic = (await videoState(tab)).tracks.find((track) => track.language === 'ar')!;
	expect(arabic.mode).toBe('showing');
	expect(arabic.cues).toHaveLength(2);
	for (const cue of arabic.cues) expect(cue).not.toMatch(/<(?!\/?b>)|onerror|iframe/);
}

/** Plays the page's video (muted, as a page may without a click) until `seconds` have played. */
async function playPast(tab: Page, seconds: number): Promise<void> {
	await tab.evaluate(() => {
		const video = document.querySelector('figure.video video') as HTMLVideoElement;
		video.muted = true;
		return video.play();
	});
	await tab.waitForFunction((past) => (document.querySelector('figure.video video') as HTMLVideoElement).currentTime > past, seconds);
}

const SPANISH_CUES = ['Dobla el papel por la mitad.', 'Ahora dobla cada esquina hacia el centro.', 'Ata el hilo a la varilla.'];

describe('a YouTube video, online', () => {
	it('loads nothing from YouTube or any other host before play, then the privacy-enhanced player', async () => {
		const origin = site.url;
		const { tab, context, requests, dialogs, refused } = await openTab((url) => url.startsWith(`${origin}/`));
		await tab.goto(`${origin}/es-419/how-to/`, { waitUntil: 'load' });
		const play = tab.locator('figure.video a[data-video-play]');
		await expect(play.textContent()).resolves.toContain('Cómo organizar un día de papalotes');
		expect(await tab.locator('figure.video .video-host-note').textContent()).toContain('YouTube');
		// Nothing but the site itself, and no frame: the other host's iframe was dropped at build.
		expect(requests.filter((url) => !url.startsWith(`${origin}/`))).toEqual([]);
		expect(await tab.locator('iframe').count()).toBe(0);
		expect(await tab.content()).not.toContain(OTHER_HOST);

		await play.click();
		const player = tab.locator('figure.video iframe');
		await player.waitFor();
		expect(await player.getAttribute('src')).toMatch(new RegExp(`^https://www\\.youtube-nocookie\\.com/embed/${YOUTUBE_ID}\\?autoplay=1&rel=0&hl=es-419`));
		expect(await player.getAttribute('title')).toBe('Cómo organizar un día de papalotes');
		// The player is the one request that leaves the site, and the page's policy allowed it.
		await tab.waitForFunction(() => document.querySelector('figure.video iframe') !== null);
		expect(requests.filter((url) => !url.startsWith(`${origin}/`)).every((url) => url.startsWith('https://www.youtube-nocookie.com/embed/'))).toBe(true);
		expect(tab.url()).toBe(`${origin}/es-419/how-to/`);
		expect(refused).toEqual([]);
		expect(dialogs).toEqual([]);
		await context.close();
	});
});

describe('a local video with subtitles, online', () => {
	it('plays in the browser’s player with the Spanish subtitles showing on /es-419/', async () => {
		const origin = site.url;
		const { tab, context, requests, dialogs, refused } = await openTab((url) => url.startsWith(`${origin}/`));
		await tab.goto(`${origin}/es-419/lesson/`, { waitUntil: 'load' });
		const state = await videoState(tab);
		expect(state.duration).toBeCloseTo(3, 0);
		expect(state.controls).toBe(true);
		const spanish = state.tracks.find((track) => track.language === 'es-419')!;
		expect(spanish).toMatchObject({ label: 'Español (Latinoamérica)', mode: 'showing', cues: SPANISH_CUES });
		expect(state.tracks.filter((track) => track.mode === 'showing')).toHaveLength(1);
		expect(state.tracks.map((track) => track.language).sort()).toEqual(['ar', 'en', 'es-419']);
		// The player's own controls, captions menu included, are reached with the keyboard.
		await tab.locator('figure.video video').focus();
		expect(await tab.evaluate(() => document.activeElement?.tagName)).toBe('VIDEO');
		expect(requests.filter((url) => !url.startsWith(`${origin}/`))).toEqual([]);
		expect(refused).toEqual([]);
		expect(dialogs).toEqual([]);
		await context.close();
	});

	it('shows hostile Arabic subtitles as text only: no dialog, no markup, no request elsewhere', async () => {
		const origin = site.url;
		const { tab, context, requests, dialogs } = await openTab((url) => url.startsWith(`${origin}/`));
		// The Arabic translation (a javascript: poster) was refused: the page is English, the subtitles Arabic.
		await tab.goto(`${origin}/ar/lesson/`, { waitUntil: 'load' });
		expect(await tab.locator('[data-fallback="refused"]').count()).toBe(1);
		await expectArabicAsText(tab);
		await playPast(tab, 1.2);
		expect(dialogs).toEqual([]);
		expect(requests.filter((url) => !url.startsWith(`${origin}/`))).toEqual([]);
		expect(await tab.locator('figure.video img[src="x"], iframe, script[src*="example"]').count()).toBe(0);
		await context.close();
	});
});

describe('offline', () => {
	let kiwix: RunningServer | undefined;
	let classroom: RunningServer | undefined;
	afterAll(async () => {
		await kiwix?.stop();
		await classroom?.stop();
	});

	it('plays from the zip pack opened from file://, with the Spanish subtitles showing', async () => {
		const folder = path.join(tmpRoot, 'videos-pack-es-419');
		await extractPack(path.join(root, 'dist-offline', 'es-419.zip'), folder);
		const { tab, context, requests, dialogs, refused } = await openTab((url) => url.startsWith('file://') || url.startsWith('data:'));
		await tab.goto(pathToFileURL(path.join(folder, 'es-419/lesson/index.html')).href);
		const spanish = (await videoState(tab)).tracks.find((track) => track.language === 'es-419')!;
		expect(spanish).toMatchObject({ mode: 'showing', cues: SPANISH_CUES });
		expect(requests.filter((url) => !url.startsWith('file://') && !url.startsWith('data:'))).toEqual([]);
		expect(refused).toEqual([]);
		expect(dialogs).toEqual([]);

		// The YouTube video has no file: the pack shows where to watch it, in Spanish, and loads nothing.
		await tab.goto(pathToFileURL(path.join(folder, 'es-419/how-to/index.html')).href);
		const note = tab.locator('figure.video [data-video-offline]');
		expect(await note.isVisible()).toBe(true);
		expect(await note.textContent()).toContain('Este video necesita internet');
		expect(await note.locator('a').getAttribute('href')).toBe(`https://www.youtube.com/watch?v=${YOUTUBE_ID}`);
		expect(await tab.locator('[data-video-facade], iframe').count()).toBe(0);
		expect(requests.filter((url) => !url.startsWith('file://') && !url.startsWith('data:'))).toEqual([]);
		await context.close();
	});

	it('shows the hostile Arabic subtitles as text only from the Arabic pack too', async () => {
		const folder = path.join(tmpRoot, 'videos-pack-ar');
		await extractPack(path.join(root, 'dist-offline', 'ar.zip'), folder);
		const { tab, context, requests, dialogs } = await openTab((url) => url.startsWith('file://') || url.startsWith('data:'));
		await tab.goto(pathToFileURL(path.join(folder, 'ar/lesson/index.html')).href);
		await expectArabicAsText(tab);
		await playPast(tab, 1.2);
		expect(dialogs).toEqual([]);
		expect(requests.filter((url) => !url.startsWith('file://') && !url.startsWith('data:'))).toEqual([]);
		await context.close();
	});

	it('plays on the classroom server, with the Spanish subtitles showing', async () => {
		classroom = await startClassroom(path.join(root, 'dist-offline'));
		const origin = classroom.url;
		const { tab, context, requests, dialogs, refused } = await openTab((url) => url.startsWith(`${origin}/`) || url.startsWith('data:'));
		await tab.goto(`${origin}/es-419/lesson/`);
		const spanish = (await videoState(tab)).tracks.find((track) => track.language === 'es-419')!;
		expect(spanish).toMatchObject({ mode: 'showing', cues: SPANISH_CUES });
		expect(requests.filter((url) => !url.startsWith(`${origin}/`) && !url.startsWith('data:'))).toEqual([]);
		// The hostile Arabic subtitles, from the Arabic pack the server also serves: text only, no dialog.
		await tab.goto(`${origin}/ar/lesson/`);
		await expectArabicAsText(tab);
		expect(refused).toEqual([]);
		expect(dialogs).toEqual([]);
		await context.close();
	});

	it('plays from the ZIM in kiwix-serve, with the Spanish subtitles showing', async () => {
		const zims = await makeZims('videos-zim', ['es-419', 'ar'], { dist: path.join(root, 'dist'), packs: path.join(root, 'dist-offline') });
		expect(zims.code, zims.output).toBe(0);
		kiwix = await startKiwixServe([path.join(zims.out, 'kitebird_es-419_all.zim'), path.join(zims.out, 'kitebird_ar_all.zim')]);
		const origin = kiwix.url;
		const { tab, context, requests, dialogs } = await openTab((url) => url.startsWith(`${origin}/`) || url.startsWith('data:'));
		await tab.goto(`${origin}/kitebird_es-419_all/es-419/lesson/index.html`);
		const spanish = (await videoState(tab)).tracks.find((track) => track.language === 'es-419')!;
		expect(spanish).toMatchObject({ mode: 'showing', cues: SPANISH_CUES });
		await playPast(tab, 0.5);
		expect(requests.filter((url) => !url.startsWith(`${origin}/`) && !url.startsWith('data:'))).toEqual([]);
		expect(dialogs).toEqual([]);

		// The hostile Arabic subtitles, from the Arabic ZIM: text only, no dialog.
		await tab.goto(`${origin}/kitebird_ar_all/ar/lesson/index.html`);
		await expectArabicAsText(tab);
		expect(dialogs).toEqual([]);
		expect(requests.filter((url) => !url.startsWith(`${origin}/`) && !url.startsWith('data:'))).toEqual([]);
		await context.close();
	}, 300_000);
});

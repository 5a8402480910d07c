/**
 * Issue 27, video: the forms content writes a video in (MDX `<Video>`, a YouTube or Vimeo `<iframe>`,
 * `<video src>`) become one placeholder the allowlist judges; everything else (another host, a script
 * poster, a path out of content/videos/) is refused or dropped with its line. Subtitles are read with the
 * W3C parser and written again from their cues only.
 */
import type { Element } from 'hast';
import { describe, expect, it } from 'vitest';
import { parseContentDocument } from '../../src/content-model/content-document.ts';
import { renderMarkdown, renderMdx, MdxRenderError } from '../../src/content-model/content-render.ts';
import { locateVideo, preselectedTrack, readSubtitleName, readVideoPlaceholder, videoFromUrl } from '../../src/content-model/content-videos.ts';
import { judgeTranslation } from '../../src/content-model/translation-checks.ts';
import { locales } from '../../src/i18n/locales.ts';
import { readSubtitles } from '../../src/security/subtitles.ts';

const firstElement = (tree: { children: unknown[] }) => tree.children.find((child): child is Element => (child as Element).type === 'element')!;

describe('videoFromUrl', () => {
	it.each([
		['https://www.youtube.com/embed/kB1rdKite01', { host: 'youtube', id: 'kB1rdKite01' }],
		['https://www.youtube-nocookie.com/embed/kB1rdKite01?rel=0', { host: 'youtube', id: 'kB1rdKite01' }],
		['https://youtu.be/kB1rdKite01', { host: 'youtube', id: 'kB1rdKite01' }],
		['https://www.youtube.com/watch?v=kB1rdKite01&t=30', { host: 'youtube', id: 'kB1rdKite01' }],
		['//www.youtube.com/embed/kB1rdKite01', { host: 'youtube', id: 'kB1rdKite01' }],
		['https://player.vimeo.com/video/76979871', { host: 'vimeo', id: '76979871' }],
		['https://vimeo.com/76979871', { host: 'vimeo', id: '76979871' }],
	])('%s shows a video', (url, video) => {
		expect(videoFromUrl(url)).toEqual(video);
	});

	it.each([
		'https://www.youtube.com.videos.example.net/embed/kB1rdKite01',
		'https://videos.example.net/embed/kB1rdKite01?host=youtube.com',
		'https://www.youtube.com/embed/kB1rdKite01"onload="alert(1)',
		'https://www.youtube.com/embed/../../redirect?q=x',
		'javascript:alert(1)//youtube.com/embed/kB1rdKite01',
		'data:text/html,<script>alert(1)</script>',
		'https://player.vimeo.com/video/12ab',
	])('%s is not one', (url) => {
		expect(videoFromUrl(url)).toBeUndefined();
	});
});

describe('video forms in content', () => {
	it('renders <Video> as the placeholder, its file a video reference and its poster an image', () => {
		const rendered = renderMdx('content/en/lesson.mdx', '<Video title="Folding a kite" file="../videos/lesson.webm" poster="../images/lesson.png" />\n');
		expect(readVideoPlaceholder(firstElement(rendered.tree))).toMatchObject({ file: '../videos/lesson.webm', poster: '../images/lesson.png' });
		expect(rendered.html).toContain('<figcaption>Folding a kite</figcaption>');
		expect(rendered.videos.map((video) => video.value)).toEqual(['../videos/lesson.webm']);
		expect(rendered.assets.map((asset) => asset.value)).toEqual(['../images/lesson.png']);
		expect(rendered.dropped).toEqual([]);
	});

	it.each([
		['<Video title="x" />', 'needs youtube, vimeo or file'],
		['<Video title="x" youtube="kB1rdKite01" vimeo="76979871" />', 'takes youtube or vimeo, not both'],
		['<Video title="x" youtube="not an id" />', 'is not a YouTube video id'],
		['<Video title="x" youtube="kB1rdKite01" poster="javascript:alert(1)" />', 'poster: is not the path of an image'],
		['<Video title="x" file="https://videos.example.net/lesson.webm" />', 'file: is not a relative path to a .webm or .mp4'],
		['<Video title="x" file="../videos/lesson.exe" />', 'file: is not a relative path'],
	])('refuses %s with its line', (body, message) => {
		expect(() => renderMdx('content/en/lesson.mdx', `\n\n${body}\n`)).toThrow(MdxRenderError);
		try {
			renderMdx('content/en/lesson.mdx', `\n\n${body}\n`);
		} catch (error) {
			expect((error as MdxRenderError).problems[0]).toMatchObject({ line: 3 });
			expect((error as MdxRenderError).problems.map((problem) => problem.message).join('\n')).toContain(message);
		}
	});

	it('turns a YouTube or Vimeo iframe in Markdown into the placeholder, and drops any other iframe with its line', () => {
		const rendered = renderMarkdown(
			'content/en/how-to.md',
			[
				'## 1. Watch this how-to video',
				'',
				'<iframe src="https://www.youtube-nocookie.com/embed/kB1rdKite01" title="Kite day"></iframe>',
				'',
				'<iframe src="https://player.vimeo.com/video/76979871"></iframe>',
				'',
				'<iframe src="https://videos.example.net/embed/kite" title="Elsewhere"></iframe>',
				'',
			].join('\n'),
		);
		const videos = rendered.tree.children.flatMap((child) => (child.type === 'element' && readVideoPlaceholder(child) ? [readVideoPlaceholder(child)] : []));
		expect(videos).toMatchObject([{ youtube: 'kB1rdKite01' }, { vimeo: '76979871' }]);
		expect(rendered.html).not.toContain('<iframe');
		expect(rendered.html).not.toContain('videos.example.net');
		expect(rendered.dropped).toEqual([{ file: 'content/en/how-to.md', line: 7, column: 1, message: '<iframe> is not allowed in content' }]);
		expect(rendered.links.map((link) => link.value)).toEqual(['https://www.youtube.com/watch?v=kB1rdKite01', 'https://vimeo.com/76979871']);
	});

	it('turns <video src> and <video><source> into the placeholder, and drops a script poster with its line', () => {
		const rendered = renderMarkdown(
			'content/en/lesson.md',
			[
				'<video src="../videos/lesson.webm" poster="../images/lesson.png" title="Folding"></video>',
				'',
				'<video controls poster="javascript:alert(1)"><source src="../videos/lesson.mp4" type="video/mp4"></video>',
				'',
			].join('\n'),
		);
		expect(rendered.videos.map((video) => video.value)).toEqual(['../videos/lesson.webm', '../videos/lesson.mp4']);
		expect(rendered.dropped).toMatchObject([{ line: 3, message: expect.stringContaining('data-video-poster="javascript:alert(1)" is not allowed') }]);
		expect(rendered.html).not.toContain('javascript:');
	});

	it('lets no translation point a video elsewhere, or add one its English does not have', () => {
		const options = { registry: locales, locale: 'es-419', translatableFrontmatter: ['title'] };
		const english = parseContentDocument(
			'content/en/lesson.mdx',
			'---\ntitle: Kites\n---\n\n<Video title="Folding a kite" youtube="kB1rdKite01" file="../videos/lesson.webm" />\n',
		);
		const same = parseContentDocument(
			'content/es-419/lesson.mdx',
			'---\ntitle: Cometas\n---\n\n<Video title="Cómo doblar una cometa" youtube="kB1rdKite01" file="../videos/lesson.webm" />\n',
		);
		expect(judgeTranslation(same, english, options).problems).toEqual([]);
		const otherVideo = parseContentDocument(
			'content/es-419/lesson.mdx',
			'---\ntitle: Cometas\n---\n\n<Video title="Cómo doblar una cometa" youtube="zzzzzzzzzzz" file="../videos/lesson.webm" />\n',
		);
		expect(judgeTranslation(otherVideo, english, options).problems.map((problem) => problem.message)).toEqual([
			'link target "https://www.youtube.com/watch?v=zzzzzzzzzzz" is not in the English source (nor the same page in es-419)',
		]);
		const otherFile = parseContentDocument(
			'content/es-419/lesson.mdx',
			'---\ntitle: Cometas\n---\n\n<Video title="Cómo doblar una cometa" youtube="kB1rdKite01" file="../videos/other.webm" />\n',
		);
		expect(judgeTranslation(otherFile, english, options).problems.map((problem) => problem.message)).toEqual([
			'link target "../videos/other.webm" is not in the English source (nor the same page in es-419)',
		]);
	});
});

describe('video files and subtitles', () => {
	it('finds video files in content/videos/ only', () => {
		expect(locateVideo('content/en/learn/lesson.mdx', '../../videos/course/intro.webm')).toBe('content/videos/course/intro.webm');
		expect(locateVideo('content/en/lesson.mdx', '../images/intro.webm')).toBeUndefined();
		expect(locateVideo('content/en/lesson.mdx', '../../../etc/intro.webm')).toBeUndefined();
	});

	it('names subtitles by video and language, and preselects along the visitor’s chain', () => {
		const tags = new Set(locales.all.map((locale) => locale.tag));
		expect(readSubtitleName('content/videos/intro.es-419.vtt', tags)).toEqual({ stem: 'content/videos/intro', tag: 'es-419' });
		expect(readSubtitleName('content/videos/intro.xx.vtt', tags)).toBeUndefined();
		expect(readSubtitleName('content/videos/intro.vtt', tags)).toBeUndefined();
		expect(preselectedTrack(['en', 'es-419'], locales.get('es-419').fallbackChain)).toBe('es-419');
		expect(preselectedTrack(['en', 'ar'], locales.get('es-419').fallbackChain)).toBe('en');
		expect(preselectedTrack(['ar'], locales.get('es-419').fallbackChain)).toBeUndefined();
	});

	it('publishes a subtitle file as its cues only, naming each thing left out with its line', () => {
		const read = readSubtitles(
			'content/videos/lesson.ar.vtt',
			[
				'WEBVTT',
				'',
				'STYLE',
				'::cue { background: url(https://videos.example.net/track.png) }',
				'',
				'1',
				'00:00:00.000 --> 00:00:01.500 align:start',
				'<script>alert(1)</script><i>Fold</i> <img src=x onerror=alert(1)> the paper &amp; <v Ana>smile</v>',
				'',
			].join('\n'),
		);
		expect(read.published).toBe('WEBVTT\n\n1\n00:00.000 --> 00:01.500 align:start\nalert(1)<i>Fold</i>  the paper &amp; <v Ana>smile</v>\n\n');
		expect(read.cues).toBe(1);
		expect(read.problems.map((problem) => [problem.line, problem.severity, problem.message.slice(0, 40)])).toEqual([
			[undefined, 'warning', 'STYLE blocks are left out: the site styl'],
			[7, 'warning', '<script>, <img> is not subtitle markup a'],
		]);
	});

	it('refuses a file that is not WebVTT, and one too large, as errors', () => {
		expect(readSubtitles('a.vtt', '1\n00:00:00,000 --> 00:00:01,000\nAn SRT file\n')).toMatchObject({
			published: undefined,
			problems: [{ line: 1, severity: 'error', message: expect.stringContaining('not a WebVTT file') }],
		});
		expect(readSubtitles('b.vtt', `WEBVTT\n\n${'00:00.000 --> 00:01.000\nx\n\n'.repeat(100_000)}`).published).toBeUndefined();
	});
});

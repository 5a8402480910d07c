/**
 * Pages with videos (issue 27) in the forms content writes them, and their hostile cousins: a lesson with a
 * local video, its poster and subtitles in English and Spanish (MDX `<Video>`); a how-to page brought from an
 * old site with a YouTube `<iframe>` under "1. Watch this how-to video" (Markdown); an iframe from another
 * host; a translation whose poster is `javascript:`; and Arabic subtitles that carry HTML and a STYLE block.
 * The video and poster are a generated test pattern (tests/fixtures/video/).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { projectRoot } from './paths.ts';

const media = (name: string) => readFileSync(path.join(projectRoot, 'tests/fixtures/video', name));

export const YOUTUBE_ID = 'kB1rdKite01';
export const OTHER_HOST = 'videos.example.net';

const subtitles = (lines: readonly string[]) =>
	['WEBVTT', '', ...lines.flatMap((line, index) => [`00:00:0${index}.000 --> 00:00:0${index + 1}.000`, line, ''])].join('\n');

export const videoFixtureFiles: Record<string, string | Uint8Array> = {
	'content/videos/lesson.webm': media('lesson.webm'),
	'content/images/lesson-poster.png': media('lesson-poster.png'),
	'content/videos/lesson.en.vtt': subtitles(['Fold the paper in half.', 'Now fold each corner to the middle.', 'Tie the string to the spine.']),
	'content/videos/lesson.es-419.vtt': subtitles(['Dobla el papel por la mitad.', 'Ahora dobla cada esquina hacia el centro.', 'Ata el hilo a la varilla.']),
	// Markup a browser must never run, and a STYLE block: the published file keeps the cues' text only.
	'content/videos/lesson.ar.vtt': [
		'WEBVTT',
		'',
		'STYLE',
		'::cue { color: red; font-size: 400%; }',
		'',
		'00:00:00.000 --> 00:00:01.000',
		'<script>alert("vtt")</script>اطوِ الورقة <img src=x onerror="alert(1)"> من المنتصف.',
		'',
		'00:00:01.000 --> 00:00:02.000',
		'<b>اطوِ</b> كل زاوية <iframe src="https://videos.example.net/x"></iframe> نحو الوسط.',
		'',
	].join('\n'),
	'content/en/lesson.mdx': [
		'---',
		'title: Folding a kite',
		'description: A short video lesson on folding a paper kite.',
		'---',
		'',
		'Watch how to fold a kite before the class builds one together.',
		'',
		'<Video title="Folding a kite in three steps" file="../videos/lesson.webm" poster="../images/lesson-poster.png" />',
		'',
		'After the video, each pair of pupils folds one kite.',
		'',
	].join('\n'),
	'content/es-419/lesson.mdx': [
		'---',
		'title: Cómo doblar un papalote',
		'description: Una breve lección en video para doblar un papalote de papel.',
		'---',
		'',
		'Mira cómo se dobla un papalote antes de que la clase construya uno en conjunto.',
		'',
		'<Video title="Cómo doblar un papalote en tres pasos" file="../videos/lesson.webm" poster="../images/lesson-poster.png" />',
		'',
		'Después del video, cada pareja de alumnos dobla un papalote.',
		'',
	].join('\n'),
	// A translation that points the poster at script: refused, so the Arabic page shows English.
	'content/ar/lesson.mdx': [
		'---',
		'title: طي طائرة ورقية',
		'description: درس قصير بالفيديو عن طي طائرة ورقية.',
		'---',
		'',
		'شاهد كيف تُطوى الطائرة الورقية قبل أن يصنع الصف واحدة معًا.',
		'',
		'<Video title="طي طائرة ورقية في ثلاث خطوات" file="../videos/lesson.webm" poster="javascript:alert(1)" />',
		'',
		'بعد الفيديو، يطوي كل تلميذين طائرة واحدة.',
		'',
	].join('\n'),
	// As the old campaign site had it: a numbered step heading, then the embed.
	'content/en/how-to.md': [
		'---',
		'title: Run a kite day',
		'description: How a school runs its kite day, step by step.',
		'---',
		'',
		'## 1. Watch this how-to video',
		'',
		`<iframe width="560" height="315" src="https://www.youtube.com/embed/${YOUTUBE_ID}" title="How to run a kite day" frameborder="0" allowfullscreen></iframe>`,
		'',
		'## 2. Plan the day',
		'',
		'Choose a windy afternoon and an open field near the school.',
		'',
		`<iframe src="https://${OTHER_HOST}/embed/kite" title="A player from another host"></iframe>`,
		'',
	].join('\n'),
	'content/es-419/how-to.md': [
		'---',
		'title: Organiza un día de papalotes',
		'description: Cómo una escuela organiza su día de papalotes, paso a paso.',
		'---',
		'',
		'## 1. Mira este video explicativo',
		'',
		`<iframe width="560" height="315" src="https://www.youtube.com/embed/${YOUTUBE_ID}" title="Cómo organizar un día de papalotes" frameborder="0" allowfullscreen></iframe>`,
		'',
		'## 2. Planifica el día',
		'',
		'Elige una tarde con viento y un campo abierto cerca de la escuela.',
		'',
		`<iframe src="https://${OTHER_HOST}/embed/kite" title="Un reproductor de otro sitio"></iframe>`,
		'',
	].join('\n'),
};

import type { APIRoute, GetStaticPaths } from 'astro';
import { siteModel } from '../../site/astro-site.ts';
import { subtitleUrl } from '../../site/site-model.ts';

/**
 * Each video's subtitles, one file per language (`content/videos/<name>.<tag>.vtt` →
 * `/subtitles/<name>.<tag>.<hash>.vtt`), as the WebVTT parser read them: cues and cue spans only
 * (`src/security/subtitles.ts`), never the file's bytes as a translator or Crowdin left them.
 */
export const getStaticPaths = (async () => {
	const site = await siteModel();
	return Object.values(site.videos).flatMap((video) =>
		video.tracks.map((track) => ({ params: { file: subtitleUrl(track).slice('/subtitles/'.length) }, props: { text: track.published } })),
	);
}) satisfies GetStaticPaths;

export const GET: APIRoute<{ text: string }> = ({ props }) => new Response(props.text, { headers: { 'Content-Type': 'text/vtt; charset=utf-8' } });

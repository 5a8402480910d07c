/**
 * Hosted videos (YouTube, Vimeo) load nothing from their host until the visitor presses play: the page shows
 * a poster, a title and a link to the video on its host's site. Pressed, the link's place is taken by the
 * host's privacy-enhanced player (youtube-nocookie.com, Vimeo with `dnt=1`), which the page's policy allows
 * as a frame on this page only (`frame-src`). Without this script, the link still leads to the video.
 */
const PLAYERS = /^https:\/\/(?:www\.youtube-nocookie\.com\/embed\/|player\.vimeo\.com\/video\/)/;

export function enableVideoPlayers(): void {
	document.addEventListener('click', (event) => {
		const link = event.target instanceof Element ? event.target.closest('a[data-video-play]') : null;
		const facade = link?.closest('[data-video-facade]');
		const player = facade?.getAttribute('data-player');
		if (!facade || !player || !PLAYERS.test(player)) return;
		event.preventDefault();
		const title = facade.closest('figure')?.querySelector('figcaption')?.textContent?.trim() || link?.textContent?.trim() || '';
		const frame = document.createElement('iframe');
		frame.src = player;
		frame.title = title;
		frame.allow = 'autoplay; encrypted-media; fullscreen; picture-in-picture';
		frame.allowFullscreen = true;
		frame.referrerPolicy = 'strict-origin-when-cross-origin';
		// What the players need, and no more: their own scripts and origin, fullscreen, and opening the video on the host's site.
		frame.setAttribute('sandbox', 'allow-scripts allow-same-origin allow-presentation allow-popups');
		frame.className = 'video-player';
		facade.replaceChildren(frame);
		frame.focus();
	});
}

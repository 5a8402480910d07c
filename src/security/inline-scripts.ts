/**
 * The few scripts pages carry inline, as text with their Content-Security-Policy hashes. The policy
 * (`security.csp` in astro.config.mjs) allows only the site's own script files and these exact texts, so an
 * inline handler or script that reached a page any other way would not run.
 */
import { createHash } from 'node:crypto';

/** Remembers an explicit choice in the picker, so that `/` sends the visitor back to it. Links work without it. */
export const REMEMBER_LOCALE_SCRIPT = `document.querySelector('[data-picker]')?.addEventListener('click', (event) => {
	const link = event.target instanceof Element ? event.target.closest('a[data-locale]') : null;
	if (link) try { localStorage.setItem('glossa.locale', link.dataset.locale); } catch {}
});`;

/** Keeps visited pages readable on a flaky connection; offline packs (file://) leave it out. */
export const REGISTER_SERVICE_WORKER_SCRIPT = `if ('serviceWorker' in navigator && location.protocol.startsWith('http')) navigator.serviceWorker.register('/sw.js');`;

/** The CSP source expression for one inline script's exact text. */
export function cspHash(script: string): `sha256-${string}` {
	return `sha256-${createHash('sha256').update(script, 'utf8').digest('base64')}`;
}

/** Every inline script's hash, for the policy's script-src (astro.config.mjs). */
export const INLINE_SCRIPT_HASHES = [REMEMBER_LOCALE_SCRIPT, REGISTER_SERVICE_WORKER_SCRIPT].map(cspHash);

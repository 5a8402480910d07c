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

/**
 * The language choice at `/`, from the table `buildLocaleTable` writes (src/i18n/locale-table.ts): the
 * visitor's languages in order, each read as language, script and region by the browser's Intl; the first
 * the table maps wins. Kept as a function of its own so the unit tests run this exact text against the
 * full CLDR matcher. An undetermined language with a script or region (`und-TW`) is read as its likely
 * language (`zh-Hant-TW`), as the CLDR matcher reads it; some engines (Node's) give it no `language` at all,
 * others `und`. A bare `und` says nothing, so the next language decides.
 */
export const LOCALE_LOOKUP_FUNCTION = `function glossaPickLocale(table, tags) {
	for (const tag of tags) {
		let locale;
		try { locale = new Intl.Locale(tag); } catch { continue; }
		if (!locale.language || locale.language === 'und') {
			if (!locale.script && !locale.region) continue;
			locale = locale.maximize();
		}
		const { language, script, region } = locale;
		let found = script && region ? table[language + '-' + script + '-' + region] : undefined;
		if (found === undefined && script) found = table[language + '-' + script];
		if (found === undefined && script && script !== new Intl.Locale(language).maximize().script) found = -1;
		if (found === undefined && region) found = table[language + '-' + region];
		if (found === undefined) found = table[language];
		if (found !== undefined && found >= 0) return found;
	}
	return -1;
}`;

/** `/`: the remembered choice, else the visitor's languages, else the fallback. Without script the page lists every language. */
export const LOCALE_CHOOSER_SCRIPT = `${LOCALE_LOOKUP_FUNCTION}
(() => {
	const data = JSON.parse(document.querySelector('script[type="application/json"][data-glossa-data="locale-table"]').textContent);
	document.querySelector('.root-languages')?.addEventListener('click', (event) => {
		const link = event.target instanceof Element ? event.target.closest('a[data-locale]') : null;
		if (link) try { localStorage.setItem('glossa.locale', link.dataset.locale); } catch {}
	});
	let remembered = null;
	try { remembered = localStorage.getItem('glossa.locale'); } catch {}
	const picked = glossaPickLocale(data.table, navigator.languages || [navigator.language]);
	const chosen = data.locales.find(([tag]) => tag === remembered) || data.locales[picked >= 0 ? picked : data.fallback];
	if (chosen) location.replace(chosen[1]);
})();`;

/** The CSP source expression for one inline script's exact text. */
export function cspHash(script: string): `sha256-${string}` {
	return `sha256-${createHash('sha256').update(script, 'utf8').digest('base64')}`;
}

/** Every inline script's hash, for the policy's script-src (astro.config.mjs). */
export const INLINE_SCRIPT_HASHES = [REMEMBER_LOCALE_SCRIPT, REGISTER_SERVICE_WORKER_SCRIPT, LOCALE_CHOOSER_SCRIPT].map(cspHash);

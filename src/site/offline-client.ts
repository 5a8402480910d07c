/** "Keep this language offline": asks the service worker to save every page of the locale. */
import { KEEP_LOCALE_MESSAGE, type KeepLocaleRequest, type KeepLocaleResult } from '../offline/protocol.ts';

interface KeepStrings {
	locale: string;
	keeping: string;
	failed: string;
	kept: Record<string, string>;
}

export function enableKeepLanguage(): void {
	const button = document.querySelector<HTMLButtonElement>('[data-keep-locale]');
	const status = document.querySelector<HTMLElement>('[data-keep-status]');
	if (!button || !status || !('serviceWorker' in navigator) || !location.protocol.startsWith('http')) return;
	const strings = JSON.parse(document.querySelector('script[type="application/json"][data-glossa-data="keep-strings"]')?.textContent ?? '{}') as KeepStrings;
	button.hidden = false;
	button.addEventListener('click', async () => {
		button.disabled = true;
		status.textContent = strings.keeping;
		try {
			const registration = await navigator.serviceWorker.ready;
			const channel = new MessageChannel();
			const done = new Promise<KeepLocaleResult>((resolve) => (channel.port1.onmessage = (event) => resolve(event.data as KeepLocaleResult)));
			const request: KeepLocaleRequest = { type: KEEP_LOCALE_MESSAGE, segment: button.dataset['keepLocale'] ?? '' };
			registration.active?.postMessage(request, [channel.port2]);
			const result = await done;
			if (!result.ok) throw new Error('not saved');
			const template = strings.kept[new Intl.PluralRules(strings.locale).select(result.count)] ?? strings.kept.other ?? '';
			status.textContent = template.replace(/\{\{\s*count[^}]*\}\}/, new Intl.NumberFormat(strings.locale).format(result.count));
		} catch {
			status.textContent = strings.failed;
		} finally {
			button.disabled = false;
		}
	});
}

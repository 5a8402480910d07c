/** Per-build memo of rendered content and other per-entry work shared by the pages of many locales. */
const rendered = new Map<string, Promise<string>>();

export function renderedContent(entryId: string, render: () => Promise<string>): Promise<string> {
	let html = rendered.get(entryId);
	if (!html) {
		html = render();
		rendered.set(entryId, html);
	}
	return html;
}

const memo = new Map<string, unknown>();

/** Computes `value` once per key for the whole build. */
export function once<T>(key: string, value: () => T): T {
	if (!memo.has(key)) memo.set(key, value());
	return memo.get(key) as T;
}

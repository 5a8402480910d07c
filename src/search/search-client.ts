/** Browser side of the search page: Pagefind, loaded only here, searching the page's own language. */

interface SearchStrings {
	locale: string;
	results: Record<string, string>;
	none: string;
	searching: string;
	unavailable: string;
}

interface PagefindResultData {
	url: string;
	excerpt: string;
	meta: { title?: string };
}

interface Pagefind {
	options(options: { baseUrl?: string }): Promise<void>;
	search(query: string): Promise<{ results: { data(): Promise<PagefindResultData> }[] } | null>;
}

const fill = (template: string, values: Record<string, string>) => template.replace(/\{\{\s*(\w+)[^}]*\}\}/g, (_, name: string) => values[name] ?? '');

/** Pagefind's excerpt is HTML with <mark>; keep only its text and the marks. */
function excerptNodes(html: string): Node[] {
	const parsed = new DOMParser().parseFromString(`<p>${html}</p>`, 'text/html').body.firstElementChild!;
	return [...parsed.childNodes].map((node) => {
		if (node.nodeName === 'MARK') {
			const mark = document.createElement('mark');
			mark.textContent = node.textContent;
			return mark;
		}
		return document.createTextNode(node.textContent ?? '');
	});
}

export async function runSearchPage(): Promise<void> {
	const strings = JSON.parse(
		document.querySelector('script[type="application/json"][data-glossa-data="search-strings"]')?.textContent ?? '{}',
	) as SearchStrings;
	const status = document.querySelector<HTMLElement>('[data-search-status]')!;
	const list = document.querySelector<HTMLOListElement>('[data-search-results]')!;
	const input = document.querySelector<HTMLInputElement>('#search-page-query')!;
	const query = new URLSearchParams(location.search).get('q')?.trim() ?? '';
	input.value = query;
	if (!query) {
		input.focus();
		return;
	}
	status.textContent = strings.searching;
	let pagefind: Pagefind;
	try {
		const url = new URL('/pagefind/pagefind.js', location.href).href;
		pagefind = (await import(/* @vite-ignore */ url)) as Pagefind;
		await pagefind.options({ baseUrl: '/' });
	} catch {
		status.textContent = strings.unavailable;
		return;
	}
	const search = await pagefind.search(query);
	const results = await Promise.all((search?.results ?? []).slice(0, 20).map((result) => result.data()));
	list.replaceChildren(
		...results.map((result) => {
			const item = document.createElement('li');
			const link = document.createElement('a');
			link.href = result.url;
			link.textContent = result.meta.title ?? result.url;
			const excerpt = document.createElement('p');
			excerpt.append(...excerptNodes(result.excerpt));
			item.append(link, excerpt);
			return item;
		}),
	);
	const category = new Intl.PluralRules(strings.locale).select(results.length);
	const template = results.length === 0 ? strings.none : (strings.results[category] ?? strings.results.other ?? '');
	status.textContent = fill(template, { count: new Intl.NumberFormat(strings.locale).format(results.length), query });
}

/**
 * The Cloudflare Pages Function for `/` (Pages deploys `functions/` beside the build output and runs this
 * for `/` only): the language choice before the page loads. It reads `/language-rules.json`, which the build
 * writes from the same table the page's script reads (src/i18n/host-redirects.ts), and applies it to the
 * visitor's first language as every host does. No match: the page itself, whose script decides as before.
 * Self-contained, since a Worker cannot load the build's Node modules.
 */

/** `[range, path]` in order, most specific first; a null path leaves the visitor on `/`. */
export type HostRules = readonly (readonly [range: string, path: string | null])[];

interface PagesFunctionContext {
	request: Request;
	env: { ASSETS: { fetch(input: URL): Promise<Response> } };
	next(): Promise<Response>;
}

/** The visitor's most preferred language in an Accept-Language header (RFC 9110: highest weight, then first). */
export function firstAcceptedLanguage(header: string | null): string | undefined {
	let best: { tag: string; weight: number } | undefined;
	for (const item of (header ?? '').split(',')) {
		const [tag = '', ...parameters] = item.split(';').map((part) => part.trim());
		const weightText = parameters.find((parameter) => /^q=/i.test(parameter))?.slice(2);
		const weight = weightText === undefined ? 1 : Number(weightText);
		if (tag === '' || tag === '*' || !(weight > 0)) continue;
		if (!best || weight > best.weight) best = { tag, weight };
	}
	return best?.tag.toLowerCase();
}

/** Where the rules send a visitor with this Accept-Language header, if anywhere. */
export function languageRedirect(rules: HostRules, acceptLanguage: string | null): string | undefined {
	const tag = firstAcceptedLanguage(acceptLanguage);
	if (tag === undefined) return undefined;
	const rule = rules.find(([range]) => tag === range || tag.startsWith(`${range}-`));
	return rule?.[1] ?? undefined;
}

export async function onRequestGet({ request, env, next }: PagesFunctionContext): Promise<Response> {
	const rules = await env.ASSETS.fetch(new URL('/language-rules.json', request.url));
	const path = rules.ok ? languageRedirect((await rules.json()) as HostRules, request.headers.get('Accept-Language')) : undefined;
	if (path === undefined) return next();
	// The answer depends on the header: caches must keep one per Accept-Language.
	return new Response(null, { status: 302, headers: { Location: path, Vary: 'Accept-Language' } });
}

/**
 * The built site served like a static host would: directory indexes, each page's Content-Security-Policy
 * as a header too, and for a missing page the 404 page of the locale in its path (`/ar/...` ->
 * `/ar/404/`), else the root 404. Used by `npm run serve` and by the screenshot command.
 */
import { existsSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import path from 'node:path';
import sirv from 'sirv';
import { pagePolicy } from '../../src/security/page-policy.ts';

export function createSiteServer(directory: string): Server {
	const root = path.resolve(directory);
	const policies = new Map<string, string | undefined>();
	const policyOf = (file: string, html?: string): string | undefined => {
		if (!policies.has(file)) policies.set(file, pagePolicy(html ?? readFileSync(file, 'utf8')));
		return policies.get(file);
	};
	const assets = sirv(root, {
		dev: false,
		etag: true,
		extensions: ['html'],
		setHeaders(response, pathname) {
			const file = [pathname, `${pathname}index.html`, `${pathname}.html`, `${pathname}/index.html`]
				.map((candidate) => path.join(root, decodeURIComponent(candidate)))
				.find((candidate) => candidate.startsWith(root) && candidate.endsWith('.html') && existsSync(candidate));
			const policy = file && policyOf(file);
			if (policy) response.setHeader('Content-Security-Policy', policy);
		},
	});
	const notFoundPage = async (urlPath: string): Promise<{ file: string; html: string }> => {
		const segment = urlPath.split('/')[1] ?? '';
		const candidates = [path.join(root, segment, '404', 'index.html'), path.join(root, '404.html')];
		for (const candidate of candidates) {
			if (segment && candidate.startsWith(path.join(root, segment)) && existsSync(candidate))
				return { file: candidate, html: await readFile(candidate, 'utf8') };
		}
		const file = path.join(root, '404.html');
		return { file, html: await readFile(file, 'utf8') };
	};
	return createServer((request, response) => {
		assets(request, response, () => {
			void notFoundPage(new URL(request.url ?? '/', 'http://localhost').pathname).then(({ file, html }) => {
				const policy = policyOf(file, html);
				response.writeHead(404, { 'Content-Type': 'text/html; charset=utf-8', ...(policy ? { 'Content-Security-Policy': policy } : {}) });
				response.end(html);
			});
		});
	});
}

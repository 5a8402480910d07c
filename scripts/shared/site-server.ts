/**
 * The built site served like a static host would: directory indexes, each page's Content-Security-Policy
 * as a header too, and for a missing page the 404 page of the locale in its path (`/ar/...` ->
 * `/ar/404/`), else the root 404. Every other answer (SVG, CSS, scripts, errors) carries the site's policy,
 * the one `_headers` gives static hosts for `/*` (the root page's), and `nosniff`; requests are checked
 * first (src/security/http-requests.ts), so no request can stop the server. Files are read through the
 * safe file layer: a symbolic link in the site is never followed. Used by `npm run serve` and by the
 * screenshot command.
 */
import { constants, type Stats } from 'node:fs';
import { open } from 'node:fs/promises';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import path from 'node:path';
import { inspectInside, isSafeRelativePath, readInside } from '../../src/security/content-files.ts';
import { contentTypeOf, createSafeServer, fileCandidates, policyHeader, sendFile, type RequestTarget } from '../../src/security/http-requests.ts';
import { pagePolicy, siteHeaderPolicy } from '../../src/security/page-policy.ts';

interface SiteFile {
	relative: string;
	absolute: string;
	stats: Stats;
}

/** A regular file of the site reached through no link, or undefined. Dot files are not served (as sirv did not). */
function findFile(root: string, relative: string): SiteFile | undefined {
	if (!isSafeRelativePath(relative) || relative.split('/').some((part) => part.startsWith('.') && part !== '.well-known')) return undefined;
	try {
		const { absolute, stats } = inspectInside(root, relative);
		return stats?.isFile() ? { relative, absolute, stats } : undefined;
	} catch {
		return undefined; // a link on the way: not part of the site
	}
}

const etagOf = (stats: Stats) => `W/"${stats.size}-${Math.trunc(stats.mtimeMs)}"`;

export async function createSiteServer(directory: string): Promise<Server> {
	const root = path.resolve(directory);
	const rootPolicy = pagePolicy((await readInside(root, 'index.html')).toString('utf8'));
	// What `_headers` gives static hosts for every path; a page is sent under its own.
	const sitePolicy = rootPolicy && siteHeaderPolicy(rootPolicy);
	if (!sitePolicy) throw new Error(`${path.join(root, 'index.html')} declares no Content-Security-Policy; rebuild the site with \`npm run build\``);
	// Each page's own policy, by file and version: a page is parsed again only when it changes.
	const policies = new Map<string, string | undefined>();
	const policyOf = (file: SiteFile, html: Buffer) => {
		const key = `${file.relative}\0${etagOf(file.stats)}`;
		if (!policies.has(key)) policies.set(key, policyHeader(pagePolicy(html.toString('utf8'))));
		return policies.get(key);
	};

	/** A page from memory (it was read for its policy), under its own policy when it declares one. */
	const sendPage = async (request: IncomingMessage, response: ServerResponse, file: SiteFile, status: 200 | 404) => {
		const html = await readInside(root, file.relative);
		const policy = policyOf(file, html);
		if (policy) response.setHeader('Content-Security-Policy', policy);
		if (status === 404) return void response.writeHead(404, { 'Content-Type': 'text/html; charset=utf-8' }).end(html);
		await sendFile(request, response, {
			size: html.length,
			etag: etagOf(file.stats),
			lastModified: file.stats.mtime,
			contentType: contentTypeOf(file.relative),
			read: (start, end) => html.subarray(start, end + 1),
		});
	};

	const answer = async (request: IncomingMessage, response: ServerResponse, target: RequestTarget) => {
		const file = fileCandidates(target)
			.map((candidate) => findFile(root, candidate))
			.find((found) => found !== undefined);
		if (!file) {
			const segment = target.parts[0] ?? '';
			const page = (segment ? findFile(root, `${segment}/404/index.html`) : undefined) ?? findFile(root, '404.html');
			if (page) return sendPage(request, response, page, 404);
			return void response.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Not found\n');
		}
		const contentType = contentTypeOf(file.relative);
		if (contentType.startsWith('text/html')) return sendPage(request, response, file, 200);
		await sendFile(request, response, {
			size: file.stats.size,
			etag: etagOf(file.stats),
			lastModified: file.stats.mtime,
			contentType,
			// O_NOFOLLOW: a link swapped in after the check is refused, not followed. The range was checked against the size.
			read: async (start, end) => (await open(file.absolute, constants.O_RDONLY | constants.O_NOFOLLOW)).createReadStream({ start, end }),
		});
	};

	return createSafeServer({ policy: sitePolicy, answer });
}

/**
 * The classroom server: one or more offline packs served to a school's network from a laptop or a Raspberry
 * Pi, with Node's own HTTP server. `/` sends each visitor to the pack in their language, negotiated from
 * `Accept-Language` with the site's CLDR matcher (no JavaScript needed); `/languages/` lists the packs in
 * their own languages; a missing page gets its locale's 404; every answer must be revalidated, so a school's proxy
 * never serves a page from before an update.
 *
 * The packs are served from memory, as they were read (from their zips, or from the folders updates are
 * applied to): they were always inflated whole at start, and the demo's 13 packs are 17 MB. Nothing is
 * unpacked to disk, so a name in a pack never becomes a path, and no copy is left behind by a server that
 * was stopped or killed. Requests are checked first (src/security/http-requests.ts): no request can stop the
 * server, and every answer carries the packs' Content-Security-Policy and `nosniff`.
 */
import { createHash } from 'node:crypto';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import * as cheerio from 'cheerio';
import type { Element } from 'hast';
import { h } from 'hastscript';
import { toHtml } from 'hast-util-to-html';
import Negotiator from 'negotiator';
import { negotiateLocale } from '../i18n/negotiate.ts';
import type { Locale } from '../i18n/registry.ts';
import { isSafeRelativePath } from '../security/content-files.ts';
import { contentTypeOf, createSafeServer, fileCandidates, policyHeader, sendFile, type RequestTarget } from '../security/http-requests.ts';
import { pagePolicy } from '../security/page-policy.ts';

export interface ClassroomPack {
	locale: Locale;
	/** The pack's files, by path: from its zip, or from a folder it was unpacked (and updated) in. */
	files: Readonly<Record<string, Uint8Array>>;
}

export interface Classroom {
	locales: Locale[];
	/** Not yet listening. */
	server: Server;
}

export class ClassroomError extends Error {
	override name = 'ClassroomError';
}

/** Revalidate every time: pack files keep their names across updates (ETags tell what changed). */
const CACHE_CONTROL = 'no-cache';

/** A page served at another URL than its own (a 404 for any missing path) needs its relative links made absolute. */
function rootRelative(html: string, ownPath: string): string {
	const $ = cheerio.load(html);
	for (const attribute of ['href', 'src']) {
		$(`[${attribute}]`).each((_, element) => {
			const value = $(element).attr(attribute)!;
			if (/^(?:[a-z]+:|\/|#)/i.test(value)) return;
			let resolved: URL;
			try {
				resolved = new URL(value, `http://classroom${ownPath}`);
			} catch {
				return; // not a link any browser could follow either
			}
			$(element).attr(attribute, `${resolved.pathname}${resolved.hash}`);
		});
	}
	return $.html();
}

function languagesPage(locales: readonly Locale[]): string {
	const page: Element = h('html', { lang: 'mul' }, [
		h('head', [h('meta', { charset: 'utf-8' }), h('meta', { name: 'viewport', content: 'width=device-width, initial-scale=1' }), h('title', 'Kitebird')]),
		h('body', [
			h(
				'ul',
				locales.map((locale) =>
					h('li', [h('a', { href: `/${locale.segment}/index.html`, lang: locale.tag, hrefLang: locale.tag, dir: locale.dir }, locale.endonym)]),
				),
			),
		]),
	]);
	return toHtml({ type: 'root', children: [{ type: 'doctype' }, page] });
}

interface PackFile {
	data: Uint8Array;
	contentType: string;
	/** A page's own Content-Security-Policy (as a header line), if it declares one. */
	policy?: string;
	etag?: string;
}

export function createClassroom(packs: readonly ClassroomPack[], source: Locale): Classroom {
	const files = new Map<string, PackFile>();
	for (const { files: packFiles } of packs) {
		for (const [name, data] of Object.entries(packFiles)) {
			// Each pack's own start page is left out (`/` negotiates instead); a name no file could have is never served.
			if (name === 'index.html' || !isSafeRelativePath(name)) continue;
			const contentType = contentTypeOf(name);
			const policy = contentType.startsWith('text/html') ? policyHeader(pagePolicy(Buffer.from(data).toString('utf8'))) : undefined;
			files.set(name, { data, contentType, ...(policy ? { policy } : {}) });
		}
	}
	const locales = packs.map((pack) => pack.locale);
	const sourceLocale = locales.find((locale) => locale.tag === source.tag) ?? locales[0];
	// The packs' policy for every answer that is not a page with its own: the one the start pages carry.
	const policy = [sourceLocale, ...locales].map((locale) => locale && files.get(`${locale.segment}/index.html`)?.policy).find(Boolean);
	if (!sourceLocale || !policy)
		throw new ClassroomError('the packs carry no Content-Security-Policy in their start pages; build them again with `npm run build`');

	const notFound = new Map<string, PackFile>();
	for (const { locale, files: packFiles } of packs) {
		const name = `${locale.segment}/404/index.html`;
		const page = packFiles[name];
		if (page) notFound.set(locale.segment, { ...files.get(name)!, data: Buffer.from(rootRelative(Buffer.from(page).toString('utf8'), `/${name}`)) });
	}
	const list = Buffer.from(languagesPage(locales));

	const send = (response: ServerResponse, status: number, headers: Record<string, string>, body: Uint8Array | string = '') => {
		response.writeHead(status, headers).end(body);
	};
	const answer = async (request: IncomingMessage, response: ServerResponse, target: RequestTarget) => {
		if (target.pathname === '/') {
			// The visitor's languages, best first, as `Accept-Language` orders them (`negotiator`); then the site's matcher.
			const requested = new Negotiator(request).languages();
			const chosen = negotiateLocale(requested, locales, sourceLocale);
			return send(response, 302, { Location: `/${chosen.segment}/index.html`, Vary: 'Accept-Language' });
		}
		if (target.pathname === '/languages/') return send(response, 200, { 'Content-Type': 'text/html; charset=utf-8', Vary: 'Accept-Language' }, list);
		const name = fileCandidates(target).find((candidate) => files.has(candidate));
		const file = name === undefined ? undefined : files.get(name);
		if (!file) {
			const page = notFound.get(target.parts[0] ?? '') ?? notFound.get(sourceLocale.segment) ?? [...notFound.values()][0];
			if (page?.policy) response.setHeader('Content-Security-Policy', page.policy);
			return send(response, 404, { 'Content-Type': page ? page.contentType : 'text/plain; charset=utf-8' }, page?.data ?? 'Not found\n');
		}
		if (file.policy) response.setHeader('Content-Security-Policy', file.policy);
		file.etag ??= `"${createHash('sha256').update(file.data).digest('base64url').slice(0, 27)}"`;
		await sendFile(request, response, {
			size: file.data.length,
			etag: file.etag,
			contentType: file.contentType,
			read: (start, end) => file.data.subarray(start, end + 1),
		});
	};
	return { locales, server: createSafeServer({ policy, headers: { 'Cache-Control': CACHE_CONTROL }, answer }) };
}

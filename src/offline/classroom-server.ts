/**
 * The classroom server: one or more offline packs served to a school's network from a laptop or a Raspberry
 * Pi, with Node's own HTTP server. `/` sends each visitor to the pack in their language, negotiated from
 * `Accept-Language` with the site's CLDR matcher (no JavaScript needed); `/languages/` lists the packs in
 * their own languages; a missing page gets its locale's 404; every answer must be revalidated, so a school's proxy
 * never serves a page from before an update.
 */
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import * as cheerio from 'cheerio';
import type { Element } from 'hast';
import { h } from 'hastscript';
import { toHtml } from 'hast-util-to-html';
import Negotiator from 'negotiator';
import sirv from 'sirv';
import { negotiateLocale } from '../i18n/negotiate.ts';
import type { Locale } from '../i18n/registry.ts';

export interface ClassroomPack {
	locale: Locale;
	/** The pack's files, by path: from its zip, or from a folder it was unpacked (and updated) in. */
	files: Readonly<Record<string, Uint8Array>>;
}

export interface Classroom {
	/** Where the packs were unpacked. */
	folder: string;
	locales: Locale[];
	handler: RequestListener;
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
			const resolved = new URL(value, `http://classroom${ownPath}`);
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

export async function createClassroom(packs: readonly ClassroomPack[], source: Locale): Promise<Classroom> {
	const folder = await mkdtemp(path.join(os.tmpdir(), 'glossa-classroom-'));
	for (const { files } of packs) {
		for (const [name, data] of Object.entries(files)) {
			const target = path.join(folder, name);
			// Packs are scanned when written; still, nothing is unpacked outside the folder.
			if (!target.startsWith(`${folder}${path.sep}`)) throw new Error(`pack entry ${name} is outside the pack`);
			if (name === 'index.html') continue; // each pack's own start page; `/` negotiates instead
			await mkdir(path.dirname(target), { recursive: true });
			await writeFile(target, data);
		}
	}
	const locales = packs.map((pack) => pack.locale);
	const notFound = new Map<string, string>();
	for (const { locale, files } of packs) {
		const page = files[`${locale.segment}/404/index.html`];
		if (page) notFound.set(locale.segment, rootRelative(Buffer.from(page).toString('utf8'), `/${locale.segment}/404/index.html`));
	}
	const list = languagesPage(locales);
	const files = sirv(folder, {
		dev: false,
		etag: true,
		setHeaders: (response) => response.setHeader('Cache-Control', CACHE_CONTROL),
	});
	const send = (response: ServerResponse, status: number, headers: Record<string, string>, body = '') => {
		response.writeHead(status, { 'Cache-Control': CACHE_CONTROL, ...headers });
		response.end(body);
	};
	const handler = (request: IncomingMessage, response: ServerResponse) => {
		const pathname = new URL(request.url ?? '/', 'http://classroom').pathname;
		if (pathname === '/') {
			// The visitor's languages, best first, as `Accept-Language` orders them (`negotiator`); then the site's matcher.
			const requested = new Negotiator(request).languages();
			const chosen = negotiateLocale(requested, locales, locales.find((locale) => locale.tag === source.tag) ?? locales[0]!);
			return send(response, 302, { Location: `/${chosen.segment}/index.html`, Vary: 'Accept-Language' });
		}
		if (pathname === '/languages/') return send(response, 200, { 'Content-Type': 'text/html; charset=utf-8', Vary: 'Accept-Language' }, list);
		files(request, response, () => {
			const segment = pathname.split('/')[1] ?? '';
			const page = notFound.get(segment) ?? notFound.get(source.segment) ?? [...notFound.values()][0];
			send(response, 404, { 'Content-Type': 'text/html; charset=utf-8' }, page ?? 'Not found');
		});
	};
	return { folder, locales, handler };
}

/**
 * What every HTTP server Glossa ships (`npm run serve`, the classroom server) does before and around an
 * answer, so that one request can never stop a server a classroom relies on:
 * - only GET and HEAD (405 otherwise); a request target that is not a plain path, or whose `%` escapes do
 *   not decode, gets 400 (`//[` made `new URL` throw inside the old handlers);
 * - `Range` is parsed here, by RFC 9110, before any file is opened (sirv 3.0.2 passed `bytes=5-2` and
 *   `bytes=0-99999999999999999999` to `createReadStream`, which threw and killed the process): one byte
 *   range is served (a last byte past the end is clamped), one that cannot be satisfied gets 416, anything
 *   else (several ranges, another unit, garbage) is ignored and the whole file sent;
 * - every answer, errors included, carries the site's Content-Security-Policy and `nosniff`, so an SVG (or
 *   anything else) opened at its own URL runs no script; a page replaces the policy with its own;
 * - an exception while answering gets 500 and a malformed request 400, and the server goes on.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Duplex, Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { lookup } from 'mrmime';

export const SERVED_METHODS = ['GET', 'HEAD'] as const;

/** A request's path, decoded: `'/'`-separated parts, none of them `.`, `..`, or holding `/`, `\` or a control character. */
export interface RequestTarget {
	/** Starts with `/`; ends with `/` for a folder. */
	pathname: string;
	/** The parts after the leading `/` (the last is `''` for a folder). */
	parts: string[];
}

/**
 * The decoded path of a request target (RFC 9112 origin-form, or absolute-form from a proxy), or
 * undefined for one no file can be named by: `*`, an authority, a target starting with `//` (which URL
 * parsers read as a host), or a `%` escape that does not decode.
 */
export function requestTarget(target: string | undefined): RequestTarget | undefined {
	if (!target) return undefined;
	let url: URL;
	try {
		if (target.startsWith('/') && !target.startsWith('//')) url = new URL(target, 'http://glossa.invalid');
		else if (/^https?:\/\/[^/]/i.test(target)) url = new URL(target);
		else return undefined;
	} catch {
		return undefined;
	}
	let parts: string[];
	try {
		parts = url.pathname.slice(1).split('/').map(decodeURIComponent);
	} catch {
		return undefined;
	}
	if (parts.some((part) => part === '.' || part === '..' || /[/\\\0-\x1f\x7f]/.test(part))) return undefined;
	return { pathname: `/${parts.join('/')}`, parts };
}

/**
 * The files a path may name in a built site, in order, as static hosts look them up: `/a/` is
 * `a/index.html`; `/a` is `a`, `a.html` or `a/index.html`. Relative, `/`-separated; callers check each with
 * the safe file layer (an empty part, from `/a//b`, names no file).
 */
export function fileCandidates({ pathname }: RequestTarget): string[] {
	const relative = pathname.slice(1);
	if (relative === '' || relative.endsWith('/')) return [`${relative}index.html`];
	return [relative, `${relative}.html`, `${relative}/index.html`];
}

export type ByteRange = { kind: 'whole' } | { kind: 'part'; start: number; end: number } | { kind: 'unsatisfiable' };

/**
 * What a `Range` header asks of a file of `size` bytes (RFC 9110 §14). One `bytes` range is served, its
 * last byte clamped to the file; a first byte past the end, a last before the first, or a zero suffix
 * cannot be satisfied (416). Anything else is ignored (the whole file is sent), as §14.2 allows.
 */
export function byteRange(header: string | undefined, size: number): ByteRange {
	if (header === undefined) return { kind: 'whole' };
	const match = /^bytes=[ \t]*(\d*)-(\d*)[ \t]*$/i.exec(header);
	if (!match) return { kind: 'whole' };
	const [, first = '', last = ''] = match;
	// Digits beyond 2^53 become an imprecise Number, which is still larger than any file: compared, never used as an offset.
	if (first === '') {
		if (last === '') return { kind: 'whole' };
		const suffix = Number(last);
		if (suffix === 0 || size === 0) return { kind: 'unsatisfiable' };
		return { kind: 'part', start: Math.max(0, size - suffix), end: size - 1 };
	}
	const start = Number(first);
	if (start >= size) return { kind: 'unsatisfiable' };
	if (last === '') return { kind: 'part', start, end: size - 1 };
	const end = Number(last);
	if (end < start) return { kind: 'unsatisfiable' };
	return { kind: 'part', start, end: Math.min(end, size - 1) };
}

/** The media type for a file name, by its extension; `application/octet-stream` when unknown (never sniffed: `nosniff`). */
export function contentTypeOf(name: string): string {
	const type = lookup(name) ?? 'application/octet-stream';
	return type === 'text/html' ? 'text/html; charset=utf-8' : type;
}

export interface ServedFile {
	size: number;
	etag: string;
	contentType: string;
	lastModified?: Date;
	/** Bytes `start` to `end`, both included (checked against `size` before this is called). */
	read(start: number, end: number): Readable | Uint8Array | Promise<Readable | Uint8Array>;
}

function matchesETag(header: string | undefined, etag: string): boolean {
	if (!header) return false;
	const weak = (tag: string) => tag.trim().replace(/^W\//, '');
	return header.split(',').some((tag) => tag.trim() === '*' || weak(tag) === weak(etag));
}

/**
 * Sends a file: 304 when the browser's copy is current, 206 for one satisfiable range, 416 (with the
 * file's size) for one that is not, else 200; HEAD gets the headers only.
 */
export async function sendFile(request: IncomingMessage, response: ServerResponse, file: ServedFile): Promise<void> {
	response.setHeader('ETag', file.etag);
	if (file.lastModified) response.setHeader('Last-Modified', file.lastModified.toUTCString());
	if (matchesETag(request.headers['if-none-match'], file.etag)) {
		response.writeHead(304).end();
		return;
	}
	response.setHeader('Accept-Ranges', 'bytes');
	// If-Range: a range only of the very copy the browser has (a strong ETag), else the whole file.
	const ifRange = request.headers['if-range'];
	const range = ifRange === undefined || ifRange === file.etag ? byteRange(request.headers.range, file.size) : ({ kind: 'whole' } as const);
	if (range.kind === 'unsatisfiable') {
		response.writeHead(416, { 'Content-Range': `bytes */${file.size}`, 'Content-Type': 'text/plain; charset=utf-8' }).end('Range not satisfiable\n');
		return;
	}
	const [start, end] = range.kind === 'part' ? [range.start, range.end] : [0, file.size - 1];
	response.writeHead(range.kind === 'part' ? 206 : 200, {
		'Content-Type': file.contentType,
		'Content-Length': String(Math.max(0, end - start + 1)),
		...(range.kind === 'part' ? { 'Content-Range': `bytes ${start}-${end}/${file.size}` } : {}),
	});
	if (request.method === 'HEAD' || file.size === 0) {
		response.end();
		return;
	}
	const body = await file.read(start, end);
	if (body instanceof Uint8Array) return void response.end(body);
	try {
		await pipeline(body, response);
	} catch (error) {
		// A browser that goes away mid-file (a video skipped, a tab closed) is not an error of the server.
		if ((error as NodeJS.ErrnoException).code !== 'ERR_STREAM_PREMATURE_CLOSE') throw error;
	}
}

/** A Content-Security-Policy as one header line, or undefined when it cannot be one (a line break, a non-ASCII character). */
export function policyHeader(policy: string | undefined): string | undefined {
	const line = policy?.replace(/\s+/g, ' ').trim();
	return line && /^[\x20-\x7e]+$/.test(line) ? line : undefined;
}

export interface SafeServerOptions {
	/** The site's policy, sent with every answer that does not set a page's own. */
	policy: string;
	/** Headers every answer carries besides the policy and `nosniff` (the classroom's `Cache-Control`). */
	headers?: Readonly<Record<string, string>>;
	/** Answers a request that passed the checks. A thrown error or rejected promise becomes a 500. */
	answer(request: IncomingMessage, response: ServerResponse, target: RequestTarget): void | Promise<void>;
	/** Where an unexpected error is told (the server's console). */
	log?: (message: string) => void;
}

/** An answer with a short plain-text body. */
export function sendText(response: ServerResponse, status: number, text: string, headers: Readonly<Record<string, string>> = {}): void {
	response.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', ...headers }).end(`${text}\n`);
}

/** An HTTP server that answers through `answer` only the requests that pass the checks above, and survives any request. */
export function createSafeServer({ policy, headers = {}, answer, log = console.error }: SafeServerOptions): Server {
	const sitePolicy = policyHeader(policy);
	if (!sitePolicy) throw new Error(`the site's Content-Security-Policy cannot be sent as a header: ${JSON.stringify(policy)}`);
	const always: Record<string, string> = { ...headers, 'Content-Security-Policy': sitePolicy, 'X-Content-Type-Options': 'nosniff' };
	const server = createServer((request, response) => {
		const failed = (error: unknown) => {
			log(`Error answering ${request.method} ${JSON.stringify(request.url)}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
			if (response.headersSent) response.destroy();
			else {
				for (const name of response.getHeaderNames()) response.removeHeader(name);
				sendText(response, 500, 'Internal server error', always);
			}
		};
		try {
			for (const [name, value] of Object.entries(always)) response.setHeader(name, value);
			if (!(SERVED_METHODS as readonly string[]).includes(request.method ?? ''))
				return sendText(response, 405, 'Method not allowed', { Allow: SERVED_METHODS.join(', ') });
			const target = requestTarget(request.url);
			if (!target) return sendText(response, 400, 'Bad request');
			Promise.resolve(answer(request, response, target)).catch(failed);
		} catch (error) {
			failed(error);
		}
	});
	// A request Node's parser refuses (a bad header, a line too long) never reaches the handler: 400, then close.
	server.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex) => {
		if (error.code === 'ECONNRESET' || !socket.writable) return void socket.destroy();
		const status = error.code === 'HPE_HEADER_OVERFLOW' ? '431 Request Header Fields Too Large' : '400 Bad Request';
		const lines = Object.entries(always).map(([name, value]) => `${name}: ${value}\r\n`);
		socket.end(`HTTP/1.1 ${status}\r\n${lines.join('')}Content-Length: 0\r\nConnection: close\r\n\r\n`);
	});
	return server;
}

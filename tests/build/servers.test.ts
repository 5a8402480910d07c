/**
 * The two servers Glossa ships, `npm run serve` (the built demo) and `npm run classroom` (packs: English
 * unpacked in a folder, Thai as its zip), each a real process on loopback, sent the requests that used to
 * stop them, verbatim over TCP: each gets its status, and the same process then still serves a page. Every
 * answer, whatever its status or type, carries the site's Content-Security-Policy and `nosniff`.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pagePolicy } from '../../src/security/page-policy.ts';
import { serveSite, startClassroom, type RunningServer } from '../support/browser.ts';
import { demoPacks } from '../support/paths.ts';
import { rawRequest } from '../support/raw-http.ts';
import { HOSTILE_SVG, HOSTILE_SVG_URL, servedCopies } from '../support/served-copies.ts';

const SVG_SIZE = Buffer.byteLength(HOSTILE_SVG);

interface Served {
	server: RunningServer;
	/** The policy every answer that is not a page of its own must carry. */
	policy: string;
	/** A stylesheet the pages use. */
	css: string;
}

const served: Record<string, Served> = {};

/** A policy's directives but frame-src, the one that differs per page (a hosted video's page may frame its player). */
const withoutFrames = (policy: string) =>
	policy
		.split(';')
		.map((directive) => directive.trim())
		.filter((directive) => directive !== '' && !directive.startsWith('frame-src'))
		.sort();

beforeAll(async () => {
	const { site, packs } = await servedCopies('servers');
	// `_headers` is what static hosts send for `/*`: `npm run serve` must send the same.
	const headers = await readFile(path.join(site, '_headers'), 'utf8');
	const sitePolicy = /Content-Security-Policy: (.+)/.exec(headers)![1]!.trim();
	const siteCss = /href="(\/_astro\/[^"]+\.css)"/.exec(await readFile(path.join(site, 'en/index.html'), 'utf8'))![1]!;
	served['npm run serve'] = { server: await serveSite(site), policy: sitePolicy, css: siteCss };
	// The classroom server sends the policy its packs' pages carry.
	const thai = unzipSync(await readFile(path.join(demoPacks, 'th.zip')));
	const packPolicy = pagePolicy(Buffer.from(thai['th/index.html']!).toString('utf8'))!;
	const packCss = /href="(?:\.\.\/)*(_astro\/[^"]+\.css)"/.exec(Buffer.from(thai['th/index.html']!).toString('utf8'))![1]!;
	served['npm run classroom'] = { server: await startClassroom(packs), policy: packPolicy, css: `/${packCss}` };
}, 120_000);

afterAll(async () => {
	await Promise.all(Object.values(served).map(({ server }) => server.stop()));
});

/** Requests that stopped a server, or that no file can answer, with the status each must get. */
const MALFORMED: [what: string, head: string, status: number, headers: Record<string, string>][] = [
	['a target URL parsers read as a host', 'GET //[ HTTP/1.1', 400, {}],
	['a % escape that does not decode', 'GET /en/%zz/ HTTP/1.1', 400, {}],
	['an encoded slash', 'GET /en%2Findex.html HTTP/1.1', 400, {}],
	['a range ending before it starts', `GET ${HOSTILE_SVG_URL} HTTP/1.1\r\nRange: bytes=5-2`, 416, { 'content-range': `bytes */${SVG_SIZE}` }],
	['a range starting past the file', `GET ${HOSTILE_SVG_URL} HTTP/1.1\r\nRange: bytes=${SVG_SIZE}-`, 416, { 'content-range': `bytes */${SVG_SIZE}` }],
	['an empty suffix range', `GET ${HOSTILE_SVG_URL} HTTP/1.1\r\nRange: bytes=-0`, 416, { 'content-range': `bytes */${SVG_SIZE}` }],
	[
		'a range ending past any file (clamped)',
		`GET ${HOSTILE_SVG_URL} HTTP/1.1\r\nRange: bytes=0-99999999999999999999`,
		206,
		{ 'content-range': `bytes 0-${SVG_SIZE - 1}/${SVG_SIZE}`, 'content-length': String(SVG_SIZE) },
	],
	[
		'a range of the last bytes',
		`GET ${HOSTILE_SVG_URL} HTTP/1.1\r\nRange: bytes=-6`,
		206,
		{ 'content-range': `bytes ${SVG_SIZE - 6}-${SVG_SIZE - 1}/${SVG_SIZE}` },
	],
	['several ranges (ignored: the whole file)', `GET ${HOSTILE_SVG_URL} HTTP/1.1\r\nRange: bytes=0-1,4-9`, 200, { 'content-length': String(SVG_SIZE) }],
	['another range unit (ignored)', `GET ${HOSTILE_SVG_URL} HTTP/1.1\r\nRange: items=0-5`, 200, {}],
	['a method that changes things', 'DELETE /en/index.html HTTP/1.1', 405, { allow: 'GET, HEAD' }],
	['a header line Node cannot parse', 'GET /en/index.html HTTP/1.1\r\nno colon in this line', 400, {}],
];

describe.each(['npm run serve', 'npm run classroom'])('%s', (name) => {
	it.each(MALFORMED)('answers %s with its status, and then still serves a page', async (_, head, status, headers) => {
		const { server, policy } = served[name]!;
		const answer = await rawRequest(server.url, head);
		expect(answer.status, head).toBe(status);
		expect(answer.headers).toMatchObject(headers);
		expect(answer.headers['content-security-policy']).toBe(policy);
		expect(answer.headers['x-content-type-options']).toBe('nosniff');
		// The same process goes on.
		const page = await rawRequest(server.url, 'GET /en/index.html HTTP/1.1');
		expect(page.status).toBe(200);
		expect(page.body).toContain('<html');
	});

	it('serves the right bytes of a range', async () => {
		const { server } = served[name]!;
		const answer = await rawRequest(server.url, `GET ${HOSTILE_SVG_URL} HTTP/1.1\r\nRange: bytes=5-9`);
		expect(answer.status).toBe(206);
		expect(answer.body).toBe(HOSTILE_SVG.slice(5, 10));
	});

	it("sends the site's policy and nosniff with an SVG, a stylesheet, a page, a 404 and a 400", async () => {
		const { server, policy, css } = served[name]!;
		const answers = {
			svg: await fetch(`${server.url}${HOSTILE_SVG_URL}`),
			css: await fetch(`${server.url}${css}`),
			page: await fetch(`${server.url}/en/learn/`),
			missing: await fetch(`${server.url}/en/no/such/page/`),
			head: await fetch(`${server.url}${HOSTILE_SVG_URL}`, { method: 'HEAD' }),
			redirect: await fetch(`${server.url}/`, { redirect: 'manual', headers: { 'Accept-Language': 'th' } }),
		};
		expect(answers.svg.status).toBe(200);
		expect(answers.svg.headers.get('content-type')).toBe('image/svg+xml');
		expect(answers.css.status).toBe(200);
		expect(answers.css.headers.get('content-type')).toBe('text/css');
		expect(answers.page.status).toBe(200);
		expect(answers.missing.status).toBe(404);
		expect(answers.head.status).toBe(200);
		const bad = await rawRequest(server.url, 'GET //[ HTTP/1.1');
		expect(bad.status).toBe(400);
		// A page (the 404 page, the language choice at /) is sent under the policy its own <meta> declares,
		// every other answer under the site's: for `npm run serve`, what `_headers` gives static hosts. They
		// differ only in frames: a page without a hosted video frames nothing.
		const pages = new Set(['page', 'missing', 'redirect']);
		for (const [what, answer] of Object.entries(answers)) {
			const sent = answer.headers.get('content-security-policy')!;
			if (pages.has(what)) {
				expect(withoutFrames(sent), what).toEqual(withoutFrames(policy));
				expect(sent, what).toContain("frame-src 'none'");
			} else expect(sent, what).toBe(policy);
			expect(answer.headers.get('x-content-type-options'), what).toBe('nosniff');
		}
		expect(pagePolicy(await answers.page.text())).toBe(answers.page.headers.get('content-security-policy'));
		expect(bad.headers['content-security-policy']).toBe(policy);
		expect(bad.headers['x-content-type-options']).toBe('nosniff');
	});

	it('answers a conditional request for a page it has not changed with 304, under the same policy', async () => {
		const { server, policy } = served[name]!;
		const first = await fetch(`${server.url}/en/index.html`);
		const again = await fetch(`${server.url}/en/index.html`, { headers: { 'If-None-Match': first.headers.get('etag')! } });
		expect(again.status).toBe(304);
		expect(again.headers.get('content-security-policy')).toBe(first.headers.get('content-security-policy'));
		expect(withoutFrames(again.headers.get('content-security-policy')!)).toEqual(withoutFrames(policy));
	});
});

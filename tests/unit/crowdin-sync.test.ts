import { describe, expect, it } from 'vitest';
import { zipSync, strToU8 } from 'fflate';
import { readArchive, unsafeNameReason } from '../../scripts/crowdin/archive.ts';
import { backoffDelay, classifyFailure, createOnce, parseRetryAfter, RetryingHttpClient } from '../../scripts/crowdin/http.ts';
import { parseContentDocument } from '../../src/content-model/content-document.ts';

const sectionHashes = (text: string) => parseContentDocument('content/en/page.mdx', text).sections.map(({ heading, hash }) => ({ heading, hash }));

describe('Retry-After', () => {
	it('reads seconds and HTTP dates', () => {
		expect(parseRetryAfter('3')).toBe(3000);
		expect(parseRetryAfter('1.5')).toBe(1500);
		const now = Date.parse('2026-11-25T12:00:00Z');
		expect(parseRetryAfter('Wed, 25 Nov 2026 12:00:10 GMT', now)).toBe(10_000);
		expect(parseRetryAfter('soon')).toBeUndefined();
		expect(parseRetryAfter(undefined)).toBeUndefined();
	});

	it('prefers the header, capped; otherwise doubles with jitter', () => {
		const policy = { baseDelayMs: 100, maxRetryAfterMs: 5000, random: () => 0.5 };
		expect(backoffDelay(1, policy, '2')).toBe(2000);
		expect(backoffDelay(1, policy, '600')).toBe(5000);
		expect([1, 2, 3].map((attempt) => backoffDelay(attempt, policy))).toEqual([150, 250, 450]);
	});
});

describe('classifyFailure', () => {
	it('tells rate limits, server errors, network errors and final errors apart, for axios and Crowdin errors', () => {
		expect(classifyFailure({ response: { status: 429, headers: { 'retry-after': '1' } } })).toEqual({ kind: 'rate-limited', status: 429, retryAfter: '1' });
		expect(classifyFailure({ response: { status: 503 } }).kind).toBe('server');
		expect(classifyFailure({ code: 502, message: 'Bad gateway' }).kind).toBe('server');
		expect(classifyFailure({ code: 'ECONNRESET' }).kind).toBe('network');
		expect(classifyFailure({ response: { status: 400 } }).kind).toBe('final');
		expect(classifyFailure(new Error('boom')).kind).toBe('final');
	});
});

describe('RetryingHttpClient', () => {
	const failing = (errors: unknown[]) => {
		const calls: string[] = [];
		const call = async (method: string) => {
			calls.push(method);
			const error = errors.shift();
			if (error) throw error;
			return { data: 'ok' };
		};
		const inner = {
			get: () => call('GET'),
			delete: () => call('DELETE'),
			head: () => call('HEAD'),
			post: () => call('POST'),
			put: () => call('PUT'),
			patch: () => call('PATCH'),
		};
		return { inner, calls };
	};
	const policy = { retries: 3, baseDelayMs: 1, maxRetryAfterMs: 10, sleep: async () => {} };

	it('retries reads on 5xx and network errors', async () => {
		const { inner, calls } = failing([{ response: { status: 500 } }, { code: 'ECONNRESET' }]);
		await expect(new RetryingHttpClient(inner as never, policy).get('https://x/api/v2/projects/1')).resolves.toEqual({ data: 'ok' });
		expect(calls).toEqual(['GET', 'GET', 'GET']);
	});

	it('retries any request on 429, but never repeats a create after an ambiguous failure', async () => {
		const rateLimited = failing([{ response: { status: 429 } }]);
		await new RetryingHttpClient(rateLimited.inner as never, policy).post('https://x/api/v2/projects/1/files', {});
		expect(rateLimited.calls).toEqual(['POST', 'POST']);
		const ambiguous = failing([{ response: { status: 502 } }]);
		await expect(new RetryingHttpClient(ambiguous.inner as never, policy).post('https://x/api/v2/projects/1/files', {})).rejects.toEqual({
			response: { status: 502 },
		});
		expect(ambiguous.calls).toEqual(['POST']);
	});

	it('waits as long as Retry-After says, through the injected sleep', async () => {
		const waits: number[] = [];
		const { inner, calls } = failing([{ response: { status: 429, headers: { 'retry-after': '1' } } }]);
		const client = new RetryingHttpClient(inner as never, { retries: 3, baseDelayMs: 1, maxRetryAfterMs: 60_000, sleep: async (ms) => void waits.push(ms) });
		await expect(client.get('https://x/api/v2/projects/1/files')).resolves.toEqual({ data: 'ok' });
		expect(waits).toEqual([1000]);
		expect(calls).toEqual(['GET', 'GET']);
	});

	it('gives up after the configured retries', async () => {
		const { inner, calls } = failing(Array.from({ length: 10 }, () => ({ response: { status: 503 } })));
		await expect(new RetryingHttpClient(inner as never, policy).get('https://x')).rejects.toEqual({ response: { status: 503 } });
		expect(calls).toHaveLength(4);
	});
});

describe('createOnce', () => {
	it('finds what an ambiguous create made instead of making it again', async () => {
		let creates = 0;
		const result = await createOnce(
			async () => {
				creates++;
				throw { code: 502 };
			},
			async () => 'found',
		);
		expect(result).toBe('found');
		expect(creates).toBe(1);
	});
});

describe('archive entry names', () => {
	it.each([
		['es-419/content/values.mdx', undefined],
		['es-419/../../etc/passwd', 'path traversal (..)'],
		['/etc/passwd', 'absolute path'],
		['C:/Windows/x', 'absolute path'],
		['es-419\\content\\x.mdx', 'backslash in path'],
		['es-419//x.mdx', 'empty or "." path segment'],
		['es-419/./x.mdx', 'empty or "." path segment'],
		['a\u0000b', 'control character in path'],
	])('%s -> %s', (name, reason) => {
		expect(unsafeNameReason(name)).toBe(reason);
	});

	it('reads a plain archive and refuses entries over the size limit', async () => {
		const archive = Buffer.from(zipSync({ 'ar/content/a.mdx': strToU8('مرحبا'), 'ar/content/big.mdx': new Uint8Array(2048) }));
		const { files, refused } = await readArchive(archive, { maxEntryBytes: 1024, maxTotalBytes: 10_000, maxEntries: 10 });
		expect(files.map((file) => [file.name, file.data.toString()])).toEqual([['ar/content/a.mdx', 'مرحبا']]);
		expect(refused).toEqual([{ name: 'ar/content/big.mdx', reason: '2048 bytes, more than the limit of 1024' }]);
	});
});

describe('section hashes of a document', () => {
	const page = (body: string) => `---\ntitle: T\ndescription: D\n---\n\n${body}`;

	it('splits at h2/h3 headings, ignoring headings inside code blocks', () => {
		const sections = sectionHashes(page('Intro.\n\n## One\n\nA\n\n```md\n## not a heading\n```\n\n### Two\n\nB\n'));
		expect(sections.map((section) => section.heading)).toEqual(['', 'One', 'Two']);
	});

	it('changes only the hash of the section that changed', () => {
		const before = sectionHashes(page('Intro.\n\n## One\n\nA\n\n## Two\n\nB\n'));
		const after = sectionHashes(page('Intro.\n\n## One\n\nA changed\n\n## Two\n\nB\n'));
		expect(after.map((section, index) => section.hash === before[index]!.hash)).toEqual([true, false, true]);
	});

	it('ignores trailing spaces and line endings', () => {
		expect(sectionHashes(page('## One\r\n\r\nA  \r\n'))).toEqual(sectionHashes(page('## One\n\nA\n')));
	});
});

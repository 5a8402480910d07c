import { describe, expect, it } from 'vitest';
import { byteRange, requestTarget } from '../../src/security/http-requests.ts';

describe('a request target', () => {
	it.each([
		['/en/learn/', '/en/learn/'],
		['/ar/%D8%A7/?q=1', '/ar/ا/'],
		['/en/../../etc/passwd', '/etc/passwd'],
		['/en/%2e%2e/%2E%2E/etc', '/etc'],
		['http://school.lan/th/index.html', '/th/index.html'],
	])('%s is the path %s', (target, pathname) => {
		expect(requestTarget(target)?.pathname).toBe(pathname);
	});

	it.each(['//[', '//evil.example/x', '*', 'school.lan:80', '/%zz', '/a%2fb', '/a%5Cb', '/a%00b', ''])('%j is refused (400)', (target) => {
		expect(requestTarget(target)).toBeUndefined();
	});
});

describe('a Range header on a 100-byte file (RFC 9110)', () => {
	it.each([
		['bytes=0-9', { kind: 'part', start: 0, end: 9 }],
		['BYTES=90-', { kind: 'part', start: 90, end: 99 }],
		['bytes=-10', { kind: 'part', start: 90, end: 99 }],
		['bytes=-1000', { kind: 'part', start: 0, end: 99 }],
		['bytes=50-99999999999999999999', { kind: 'part', start: 50, end: 99 }],
		['bytes=5-2', { kind: 'unsatisfiable' }],
		['bytes=100-', { kind: 'unsatisfiable' }],
		['bytes=99999999999999999999-', { kind: 'unsatisfiable' }],
		['bytes=-0', { kind: 'unsatisfiable' }],
		['bytes=0-1,5-6', { kind: 'whole' }],
		['items=0-5', { kind: 'whole' }],
		['bytes=-', { kind: 'whole' }],
		['bytes=a-b', { kind: 'whole' }],
	])('%s', (header, expected) => {
		expect(byteRange(header, 100)).toEqual(expected);
	});

	it('cannot be satisfied on an empty file', () => {
		expect(byteRange('bytes=0-', 0)).toEqual({ kind: 'unsatisfiable' });
		expect(byteRange('bytes=-5', 0)).toEqual({ kind: 'unsatisfiable' });
	});
});

import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { COMPILE_CACHE_FOLDER, compileCacheEnvironment } from '../../src/build/compile-cache.ts';

describe('the build’s Node compile cache', () => {
	it('is kept in the project’s node_modules/.cache, for the build process and its worker threads', () => {
		expect(compileCacheEnvironment('/site', {})).toEqual({ NODE_COMPILE_CACHE: path.join('/site', COMPILE_CACHE_FOLDER) });
		expect(COMPILE_CACHE_FOLDER.startsWith('node_modules/.cache/')).toBe(true);
	});

	it('leaves a caller’s own choice alone: another folder, or no cache at all', () => {
		expect(compileCacheEnvironment('/site', { NODE_COMPILE_CACHE: '/tmp/elsewhere' })).toEqual({});
		expect(compileCacheEnvironment('/site', { NODE_DISABLE_COMPILE_CACHE: '1' })).toEqual({});
	});
});

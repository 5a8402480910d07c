/**
 * Issue 29, item 1: one configuration, read and validated once. Every `GLOSSA_*` variable has a typed
 * value or a default; a bad one is an error naming the variable, the value and the fix.
 */
import { describe, expect, it } from 'vitest';
import { GlossaConfigError, readGlossaConfig } from '../../src/config/glossa-config.ts';

describe('readGlossaConfig', () => {
	it('gives every default with no variable set', () => {
		expect(readGlossaConfig({}, '/srv/kitebird/')).toEqual({
			root: '/srv/kitebird',
			siteUrl: 'https://glossa.example.org',
			previewUrl: 'http://localhost:4321',
			full: false,
			offline: { enabled: true, dir: 'dist-offline' },
			strict: false,
			maxFileBytes: 1024 * 1024,
			pseudo: false,
			uiMarks: false,
			shard: undefined,
			cacheDir: 'node_modules/.astro',
			trace: { documents: undefined, models: undefined },
		});
	});

	it('reads each variable as its type', () => {
		const config = readGlossaConfig({
			GLOSSA_SITE: 'https://kitebird.example.org',
			GLOSSA_FULL: '1',
			GLOSSA_OFFLINE: '0',
			GLOSSA_OFFLINE_DIR: 'packs',
			GLOSSA_STRICT: 'yes',
			GLOSSA_MAX_FILE_BYTES: '2097152',
			GLOSSA_PSEUDO: 'true',
			GLOSSA_UI_MARKS: '1',
			GLOSSA_SHARD: '2/3',
		});
		expect(config).toMatchObject({
			siteUrl: 'https://kitebird.example.org',
			full: true,
			offline: { enabled: false, dir: 'packs' },
			strict: true,
			maxFileBytes: 2097152,
			pseudo: true,
			uiMarks: true,
			shard: { index: 2, count: 3 },
			// The screenshots build keeps its own cache.
			cacheDir: 'node_modules/.cache/glossa-screenshots-astro',
		});
	});

	it('refuses bad values, naming each variable and the fix, all at once', () => {
		const bad = {
			GLOSSA_SITE: 'kitebird.example.org',
			GLOSSA_STRICT: 'maybe',
			GLOSSA_MAX_FILE_BYTES: '1 MB',
			GLOSSA_SHARD: '4/3',
			GLOSSA_OFFLINE: 'no packs',
		};
		expect(() => readGlossaConfig(bad)).toThrow(GlossaConfigError);
		let message = '';
		try {
			readGlossaConfig(bad);
		} catch (error) {
			message = (error as Error).message;
		}
		expect(message).toContain('GLOSSA_SITE="kitebird.example.org" is not an http(s) URL; write it as https://example.org/');
		expect(message).toContain('GLOSSA_STRICT="maybe" is not on or off; use 1 or 0');
		expect(message).toContain('GLOSSA_MAX_FILE_BYTES="1 MB" is not a positive number of bytes');
		expect(message).toContain('GLOSSA_SHARD must be K/N with 1 ≤ K ≤ N (got "4/3")');
		expect(message).toContain('GLOSSA_OFFLINE="no packs" is not 0 or 1');
	});
});

import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { StepStore } from '../../src/offline/step-store.ts';

const key = (text: string) => createHash('sha256').update(text).digest('hex');
const freshFolder = () => path.join(mkdtempSync(path.join(os.tmpdir(), 'glossa-steps-')), 'es-419.steps');

describe('a pack step store', () => {
	it('gives back what an earlier build kept, and writes only the steps that are new', () => {
		const folder = freshFolder();
		const first = new StepStore(folder);
		first.set('page', key('values'), { html: Buffer.from('<p>Valores</p>'), assets: ['favicon.svg'] });
		first.set('entry', key('values'), { crc: 1, size: 14, compression: 8, data: new Uint8Array([1, 2, 3]) });
		first.prune();
		expect(first.written).toBe(2);

		const second = new StepStore(folder);
		expect(second.get('page', key('values'))).toEqual({ html: Buffer.from('<p>Valores</p>'), assets: ['favicon.svg'] });
		expect(second.get<{ data: Uint8Array }>('entry', key('values'))?.data).toEqual(new Uint8Array([1, 2, 3]));
		expect(second.get('page', key('about'))).toBeUndefined();
		// Read already: setting it again writes nothing.
		second.set('page', key('values'), { html: Buffer.from('<p>Valores</p>'), assets: ['favicon.svg'] });
		second.set('scan', key('about'), []);
		expect(second.written).toBe(1);
	});

	it('keeps only the steps the last build used, and removes anything else in its folder without following links', () => {
		const folder = freshFolder();
		const first = new StepStore(folder);
		for (const name of ['values', 'about', 'team']) first.set('page', key(name), { name });
		first.prune();
		const outside = mkdtempSync(path.join(os.tmpdir(), 'glossa-outside-'));
		writeFileSync(path.join(outside, 'keep.txt'), 'not the cache’s');
		symlinkSync(outside, path.join(folder, 'linked'));
		mkdirSync(path.join(folder, 'stray'));
		writeFileSync(path.join(folder, `page-${key('half')}.v8.1234.tmp`), 'half a step');

		const second = new StepStore(folder);
		expect(second.get('page', key('values'))).toEqual({ name: 'values' });
		second.set('page', key('contact'), { name: 'contact' });
		second.prune();
		expect(readdirSync(folder).sort()).toEqual([`page-${key('contact')}.v8`, `page-${key('values')}.v8`].sort());
		expect(existsSync(path.join(outside, 'keep.txt'))).toBe(true);
	});

	it('takes a step it cannot read for one not kept, and refuses a key that is not a hash', () => {
		const folder = freshFolder();
		mkdirSync(folder, { recursive: true });
		writeFileSync(path.join(folder, `page-${key('values')}.v8`), 'not a serialised value');
		const store = new StepStore(folder);
		expect(store.get('page', key('values'))).toBeUndefined();
		store.set('page', key('values'), { name: 'values' });
		expect(new StepStore(folder).get('page', key('values'))).toEqual({ name: 'values' });
		expect(() => store.get('page', '../../escape')).toThrow(/must be a SHA-256 in hex/);
	});
});

import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { StepStore } from '../../src/offline/step-store.ts';

const key = (text: string) => createHash('sha256').update(text).digest('hex');
const made: string[] = [];
const freshFolder = () => {
	const parent = mkdtempSync(path.join(os.tmpdir(), 'glossa-steps-'));
	made.push(parent);
	return path.join(parent, 'es-419.steps');
};
afterAll(() => {
	for (const folder of made) rmSync(folder, { recursive: true, force: true });
});

describe('a pack step store', () => {
	it('gives back what an earlier build kept, to the same code only', () => {
		const folder = freshFolder();
		const first = new StepStore(folder, 'code-1');
		first.set('page', key('values'), { html: Buffer.from('<p>Valores</p>'), assets: ['favicon.svg'] });
		first.set('entry', key('values'), { crc: 1, size: 14, compression: 8, data: new Uint8Array([1, 2, 3]) });
		first.prune();
		expect(first.written).toBe(2);

		const second = new StepStore(folder, 'code-1');
		expect(second.get('page', key('values'))).toEqual({ html: Buffer.from('<p>Valores</p>'), assets: ['favicon.svg'] });
		expect(second.get<{ data: Uint8Array }>('entry', key('values'))?.data).toEqual(new Uint8Array([1, 2, 3]));
		expect(second.get('page', key('about'))).toBeUndefined();
		expect(second.written).toBe(0);

		// Other packer code: nothing is found, and the next prune removes the old code's steps.
		const changed = new StepStore(folder, 'code-2');
		expect(changed.get('page', key('values'))).toBeUndefined();
		changed.set('page', key('values'), { html: Buffer.from('<p>Valores!</p>') });
		changed.prune();
		expect(readdirSync(folder)).toHaveLength(1);
		expect(new StepStore(folder, 'code-2').get('page', key('values'))).toEqual({ html: Buffer.from('<p>Valores!</p>') });
	});

	it('keeps only the steps the last build used, and removes anything else in its folder without following links', () => {
		const folder = freshFolder();
		const first = new StepStore(folder, 'code');
		for (const name of ['values', 'about', 'team']) first.set('page', key(name), { name });
		first.prune();
		const outside = mkdtempSync(path.join(os.tmpdir(), 'glossa-outside-'));
		made.push(outside);
		writeFileSync(path.join(outside, 'keep.txt'), 'not the cache’s');
		symlinkSync(outside, path.join(folder, 'linked'));
		mkdirSync(path.join(folder, 'stray'));
		writeFileSync(path.join(folder, `page-${key('half')}.v8.1234.tmp`), 'half a step');

		const second = new StepStore(folder, 'code');
		expect(second.get('page', key('values'))).toEqual({ name: 'values' });
		second.set('page', key('contact'), { name: 'contact' });
		second.prune();
		expect(readdirSync(folder)).toHaveLength(2);
		const third = new StepStore(folder, 'code');
		expect([third.get('page', key('values')), third.get('page', key('contact')), third.get('page', key('about'))]).toEqual([
			{ name: 'values' },
			{ name: 'contact' },
			undefined,
		]);
		expect(existsSync(path.join(outside, 'keep.txt'))).toBe(true);
	});

	it('takes a step it cannot read for one not kept, writes the redone step over it, and refuses a key that is not a hash', () => {
		const folder = freshFolder();
		const store = new StepStore(folder, 'code');
		store.set('page', key('values'), { name: 'values' });
		const [name] = readdirSync(folder);
		writeFileSync(path.join(folder, name!), 'not a serialised value');
		const next = new StepStore(folder, 'code');
		expect(next.get('page', key('values'))).toBeUndefined();
		next.set('page', key('values'), { name: 'values' });
		next.prune();
		expect(new StepStore(folder, 'code').get('page', key('values'))).toEqual({ name: 'values' });
		expect(() => store.get('page', '../../escape')).toThrow(/must be a SHA-256 in hex/);
	});
});

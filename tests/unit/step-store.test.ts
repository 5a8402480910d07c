import { createHash } from 'node:crypto';
import {
	appendFileSync,
	lstatSync,
	mkdtempSync,
	readdirSync,
	readFileSync,
	renameSync,
	rmSync,
	statSync,
	symlinkSync,
	truncateSync,
	writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { StepStore } from '../../src/offline/step-store.ts';

const key = (text: string) => createHash('sha256').update(text).digest('hex');
const made: string[] = [];
const freshFile = () => {
	const parent = mkdtempSync(path.join(os.tmpdir(), 'glossa-steps-'));
	made.push(parent);
	return path.join(parent, 'es-419.steps.log');
};
afterAll(() => {
	for (const folder of made) rmSync(folder, { recursive: true, force: true });
});

/** One build's use of the store: reads `reads`, writes `writes`, saves. */
function build(file: string, version: string, reads: string[], writes: Record<string, unknown> = {}): { found: unknown[]; store: StepStore } {
	const store = new StepStore(file, version);
	const found = reads.map((name) => store.get('page', key(name)));
	for (const [name, value] of Object.entries(writes)) store.set('page', key(name), value);
	store.save();
	return { found, store };
}

describe('a pack step store', () => {
	it('gives back what an earlier build kept, to the same code only', () => {
		const file = freshFile();
		const first = new StepStore(file, 'code-1');
		first.set('page', key('values'), { html: Buffer.from('<p>Valores</p>'), assets: ['favicon.svg'] });
		first.set('entry', key('values'), { crc: 1, size: 14, compression: 8, data: new Uint8Array([1, 2, 3]) });
		first.save();
		expect(first.written).toBe(2);

		const second = new StepStore(file, 'code-1');
		expect(second.get('page', key('values'))).toEqual({ html: Buffer.from('<p>Valores</p>'), assets: ['favicon.svg'] });
		expect(second.get<{ data: Uint8Array }>('entry', key('values'))?.data).toEqual(new Uint8Array([1, 2, 3]));
		expect(second.get('page', key('about'))).toBeUndefined();
		expect(second.written).toBe(0);

		// Other packer code: nothing is found, and its save leaves only its own step in the file.
		const changed = new StepStore(file, 'code-2');
		expect(changed.get('page', key('values'))).toBeUndefined();
		changed.set('page', key('values'), { html: Buffer.from('<p>Valores!</p>') });
		changed.save();
		expect(new StepStore(file, 'code-2').get('page', key('values'))).toEqual({ html: Buffer.from('<p>Valores!</p>') });
		expect(new StepStore(file, 'code-1').get('page', key('values'))).toBeUndefined();
		expect(readdirSync(path.dirname(file))).toEqual(['es-419.steps.log']);
	});

	it('finds again only the steps the last build used, appends new steps, and compacts once half the file is unused', () => {
		const file = freshFile();
		build(file, 'code', [], { values: { name: 'values' }, about: { name: 'about' }, team: { name: 'team' } });
		const { found } = build(file, 'code', ['values', 'about'], { contact: { name: 'contact' } });
		expect(found).toEqual([{ name: 'values' }, { name: 'about' }]);
		expect(build(file, 'code', ['values', 'about', 'contact', 'team']).found).toEqual([{ name: 'values' }, { name: 'about' }, { name: 'contact' }, undefined]);

		// A build that uses exactly what it found writes nothing.
		const before = readFileSync(file);
		build(file, 'code', ['values', 'about', 'contact']);
		expect(readFileSync(file).equals(before)).toBe(true);

		// Many rebuilds that each change one step: the file stays within twice what the steps in use take.
		const big = (n: number) => ({ text: 'x'.repeat(2000), n });
		build(file, 'code', [], Object.fromEntries(Array.from({ length: 10 }, (_, page) => [`page-${page}`, big(0)])));
		const oneBuild = statSync(file).size;
		for (let round = 1; round <= 40; round++)
			build(
				file,
				'code',
				Array.from({ length: 9 }, (_, page) => `page-${page}`),
				{ 'page-9': big(round) },
			);
		expect(statSync(file).size).toBeLessThanOrEqual(oneBuild * 2 + 4096);
		const last = new StepStore(file, 'code');
		expect(last.get('page', key('page-9'))).toEqual(big(40));
		expect(last.get('page', key('page-0'))).toEqual(big(0));
	});

	it('takes a torn, cut or foreign file for no steps, and does the steps again', () => {
		const file = freshFile();
		build(file, 'code', [], { values: { name: 'values' }, about: { name: 'about' } });
		const whole = readFileSync(file);

		// A build stopped while appending: the tail is no index, so nothing is found; the next save writes a whole file.
		appendFileSync(file, Buffer.from('half of a new step'));
		expect(build(file, 'code', ['values'], { values: { name: 'values again' } }).found).toEqual([undefined]);
		expect(build(file, 'code', ['values']).found).toEqual([{ name: 'values again' }]);

		// Cut short, or not a store at all.
		writeFileSync(file, whole);
		truncateSync(file, whole.length - 10);
		expect(build(file, 'code', ['about']).found).toEqual([undefined]);
		writeFileSync(file, 'not a store');
		expect(build(file, 'code', ['about']).found).toEqual([undefined]);
	});

	it('does not append to another build’s store renamed over its file, even one of the same size', () => {
		const file = freshFile();
		const [a, b] = [{ text: 'A'.repeat(2000) }, { text: 'B'.repeat(2000) }];
		build(file, 'code', [], { values: a, about: b });
		const reader = new StepStore(file, 'code');
		expect([reader.get('page', key('values')), reader.get('page', key('about'))]).toEqual([a, b]);
		// Meanwhile another build writes the same steps the other way round: the same size, another layout.
		const other = path.join(path.dirname(file), 'other.log');
		build(other, 'code', [], { values: b, about: a });
		expect(statSync(other).size).toBe(statSync(file).size);
		renameSync(other, file);
		// Both steps in use, so this save would append to the file it read.
		reader.set('page', key('contact'), { name: 'contact' });
		reader.save();
		// What this build saved reads back as this build saw it, not through the other file's layout.
		const next = new StepStore(file, 'code');
		expect([next.get('page', key('values')), next.get('page', key('about')), next.get('page', key('contact'))]).toEqual([a, b, { name: 'contact' }]);
	});

	it('never reads or writes through a link where its file goes, and refuses a key that is not a hash', () => {
		const file = freshFile();
		const outside = mkdtempSync(path.join(os.tmpdir(), 'glossa-outside-'));
		made.push(outside);
		const target = path.join(outside, 'not-the-cache.log');
		build(path.join(outside, 'a.log'), 'code', [], { values: { name: 'values' } });
		writeFileSync(target, readFileSync(path.join(outside, 'a.log')));
		symlinkSync(target, file);

		expect(build(file, 'code', ['values'], { about: { name: 'about' } }).found).toEqual([undefined]);
		expect(lstatSync(file).isFile()).toBe(true);
		expect(readFileSync(target).equals(readFileSync(path.join(outside, 'a.log')))).toBe(true);
		expect(new StepStore(file, 'code').get('page', key('about'))).toEqual({ name: 'about' });

		expect(() => new StepStore(file, 'code').get('page', '../../escape')).toThrow(/must be a SHA-256 in hex/);
	});
});

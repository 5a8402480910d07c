import { appendFileSync, mkdirSync, mkdtempSync, renameSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { matchesRecord, parseKeyedRecord, recordFolder } from '../../src/build/folder-record.ts';

const made: string[] = [];
/** A folder like a search index: files at two depths. */
const writtenFolder = () => {
	const parent = mkdtempSync(path.join(os.tmpdir(), 'glossa-record-'));
	made.push(parent);
	const folder = path.join(parent, 'pagefind');
	mkdirSync(path.join(folder, 'index'), { recursive: true });
	writeFileSync(path.join(folder, 'pagefind-entry.json'), '{"version":"1"}');
	writeFileSync(path.join(folder, 'index/en_1.pf_index'), 'first language');
	writeFileSync(path.join(folder, 'index/es_2.pf_index'), 'second language');
	return folder;
};
afterAll(() => {
	for (const folder of made) rmSync(folder, { recursive: true, force: true });
});

describe('a folder record', () => {
	it('matches the folder it was taken of, also after the folder was moved', () => {
		const folder = writtenFolder();
		const record = recordFolder(folder)!;
		expect(Object.keys(record.files).sort()).toEqual(['index/en_1.pf_index', 'index/es_2.pf_index', 'pagefind-entry.json']);
		expect(matchesRecord(folder, record)).toBe(true);
		const aside = path.join(path.dirname(folder), 'set-aside');
		renameSync(folder, aside);
		expect(matchesRecord(aside, record)).toBe(true);
	});

	it('matches no folder with a file edited, replaced, added or removed since', () => {
		const edited = writtenFolder();
		const editedRecord = recordFolder(edited)!;
		appendFileSync(path.join(edited, 'index/en_1.pf_index'), '!');
		expect(matchesRecord(edited, editedRecord)).toBe(false);

		// The same size and modification time, as `cp -p` or `touch -r` would leave: its change time differs.
		const replaced = writtenFolder();
		const replacedRecord = recordFolder(replaced)!;
		const file = path.join(replaced, 'pagefind-entry.json');
		const [, , mtimeNs] = replacedRecord.files['pagefind-entry.json']!;
		writeFileSync(file, '{"version":"2"}');
		const seconds = Number(BigInt(mtimeNs) / 1000n) / 1e6;
		utimesSync(file, seconds, seconds);
		expect(matchesRecord(replaced, replacedRecord)).toBe(false);

		const added = writtenFolder();
		const addedRecord = recordFolder(added)!;
		writeFileSync(path.join(added, 'index/extra.txt'), 'not written by the build');
		expect(matchesRecord(added, addedRecord)).toBe(false);

		const removed = writtenFolder();
		const removedRecord = recordFolder(removed)!;
		rmSync(path.join(removed, 'index/es_2.pf_index'));
		expect(matchesRecord(removed, removedRecord)).toBe(false);
		expect(matchesRecord(path.join(removed, 'missing'), removedRecord)).toBe(false);
	});

	it('has no record of a folder that holds a link, or of a link to a folder, and never matches one', () => {
		const folder = writtenFolder();
		const record = recordFolder(folder)!;
		symlinkSync('/etc', path.join(folder, 'index/outside'));
		expect(recordFolder(folder)).toBeUndefined();
		expect(matchesRecord(folder, record)).toBe(false);

		const target = writtenFolder();
		const link = path.join(path.dirname(target), 'linked');
		symlinkSync(target, link);
		expect(recordFolder(link)).toBeUndefined();
		expect(matchesRecord(link, recordFolder(target)!)).toBe(false);
	});

	it('reads a kept record back, and takes a damaged or foreign one for none', () => {
		const record = { key: 'abc', ...recordFolder(writtenFolder())! };
		expect(parseKeyedRecord(JSON.stringify(record))).toEqual(record);
		for (const text of [
			undefined,
			'',
			'half a fi',
			'null',
			'[]',
			'{"key":1,"files":{}}',
			'{"key":"abc","files":{"a":[1,2,3,4]}}',
			'{"key":"abc","files":{"a":["1"]}}',
		])
			expect(parseKeyedRecord(text)).toBeUndefined();
	});
});

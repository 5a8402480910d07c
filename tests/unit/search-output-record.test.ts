import { describe, expect, it } from 'vitest';
import { outputRecord } from '../../src/search/index-worker.ts';

const stamp = ['10', '1', '2', '3'];
const record = {
	key: 'code',
	files: { 'pagefind-entry.json': stamp, 'pagefind.js': stamp, 'index/en_1.pf_index': stamp, 'index/es_2.pf_index': stamp },
	origins: { 'en-aaa': ['index/en_1.pf_index', 'pagefind.js'], 'es-bbb': ['index/es_2.pf_index', 'pagefind.js'] },
};
const read = (changed: object) => outputRecord(JSON.stringify({ ...record, ...changed }));

describe("the search output's record", () => {
	it('is read back when its languages give exactly its files', () => {
		expect(read({})).toEqual(record);
	});

	it('is taken for none when its languages and its files disagree, or a file is no safe relative path', () => {
		// A language naming a file the output does not have, or the output holding a file no language gave.
		expect(read({ origins: { ...record.origins, 'fr-ccc': ['index/fr_3.pf_index'] } })).toBeUndefined();
		expect(read({ origins: { 'en-aaa': ['index/en_1.pf_index', 'pagefind.js'] } })).toBeUndefined();
		expect(read({ origins: { ...record.origins, 'en-aaa': ['../../outside.txt'] } })).toBeUndefined();
		expect(read({ origins: { 'en-aaa': 'index/en_1.pf_index' } })).toBeUndefined();
		expect(read({ origins: undefined })).toBeUndefined();
		expect(outputRecord('{"key":')).toBeUndefined();
	});
});

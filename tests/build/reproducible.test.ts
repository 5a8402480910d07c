/**
 * The same tree gives the same bytes: a cold build of a copy of the demo, in another folder, equals the demo
 * build file for file, search index, offline packs and service worker included. A CDN or an offline update
 * then sends only what really changed. The demo is built with Node's compile cache, as `npm run build` builds,
 * and the copy without it: the cache holds compiled code, never output. The same cold build reads and parses
 * each source file once.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { glob } from 'tinyglobby';
import { beforeAll, describe, expect, it } from 'vitest';
import { astroBuild } from '../support/astro-build.ts';
import { folderSnapshot } from '../support/folder-snapshot.ts';
import { createFixtureProject } from '../support/fixture-project.ts';
import { listContentFiles } from '../../src/security/content-files.ts';
import { demoDist, demoPacks } from '../support/paths.ts';

let root: string;
let trace: string;
let modelTrace: string;

beforeAll(async () => {
	root = await createFixtureProject('reproducible', {});
	trace = path.join(root, 'document-trace.txt');
	modelTrace = path.join(root, 'model-trace.txt');
	const built = await astroBuild(root, path.join(root, 'dist'), {
		GLOSSA_TRACE_DOCUMENTS: trace,
		GLOSSA_TRACE_MODELS: modelTrace,
		NODE_DISABLE_COMPILE_CACHE: '1',
	});
	expect(built.code, built.output).toBe(0);
});

describe('two cold builds of the same tree', () => {
	it('write the same files with the same bytes, search index and service worker included', async () => {
		const first = await folderSnapshot(demoDist);
		const second = await folderSnapshot(path.join(root, 'dist'));
		expect(Object.keys(second)).toEqual(Object.keys(first));
		expect(Object.keys(first).some((file) => file.startsWith('pagefind/') && file.endsWith('.pf_index'))).toBe(true);
		const differing = Object.keys(first).filter((file) => second[file] !== first[file]);
		expect(differing).toEqual([]);
	});

	it('write the same offline packs', async () => {
		expect(await folderSnapshot(path.join(root, 'dist-offline'))).toEqual(await folderSnapshot(demoPacks));
	});
});

describe('a cold build', () => {
	it('reads each source file once and parses it once, whatever reads it (checks, status, pages, search, packs)', async () => {
		const events = (await readFile(trace, 'utf8')).trim().split('\n');
		const files = listContentFiles(root).files.map((file) => `content/${file}`);
		expect(files.length).toBeGreaterThan(30);
		const of = (kind: string) => events.filter((event) => event.startsWith(`${kind}\t`)).map((event) => event.slice(kind.length + 1));
		expect(of('read').sort()).toEqual(files);
		expect(of('parse').sort()).toEqual(files);
	});

	it('computes one site model, shared by the pages and the offline outputs, and one model per content page', async () => {
		const events = (await readFile(modelTrace, 'utf8')).trim().split('\n');
		const of = (kind: string) => events.filter((event) => event.startsWith(`${kind}\t`)).map((event) => event.slice(kind.length + 1));
		expect(of('site-model')).toHaveLength(1);
		// The UI strings are validated once, by the content sync's project scan; the site model uses that.
		expect(of('ui-strings')).toEqual(['locales']);
		// Every content page (the pages that carry their content's locale) once: for its cache key and its render.
		const contentPages: string[] = [];
		for (const file of await glob('**/index.html', { cwd: path.join(root, 'dist') })) {
			const html = await readFile(path.join(root, 'dist', file), 'utf8');
			if (html.includes('data-content-locale=')) contentPages.push(`/${file.replace(/index\.html$/, '')}`);
		}
		expect(contentPages.length).toBeGreaterThan(100);
		expect(of('page-model').sort()).toEqual(contentPages.sort());
	});
});

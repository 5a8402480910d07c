import { describe, expect, it } from 'vitest';
import {
	collectAfterRendering,
	collectBetweenPhasesIntegration,
	collectGarbage,
	RETURN_TO_SYSTEM_ABOVE_BYTES,
	thoroughAfterSync,
} from '../../src/build/collect-between-phases.ts';
import { contentPageTally, countContentPage } from '../../src/site/build-site.ts';

const MB = 1024 * 1024;
const OBJECTS = 400_000;
// A full collection of a heap this size takes a few seconds on a machine busy with other suites.
const COLLECTION_TIMEOUT = 30_000;

/** About 30 MB of small objects, as a content sync leaves behind: live until the caller drops them. */
function phaseGarbage(): { text: string; index: number }[] {
	return Array.from({ length: OBJECTS }, (_, index) => ({ text: `segment ${index} ${'x'.repeat(index % 40)}`, index }));
}

describe('collection between build phases', () => {
	it(
		"frees what a phase left behind, which V8 would otherwise keep until the heap's far bound",
		async () => {
			let garbage: unknown[] | undefined = phaseGarbage();
			const held = process.memoryUsage().heapUsed;
			expect(garbage.length).toBe(OBJECTS);
			garbage = undefined;
			expect(await collectGarbage()).toBe(true);
			expect(held - process.memoryUsage().heapUsed).toBeGreaterThan(15 * MB);
			expect(garbage).toBeUndefined();
		},
		COLLECTION_TIMEOUT,
	);

	it(
		'runs after the content sync and after the rendering, and nowhere else',
		async () => {
			const integration = collectBetweenPhasesIntegration();
			expect(Object.keys(integration.hooks).sort()).toEqual(['astro:build:generated', 'astro:build:start']);
			let garbage: unknown[] | undefined = phaseGarbage();
			const held = process.memoryUsage().heapUsed;
			expect(garbage.length).toBe(OBJECTS);
			garbage = undefined;
			const start = integration.hooks['astro:build:start'] as () => Promise<void>;
			await start();
			expect(held - process.memoryUsage().heapUsed).toBeGreaterThan(15 * MB);
			expect(garbage).toBeUndefined();
		},
		COLLECTION_TIMEOUT,
	);
});

describe('the collection after the content sync', () => {
	it('gives the memory back to the system only when the sync left a large heap', () => {
		// 200 x 15 leaves about 0.2 GB: a plain round, which a rebuild pays less for.
		expect(thoroughAfterSync(200 * MB)).toBe(false);
		// A 300 x 70 shard leaves about 0.47 GB, the whole build about 0.93 GB: given back before Vite bundles.
		expect(thoroughAfterSync(470 * MB)).toBe(true);
		expect(thoroughAfterSync(930 * MB)).toBe(true);
		expect(thoroughAfterSync(RETURN_TO_SYSTEM_ABOVE_BYTES)).toBe(false);
	});
});

describe('the collection after the rendering', () => {
	it('runs when the build rendered a tenth of its content pages or more, not for a rebuild of a few', () => {
		// A cold build renders every page it keys.
		expect(collectAfterRendering({ keyed: 3_000, rendered: 3_000 })).toBe(true);
		// A whole locale downloaded from Crowdin: 300 of 3,000.
		expect(collectAfterRendering({ keyed: 3_000, rendered: 300 })).toBe(true);
		// One English edit renders that page in each of 15 locales; a rebuild with nothing changed, none.
		expect(collectAfterRendering({ keyed: 3_000, rendered: 15 })).toBe(false);
		expect(collectAfterRendering({ keyed: 3_000, rendered: 0 })).toBe(false);
		// A site with no content pages has nothing to weigh: collected, as before.
		expect(collectAfterRendering({ keyed: 0, rendered: 0 })).toBe(true);
	});

	it('counts the pages through the bridge the bundled pages and the integrations share', () => {
		const before = contentPageTally();
		countContentPage('keyed');
		countContentPage('keyed');
		countContentPage('rendered');
		expect(contentPageTally()).toEqual({ keyed: before.keyed + 2, rendered: before.rendered + 1 });
	});
});

import { describe, expect, it } from 'vitest';
import { collectBetweenPhasesIntegration, collectGarbage, RETURN_TO_SYSTEM_ABOVE_BYTES, thoroughAfterSync } from '../../src/build/collect-between-phases.ts';

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

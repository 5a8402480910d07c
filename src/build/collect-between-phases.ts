/**
 * A full garbage collection between the build's phases: after the content sync (before Vite bundles the
 * server code) and after the pages are rendered (before the search index is moved in and the offline packs
 * are made).
 *
 * Why: V8 sizes its heap by the machine's memory (a quarter of it), so on a large machine it leaves a
 * phase's garbage in place and grows the heap for the next phase instead. At the end of the content sync
 * of a 300 x 70 shard the main heap held 420 MB, of which 95 MB was live; the bundler's native memory and
 * the rendering then came on top of it. Collected at those two points, the shard peaked at 1.25-1.29 GB
 * instead of 1.69-1.75 GB, in the same time (each collection took about 0.4 s there through the inspector).
 */
import { Session } from 'node:inspector/promises';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { AstroIntegration } from 'astro';
import { contentPageTally, type ContentPageTally } from '../site/build-site.ts';

type CollectFunction = () => void;

let exposedCollect: CollectFunction | null | undefined;

/**
 * V8's own `gc()`, which `--expose-gc` gives a new context: one full mark-compact. The flag is set after
 * start-up, as test runners do to measure heaps; null when this V8 refuses it.
 */
function exposedGc(): CollectFunction | null {
	if (exposedCollect === undefined) {
		try {
			setFlagsFromString('--expose-gc');
			const collect: unknown = runInNewContext('gc');
			exposedCollect = typeof collect === 'function' ? (collect as CollectFunction) : null;
		} catch {
			exposedCollect = null;
		}
	}
	return exposedCollect;
}

/**
 * Collects all garbage now. `thorough`: V8's low-memory collection through the inspector protocol, several
 * full rounds that also give the freed pages back to the system (RSS falls, so the next phase's peak is
 * lower); otherwise V8's `gc()`, one full round, which keeps the freed pages for the heap to reuse. The plain
 * round takes half the time for the same memory freed (0.25 s against 0.5 s for 760 MB of garbage beside
 * 200 MB live); after a default-preset content sync it took 0.07-0.11 s. False when neither is available:
 * then the build goes on without it.
 */
export async function collectGarbage({ thorough }: { thorough: boolean } = { thorough: true }): Promise<boolean> {
	const collect = thorough ? null : exposedGc();
	if (collect) {
		collect();
		return true;
	}
	let session: Session | undefined;
	try {
		session = new Session();
		session.connect();
		await session.post('HeapProfiler.collectGarbage');
		return true;
	} catch {
		return false;
	} finally {
		session?.disconnect();
	}
}

/**
 * The heap the content sync leaves above which the collection after it gives the memory back to the system
 * (the thorough collection), in bytes. On 200 x 15 the sync leaves about 0.2 GB, mostly garbage; one plain
 * round frees it for Vite's bundling and the rendering to reuse, and a rebuild saves the 0.3-0.5 s the
 * thorough one takes. On 300 x 70 it leaves about 0.93 GB (0.47 GB in shard 1 of 4): kept by the heap
 * after a plain round, that memory stayed in the process while Vite's bundler added its own, and the build
 * peaked at 1,718 MB (shard 1/4: 1,354 MB); given back, at 1,449 MB (1,252 MB), the content sync's own peak
 * (one cold build each, 2026-12-07; the collection itself took 0.5-0.9 s there).
 */
export const RETURN_TO_SYSTEM_ABOVE_BYTES = 320 * 1024 * 1024;

/** Whether the collection after the content sync should give the freed memory back (`RETURN_TO_SYSTEM_ABOVE_BYTES`). */
export function thoroughAfterSync(heapUsedBytes: number): boolean {
	return heapUsedBytes > RETURN_TO_SYSTEM_ABOVE_BYTES;
}

/**
 * The share of the build's content pages it must have rendered for the collection after the rendering to be
 * worth its time. What that collection gives back is mostly the rendering's garbage: after a cold build of
 * 200 x 15 it took the peak (the pack workers') from 1.05-1.08 GB to 0.94-0.95 GB. A rebuild that renders a
 * few pages leaves little of it, and its pack workers have little to do; there the collection cost 0.3 s
 * of a 4.7 s rebuild with nothing changed and 0.6 s of a 5.4 s one after an English edit (five each,
 * alternating), for 50-65 MB off peaks of 0.71-0.73 GB, well under a cold build's.
 */
export const COLLECT_AFTER_RENDERING_SHARE = 0.1;

/** Whether the collection after the rendering is worth its time: a tenth of the content pages rendered, or more. */
export function collectAfterRendering({ keyed, rendered }: ContentPageTally): boolean {
	return rendered >= keyed * COLLECT_AFTER_RENDERING_SHARE;
}

/**
 * After the content sync, one plain round when the heap is small, the thorough one when it is large
 * (`thoroughAfterSync`). After the rendering, when the build rendered a tenth of its pages or more
 * (`collectAfterRendering`), the memory goes back to the system before the pack workers start, which is
 * where a default-preset build peaks (0.94-0.95 GB this way, 1.05-1.08 GB with one plain round at both
 * points).
 */
export function collectBetweenPhasesIntegration(): AstroIntegration {
	return {
		name: 'glossa-collect-between-phases',
		hooks: {
			'astro:build:start': async () => {
				await collectGarbage({ thorough: thoroughAfterSync(process.memoryUsage().heapUsed) });
			},
			'astro:build:generated': async () => {
				if (collectAfterRendering(contentPageTally())) await collectGarbage({ thorough: true });
			},
		},
	};
}

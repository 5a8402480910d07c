/**
 * The benchmark's schedule. One cold build of each tool warms the machine (disk cache, JIT, npm's files) and
 * is not counted. Then the tools' cold builds are interleaved, round after round (Glossa, Starlight, Hugo,
 * Glossa, …), so a noisy minute of the machine falls on every tool alike; each tool's median is compared,
 * never one run. Then each tool rebuilds after an English edit, after a translation edit and with nothing
 * changed.
 */
import { okResult, outputFigures, type BenchSite, type Measured, type SiteRuns, type ToolResult } from './measure.ts';

export interface RoundsOptions {
	/** Counted cold builds per tool. */
	runs: number;
	/** How many English pages and locales the corpus has, for tools that count fallback pages from it. */
	expectedFallbackPages: number;
	log: (line: string) => void;
}

function failure(site: BenchSite, build: Measured): ToolResult {
	return { tool: site.tool, version: site.version, status: 'failed', reason: build.output.slice(-2000) };
}

const seconds = (build: Measured) => `${build.wallSeconds.toFixed(1)} s, peak ${build.peakRssMb.toFixed(0)} MB`;

export async function runRounds(sites: readonly BenchSite[], { runs, expectedFallbackPages, log }: RoundsOptions): Promise<Map<BenchSite, ToolResult>> {
	const results = new Map<BenchSite, ToolResult>();
	const cold = new Map<BenchSite, Measured[]>(sites.map((site) => [site, []]));
	const live = () => sites.filter((site) => !results.has(site));
	const coldBuild = async (site: BenchSite): Promise<Measured | undefined> => {
		await site.makeCold();
		const build = site.build();
		if (!build.ok) results.set(site, failure(site, build));
		return build.ok ? build : undefined;
	};

	for (const site of live()) {
		log(`Warm-up: ${site.tool}…`);
		const build = await coldBuild(site);
		log(build ? `  ${seconds(build)} (not counted)` : '  failed');
	}
	for (let round = 1; round <= runs; round++) {
		for (const site of live()) {
			log(`Cold build ${round}/${runs}: ${site.tool}…`);
			const build = await coldBuild(site);
			if (build) cold.get(site)!.push(build);
			log(build ? `  ${seconds(build)}` : '  failed');
		}
	}
	for (const site of live()) {
		// The output of the last cold build, before any edit.
		const figures = await outputFigures(site.outputDir, typeof site.fallbacks === 'object' ? site.fallbacks.marker : undefined);
		if (site.fallbacks === 'counted') figures.fallback = expectedFallbackPages;
		log(`Rebuilds: ${site.tool}…`);
		await site.editEnglish();
		const rebuildEnglish = site.build();
		await site.editTranslation();
		const rebuildTranslation = site.build();
		const rebuildNothing = site.build();
		const failed = [rebuildEnglish, rebuildTranslation, rebuildNothing].find((build) => !build.ok);
		if (failed) {
			results.set(site, failure(site, failed));
			continue;
		}
		log(`  after an English edit ${seconds(rebuildEnglish)}; a translation edit ${seconds(rebuildTranslation)}; no change ${seconds(rebuildNothing)}`);
		const siteRuns: SiteRuns = { site, cold: cold.get(site)!, figures, rebuildEnglish, rebuildTranslation, rebuildNothing };
		results.set(site, { ...okResult(siteRuns), ...(await site.details?.(siteRuns)) });
	}
	return results;
}

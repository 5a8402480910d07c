/**
 * Offline packs, the lists "keep this language offline" saves, the service worker and `_headers`, written
 * when `astro build` is done (`offline-outputs.ts`), so a plain `astro build` (what hosting presets run)
 * produces the complete site. The packs use the build's own site model (published registry, UI strings).
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { ownLocales, shardFromEnv } from '../build/shards.ts';
import { buildSiteModel } from '../site/build-site.ts';
import { pageSources, unservedWarning, writeOfflineOutputs } from './offline-outputs.ts';
import { glossaConfig } from '../config/glossa-config.ts';

export interface OfflineIntegrationOptions {
	/** Off: the build writes no offline outputs (a preview deployment; the pages' worker registration then finds no `sw.js`). */
	enabled?: boolean;
	/** Where the packs go besides dist/offline/, relative to the project root. */
	outDir?: string;
	/** Fail the build when a pack is refused (it would need a network) or carries a link it cannot serve. */
	strict?: () => boolean;
}

export function offlineIntegration({ enabled = true, outDir = 'dist-offline', strict = () => false }: OfflineIntegrationOptions = {}): AstroIntegration {
	let root = '';
	let cacheDir = '';
	let site = '';
	return {
		name: 'glossa-offline',
		hooks: {
			'astro:config:done': ({ config }) => {
				root = fileURLToPath(config.root);
				cacheDir = fileURLToPath(config.cacheDir);
				site = config.site ?? glossaConfig.siteUrl;
			},
			'astro:build:done': async ({ dir, logger }) => {
				if (!enabled) {
					logger.info('offline outputs are off (GLOSSA_OFFLINE=0): no packs, no service worker');
					return;
				}
				const started = performance.now();
				const model = await buildSiteModel(root, cacheDir, { siteUrl: site });
				// One shard of several: its own locales' packs; the merge writes the service worker.
				const report = await writeOfflineOutputs({
					...(shardFromEnv() ? { shard: true, locales: ownLocales(model.registry.all, root) } : {}),
					dist: fileURLToPath(dir),
					out: path.resolve(root, outDir),
					registry: model.registry,
					cacheDir: glossaConfig.full ? undefined : cacheDir,
					// The scan reads every page again; the build's own pages need it only as strict mode's safety net.
					scan: strict(),
					siteUrl: site,
					sources: pageSources(model),
					log: (message) => logger.info(message),
					warn: (message) => logger.warn(message),
				});
				logger.info(`offline outputs written in ${((performance.now() - started) / 1000).toFixed(1)} s (${report.written.length} packs)`);
				if (report.refused.length > 0 && strict())
					throw new Error(`strict mode: offline packs refused for ${report.refused.join(', ')} (see the warnings above)`);
				if (report.unserved.length > 0 && strict())
					throw new Error(
						`strict mode: links the offline packs cannot serve:\n${report.unserved.map((link) => `  ${unservedWarning(link).replace('[glossa] warning: ', '')}`).join('\n')}`,
					);
			},
		},
	};
}

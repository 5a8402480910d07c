/** In a sharded build, stamps each shard's output with what the merge must check (`shards.ts`). */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { buildSiteModel } from '../site/build-site.ts';
import { readBuildManifest } from '../content-model/build-manifest.ts';
import { ownLocales, SHARD_STAMP, shardFromEnv, type ShardStamp } from './shards.ts';

function commit(root: string): string | undefined {
	try {
		return execFileSync('git', ['rev-parse', 'HEAD'], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
	} catch {
		return undefined;
	}
}

export function shardStampIntegration(): AstroIntegration {
	let root = '';
	let cacheDir = '';
	return {
		name: 'glossa-shards',
		hooks: {
			'astro:config:done': ({ config }) => {
				root = fileURLToPath(config.root);
				cacheDir = fileURLToPath(config.cacheDir);
			},
			'astro:build:done': async ({ dir }) => {
				const shard = shardFromEnv();
				if (!shard) return;
				const model = await buildSiteModel(root, cacheDir);
				// The content as synced, by value: V8's serialisation of the same strings is not always the same bytes
				// (it keeps each string's internal one- or two-byte form), so the shards compare its JSON.
				const source = createHash('sha256').update(JSON.stringify(await readBuildManifest(cacheDir)));
				for (const file of [path.join(root, 'astro.config.mjs'), path.join(root, 'package-lock.json')])
					source.update(await readFile(file).catch(() => Buffer.from('')));
				const stamp: ShardStamp = {
					shard: `${shard.index}/${shard.count}`,
					source: source.digest('hex'),
					commit: commit(root),
					locales: ownLocales(model.registry.all, root).map((locale) => locale.tag),
					segments: model.registry.all.map((locale) => locale.segment),
				};
				await writeFile(path.join(fileURLToPath(dir), SHARD_STAMP), `${JSON.stringify(stamp, null, 1)}\n`);
			},
		},
	};
}

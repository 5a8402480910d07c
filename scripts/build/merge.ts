/**
 * npm run merge -- --out dist DIR1 DIR2 ...
 * Merges the outputs of a sharded build (`npm run build -- --shard K/N --out DIR`) into one site, equal to a
 * single build: refuses shards of different sources, a missing or repeated shard, and overlapping files that
 * differ; then writes the service worker and `_headers` for the whole site.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { copyFile, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { glob } from 'tinyglobby';
import { SHARD_STAMP, type ShardStamp } from '../../src/build/shards.ts';
import { HOST_RULES_FILE } from '../../src/i18n/host-redirects.ts';
import { writeServiceWorker } from '../../src/offline/offline-outputs.ts';
import { mergePagefindEntries, PAGEFIND_ENTRY, type PagefindEntry } from '../../src/search/pagefind-entry.ts';

const SEARCH_ENTRY = `pagefind/${PAGEFIND_ENTRY}`;

const HELP = `Usage: npm run merge -- --out dist DIR1 DIR2 ...

Merges the shards of a build (npm run build -- --shard K/N --out DIRk) into --out, and their packs
(DIRk-offline) into --out-offline.`;

class MergeError extends Error {}

const digest = async (file: string) =>
	createHash('sha256')
		.update(await readFile(file))
		.digest('hex');

async function main(): Promise<number> {
	const { values, positionals } = parseArgs({ allowPositionals: true, options: { out: { type: 'string' }, help: { type: 'boolean', short: 'h' } } });
	if (values.help) {
		console.log(HELP);
		return 0;
	}
	if (!values.out || positionals.length === 0) throw new MergeError('give --out and the shards’ folders');
	const shards = positionals.map((folder) => path.resolve(folder));
	const stamps: ShardStamp[] = [];
	for (const folder of shards) {
		const file = path.join(folder, SHARD_STAMP);
		if (!existsSync(file))
			throw new MergeError(`${folder} is not a shard's output (no ${SHARD_STAMP}); build it with npm run build -- --shard K/N --out ${folder}`);
		stamps.push(JSON.parse(await readFile(file, 'utf8')) as ShardStamp);
	}
	const [first] = stamps;
	for (const [index, stamp] of stamps.entries()) {
		if (stamp.source !== first!.source || stamp.commit !== first!.commit) {
			throw new MergeError(`${shards[index]} was built from other content, configuration or commit than ${shards[0]}; build every shard from the same tree`);
		}
	}
	const count = Number(first!.shard.split('/')[1]);
	const present = stamps.map((stamp) => stamp.shard);
	for (let index = 1; index <= count; index++) {
		const found = present.filter((shard) => shard === `${index}/${count}`).length;
		if (found === 0) throw new MergeError(`shard ${index}/${count} is missing`);
		if (found > 1) throw new MergeError(`shard ${index}/${count} is given twice`);
	}
	if (stamps.some((stamp) => Number(stamp.shard.split('/')[1]) !== count)) throw new MergeError('the shards were split in different numbers');

	const out = path.resolve(values.out);
	for (const [target, from] of [
		[out, shards],
		[`${out}-offline`, shards.map((shard) => `${shard}-offline`)],
	] as const) {
		await rm(target, { recursive: true, force: true });
		const origin = new Map<string, string>();
		const searchEntries: PagefindEntry[] = [];
		for (const folder of from) {
			if (!existsSync(folder)) continue;
			for (const file of (await glob('**/*', { cwd: folder, dot: true })).sort()) {
				// The stamps, and the service worker, headers and host language rules, which only the whole site can have.
				if (file === SHARD_STAMP || file === 'sw.js' || file === '_headers' || file === '_redirects' || file === HOST_RULES_FILE) continue;
				// Each shard indexed its own languages; their lists are merged as a single build writes them.
				if (file === SEARCH_ENTRY) {
					searchEntries.push(JSON.parse(await readFile(path.join(folder, file), 'utf8')) as PagefindEntry);
					continue;
				}
				const source = path.join(folder, file);
				const destination = path.join(target, file);
				const earlier = origin.get(file);
				if (earlier !== undefined) {
					if ((await digest(source)) !== (await digest(destination))) throw new MergeError(`${file} differs between ${earlier} and ${folder}`);
					continue;
				}
				origin.set(file, folder);
				await mkdir(path.dirname(destination), { recursive: true });
				await copyFile(source, destination);
			}
		}
		if (searchEntries.length > 0) {
			await mkdir(path.dirname(path.join(target, SEARCH_ENTRY)), { recursive: true });
			await writeFile(path.join(target, SEARCH_ENTRY), mergePagefindEntries(searchEntries));
		}
	}
	await writeServiceWorker(out, first!.segments);
	console.log(
		`Merged ${count} shards into ${path.relative(process.cwd(), out) || '.'} (${stamps.map((stamp) => `${stamp.shard}: ${stamp.locales.join(', ')}`).join('; ')})`,
	);
	return 0;
}

try {
	process.exitCode = await main();
} catch (error) {
	if (!(error instanceof MergeError)) throw error;
	console.error(`merge: ${error.message}`);
	process.exitCode = 1;
}

/**
 * The shard plan: what every translation's parse decided, so that a shard parses only its own locales and
 * English. A sync that is not a shard writes it (`npm run build -- --plan FILE` runs `astro sync` for it);
 * each shard reads it (`--shard K/N --plan FILE`). For every translation it holds the verdict (left out, and
 * why; outdated sections; segments left in English) and, for a built one, its entry as the site model needs
 * it (frontmatter, words, sections, links, tree file name), the images and videos its file shows and its
 * search document. No document and no tree: publishing, pickers, hreflang and the sitemap need no more.
 *
 * A plan holds only for the tree it was made from: it carries the hash of every file the sync reads (content,
 * public files, UI strings, the translation record, the code and its configuration), and a shard whose tree
 * hashes otherwise parses everything, with a warning (a slower build, never a wrong one). The merge checks
 * that the shards agree on the content as synced (`integration.ts`), so a plan that said otherwise than a
 * parse would be refused there.
 */
import { createHash } from 'node:crypto';
import { readFile, rename, writeFile } from 'node:fs/promises';
import { deserialize, serialize } from 'node:v8';
import type { ManifestEntry, SearchDocumentRef } from '../content-model/build-manifest.ts';
import type { ContentProblem } from '../content-model/problems.ts';
import type { ScannedImage } from '../content-model/project-scan.ts';
import type { SegmentReport } from '../content-model/translation-segments.ts';
import { hashTree } from './tree-digest.ts';
import { glossaConfig } from '../config/glossa-config.ts';

/** Bumped when what a plan holds, or what it means, changes. */
const PLAN_VERSION = 2;

/** One translation as the plan's parse found it. */
export interface PlannedTranslation {
	/** The problems that leave it out (its page falls back to English); absent when it is built. */
	leftOut?: ContentProblem[] | undefined;
	warnings?: ContentProblem[] | undefined;
	outdated?: number[] | undefined;
	segments?: SegmentReport | undefined;
	/** A built translation's entry, with what the loader stores beside it. */
	built?:
		| {
				entry: ManifestEntry;
				/** The content store's digest of the entry. */
				storeDigest: string;
				file: string;
				search: SearchDocumentRef;
				images?: Record<string, ScannedImage | null> | undefined;
				videos?: Record<string, string | null> | undefined;
		  }
		| undefined;
}

export interface ShardPlan {
	version: number;
	/** The hash of the tree the plan was made from (`planInputs`). */
	inputs: string;
	/** Every translation (not English, not a pseudo-locale), by path below the content folder (`es-419/values.mdx`). */
	translations: Record<string, PlannedTranslation>;
}

/** Folders and files whose bytes the sync's verdicts depend on, relative to the project root. */
const PLAN_FOLDERS = ['content', 'public', 'locales', 'src'];
const PLAN_FILES = ['translation-state.json', 'astro.config.mjs', 'package-lock.json'];

/**
 * The hash of every file under the folders the sync reads, by path and bytes, with the configuration that
 * changes what it decides. Symbolic links are named, never followed.
 */
export async function planInputs(root: string): Promise<string> {
	const hash = createHash('sha256').update(
		JSON.stringify({ version: PLAN_VERSION, pseudo: glossaConfig.pseudo, strict: glossaConfig.strict, maxFileBytes: glossaConfig.maxFileBytes }),
	);
	await hashTree(hash, root, PLAN_FOLDERS, PLAN_FILES);
	return hash.digest('hex');
}

export async function writeShardPlan(file: string, plan: Omit<ShardPlan, 'version'>): Promise<void> {
	// Written whole under another name, then renamed: a shard never reads half a plan.
	const temporary = `${file}.${process.pid}.tmp`;
	await writeFile(temporary, serialize({ version: PLAN_VERSION, ...plan } satisfies ShardPlan));
	await rename(temporary, file);
}

/**
 * The plan in `file` when it was made from this tree (`inputs`); otherwise undefined, with why, for the
 * build's warning.
 */
export async function readShardPlan(file: string, inputs: string): Promise<{ plan: ShardPlan } | { problem: string }> {
	let plan: Partial<ShardPlan> | undefined;
	try {
		plan = deserialize(await readFile(file)) as Partial<ShardPlan>;
	} catch (error) {
		return { problem: `the shard plan ${file} cannot be read (${(error as Error).message})` };
	}
	if (plan?.version !== PLAN_VERSION || typeof plan.translations !== 'object' || plan.translations === null)
		return { problem: `the shard plan ${file} was made by another version of Glossa` };
	if (plan.inputs !== inputs) return { problem: `the shard plan ${file} was made from other content, code or configuration` };
	return { plan: plan as ShardPlan };
}

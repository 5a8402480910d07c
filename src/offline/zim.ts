/**
 * A Kiwix ZIM per locale, made with openZIM's own `zimwriterfs` (Debian's `zim-tools`) from the same files as
 * the locale's zip pack: its pages (fallback pages with their English content), CSS, images and icon, with
 * relative links. Metadata follows openZIM's rules: Name `<site>_<language>_all`, Title (≤ 30 characters)
 * and Description (≤ 80) in the locale's language, Language in ISO 639-3, Creator and Publisher from the
 * site config, a 48×48 PNG illustration rendered from the site's icon, Tags and Source.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { unzipSync } from 'fflate';
import sharp from 'sharp';
import { isSafeRelativePath, writeInside } from '../security/content-files.ts';
import { checkSvg } from '../security/svg-integration.ts';
import type { Locale } from '../i18n/registry.ts';
import type { UiStrings } from '../i18n/ui.ts';
import { zimName } from '../site/site-config.ts';

const run = promisify(execFile);

export interface ZimMetadata {
	name: string;
	title: string;
	description: string;
	language: string;
	creator: string;
	publisher: string;
	tags: string;
	source: string;
}

/** openZIM's limits, in characters as readers count them (graphemes). */
export const ZIM_TITLE_MAX = 30;
export const ZIM_DESCRIPTION_MAX = 80;

function graphemes(text: string, locale: string): string[] {
	return [...new Intl.Segmenter(locale, { granularity: 'grapheme' }).segment(text)].map((segment) => segment.segment);
}

/** `text`, cut at a grapheme boundary to fit `max` (with an ellipsis), and a warning when it had to be cut. */
function fitted(text: string, max: number, locale: string, key: string): { value: string; warning?: string } {
	const characters = graphemes(text.trim(), locale);
	if (characters.length <= max) return { value: characters.join('') };
	return {
		value: `${characters
			.slice(0, max - 1)
			.join('')
			.trimEnd()}…`,
		warning: `${locale}: ${key} is ${characters.length} characters; a ZIM allows ${max}, so it is cut (shorten it in locales/${locale}/common.json)`,
	};
}

export interface ZimMetadataInput {
	locale: Locale;
	ui: Pick<UiStrings, 't'>;
	site: { creator: string; publisher: string };
	siteUrl: string;
}

export function zimMetadata({ locale, ui, site, siteUrl }: ZimMetadataInput): { metadata: ZimMetadata; warnings: string[] } {
	const title = fitted(ui.t(locale, 'site.name'), ZIM_TITLE_MAX, locale.tag, 'site.name');
	const description = fitted(ui.t(locale, 'site.tagline'), ZIM_DESCRIPTION_MAX, locale.tag, 'site.tagline');
	return {
		metadata: {
			name: zimName(locale),
			title: title.value,
			description: description.value,
			language: locale.iso6393,
			creator: site.creator,
			publisher: site.publisher,
			tags: ['_category:education', '_pictures:yes', '_videos:no', '_details:yes', locale.listed ? 'listed' : 'preview'].join(';'),
			source: new URL(`/${locale.segment}/`, siteUrl).href,
		},
		warnings: [title.warning, description.warning].filter((warning): warning is string => warning !== undefined),
	};
}

export class ZimToolsMissingError extends Error {
	override name = 'ZimToolsMissingError';
}

const ILLUSTRATION = 'illustration_48x48.png';

/** Writes `out` from a locale's zip pack. Stops with a clear error when `zimwriterfs` is not installed. */
export async function writeZim({
	pack,
	welcome,
	icon,
	metadata,
	out,
}: {
	pack: Uint8Array;
	/** The page the ZIM opens on, as a path in the pack. */
	welcome: string;
	/** The site's icon (SVG or PNG), rendered to the 48×48 illustration. */
	icon: string;
	metadata: ZimMetadata;
	out: string;
}): Promise<{ file: string; bytes: number }> {
	const folder = await mkdtemp(path.join(os.tmpdir(), 'glossa-zim-'));
	try {
		for (const [name, data] of Object.entries(unzipSync(pack))) {
			// The pack was scanned when it was written; still, every entry is written through the safe layer,
			// which refuses a name that would leave the folder.
			if (name.endsWith('/')) continue;
			if (!isSafeRelativePath(name)) throw new Error(`pack entry ${name} is outside the pack`);
			// kiwix-serve sends no Content-Security-Policy: only a sanitized SVG goes in, whatever the pack holds.
			if (name.toLowerCase().endsWith('.svg')) {
				const { svg } = await checkSvg(name, Buffer.from(data));
				if (svg !== undefined) await writeInside(folder, name, svg);
				continue;
			}
			await writeInside(folder, name, data);
		}
		await sharp(icon, { density: 384 }).resize(48, 48).png().toFile(path.join(folder, ILLUSTRATION));
		await rm(out, { force: true });
		const args = [
			`--welcome=${welcome}`,
			`--illustration=${ILLUSTRATION}`,
			`--language=${metadata.language}`,
			`--title=${metadata.title}`,
			`--description=${metadata.description}`,
			`--creator=${metadata.creator}`,
			`--publisher=${metadata.publisher}`,
			`--name=${metadata.name}`,
			`--tags=${metadata.tags}`,
			`--source=${metadata.source}`,
			'--scraper=glossa',
			'--threads=2',
			folder,
			out,
		];
		try {
			await run('zimwriterfs', args, { maxBuffer: 64 * 1024 * 1024 });
		} catch (error) {
			if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
				throw new ZimToolsMissingError('zimwriterfs is not installed: install Debian\'s "zim-tools" package (apt-get install zim-tools), then run this again');
			}
			const { stderr, stdout } = error as { stderr?: string; stdout?: string };
			throw new Error(`zimwriterfs failed for ${metadata.name}: ${(stderr || stdout || String(error)).trim().split('\n').slice(-5).join('\n')}`, {
				cause: error,
			});
		}
		return { file: out, bytes: (await stat(out)).size };
	} finally {
		await rm(folder, { recursive: true, force: true });
	}
}

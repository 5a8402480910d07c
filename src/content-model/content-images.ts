/**
 * Where a page's images are, from what its file says. A relative path resolves from the source file, as
 * Astro resolves it (`content/en/values.md` → `../images/values/icon.png` → `content/images/values/icon.png`);
 * such images go through Astro's image pipeline (`src/site/content-images.ts`). A root path
 * (`/images/x.png`) is a file in `public/`, served as it is. `content/images/` is shared by every locale;
 * `content/images/<locale>/…` holds a locale's own copy of an image (text in it translated), which replaces
 * the shared one on that locale's translated pages.
 */
import path from 'node:path';
import type { ContentReference } from './content-render.ts';
import { isFileInside } from '../security/content-files.ts';

/** Images the pipeline makes smaller variants of; SVG and GIF (animation) are copied as they are. */
export const OPTIMIZED_IMAGE_EXTENSIONS = ['.png', '.jpg', '.jpeg', '.webp', '.avif'] as const;
export const IMAGE_EXTENSIONS = [...OPTIMIZED_IMAGE_EXTENSIONS, '.gif', '.svg'] as const;

/** The folder of shared content images, below the content folder. */
export const CONTENT_IMAGES = 'images';

export type ImageLocation =
	/** A file in `<content>/images/`, relative to the project root. */
	| { kind: 'content'; file: string }
	/** A file in `public/`, relative to the project root, and the URL it is served at. */
	| { kind: 'public'; file: string; url: string }
	/** A relative path that leaves `<content>/images/`: not a place images are read from. */
	| { kind: 'outside'; file: string };

/** Whether a reference names a file by its path (not another site, a fragment or a data URL). */
function isLocalPath(value: string): boolean {
	return value !== '' && !/\s/.test(value) && !value.startsWith('#') && !value.startsWith('//') && !/^[a-z][a-z\d+.-]*:/i.test(value);
}

/** A local image or file a page refers to, resolved; undefined for links to other sites and fragments. */
export function locateReference(file: string, value: string, contentDir = 'content'): ImageLocation | undefined {
	if (!isLocalPath(value)) return undefined;
	let target: string;
	try {
		target = decodeURIComponent(value.split(/[?#]/)[0]!);
	} catch {
		target = value.split(/[?#]/)[0]!;
	}
	if (target.startsWith('/')) {
		const inPublic = path.posix.normalize(target);
		return { kind: 'public', file: path.posix.join('public', inPublic), url: inPublic };
	}
	const resolved = path.posix.normalize(path.posix.join(path.posix.dirname(file), target));
	return resolved.startsWith(`${contentDir}/${CONTENT_IMAGES}/`) ? { kind: 'content', file: resolved } : { kind: 'outside', file: resolved };
}

export function isImageFile(file: string): boolean {
	const extension = path.posix.extname(file).toLowerCase();
	return (IMAGE_EXTENSIONS as readonly string[]).includes(extension);
}

/** `content/images/values/icon.png` in es-419 → `content/images/es-419/values/icon.png`. */
export function localizedImageFile(file: string, localeFolder: string, contentDir = 'content'): string {
	const shared = `${contentDir}/${CONTENT_IMAGES}/`;
	return `${shared}${localeFolder}/${file.slice(shared.length)}`;
}

/** A regular file inside `root`, reached through no symbolic link at any depth (a linked folder too). */
export function isProjectFile(root: string, file: string): boolean {
	return isFileInside(root, file);
}

/** One image of a page: what the file wrote, and the file it is (undefined when missing). */
export interface PageImage {
	written: string;
	file: string | undefined;
	line?: number | undefined;
	column?: number | undefined;
}

/**
 * A document's local images, resolved: for a translated page (`localeFolder` not the source), the locale's
 * own copy where there is one. References outside `<content>/images/` and `public/` count as missing.
 */
export function resolvePageImages(
	root: string,
	document: { file: string; assets: readonly ContentReference[] },
	options: { contentDir?: string; localeFolder?: string | undefined } = {},
): PageImage[] {
	const contentDir = options.contentDir ?? 'content';
	const images: PageImage[] = [];
	for (const reference of document.assets) {
		const location = locateReference(document.file, reference.value, contentDir);
		if (!location) continue;
		let file: string | undefined = location.kind === 'outside' || !isProjectFile(root, location.file) ? undefined : location.file;
		if (file && location.kind === 'content' && options.localeFolder) {
			const localized = localizedImageFile(file, options.localeFolder, contentDir);
			if (isProjectFile(root, localized)) file = localized;
		}
		images.push({ written: reference.value, file, line: reference.line, column: reference.column });
	}
	return images;
}

/** Why a reference is missing, in words an editor can act on. */
export function missingReferenceMessage(document: { file: string }, written: string, contentDir = 'content'): string {
	const location = locateReference(document.file, written, contentDir);
	if (location?.kind === 'outside')
		return `image or file ${written} resolves to ${location.file}, outside ${contentDir}/${CONTENT_IMAGES}/; put it there (or in public/ and write /…)`;
	return `image or file ${written} is missing (${location?.file ?? written} does not exist)`;
}

/**
 * Where a page's images are, from what its file says. A relative path resolves from the source file, as
 * Astro resolves it (`content/en/values.md` → `../images/values/icon.png` → `content/images/values/icon.png`);
 * such images go through Astro's image pipeline (`src/site/content-images.ts`). A root path
 * (`/images/x.png`) is a file in `public/`, served as it is. `content/images/` is shared by every locale;
 * `content/images/<locale>/…` holds a locale's own copy of an image (text in it translated), which replaces
 * the shared one on that locale's translated pages.
 */
import path from 'node:path';
import { imageMetadata } from 'astro/assets/utils';
import sharp from 'sharp';
import type { ContentReference } from './content-render.ts';
import { isFileInside, readInside } from '../security/content-files.ts';

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

/** Files a relative link may name (besides pages): linked, they must exist as images in `<content>/images/`. */
const LINKED_FILE_EXTENSIONS = [...IMAGE_EXTENSIONS, '.pdf', '.zip', '.mp4', '.webm', '.mp3', '.txt', '.csv'] as const;

/**
 * Whether a link (`[the poster](../images/poster.png)`) names a file rather than a page: a relative path into
 * `<content>/images/`, or one to a file of a kind pages link to. Such a link is checked and published as an
 * image is (the file at full size); links to pages are left to the route plan.
 */
function isFileLink(location: ImageLocation, contentDir: string): boolean {
	if (location.kind === 'public') return false;
	if (location.kind === 'content') return location.file.startsWith(`${contentDir}/${CONTENT_IMAGES}/`);
	return (LINKED_FILE_EXTENSIONS as readonly string[]).includes(path.posix.extname(location.file).toLowerCase());
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
 * A document's local images and the files it links to, resolved: for a translated page (`localeFolder` not the source), the locale's
 * own copy where there is one. References outside `<content>/images/` and `public/` count as missing.
 */
export function resolvePageImages(
	root: string,
	document: { file: string; assets: readonly ContentReference[]; links?: readonly ContentReference[] | undefined },
	options: { contentDir?: string; localeFolder?: string | undefined } = {},
): PageImage[] {
	const contentDir = options.contentDir ?? 'content';
	const images: PageImage[] = [];
	const links = (document.links ?? []).filter((reference) => {
		const location = locateReference(document.file, reference.value, contentDir);
		return location !== undefined && isFileLink(location, contentDir);
	});
	for (const reference of [...document.assets, ...links]) {
		const location = locateReference(document.file, reference.value, contentDir);
		if (!location) continue;
		// Only images are published from `<content>/images/` (a linked PDF there counts as missing).
		let file: string | undefined =
			location.kind === 'outside' || !isImageFile(location.file) || !isProjectFile(root, location.file) ? undefined : location.file;
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
	if (location?.kind === 'content' && !isImageFile(location.file))
		return `file ${written} is not an image; only images are published from ${contentDir}/${CONTENT_IMAGES}/: put it in public/ and link to /…`;
	return `image or file ${written} is missing (${location?.file ?? written} does not exist)`;
}

/** Whether the image pipeline makes variants of `file` (so it must be able to read its pixels). */
export function isOptimizedImage(file: string): boolean {
	return (OPTIMIZED_IMAGE_EXTENSIONS as readonly string[]).includes(path.posix.extname(file).toLowerCase());
}

/**
 * Why the image pipeline cannot read `file` (project-relative), in words for an editor; undefined when it
 * can, or when the file is not one it reads (SVG and GIF are copied as they are). The same two readers the
 * build uses: Astro's size probe (which fails an import with `NoImageMetadata`) and sharp (which makes the
 * variants).
 */
export async function unreadableImageReason(root: string, file: string): Promise<string | undefined> {
	if (!isOptimizedImage(file)) return undefined;
	let data: Buffer;
	try {
		data = await readInside(root, file);
	} catch (error) {
		return `cannot be read (${error instanceof Error ? error.message : String(error)})`;
	}
	try {
		await imageMetadata(data, file);
		const { width, height } = await sharp(data).metadata();
		if (!width || !height) return 'is not a readable image (it has no size)';
	} catch (error) {
		const reason = error instanceof Error && error.name !== 'NoImageMetadata' ? `: ${error.message}` : '';
		return `is not a readable ${path.posix.extname(file).slice(1).toUpperCase()} image (damaged or not an image${reason})`;
	}
	return undefined;
}

/** `unreadableImageReason`, once per file for the life of the returned function (one build, one check). */
export function imageReadability(root: string): (file: string) => Promise<string | undefined> {
	const reasons = new Map<string, Promise<string | undefined>>();
	return (file) => {
		let reason = reasons.get(file);
		if (!reason) {
			reason = unreadableImageReason(root, file);
			reasons.set(file, reason);
		}
		return reason;
	};
}

/** The error for a page that shows an image the pipeline cannot read. */
export function unreadableImageMessage(written: string, file: string, reason: string): string {
	return `image ${written} (${file}) ${reason}; the page is built without it. Replace ${file} with a working image (open it in an image editor and save it again)`;
}

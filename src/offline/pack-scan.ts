/**
 * The pack scan: every file of a pack read again, HTML with parse5 as a browser reads it, and anything that
 * would need a server or a network reported. `npm run offline` always scans; `astro build` scans in strict mode
 * only (its packs come from its own pages, which the rewrite in `packer.ts` makes network-free). Its own module,
 * so a pack worker that does not scan never loads parse5.
 */
import path from 'node:path';
import * as cheerio from 'cheerio';

/** Every attribute a browser loads, sends to or navigates to on its own (besides srcset, ping, style and refresh). */
const SCANNED_URL_ATTRIBUTES = new Set([
	'href',
	'src',
	'action',
	'formaction',
	'poster',
	'background',
	'data',
	'manifest',
	'icon',
	'xlink:href',
	'lowsrc',
	'dynsrc',
	'codebase',
	'archive',
	'usemap',
]);

export interface PackProblem {
	file: string;
	reference: string;
	reason: string;
}

/**
 * Everything in a pack that would need a server: absolute http(s) or protocol-relative references to
 * resources (or to this site), root-relative paths, and relative references to files the pack lacks.
 * Hyperlinks to other websites are allowed: following them needs a network, opening the pack does not.
 */
export function scanPack(files: ReadonlyMap<string, Buffer>, siteHost: string, onlineLinks: ReadonlySet<string> = new Set()): PackProblem[] {
	return [...files.keys()].flatMap((file) => scanPackFile(file, files, siteHost, onlineLinks));
}

/**
 * What `scanPack` finds in one of the pack's files: it reads that file's bytes and the names of the others.
 * `onlineLinks` are the https URLs of the site's own pages that `buildPack` put in place of hyperlinks the pack
 * cannot serve (`Pack.unserved`): accepted as hyperlinks only, exactly as written, and nowhere else.
 */
export function scanPackFile(file: string, files: ReadonlyMap<string, Buffer>, siteHost: string, onlineLinks: ReadonlySet<string> = new Set()): PackProblem[] {
	const data = files.get(file)!;
	const problems: PackProblem[] = [];
	const check = (file: string, reference: string, isHyperlink: boolean) => {
		const value = reference.trim();
		if (value === '' || value.startsWith('#') || /^(data|mailto|tel|javascript):/i.test(value)) return;
		if (/^[a-z]+:/i.test(value) || value.startsWith('//')) {
			const host = /^(?:[a-z]+:)?\/\/([^/]+)/i.exec(value)?.[1];
			if (isHyperlink && host === siteHost && value.startsWith('https://') && onlineLinks.has(value)) return;
			if (!isHyperlink || host === siteHost || !/^https?:/i.test(value)) problems.push({ file, reference: value, reason: 'absolute URL' });
			return;
		}
		if (value.startsWith('/')) {
			problems.push({ file, reference: value, reason: 'root-relative path (needs a server)' });
			return;
		}
		const target = path.posix.normalize(path.posix.join(path.posix.dirname(file), value.split(/[?#]/)[0]!));
		if (target.startsWith('../') || target === '..' || value.includes('\\')) {
			problems.push({ file, reference: value, reason: 'leaves the pack' });
			return;
		}
		if (!files.has(target)) problems.push({ file, reference: value, reason: 'points to a file the pack does not have' });
	};
	const checkCss = (file: string, css: string) => {
		for (const match of css.matchAll(/url\(\s*['"]?([^'")]+)/g)) check(file, match[1]!, false);
		for (const match of css.matchAll(/@import\s+['"]([^'"]+)/g)) check(file, match[1]!, false);
	};
	if (file.startsWith('/') || file.includes('\\') || file.split('/').includes('..')) {
		problems.push({ file, reference: file, reason: 'an entry outside the pack folder' });
		return problems;
	}
	if (file.endsWith('.html')) {
		const $ = cheerio.load(data.toString('utf8'));
		$('*').each((_, node) => {
			const element = node as { tagName?: string; attribs?: Record<string, string> };
			for (const [name, value] of Object.entries(element.attribs ?? {})) {
				const attribute = name.toLowerCase();
				if (SCANNED_URL_ATTRIBUTES.has(attribute)) check(file, value, element.tagName === 'a' && attribute === 'href');
				else if (attribute === 'ping') for (const url of value.split(/\s+/).filter(Boolean)) check(file, url, false);
				else if (attribute === 'srcset' || attribute === 'imagesrcset')
					for (const candidate of value.split(',')) check(file, candidate.trim().split(/\s+/)[0]!, false);
				else if (attribute === 'style') checkCss(file, value);
				else if (attribute === 'http-equiv' && value.trim().toLowerCase() === 'refresh') {
					const url = /url\s*=\s*['"]?([^'"]+)/i.exec(element.attribs?.['content'] ?? '')?.[1];
					if (url) check(file, url.trim(), false);
				}
			}
		});
		$('style').each((_, element) => checkCss(file, $(element).text()));
	} else if (file.endsWith('.css')) {
		checkCss(file, data.toString('utf8'));
	}
	return problems;
}

/**
 * `crowdin screenshots`: what translators see beside each UI string in Crowdin. The English pages are built
 * once more with UI marks (src/i18n/ui-marks.ts) into a folder of their own, opened in Chromium at 1280 px,
 * and each page is shot after the marks are taken out; each mark's box becomes a tag on its string. A
 * screenshot whose page and tags are unchanged is not sent again; a changed one replaces the old.
 */
import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { ScreenshotsModel } from '@crowdin/crowdin-api-client';
import { chromium, type Page } from 'playwright-core';
import { compileCacheEnvironment } from '../../src/build/compile-cache.ts';
import { sha256 } from '../../src/content-model/content-document.ts';
import { serializeTranslationState } from '../../src/content-model/translation-state.ts';
import { PLURAL_SUFFIX } from '../../src/i18n/ui-checks.ts';
import { UI_MARK_END, UI_MARK_SEPARATOR, UI_MARK_START } from '../../src/i18n/ui-marks.ts';
import { createSiteServer } from '../shared/site-server.ts';
import { applyAtomically } from './apply.ts';
import type { SyncContext } from './client.ts';
import { crowdinPathFor, readProjectFile, readStateFile } from './project.ts';
import { listAll, readRemoteTree } from './remote.ts';
import { listFileStrings } from './source-context.ts';
import { byCodeUnits } from '../../src/build/reproducible-order.ts';

export const SCREENSHOT_WIDTH = 1280;
const VIEWPORT_HEIGHT = 900;
/** Crowdin shows screenshots as images in the editor; a page longer than this is cut (its lower tags too). */
const MAX_HEIGHT = 8000;
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export interface ScreenshotOptions extends SyncContext {
	/** A build made with GLOSSA_UI_MARKS=1 to shoot; by default the command makes its own. */
	dist?: string | undefined;
	dryRun: boolean;
}

export interface ScreenshotSummary {
	added: string[];
	replaced: string[];
	retagged: string[];
	unchanged: string[];
	/** UI keys shown on the pages that Crowdin does not have (not uploaded yet). */
	unknownKeys: string[];
}

export interface PageShot {
	name: string;
	url: string;
	image: Buffer;
	/**
	 * Hash of what the image is made of: the page as shown (its DOM once the marks are out), the files it
	 * loaded (Astro names them by content), the browser and the width. Pixels are not stable enough to
	 * compare (image scaling differs by a bit from run to run); this is, and it changes whenever they could.
	 */
	contentHash: string;
	tags: { key: string; position: ScreenshotsModel.Position }[];
}

interface MarkedBox {
	key: string;
	x: number;
	y: number;
	width: number;
	height: number;
}

/** Runs in the page: removes every mark (text and attributes), then measures each marked text's box. */
function collectMarks(marks: { start: string; separator: string; end: string }): MarkedBox[] {
	const pending: { node: Text; spans: { key: string; start: number; end: number }[] }[] = [];
	const stripped = (text: string) => {
		let out = '';
		const spans: { key: string; start: number; end: number }[] = [];
		const open: { key: string; start: number }[] = [];
		for (let index = 0; index < text.length; index++) {
			const character = text[index]!;
			if (character === marks.start) {
				const separator = text.indexOf(marks.separator, index);
				if (separator < 0) continue;
				open.push({ key: text.slice(index + 1, separator), start: out.length });
				index = separator;
			} else if (character === marks.end) {
				const span = open.pop();
				if (span && out.length > span.start) spans.push({ ...span, end: out.length });
			} else out += character;
		}
		return { out, spans };
	};
	// Shown means: laid out (not in a closed <details>, not hidden or transparent), not clipped away by an
	// ancestor (a screen-reader-only label is clipped to 1 px), and not placed off the page (a skip link).
	const shown = (element: Element, box: DOMRect) => {
		if (box.width < 2 || box.height < 2 || box.left + scrollX < 0 || box.top + scrollY < 0) return false;
		if (!element.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true })) return false;
		for (let node: Element | null = element; node && node !== document.documentElement; node = node.parentElement) {
			const style = getComputedStyle(node);
			if (style.overflow === 'visible' && style.clipPath === 'none') continue;
			const clip = node.getBoundingClientRect();
			const width = Math.min(box.right, clip.right) - Math.max(box.left, clip.left);
			const height = Math.min(box.bottom, clip.bottom) - Math.max(box.top, clip.top);
			if (width < box.width / 2 || height < box.height / 2 || style.clipPath.startsWith('inset(50%')) return false;
		}
		return true;
	};
	const boxes: MarkedBox[] = [];
	const walker = document.createTreeWalker(document.documentElement, NodeFilter.SHOW_TEXT);
	for (let node = walker.nextNode() as Text | null; node; node = walker.nextNode() as Text | null) {
		if (!node.data.includes(marks.start)) continue;
		const { out, spans } = stripped(node.data);
		node.data = out;
		if (!node.parentElement?.closest('script, style, title, template')) pending.push({ node, spans });
	}
	for (const element of document.querySelectorAll('*')) {
		for (const attribute of [...element.attributes]) {
			if (!attribute.value.includes(marks.start)) continue;
			const { out, spans } = stripped(attribute.value);
			element.setAttribute(attribute.name, out);
			const box = element.getBoundingClientRect();
			if (attribute.name === 'placeholder' && spans[0] && shown(element, box))
				boxes.push({ key: spans[0].key, x: box.left + scrollX, y: box.top + scrollY, width: box.width, height: box.height });
		}
	}
	document.title = stripped(document.title).out;
	for (const { node, spans } of pending) {
		for (const span of spans) {
			const range = document.createRange();
			range.setStart(node, span.start);
			range.setEnd(node, span.end);
			const box = range.getBoundingClientRect();
			if (shown(node.parentElement!, box)) boxes.push({ key: span.key, x: box.left + scrollX, y: box.top + scrollY, width: box.width, height: box.height });
		}
	}
	return boxes;
}

/** The English pages of a build, as URL paths, plus the templates only a visit shows (the language chooser, search results). */
export function pagesToShoot(dist: string, sourceSegment: string, searchWord: string): { name: string; path: string }[] {
	const pages: { name: string; path: string }[] = [];
	const walk = (relative: string) => {
		for (const entry of readdirSync(path.join(dist, relative), { withFileTypes: true })) {
			const child = relative ? `${relative}/${entry.name}` : entry.name;
			if (entry.isDirectory()) walk(child);
			else if (entry.name === 'index.html')
				pages.push({ name: `page ${child.replace(/\/?index\.html$/, '') || sourceSegment}`, path: `/${child.replace(/index\.html$/, '')}` });
		}
	};
	walk(sourceSegment);
	pages.sort(byCodeUnits((page) => page.path));
	return [
		...pages,
		{ name: 'template language chooser', path: '/' },
		{ name: 'template search results', path: `/${sourceSegment}/search/?q=${encodeURIComponent(searchWord)}` },
	];
}

async function settle(page: Page): Promise<void> {
	await page.evaluate(async () => {
		for (const image of document.querySelectorAll('img')) image.loading = 'eager';
		// Wait for each image's load or error event, not only decode(): decode() can settle early (or reject) while a
		// lazy image switched to eager is still fetching, and the shot would then differ from run to run.
		const loaded = (image: HTMLImageElement) =>
			image.complete && image.naturalWidth > 0
				? Promise.resolve()
				: new Promise<void>((resolve) => {
						image.addEventListener('load', () => resolve(), { once: true });
						image.addEventListener('error', () => resolve(), { once: true });
					});
		await Promise.all([...document.images].map((image) => loaded(image).then(() => image.decode().catch(() => undefined))));
		await document.fonts.ready;
	});
}

export async function shootPages(
	baseUrl: string,
	pages: readonly { name: string; path: string }[],
	onPage: (done: number, total: number, name: string) => void,
): Promise<PageShot[]> {
	const browser = await chromium.launch({
		executablePath: CHROMIUM,
		args: ['--headless', '--no-sandbox', '--disable-gpu', '--hide-scrollbars', '--font-render-hinting=none'],
	});
	const shots: PageShot[] = [];
	try {
		const context = await browser.newContext({ viewport: { width: SCREENSHOT_WIDTH, height: VIEWPORT_HEIGHT }, deviceScaleFactor: 1, reducedMotion: 'reduce' });
		for (const [index, { name, path: pagePath }] of pages.entries()) {
			const page = await context.newPage();
			// Network idle: the search page's script has loaded its index and shown its state, so the image is the same each run.
			await page.goto(`${baseUrl}${pagePath}`, { waitUntil: 'networkidle' });
			if (pagePath.includes('/search/?q=')) await page.waitForSelector('[data-search-results] li', { timeout: 10_000 }).catch(() => undefined);
			await settle(page);
			const boxes = await page.evaluate(collectMarks, { start: UI_MARK_START, separator: UI_MARK_SEPARATOR, end: UI_MARK_END });
			const height = Math.min(MAX_HEIGHT, await page.evaluate(() => document.documentElement.scrollHeight));
			const image = await page.screenshot({ clip: { x: 0, y: 0, width: SCREENSHOT_WIDTH, height }, fullPage: true, animations: 'disabled', caret: 'hide' });
			const shown = await page.evaluate(() => ({
				html: document.documentElement.outerHTML,
				// What the page showed, read from the document rather than from resource timing, whose entries may still be
				// arriving when the shot is taken. Built file names carry content hashes, so a changed image or style shows here.
				resources: [...[...document.images].map((image) => image.currentSrc), ...[...document.styleSheets].map((sheet) => sheet.href ?? '')]
					.map((address) => (address ? new URL(address).pathname : ''))
					.sort(),
			}));
			const contentHash = sha256(JSON.stringify({ ...shown, browser: browser.version(), width: SCREENSHOT_WIDTH, height }));
			const tags = boxes
				.map((box) => {
					const x = Math.round(box.x);
					const y = Math.round(box.y);
					const width = Math.min(SCREENSHOT_WIDTH - x, Math.round(box.width));
					const tagHeight = Math.min(height - y, Math.round(box.height));
					return { key: box.key, position: { x, y, width, height: tagHeight } };
				})
				.filter((tag) => tag.position.width > 0 && tag.position.height > 0 && tag.position.y < height);
			shots.push({ name: `${name}.png`, url: pagePath, image, contentHash, tags });
			onPage(index + 1, pages.length, `${name}: ${tags.length} UI string(s)`);
			await page.close();
		}
	} finally {
		await browser.close();
	}
	return shots;
}

function buildWithMarks(root: string, outDir: string, log: (line: string) => void): Promise<void> {
	const astro = path.join(path.dirname(createRequire(path.join(root, 'package.json')).resolve('astro/package.json')), 'bin/astro.mjs');
	return new Promise((resolve, reject) => {
		const child = spawn(process.execPath, [astro, 'build', '--outDir', outDir], {
			cwd: root,
			env: { ...process.env, ...compileCacheEnvironment(root), GLOSSA_UI_MARKS: '1', GLOSSA_OFFLINE: '0', GLOSSA_PSEUDO: '0', ASTRO_TELEMETRY_DISABLED: '1' },
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		let output = '';
		child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
		child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
		child.on('error', reject);
		child.on('close', (code) => {
			if (code === 0) {
				log(`  built the marked pages in ${path.relative(root, outDir)}`);
				resolve();
			} else reject(new Error(`the marked build failed:\n${output.split('\n').slice(-20).join('\n')}`));
		});
	});
}

export async function screenshots(options: ScreenshotOptions): Promise<ScreenshotSummary> {
	const { root, config, registry, client, projectId, output } = options;
	const summary: ScreenshotSummary = { added: [], replaced: [], retagged: [], unchanged: [], unknownKeys: [] };
	const dist = options.dist ? path.resolve(root, options.dist) : path.join(root, 'node_modules/.cache/glossa-screenshots');
	if (!options.dist) {
		output.info('Building the English pages with UI marks (a separate build; dist/ is not touched)…');
		await buildWithMarks(root, dist, (line) => output.info(line));
	}

	// Which Crowdin string each UI key is, per namespace file.
	const remote = await readRemoteTree(client, projectId);
	const group = config.sources.find((candidate) => candidate.kind === 'json');
	const stringIds = new Map<string, number>();
	for (const file of remote.files) {
		const namespace = group && file.path.startsWith(crowdinPathFor(group, '')) ? path.posix.basename(file.path, '.json') : undefined;
		if (!namespace || file.type !== 'i18next_json') continue;
		for (const string of await listFileStrings(client, projectId, file.id)) stringIds.set(`${namespace}:${string.identifier}`, string.id);
	}

	const server = await createSiteServer(dist);
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
	let shots: PageShot[];
	try {
		output.info(`Taking screenshots at ${SCREENSHOT_WIDTH} px…`);
		// A word every page has (the site's name), so the search-results template shows results.
		const englishStrings = JSON.parse((await readProjectFile(root, `locales/${registry.source.tag}/common.json`)) ?? '{}') as { site?: { name?: string } };
		const searchWord = englishStrings.site?.name ?? 'a';
		shots = await shootPages(baseUrl, pagesToShoot(dist, registry.source.segment, searchWord), (done, total, what) => output.progress(done, total, what));
	} finally {
		await new Promise<void>((resolve) => server.close(() => resolve()));
	}
	// A plural form's mark names the form (`page.readingTime_one`); Crowdin holds an i18next plural as one string, `page.readingTime`.
	const stringIdOf = (key: string) => stringIds.get(key) ?? stringIds.get(key.replace(PLURAL_SUFFIX, ''));
	const unknown = new Set<string>();
	for (const shot of shots) for (const tag of shot.tags) if (stringIdOf(tag.key) === undefined) unknown.add(tag.key);
	summary.unknownKeys = [...unknown].sort();
	if (unknown.size > 0)
		output.warn(`${unknown.size} UI string(s) on the pages are not in Crowdin yet, so they are not tagged: run \`npm run crowdin -- upload\` first`);

	const state = await readStateFile(root, config.stateFile);
	const existing = new Map(
		(await listAll((limit, offset) => client.screenshotsApi.listScreenshots(projectId, { limit, offset }))).map((shot) => [shot.id, shot]),
	);
	// A screenshot already in Crowdin under this name (sent by a run that stopped before it saved) is replaced, never doubled.
	const byName = new Map([...existing.values()].map((shot) => [shot.name, shot.id]));
	let sent = 0;
	try {
		for (const [index, shot] of shots.entries()) {
			const tags = shot.tags.flatMap((tag) => {
				const stringId = stringIdOf(tag.key);
				return stringId === undefined ? [] : [{ stringId, position: tag.position }];
			});
			const pageHash = shot.contentHash;
			const tagsHash = sha256(JSON.stringify(tags));
			const recorded = state.screenshots[shot.name];
			const known =
				recorded && existing.has(recorded.screenshotId)
					? recorded
					: byName.has(shot.name)
						? { screenshotId: byName.get(shot.name)!, pageHash: '', tagsHash: '', page: shot.url }
						: undefined;
			const action = !known ? 'add' : known.pageHash !== pageHash ? 'replace' : known.tagsHash !== tagsHash ? 'retag' : 'unchanged';
			const list = action === 'add' ? summary.added : action === 'replace' ? summary.replaced : action === 'retag' ? summary.retagged : summary.unchanged;
			list.push(shot.name);
			if (options.dryRun || action === 'unchanged') continue;
			let screenshotId = known?.screenshotId;
			if (action !== 'retag') {
				const storage = await client.uploadStorageApi.addStorage(shot.name, shot.image);
				if (action === 'add') screenshotId = (await client.screenshotsApi.addScreenshot(projectId, { storageId: storage.data.id, name: shot.name })).data.id;
				else
					await client.screenshotsApi.updateScreenshot(projectId, screenshotId!, {
						storageId: storage.data.id,
						name: shot.name,
						usePreviousTags: known!.tagsHash === tagsHash,
					});
			}
			if (action !== 'replace' || known!.tagsHash !== tagsHash) await client.screenshotsApi.replaceTags(projectId, screenshotId!, tags);
			state.screenshots[shot.name] = { screenshotId: screenshotId!, pageHash, tagsHash, page: shot.url };
			sent++;
			output.progress(
				index + 1,
				shots.length,
				`${action === 'add' ? 'added' : action === 'replace' ? 'replaced' : 'retagged'} ${shot.name} (${tags.length} tags)`,
			);
		}
	} finally {
		// What was sent is recorded even when a later screenshot fails, so the next run does not send it again.
		if (sent > 0) await applyAtomically(root, [{ path: config.stateFile, content: serializeTranslationState(state) }]);
	}
	return summary;
}

/** Reads `locales/<tag>/<namespace>.json` from disk; used by the site build and by build-time plugins alike. */
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import type { LocaleRegistry } from './registry.ts';
import type { UiResources } from './ui.ts';

export class UiResourceError extends Error {
	override name = 'UiResourceError';
}

export function loadUiResources(localesDir: string, registry: LocaleRegistry, warn: (message: string) => void = console.warn): UiResources {
	const resources: UiResources = {};
	if (!existsSync(localesDir)) return resources;
	for (const folder of readdirSync(localesDir, { withFileTypes: true })) {
		if (!folder.isDirectory()) continue;
		const locale = registry.all.find((candidate) => candidate.tag === folder.name);
		if (!locale) {
			warn(`[glossa] warning: locales/${folder.name}/ is not a registered locale; its strings are ignored`);
			continue;
		}
		for (const file of readdirSync(path.join(localesDir, folder.name))) {
			if (!file.endsWith('.json')) continue;
			const relative = `locales/${folder.name}/${file}`;
			const text = readFileSync(path.join(localesDir, folder.name, file), 'utf8');
			let strings: unknown;
			try {
				strings = JSON.parse(text);
			} catch (error) {
				const message = `${relative}: not valid JSON (${(error as Error).message})`;
				// English is the source of every string: a broken file there must stop the build.
				if (locale.isSource) throw new UiResourceError(message);
				warn(`[glossa] warning: ${message}; ${locale.tag} falls back to ${locale.fallbackChain[1]} for these strings`);
				continue;
			}
			if (typeof strings !== 'object' || strings === null || Array.isArray(strings)) {
				if (locale.isSource) throw new UiResourceError(`${relative}: expected an object of strings`);
				warn(`[glossa] warning: ${relative}: expected an object of strings; ignored`);
				continue;
			}
			(resources[locale.tag] ??= {})[file.slice(0, -'.json'.length)] = strings as Record<string, unknown>;
		}
	}
	return resources;
}

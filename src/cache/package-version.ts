/**
 * The installed version of a dependency, for cache keys: a value computed with a library (the locale
 * matcher, Pagefind, the SVG sanitizer's DOMPurify, jsdom and PostCSS) is computed again when the library
 * changes. One way to read it, so every key names a library the same way (`name@version`).
 */
import { readFileSync } from 'node:fs';
import { findPackageJSON } from 'node:module';

/**
 * `name@version` for the package `name` as `from` (a module's `import.meta.url`) resolves it. A package that
 * cannot be found is an installation problem, and the build would fail importing it anyway: this says which.
 */
export function packageVersion(name: string, from: string): string {
	let manifest: string | undefined;
	try {
		manifest = findPackageJSON(name, from);
	} catch (error) {
		throw new Error(`${name} is not installed (resolved from ${from}); run npm install`, { cause: error });
	}
	if (manifest === undefined) throw new Error(`${name} is not installed (resolved from ${from}); run npm install`);
	const { version } = JSON.parse(readFileSync(manifest, 'utf8')) as { version?: unknown };
	if (typeof version !== 'string') throw new Error(`${manifest} has no version; reinstall ${name} with npm install`);
	return `${name}@${version}`;
}

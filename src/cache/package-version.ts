/**
 * The installed version of a dependency, for cache keys: a value computed with a library (the locale
 * matcher, Pagefind, the SVG sanitizer's DOMPurify, jsdom and PostCSS) is computed again when the library
 * changes. One way to read it, so every key names a library the same way (`name@version`).
 */
import { readFileSync } from 'node:fs';
import { findPackageJSON } from 'node:module';
import { pathToFileURL } from 'node:url';

interface Manifest {
	version?: unknown;
	dependencies?: Record<string, string>;
}

/**
 * The package `name` as `from` (a module's URL) resolves it: its `package.json`, read. A package that cannot
 * be found is an installation problem, and the build would fail importing it anyway: this says which.
 */
function installedManifest(name: string, from: string): { file: string; manifest: Manifest } {
	let file: string | undefined;
	try {
		file = findPackageJSON(name, from);
	} catch (error) {
		throw new Error(`${name} is not installed (resolved from ${from}); run npm install`, { cause: error });
	}
	if (file === undefined) throw new Error(`${name} is not installed (resolved from ${from}); run npm install`);
	return { file, manifest: JSON.parse(readFileSync(file, 'utf8')) as Manifest };
}

function versionOf(name: string, { file, manifest }: { file: string; manifest: Manifest }): string {
	if (typeof manifest.version !== 'string') throw new Error(`${file} has no version; reinstall ${name} with npm install`);
	return `${name}@${manifest.version}`;
}

/** `name@version` for the package `name` as `from` (a module's `import.meta.url`) resolves it. */
export function packageVersion(name: string, from: string): string {
	return versionOf(name, installedManifest(name, from));
}

/**
 * `packageVersion` of `name`, then of each of its own dependencies as it resolves them, sorted by name: for a
 * library whose dependencies do part of the work (jsdom's XML parser and serializer), which an `npm update`
 * can change while its own version stays.
 */
export function packageVersionWithDependencies(name: string, from: string): string[] {
	const installed = installedManifest(name, from);
	const fromPackage = pathToFileURL(installed.file).href;
	return [
		versionOf(name, installed),
		...Object.keys(installed.manifest.dependencies ?? {})
			.sort()
			.map((dependency) => packageVersion(dependency, fromPackage)),
	];
}

/**
 * An order for what a build writes, hashes or logs in sequence (files, entries, records, rules): by UTF-16
 * code units, as `Array.prototype.sort` orders strings. Unlike `localeCompare`, it does not depend on the
 * machine's locale or ICU data: same tree, same bytes, on any machine.
 */
export function compareCodeUnits(a: string, b: string): number {
	return a < b ? -1 : a > b ? 1 : 0;
}

/** A comparator of items by a string key, in code-unit order: `files.sort(byCodeUnits((file) => file.path))`. */
export function byCodeUnits<T>(key: (item: T) => string): (a: T, b: T) => number {
	return (a, b) => compareCodeUnits(key(a), key(b));
}

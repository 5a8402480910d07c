/**
 * The cache key of a page model, for Astro's incremental build: the hash of the model as JSON. A part that
 * many models share (the language picker's links of one page in 70 locales) is hashed once, when it is made
 * (`hashedOnce`), and stands in every model's JSON as that hash, so a rebuild of 21,000 pages does not
 * serialise 70 links 21,000 times to learn that none changed.
 */
import { sha256 } from '../content-model/hash.ts';

export function modelKey(model: unknown): string {
	return sha256(JSON.stringify(model));
}

/**
 * `part`, frozen, with its hash standing for it in JSON (a non-enumerable `toJSON`, which `JSON.stringify`
 * calls): the page models that share it print its items; their keys hold the hash. Freezing keeps the hash
 * true: nothing can change the part after it is hashed.
 */
export function hashedOnce<Part extends object>(part: Part): Readonly<Part> {
	const hash = `sha256:${sha256(JSON.stringify(part))}`;
	Object.defineProperty(part, 'toJSON', { value: () => hash, enumerable: false });
	return Object.freeze(part);
}

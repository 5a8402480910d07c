/**
 * Data the site's scripts read from the page, carried in `<script type="application/json" data-glossa-data>`.
 * JSON alone is not safe there: a UI string holding `</script>` or `<!--` would end or change the element.
 * `jsonForScript` escapes `<`, `>` and `&` (and U+2028/U+2029, which older parsers treat as line ends) as
 * JSON `\u` escapes, so the text can never close the element and still parses to the same value. Scripts
 * find their data with `script[type="application/json"][data-glossa-data="<name>"]`, an element and
 * attribute content can never produce (the content allowlist has no `<script>` and no `data-glossa-data`),
 * so content cannot stand in for it. (Each script writes that selector itself: a shared browser module
 * would become a separate file, and module files do not load in offline packs opened from file://.)
 */

const UNSAFE_IN_SCRIPT = /[<>&\u2028\u2029]/g;

export function jsonForScript(value: unknown): string {
	return JSON.stringify(value).replace(UNSAFE_IN_SCRIPT, (character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

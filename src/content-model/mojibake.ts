/**
 * Text that was UTF-8 once and was read as Windows-1252 (or Latin-1) on its way here: `Weâ€™re` for `We're`,
 * `cafÃ©` for `café`. Old sites and exports are full of it. A run of such characters is re-encoded to the
 * bytes it was read from and decoded as UTF-8; only when that gives valid UTF-8 with characters outside
 * ASCII is it reported, with what was most likely meant.
 */
const windows1252 = new TextDecoder('windows-1252');
const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Each Windows-1252 character, back to its byte (from the platform's own decoder, not a hand-written table). */
const BYTE_OF = new Map<string, number>(Array.from({ length: 128 }, (_, index) => [windows1252.decode(Uint8Array.of(index + 128)), index + 128]));

/** A UTF-8 lead byte read as a character (Â to ô), then one to three continuation bytes read as characters. */
const CANDIDATE =
	/[\u00c2-\u00f4][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013\u2014\u2018-\u201a\u201c-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122]{1,3}/g;

export interface Mojibake {
	/** As found in the text, e.g. `â€™`. */
	found: string;
	/** What it most likely was, e.g. `’`. */
	intended: string;
	line: number;
	column: number;
}

function repaired(run: string): string | undefined {
	const bytes: number[] = [];
	for (const character of run) {
		const byte = BYTE_OF.get(character);
		if (byte === undefined) return undefined;
		bytes.push(byte);
	}
	try {
		const text = utf8.decode(Uint8Array.from(bytes));
		return /^[\u0080-\u{10ffff}]+$/u.test(text) ? text : undefined;
	} catch {
		return undefined;
	}
}

export function findMojibake(text: string): Mojibake[] {
	const found: Mojibake[] = [];
	const lines = text.split('\n');
	for (const [index, line] of lines.entries()) {
		for (const match of line.matchAll(CANDIDATE)) {
			// The longest prefix of the run that decodes: `â€™s` is `’` then `s`.
			for (let length = match[0].length; length >= 2; length--) {
				const run = match[0].slice(0, length);
				const intended = repaired(run);
				if (intended) {
					found.push({ found: run, intended, line: index + 1, column: match.index + 1 });
					break;
				}
			}
		}
	}
	return found;
}

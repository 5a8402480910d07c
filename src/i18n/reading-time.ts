/**
 * Minutes to read a text of `words` words, never less than one. Count them with `countWords`, which uses
 * the locale's segmenter so Thai and CJK count properly (the content loader does, once per file).
 */
export function minutesForWords(words: number, wordsPerMinute = 200): number {
	return Math.max(1, Math.round(words / wordsPerMinute));
}

/** Scripts written without spaces between words: only these need a dictionary-based segmenter. */
const UNSPACED = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}\p{Script=Tibetan}]/u;
const segmenters = new Map<string, Intl.Segmenter>();

/**
 * Words in `text`. Spaced scripts are counted by their letter-or-digit runs; Thai, CJK and the other
 * unspaced scripts go through the locale's Intl.Segmenter (much slower, so only where needed).
 */
export function countWords(text: string, localeTag: string): number {
	if (!UNSPACED.test(text)) return text.match(/[\p{L}\p{N}][\p{L}\p{M}\p{N}'’_-]*/gu)?.length ?? 0;
	let segmenter = segmenters.get(localeTag);
	if (!segmenter) {
		segmenter = new Intl.Segmenter(localeTag, { granularity: 'word' });
		segmenters.set(localeTag, segmenter);
	}
	let words = 0;
	for (const segment of segmenter.segment(text)) if (segment.isWordLike) words++;
	return words;
}

/** Minutes to read `text`, counting words with the locale's segmenter so Thai and CJK count properly. */
export function readingMinutes(text: string, localeTag: string, wordsPerMinute = 200): number {
	return Math.max(1, Math.round(countWords(text, localeTag) / wordsPerMinute));
}

/** Words in `text` as the locale's segmenter counts them (Thai and CJK have no spaces between words). */
export function countWords(text: string, localeTag: string): number {
	const segmenter = new Intl.Segmenter(localeTag, { granularity: 'word' });
	let words = 0;
	for (const segment of segmenter.segment(text)) if (segment.isWordLike) words++;
	return words;
}

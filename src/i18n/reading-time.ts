/** Minutes to read `text`, counting words with the locale's segmenter so Thai and CJK count properly. */
export function readingMinutes(text: string, localeTag: string, wordsPerMinute = 200): number {
	const segmenter = new Intl.Segmenter(localeTag, { granularity: 'word' });
	let words = 0;
	for (const segment of segmenter.segment(text)) if (segment.isWordLike) words++;
	return Math.max(1, Math.round(words / wordsPerMinute));
}

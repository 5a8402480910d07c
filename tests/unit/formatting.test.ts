import { describe, expect, it } from 'vitest';
import { formatDate, formatNumber } from '../../src/i18n/format.ts';
import { countWords, minutesForWords } from '../../src/i18n/reading-time.ts';
import { strictTranslations } from '../../src/content-model/build-options.ts';

describe('Intl formatting in the page locale', () => {
	const date = new Date('2026-09-14T00:00:00Z');
	it('formats dates per locale without shifting the day', () => {
		expect(formatDate({ tag: 'es-419' }, date)).toBe('14 de septiembre de 2026');
		expect(formatDate({ tag: 'en' }, date)).toBe('September 14, 2026');
		expect(formatDate({ tag: 'th' }, date)).toContain('2569');
	});

	it('formats numbers per locale', () => {
		expect(formatNumber({ tag: 'ar' }, 1234)).toBe('1,234');
		expect(formatNumber({ tag: 'pl' }, 12345).replace(/\s/u, ' ')).toBe('12 345');
	});
});

describe('reading time', () => {
	it('counts words with the locale segmenter, so unspaced scripts are not one word', () => {
		const thai = 'วิทยาการคอมพิวเตอร์สำหรับทุกห้องเรียน'.repeat(200);
		expect(minutesForWords(countWords(thai, 'th'))).toBeGreaterThan(1);
		expect(minutesForWords(countWords('one two three', 'en'))).toBe(1);
	});

	it('counts spaced scripts by words and unspaced ones with the segmenter', () => {
		expect(countWords('Pupils already know loops: songs have choruses.', 'en')).toBe(7);
		expect(countWords('يتعلم التلاميذ الحلقات التكرارية', 'ar')).toBe(4);
		expect(countWords('Ученики уже знают циклы', 'ru')).toBe(4);
		expect(countWords('学生其实早就认识循环', 'zh-Hans')).toBeGreaterThan(2);
		expect(countWords('คุณค่าของเรา', 'th')).toBeGreaterThan(1);
	});
});

describe('strictTranslations', () => {
	it('is off unless GLOSSA_STRICT is set', () => {
		expect(strictTranslations({})).toBe(false);
		expect(strictTranslations({ GLOSSA_STRICT: '1' })).toBe(true);
		expect(strictTranslations({ GLOSSA_STRICT: 'no' })).toBe(false);
	});
});

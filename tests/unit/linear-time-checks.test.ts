/**
 * The checks that read what translators, editors and imported sites write run in one pass over it. Each case
 * is a shape a red-team pass found to make one of the site's regular expressions backtrack: quadratic,
 * cubic or (the MDX comment check) exponential in the length of the input, so a few hundred kilobytes in
 * one translation would have held the build for minutes or forever. Each answer is asserted, so these
 * cases finish only if the check is linear; nothing here measures time.
 */
import { describe, expect, it } from 'vitest';
import { parseContentDocument } from '../../src/content-model/content-document.ts';
import { isMdxComment } from '../../src/content-model/content-render.ts';
import { VIDEO_FILE } from '../../src/content-model/content-videos.ts';
import { inputLimitProblems } from '../../src/content-model/input-limits.ts';
import { variableDestination } from '../../src/content-model/link-resolver.ts';
import { pseudoText } from '../../src/i18n/pseudo-text.ts';
import { checkUiTranslation, placeholders } from '../../src/i18n/ui-checks.ts';
import { readSubtitles } from '../../src/security/subtitles.ts';

const spaces = (count: number) => ' '.repeat(count);

describe('checks of hostile input in one pass', () => {
	it('an MDX expression of comments (exponential before)', () => {
		expect(isMdxComment(`${'/**/'.repeat(50_000)}x`)).toBe(false);
		expect(isMdxComment('/**/'.repeat(50_000))).toBe(true);
		expect(isMdxComment('/* a note */ // another\n')).toBe(true);
		// As in JavaScript, a block comment ends at its first `*/`.
		expect(isMdxComment('/* a */ b */')).toBe(false);
	});

	it('placeholders and nested keys in a UI string (cubic before)', () => {
		expect(placeholders('{{'.repeat(200_000))).toEqual([]);
		expect(placeholders('$t('.repeat(200_000))).toEqual([]);
		expect(placeholders(`{{ - count, number }} ${spaces(100_000)} $t( common.more )`)).toEqual(['$t(common.more)', 'count']);
		const translation = JSON.stringify({ greeting: `<${spaces(300_000)}` });
		expect(checkUiTranslation(translation, JSON.stringify({ greeting: 'Hello' }), 'es-419').issues.map((issue) => issue.kind)).not.toContain('markup');
	});

	it('a link destination that looks like a content variable (cubic before)', () => {
		expect(variableDestination(`{{${spaces(300_000)}!`)).toBeUndefined();
		expect(variableDestination(`{{${spaces(300_000)}}}`)).toBeUndefined();
		expect(variableDestination('{{ urls/learn }}')).toBe('urls/learn');
	});

	it('trailing spaces of a source file, tags and table rows in its body (quadratic before)', () => {
		const document = parseContentDocument('content/en/spaces.md', `---\ntitle: Spaces\ndescription: D\n---\n\nA${spaces(300_000)}b\n`);
		expect(document.problems).toEqual([]);
		expect(document.frontmatter?.['title']).toBe('Spaces');
		expect(inputLimitProblems('<a '.repeat(100_000))).toEqual([]);
		expect(inputLimitProblems(`| a | b |\n--${spaces(300_000)}x\n`)).toEqual([]);
	});

	it('a video path, subtitles and pseudo-text (quadratic before)', () => {
		expect(VIDEO_FILE.test(`${'../'.repeat(200_000)}x`)).toBe(false);
		expect(VIDEO_FILE.test('../videos/lesson-1.mp4')).toBe(true);
		// The same paths as before: `..` and dot-folders among the folders (the scan confines where they lead).
		for (const path of ['../en/../videos/intro.webm', '../videos/./intro.webm', '../videos/.drafts/intro.mp4', './intro.MP4'])
			expect([path, VIDEO_FILE.test(path)]).toEqual([path, true]);
		for (const path of ['videos/intro.mp4', '/videos/intro.mp4', '../videos/intro.mov', '../videos/in tro.mp4'])
			expect([path, VIDEO_FILE.test(path)]).toEqual([path, false]);
		const cue = `WEBVTT\n\n00:00:00.000 --> 00:00:02.000\n${'<'.repeat(500_000)} hello\n`;
		expect(readSubtitles('content/videos/lesson.vtt', cue).words).toBe(1);
		const pseudo = pseudoText(`a${spaces(300_000)}b `, 'accented');
		expect(pseudo.startsWith('[')).toBe(true);
		expect(pseudo.endsWith('] ')).toBe(true);
	});
});

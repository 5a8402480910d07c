/**
 * Marks around each UI string, for the screenshots translators see in Crowdin: with `GLOSSA_UI_MARKS=1`
 * (set only by `npm run crowdin -- screenshots`, for its own build in its own folder) every string comes
 * out of `t()` as `<start>namespace:key<separator>text<end>`, so the page shows which element renders which
 * key. The screenshot script finds and removes the marks before it measures and shoots; production pages
 * never have them (a test checks the demo build).
 *
 * The marks are private-use characters: no font draws them and no content or string contains them.
 */
import { glossaConfig } from '../config/glossa-config.ts';

export const UI_MARK_START = '\uE000';
export const UI_MARK_SEPARATOR = '\uE001';
export const UI_MARK_END = '\uE002';

export function uiMarksRequested(): boolean {
	return glossaConfig.uiMarks;
}

export function markUiString(key: string, text: string): string {
	return `${UI_MARK_START}${key}${UI_MARK_SEPARATOR}${text}${UI_MARK_END}`;
}

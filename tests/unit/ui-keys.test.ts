/**
 * Issue 29, item 4: UI keys are typed from the English strings, as Starlight types its own. `tsc` (run by
 * `npm test`) fails if a `@ts-expect-error` below stops being an error, so a misspelt key staying a type
 * error is part of the suite; the runtime assertions show what each key gives.
 */
import path from 'node:path';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { locales } from '../../src/i18n/locales.ts';
import { createUiStrings, MissingUiStringError } from '../../src/i18n/ui.ts';
import type { UiFileKey, UiKey } from '../../src/i18n/ui-keys.ts';
import { loadUiResources } from '../../src/i18n/ui-resources.ts';
import { projectRoot } from '../support/paths.ts';

const ui = createUiStrings(
	locales,
	loadUiResources(path.join(projectRoot, 'locales'), locales, () => {}),
);
const spanish = locales.get('es-419');

describe('typed UI keys', () => {
	it('knows nested keys as dotted keys, and plural strings by their base key', () => {
		expectTypeOf<'picker.label'>().toExtend<UiKey>();
		expectTypeOf<'video.play'>().toExtend<UiKey>();
		expectTypeOf<'offline.kept'>().toExtend<UiKey>();
		expectTypeOf<'offline.kept_one'>().not.toExtend<UiKey>();
		expectTypeOf<'offline.kept_one'>().toExtend<UiFileKey>();
		expect(ui.t(spanish, 'offline.kept', { count: 2 })).toBe('Se guardaron 2 páginas para leer sin conexión.');
		expect(ui.raw(spanish, 'offline.kept_one')).toContain('{{count, number}}');
	});

	it('makes a misspelt key a type error (and, were it forced through, a clear error at run time)', () => {
		expectTypeOf<'picker.lable'>().not.toExtend<UiKey>();
		// @ts-expect-error: "lable" is not a key of locales/en/common.json
		expect(() => ui.t(spanish, 'picker.lable')).toThrow(MissingUiStringError);
		expectTypeOf<'picker'>().not.toExtend<UiKey>();
		expect(ui.t(spanish, 'picker.label')).not.toBe('');
	});
});

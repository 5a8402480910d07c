/** The site's UI strings, read from `locales/<tag>/<namespace>.json` at build time. */
import path from 'node:path';
import { locales } from './locales.ts';
import { createUiStrings } from './ui.ts';
import { uiMarksRequested } from './ui-marks.ts';
import { loadUiResources } from './ui-resources.ts';

export const ui = createUiStrings(locales, loadUiResources(path.resolve('locales'), locales), { marks: uiMarksRequested() });

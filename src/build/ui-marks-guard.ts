/**
 * A build with UI marks (GLOSSA_UI_MARKS=1, src/i18n/ui-marks.ts) is for the Crowdin screenshots only: it
 * may never write into dist/, where a deploy would pick it up. (Its cache is its own too: astro.config.mjs.)
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { uiMarksRequested } from '../i18n/ui-marks.ts';

export function uiMarksGuardIntegration(): AstroIntegration {
	return {
		name: 'glossa-ui-marks-guard',
		hooks: {
			'astro:config:done': ({ config }) => {
				if (!uiMarksRequested()) return;
				const outDir = path.resolve(fileURLToPath(config.outDir));
				if (outDir === path.resolve(fileURLToPath(config.root), 'dist'))
					throw new Error(
						'GLOSSA_UI_MARKS=1 marks every UI string for the Crowdin screenshots and must not build into dist/. Run `npm run crowdin -- screenshots`, or pass --outDir elsewhere.',
					);
			},
		},
	};
}

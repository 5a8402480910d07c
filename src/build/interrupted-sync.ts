/**
 * A build never publishes a half-applied Crowdin download. `npm run crowdin -- download` applies its files
 * all or nothing, with a journal in `.glossa-sync/` (scripts/crowdin/apply.ts); a download killed half-way
 * leaves that journal, and content/ and locales/ half old, half new. Before `astro build` reads anything, this
 * integration rolls the interrupted sync back with the Crowdin CLI's own recovery (`recoverInterruptedApply`,
 * the code `npm run crowdin -- recover` runs) and says so, so the build publishes the content as it was
 * before the download, exactly as the next Crowdin command would leave it.
 */
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { recoverInterruptedApply } from '../../scripts/crowdin/apply.ts';

export const RECOVERED_MESSAGE =
	'a Crowdin sync was interrupted (its journal was left in .glossa-sync/): rolled it back, so content/ and locales/ are as they were before it; run `npm run crowdin -- download` again for the new translations';

export function interruptedSyncIntegration(): AstroIntegration {
	return {
		name: 'glossa-interrupted-sync',
		hooks: {
			// At config setup, before the content layer reads a file. Only for a build: `astro dev` and
			// `astro sync` may run while a download is being applied, whose live journal must not be undone.
			'astro:config:setup': async ({ config, command, logger }) => {
				if (command !== 'build') return;
				if (await recoverInterruptedApply(fileURLToPath(config.root))) logger.warn(RECOVERED_MESSAGE);
			},
		},
	};
}

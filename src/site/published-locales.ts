/**
 * The registry as the site publishes it, for tools that run outside `astro build` (`npm run offline`,
 * `npm run i18n`): the same checks, scan and publishing rule the build applies (src/site/locales.ts), with
 * the translation checks' cached verdicts.
 */
import path from 'node:path';
import { checkTranslations } from '../content-model/translation-checks.ts';
import { scanProject, type ProjectScan } from '../content-model/project-scan.ts';
import { computeTranslationStatus, publish, type LocaleStatus } from '../content-model/translation-status.ts';
import { localeDefinitions, locales, SOURCE_LOCALE } from '../i18n/locales.ts';
import type { LocaleRegistry } from '../i18n/registry.ts';

export interface PublishedLocales {
	registry: LocaleRegistry;
	status: LocaleStatus[];
}

/** `scan` may be passed by a caller that has already scanned the project. */
export async function publishedLocales(root: string, scan?: ProjectScan): Promise<PublishedLocales> {
	const report = await checkTranslations({ root, registry: locales, cacheFile: path.join(root, 'node_modules/.cache/glossa/translation-checks.json') });
	const broken = new Set([...report.broken.keys()].map((file) => `content/${file}`));
	const measured = computeTranslationStatus(locales, scan ?? (await scanProject(root, locales)), { isBuildable: (file) => !broken.has(file) });
	return publish(localeDefinitions, SOURCE_LOCALE, measured);
}

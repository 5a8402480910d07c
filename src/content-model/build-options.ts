import { glossaConfig, readGlossaConfig } from '../config/glossa-config.ts';

/** `GLOSSA_STRICT=1` turns translation warnings into build errors (for CI on translation pull requests). */
export function strictTranslations(env?: Record<string, string | undefined>): boolean {
	return env ? readGlossaConfig(env).strict : glossaConfig.strict;
}

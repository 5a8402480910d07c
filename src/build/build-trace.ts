/**
 * `GLOSSA_TRACE_MODELS=<file>`: one line per site model, page model and validation of the UI strings
 * computed, in any process of the build, for the test that holds the build to one of each
 * (`tests/build/reproducible.test.ts`).
 */
import { appendFileSync } from 'node:fs';
import { glossaConfig } from '../config/glossa-config.ts';

const traceFile = glossaConfig.trace.models;

export function traceModel(kind: 'site-model' | 'page-model' | 'ui-strings', detail: string): void {
	if (traceFile) appendFileSync(traceFile, `${kind}\t${detail}\n`);
}

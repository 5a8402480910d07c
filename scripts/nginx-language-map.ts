/**
 * npm run nginx-map: the language choice at `/` as an nginx `map`, from the rules the last build wrote
 * (dist/language-rules.json, the same rules as dist/_redirects). Include its output in the `http` block;
 * README ("Visitors") shows the `location = /` that uses it.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { HostRules } from '../functions/index.ts';
import { HOST_RULES_FILE, nginxLanguageMap } from '../src/i18n/host-redirects.ts';

const { values } = parseArgs({ options: { dir: { type: 'string', default: 'dist' } } });
const file = path.resolve(values.dir, HOST_RULES_FILE);
let rules: HostRules;
try {
	rules = JSON.parse(readFileSync(file, 'utf8')) as HostRules;
} catch {
	console.error(`No ${file}. Run \`npm run build\` first.`);
	process.exit(1);
}
process.stdout.write(nginxLanguageMap(rules.map(([range, rulePath]) => ({ range, path: rulePath ?? undefined }))));

import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const tmpRoot = path.join(projectRoot, 'tests/.tmp');
/** The demo site, built once per test run by the global setup. */
export const demoDist = path.join(tmpRoot, 'demo-dist');
/** The demo's offline packs, written by the global setup. */
export const demoPacks = path.join(tmpRoot, 'demo-offline');

/**
 * Preloaded into a command (`node --import`) to stop it dead right after its Nth rename, as a power cut or
 * `kill -9` would: `GLOSSA_DIE_AFTER_RENAMES=N`. The command runs for real; only the moment it dies is chosen.
 */
import fs from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';

const limit = Number(process.env['GLOSSA_DIE_AFTER_RENAMES']);
let renames = 0;
const counted = () => {
	if (++renames >= limit) process.kill(process.pid, 'SIGKILL');
};
const renameAsync = fs.promises.rename;
fs.promises.rename = async (from, to) => {
	await renameAsync(from, to);
	counted();
};
const renameSync = fs.renameSync;
fs.renameSync = (from, to) => {
	renameSync(from, to);
	counted();
};
// `import { rename } from 'node:fs/promises'` sees the counted one too.
syncBuiltinESMExports();

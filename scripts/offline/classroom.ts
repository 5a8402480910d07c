/**
 * npm run classroom -- [--port 8080] [--host 127.0.0.1] [--locale <tag>]... [--packs dist-offline]
 * npm run classroom -- apply <update.zip> <pack folder>
 * Serves offline packs to a school's network (src/offline/classroom-server.ts), and applies update packs to
 * unpacked ones (src/offline/pack-update.ts).
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { unzipSync } from 'fflate';
import { ClassroomError, createClassroom } from '../../src/offline/classroom-server.ts';
import { applyUpdate, finishInterruptedUpdate, MANIFEST_FILE, PackUpdateError } from '../../src/offline/pack-update.ts';
import { readInside, UnsafePathError, walkInside } from '../../src/security/content-files.ts';
import { locales as registry } from '../../src/i18n/locales.ts';

const HELP = `Usage: npm run classroom -- [--port 8080] [--host 127.0.0.1] [--locale <tag>]... [--packs dist-offline]
       npm run classroom -- apply <update.zip> <pack folder>

Serves the offline packs to a classroom, with no other software: the zips \`npm run build\` writes
(<packs>/<segment>.zip), or packs unpacked in <packs>/<segment>/ (which updates can be applied to).
  /             sends each browser to the pack in its language (Accept-Language), without JavaScript
  /languages/   lists the packs, each in its own language
Only this computer can connect unless --host names an address of the school's network (or 0.0.0.0 for all).
Every locale whose pack is in --packs is served, or only the --locale ones.

apply checks an update (\`npm run offline -- --update-from …\`) against the pack folder's manifest and
every file's SHA-256, then swaps the updated folder in at once; an update for another pack, or a damaged
one, is refused and the folder left exactly as it was.`;

/** Every file of an unpacked pack folder, by path, through the safe file layer: a symbolic link is never followed out of the pack. */
async function readFolder(folder: string): Promise<Record<string, Uint8Array>> {
	const { files, links, special } = await walkInside(folder);
	for (const skipped of [...links, ...special]) console.warn(`classroom: ${path.join(folder, skipped)} is not a regular file (a link?); it is not served`);
	const into: Record<string, Uint8Array> = {};
	for (const file of files) into[file] = await readInside(folder, file);
	return into;
}

async function main(): Promise<number> {
	const { values, positionals } = parseArgs({
		allowPositionals: true,
		options: {
			port: { type: 'string', short: 'p', default: '8080' },
			host: { type: 'string', default: '127.0.0.1' },
			locale: { type: 'string', multiple: true },
			packs: { type: 'string', default: 'dist-offline' },
			help: { type: 'boolean', short: 'h' },
		},
	});
	if (values.help) {
		console.log(HELP);
		return 0;
	}
	if (positionals[0] === 'apply') {
		const [, update, target] = positionals;
		if (!update || !target) {
			console.error('classroom: apply needs an update zip and a pack folder');
			return 2;
		}
		const result = await applyUpdate(await readFile(update), path.resolve(target), { name: path.basename(update) });
		console.log(`Updated ${target} from pack ${result.from} to ${result.to}: ${result.changed} file(s) written, ${result.removed} removed.`);
		return 0;
	}
	if (positionals.length > 0) {
		console.error(`classroom: unknown command "${positionals[0]}"\n\n${HELP}`);
		return 2;
	}
	const folder = path.resolve(values.packs);
	// An `apply` stopped between its two renames leaves a language without its folder: finish it before looking.
	for (const locale of registry.all) {
		const packFolder = path.join(folder, locale.segment);
		const before = existsSync(packFolder);
		await finishInterruptedUpdate(packFolder);
		if (!before && existsSync(packFolder)) console.log(`classroom: finished the interrupted update of ${packFolder}`);
	}
	const packOf = (segment: string) =>
		existsSync(path.join(folder, `${segment}.zip`)) ? 'zip' : existsSync(path.join(folder, segment, MANIFEST_FILE)) ? 'folder' : undefined;
	const wanted = values.locale?.length ? values.locale.map((tag) => registry.get(tag)) : registry.all.filter((locale) => packOf(locale.segment));
	if (wanted.length === 0) {
		console.error(`classroom: no packs in ${folder}; run \`npm run build\` first, or give --packs`);
		return 1;
	}
	const packs = [];
	for (const locale of wanted) {
		const kind = packOf(locale.segment);
		if (!kind) {
			console.error(`classroom: no pack for ${locale.tag} in ${folder} (${locale.segment}.zip or ${locale.segment}/); run \`npm run build\``);
			return 1;
		}
		const files = kind === 'zip' ? unzipSync(await readFile(path.join(folder, `${locale.segment}.zip`))) : await readFolder(path.join(folder, locale.segment));
		packs.push({ locale, files });
	}
	const { server, locales } = createClassroom(packs, registry.source);
	// Stopped with Ctrl-C or by a service manager: close the connections and exit cleanly (nothing is left on disk).
	for (const signal of ['SIGINT', 'SIGTERM'] as const) {
		process.once(signal, () => {
			server.close();
			server.closeAllConnections();
		});
	}
	server.listen(Number(values.port), values.host, () => {
		const address = server.address();
		const port = typeof address === 'object' && address ? address.port : values.port;
		console.log(`Classroom server: ${locales.map((locale) => locale.tag).join(', ')} on http://${values.host}:${port}/`);
		if (values.host === '127.0.0.1' || values.host === 'localhost') console.log('Only this computer can connect; give --host <address> to serve the network.');
	});
	return 0;
}

try {
	process.exitCode = await main();
} catch (error) {
	if (!(error instanceof PackUpdateError || error instanceof ClassroomError || error instanceof UnsafePathError)) throw error;
	console.error(`classroom: ${error.message}`);
	process.exitCode = 1;
}

/**
 * npm run classroom -- [--port 8080] [--host 127.0.0.1] [--locale <tag>]... [--packs dist-offline]
 * Serves offline packs to a school's network (src/offline/classroom-server.ts).
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createClassroom } from '../../src/offline/classroom-server.ts';
import { locales as registry } from '../../src/i18n/locales.ts';

const HELP = `Usage: npm run classroom -- [--port 8080] [--host 127.0.0.1] [--locale <tag>]... [--packs dist-offline]

Serves the offline packs (the zips \`npm run build\` writes) to a classroom, with no other software:
  /             sends each browser to the pack in its language (Accept-Language), without JavaScript
  /languages/   lists the packs, each in its own language
Only this computer can connect unless --host names an address of the school's network (or 0.0.0.0 for all).
Every locale whose pack is in --packs is served, or only the --locale ones.`;

async function main(): Promise<number> {
	const { values } = parseArgs({
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
	const folder = path.resolve(values.packs);
	const wanted = values.locale?.length
		? values.locale.map((tag) => registry.get(tag))
		: registry.all.filter((locale) => existsSync(path.join(folder, `${locale.segment}.zip`)));
	if (wanted.length === 0) {
		console.error(`classroom: no packs in ${folder}; run \`npm run build\` first, or give --packs`);
		return 1;
	}
	const packs = [];
	for (const locale of wanted) {
		const file = path.join(folder, `${locale.segment}.zip`);
		if (!existsSync(file)) {
			console.error(`classroom: ${path.relative(process.cwd(), file)} is missing (run \`npm run build\`)`);
			return 1;
		}
		packs.push({ locale, zip: await readFile(file) });
	}
	const classroom = await createClassroom(packs, registry.source);
	const server = createServer(classroom.handler);
	server.listen(Number(values.port), values.host, () => {
		const address = server.address();
		const port = typeof address === 'object' && address ? address.port : values.port;
		console.log(`Classroom server: ${classroom.locales.map((locale) => locale.tag).join(', ')} on http://${values.host}:${port}/`);
		if (values.host === '127.0.0.1' || values.host === 'localhost') console.log('Only this computer can connect; give --host <address> to serve the network.');
	});
	return 0;
}

process.exitCode = await main();

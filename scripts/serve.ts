/** npm run serve: the built site (dist/) on a local port, as a static host would serve it (scripts/shared/site-server.ts). */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createSiteServer } from './shared/site-server.ts';

const { values } = parseArgs({
	options: {
		port: { type: 'string', short: 'p', default: process.env.PORT ?? '4321' },
		host: { type: 'string', default: 'localhost' },
		dir: { type: 'string', default: 'dist' },
		help: { type: 'boolean', short: 'h', default: false },
	},
});

if (values.help) {
	console.log(`Usage: npm run serve -- [--port 4321] [--host localhost] [--dir dist]

Serves the built site. Run \`npm run build\` first (\`npm start\` does both).`);
	process.exit(0);
}

const root = path.resolve(values.dir);
if (!existsSync(path.join(root, 'index.html'))) {
	console.error(`No built site in ${root}. Run \`npm run build\` first.`);
	process.exit(1);
}

let server;
try {
	server = await createSiteServer(root);
} catch (error) {
	console.error(`serve: ${(error as Error).message}`);
	process.exit(1);
}

server.listen(Number(values.port), values.host, () => {
	const address = server.address();
	const port = typeof address === 'object' && address ? address.port : values.port;
	const host = values.host === '0.0.0.0' ? 'localhost' : values.host;
	console.log(`Glossa is serving ${path.relative(process.cwd(), root) || '.'} on http://${host}:${port}/`);
});

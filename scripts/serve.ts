/**
 * Serves the built site (dist/) like a static host would: directory indexes, and for a missing page the
 * 404 page of the locale in its path (`/ar/...` -> `/ar/404/`), else the root 404.
 */
import { createServer } from 'node:http';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import sirv from 'sirv';

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

const assets = sirv(root, { dev: false, etag: true, extensions: ['html'] });

async function notFoundPage(urlPath: string): Promise<string> {
	const segment = urlPath.split('/')[1] ?? '';
	const candidates = [path.join(root, segment, '404', 'index.html'), path.join(root, '404.html')];
	for (const candidate of candidates) {
		if (segment && candidate.startsWith(path.join(root, segment)) && existsSync(candidate)) return readFile(candidate, 'utf8');
	}
	return readFile(path.join(root, '404.html'), 'utf8');
}

const server = createServer((request, response) => {
	assets(request, response, () => {
		void notFoundPage(new URL(request.url ?? '/', 'http://localhost').pathname).then((html) => {
			response.writeHead(404, { 'Content-Type': 'text/html; charset=utf-8' });
			response.end(html);
		});
	});
});

server.listen(Number(values.port), values.host, () => {
	const address = server.address();
	const port = typeof address === 'object' && address ? address.port : values.port;
	const host = values.host === '0.0.0.0' ? 'localhost' : values.host;
	console.log(`Glossa is serving ${path.relative(process.cwd(), root) || '.'} on http://${host}:${port}/`);
});

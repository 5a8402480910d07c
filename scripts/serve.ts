/**
 * Serves the built site (dist/) like a static host would: directory indexes, and for a missing page the
 * 404 page of the locale in its path (`/ar/...` -> `/ar/404/`), else the root 404.
 */
import { createServer } from 'node:http';
import { existsSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import sirv from 'sirv';
import { pagePolicy } from '../src/security/page-policy.ts';

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

// Each page's Content-Security-Policy goes out as a header too, as a static host should send it (README, "Security").
const policies = new Map<string, string | undefined>();
function policyOf(file: string, html?: string): string | undefined {
	if (!policies.has(file)) policies.set(file, pagePolicy(html ?? readFileSync(file, 'utf8')));
	return policies.get(file);
}

const assets = sirv(root, {
	dev: false,
	etag: true,
	extensions: ['html'],
	setHeaders(response, pathname) {
		const file = [pathname, `${pathname}index.html`, `${pathname}.html`, `${pathname}/index.html`]
			.map((candidate) => path.join(root, decodeURIComponent(candidate)))
			.find((candidate) => candidate.startsWith(root) && candidate.endsWith('.html') && existsSync(candidate));
		const policy = file && policyOf(file);
		if (policy) response.setHeader('Content-Security-Policy', policy);
	},
});

async function notFoundPage(urlPath: string): Promise<{ file: string; html: string }> {
	const segment = urlPath.split('/')[1] ?? '';
	const candidates = [path.join(root, segment, '404', 'index.html'), path.join(root, '404.html')];
	for (const candidate of candidates) {
		if (segment && candidate.startsWith(path.join(root, segment)) && existsSync(candidate)) return { file: candidate, html: await readFile(candidate, 'utf8') };
	}
	const file = path.join(root, '404.html');
	return { file, html: await readFile(file, 'utf8') };
}

const server = createServer((request, response) => {
	assets(request, response, () => {
		void notFoundPage(new URL(request.url ?? '/', 'http://localhost').pathname).then(({ file, html }) => {
			const policy = policyOf(file, html);
			response.writeHead(404, { 'Content-Type': 'text/html; charset=utf-8', ...(policy ? { 'Content-Security-Policy': policy } : {}) });
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

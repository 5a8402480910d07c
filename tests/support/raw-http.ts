import { connect } from 'node:net';

export interface RawResponse {
	status: number;
	/** Header names in lower case. */
	headers: Record<string, string>;
	body: string;
}

/**
 * Sends `head` (a request line and headers, `\r\n`-separated, without the blank line) verbatim over a new
 * TCP connection, as no HTTP client would (`GET //[`), and reads the answer until the server closes.
 */
export function rawRequest(url: string, head: string): Promise<RawResponse> {
	const { hostname, port } = new URL(url);
	return new Promise((resolve, reject) => {
		const socket = connect({ host: hostname, port: Number(port) });
		const chunks: Buffer[] = [];
		socket.on('connect', () => socket.write(`${head}\r\nHost: ${hostname}\r\nConnection: close\r\n\r\n`));
		socket.on('data', (chunk: Buffer) => chunks.push(chunk));
		socket.on('error', reject);
		socket.on('close', () => {
			const text = Buffer.concat(chunks).toString('latin1');
			const [top = '', ...rest] = text.split('\r\n\r\n');
			const [statusLine = '', ...lines] = top.split('\r\n');
			const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(statusLine)?.[1]);
			if (!status) return reject(new Error(`no HTTP answer to ${JSON.stringify(head)}: ${JSON.stringify(text.slice(0, 200))}`));
			const headers: Record<string, string> = {};
			for (const line of lines) {
				const colon = line.indexOf(':');
				headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
			}
			resolve({ status, headers, body: rest.join('\r\n\r\n') });
		});
	});
}

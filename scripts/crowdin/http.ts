/**
 * The official client retries nothing by default. This wraps its HTTP client: 429, 5xx and network errors
 * are retried with exponential backoff (honouring Retry-After), except that a create that may already have
 * happened is never blindly repeated: the caller checks first (see `createOnce`).
 */
import type { HttpClient } from '@crowdin/crowdin-api-client';

export interface RetryPolicy {
	retries: number;
	baseDelayMs: number;
	maxRetryAfterMs: number;
	/** Called before each wait, for progress output. */
	onRetry?: ((info: { method: string; url: string; attempt: number; delayMs: number; reason: string }) => void) | undefined;
	sleep?: (ms: number) => Promise<void>;
	random?: () => number;
}

/** An axios error (what the HTTP layer sees) or a CrowdinError (what API methods throw, status in `code`). */
interface ErrorLike {
	response?: { status?: number; headers?: Record<string, unknown> };
	code?: string | number;
	message?: string;
}

const NETWORK_CODES = new Set(['ECONNRESET', 'ECONNREFUSED', 'ETIMEDOUT', 'ECONNABORTED', 'EPIPE', 'EAI_AGAIN', 'ENOTFOUND', 'ERR_NETWORK', 'UND_ERR_SOCKET']);

export type FailureKind = 'rate-limited' | 'server' | 'network' | 'final';

export function classifyFailure(error: unknown): { kind: FailureKind; status?: number; retryAfter?: string } {
	const { response, code } = (error ?? {}) as ErrorLike;
	const status = response?.status ?? (typeof code === 'number' ? code : undefined);
	const retryAfter = response?.headers?.['retry-after'];
	const retryAfterText = typeof retryAfter === 'string' ? retryAfter : undefined;
	if (status === 429) return { kind: 'rate-limited', status, ...(retryAfterText ? { retryAfter: retryAfterText } : {}) };
	if (status !== undefined && status >= 500) return { kind: 'server', status, ...(retryAfterText ? { retryAfter: retryAfterText } : {}) };
	if (status === undefined && typeof code === 'string' && NETWORK_CODES.has(code)) return { kind: 'network' };
	return status === undefined ? { kind: 'final' } : { kind: 'final', status };
}

/** Milliseconds to wait for a Retry-After value (seconds or an HTTP date), or undefined when unusable. */
export function parseRetryAfter(value: string | undefined, now = Date.now()): number | undefined {
	if (!value) return undefined;
	const trimmed = value.trim();
	if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
	const date = Date.parse(trimmed);
	return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

export function backoffDelay(attempt: number, policy: Pick<RetryPolicy, 'baseDelayMs' | 'maxRetryAfterMs' | 'random'>, retryAfter?: string): number {
	const fromHeader = parseRetryAfter(retryAfter);
	if (fromHeader !== undefined) return Math.min(fromHeader, policy.maxRetryAfterMs);
	const exponential = policy.baseDelayMs * 2 ** (attempt - 1);
	const jitter = (policy.random ?? Math.random)() * policy.baseDelayMs;
	return Math.min(exponential + jitter, policy.maxRetryAfterMs);
}

/** Requests that do the same thing when repeated, so an ambiguous failure may be retried. */
function repeatable(method: string, url: string): boolean {
	if (method !== 'POST') return true;
	// A second storage or build is harmless; a second directory or file is not.
	return /\/storages$/.test(url) || /\/translations\/builds$/.test(url);
}

export class RetryingHttpClient implements HttpClient {
	readonly #inner: HttpClient;
	readonly #policy: RetryPolicy;

	constructor(inner: HttpClient, policy: RetryPolicy) {
		this.#inner = inner;
		this.#policy = policy;
	}

	async #send<T>(method: string, url: string, call: () => Promise<T>): Promise<T> {
		const sleep = this.#policy.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
		for (let attempt = 1; ; attempt++) {
			try {
				return await call();
			} catch (error) {
				const failure = classifyFailure(error);
				const mayRepeat = failure.kind === 'rate-limited' || ((failure.kind === 'server' || failure.kind === 'network') && repeatable(method, url));
				if (!mayRepeat || attempt > this.#policy.retries) throw error;
				const delayMs = backoffDelay(attempt, this.#policy, failure.retryAfter);
				const reason = failure.status ? `HTTP ${failure.status}` : String((error as ErrorLike).code ?? 'network error');
				this.#policy.onRetry?.({ method, url, attempt, delayMs, reason });
				await sleep(delayMs);
			}
		}
	}

	get<T>(url: string, config?: { headers: Record<string, string> }) {
		return this.#send('GET', url, () => this.#inner.get<T>(url, config));
	}
	delete<T>(url: string, config?: { headers: Record<string, string> }) {
		return this.#send('DELETE', url, () => this.#inner.delete<T>(url, config));
	}
	head<T>(url: string, config?: { headers: Record<string, string> }) {
		return this.#send('HEAD', url, () => this.#inner.head<T>(url, config));
	}
	post<T>(url: string, data?: unknown, config?: { headers: Record<string, string> }) {
		return this.#send('POST', url, () => this.#inner.post<T>(url, data, config));
	}
	put<T>(url: string, data?: unknown, config?: { headers: Record<string, string> }) {
		return this.#send('PUT', url, () => this.#inner.put<T>(url, data, config));
	}
	patch<T>(url: string, data?: unknown, config?: { headers: Record<string, string> }) {
		return this.#send('PATCH', url, () => this.#inner.patch<T>(url, data, config));
	}
}

/**
 * Runs a create whose failure is ambiguous (the server may have done it before the connection broke):
 * on failure, looks for the created thing before trying once more.
 */
export async function createOnce<T>(create: () => Promise<T>, findExisting: () => Promise<T | undefined>, attempts = 3): Promise<T> {
	let lastError: unknown;
	for (let attempt = 0; attempt < attempts; attempt++) {
		try {
			return await create();
		} catch (error) {
			lastError = error;
			const { kind } = classifyFailure(error);
			if (kind === 'final' || kind === 'rate-limited') throw error;
			const existing = await findExisting();
			if (existing !== undefined) return existing;
		}
	}
	throw lastError;
}

/** The official Crowdin client, configured from the environment and wrapped with retries. */
import { Client, type Credentials } from '@crowdin/crowdin-api-client';
import type { LocaleRegistry } from '../../src/i18n/registry.ts';
import type { CrowdinSyncConfig } from './config.ts';
import type { Output } from './output.ts';
import { RetryingHttpClient, type RetryPolicy } from './http.ts';

export class CredentialsError extends Error {
	override name = 'CredentialsError';
}

/** What every sync command works with: the project on disk and the Crowdin project. */
export interface SyncContext {
	root: string;
	config: CrowdinSyncConfig;
	registry: LocaleRegistry;
	client: Client;
	projectId: number;
	output: Output;
}

export interface CrowdinConnection {
	client: Client;
	projectId: number;
	credentials: Credentials;
}

export function connectionFromEnvironment(
	env: Record<string, string | undefined>,
	config: CrowdinSyncConfig,
	onRetry: RetryPolicy['onRetry'],
): CrowdinConnection {
	const token = env.CROWDIN_TOKEN?.trim();
	const projectText = env.CROWDIN_PROJECT_ID?.trim();
	const missing = [!token && 'CROWDIN_TOKEN', !projectText && 'CROWDIN_PROJECT_ID'].filter(Boolean);
	if (missing.length > 0) {
		throw new CredentialsError(
			`Missing ${missing.join(' and ')}. Create a personal access token in Crowdin (Account settings > API) and set CROWDIN_TOKEN and CROWDIN_PROJECT_ID.`,
		);
	}
	const projectId = Number(projectText);
	if (!Number.isInteger(projectId) || projectId <= 0) throw new CredentialsError(`CROWDIN_PROJECT_ID must be a positive number, got "${projectText}"`);
	const credentials: Credentials = { token: token! };
	if (env.CROWDIN_ORGANIZATION?.trim()) credentials.organization = env.CROWDIN_ORGANIZATION.trim();
	if (env.CROWDIN_BASE_URL?.trim()) credentials.baseUrl = env.CROWDIN_BASE_URL.trim().replace(/\/+$/, '');

	// The library's own HTTP client (axios), with its timeout, under our retry policy.
	const plain = new Client(credentials, { httpRequestTimeout: config.network.requestTimeoutMs });
	const http = new RetryingHttpClient(plain.projectsGroupsApi.httpClient, {
		retries: config.network.retries,
		baseDelayMs: config.network.retryBaseMs,
		maxRetryAfterMs: config.network.maxRetryAfterMs,
		onRetry,
	});
	const client = new Client(credentials, { httpClient: http, httpRequestTimeout: config.network.requestTimeoutMs });
	return { client, projectId, credentials };
}

/** Crowdin's error as one line: `CrowdinError: 401 Unauthorized`, a validation message, or the network code. */
export function describeCrowdinError(error: unknown): string {
	const { message, code, validationCodes } = (error ?? {}) as { message?: string; code?: number | string; validationCodes?: unknown };
	if (validationCodes && Array.isArray(validationCodes) && validationCodes.length > 0) return `validation error: ${message}`;
	const text = (message ?? String(error)).split('\n')[0]!;
	return code ? `${text} (code ${code})` : text;
}

export function isAuthenticationFailure(error: unknown): boolean {
	const { code } = (error ?? {}) as { code?: number | string };
	return code === 401 || code === 403;
}

/**
 * Crowdin's side of a download: build the translations, wait for the build (polling with backoff and a
 * clear timeout), and fetch the archive within its size limit, asking for a new link when one expires.
 */
import type { Client, TranslationsModel } from '@crowdin/crowdin-api-client';
import type { CrowdinSyncConfig } from './config.ts';
import type { Output } from './output.ts';
import { SyncError } from './sync-error.ts';

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

async function waitForBuild(client: Client, projectId: number, buildId: number, config: CrowdinSyncConfig, output: Output): Promise<void> {
	const started = Date.now();
	let delay = config.network.buildPollMs;
	for (;;) {
		const build: TranslationsModel.Build = (await client.translationsApi.checkBuildStatus(projectId, buildId)).data;
		if (build.status === 'finished') return;
		if (build.status === 'failed' || build.status === 'canceled') {
			throw new SyncError(
				`Crowdin could not build the translations (build ${buildId} ${build.status}${build.error?.message ? `: ${build.error.message}` : ''})`,
			);
		}
		const elapsed = Date.now() - started;
		if (elapsed > config.network.buildTimeoutMs) {
			throw new SyncError(
				`the translation build did not finish within ${Math.round(config.network.buildTimeoutMs / 1000)} s (build ${buildId} still "${build.status}" at ${build.progress}%); try again later`,
			);
		}
		output.progress(build.progress, 100, `building translations (${build.status})`);
		await sleep(delay);
		delay = Math.min(delay * 1.5, 10_000);
	}
}

class LinkExpiredError extends Error {}

async function fetchArchive(url: string, maxBytes: number, timeoutMs: number): Promise<Buffer> {
	const response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
	if ([401, 403, 404, 410].includes(response.status)) throw new LinkExpiredError(`download link answered ${response.status}`);
	if (!response.ok) throw new SyncError(`downloading the translation archive failed with HTTP ${response.status}`);
	const declared = Number(response.headers.get('content-length') ?? 0);
	if (declared > maxBytes) throw new SyncError(`the translation archive is ${declared} bytes, more than the limit of ${maxBytes}`);
	const chunks: Uint8Array[] = [];
	let size = 0;
	for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
		size += chunk.length;
		if (size > maxBytes) throw new SyncError(`the translation archive passes the limit of ${maxBytes} bytes`);
		chunks.push(chunk);
	}
	return Buffer.concat(chunks);
}

async function downloadArchive(client: Client, projectId: number, buildId: number, config: CrowdinSyncConfig, output: Output): Promise<Buffer> {
	for (let attempt = 1; ; attempt++) {
		const link = (await client.translationsApi.downloadTranslations(projectId, buildId)).data;
		try {
			return await fetchArchive(link.url, config.limits.maxArchiveBytes, config.network.requestTimeoutMs);
		} catch (error) {
			if (error instanceof LinkExpiredError && attempt < 3) {
				output.info(`  the download link had expired (${error.message}); asking for a new one`);
				continue;
			}
			if (error instanceof LinkExpiredError) throw new SyncError(`the download link kept failing (${error.message})`);
			throw error;
		}
	}
}

/** Builds the given languages' translations and returns the archive's bytes. */
export async function buildAndDownload(client: Client, projectId: number, languageIds: string[], config: CrowdinSyncConfig, output: Output): Promise<Buffer> {
	output.info('Building translations in Crowdin…');
	const build = (
		await client.translationsApi.buildProject(projectId, {
			targetLanguageIds: languageIds,
			skipUntranslatedStrings: config.skipUntranslatedStrings,
			exportApprovedOnly: config.exportApprovedOnly,
		})
	).data;
	await waitForBuild(client, projectId, build.id, config, output);
	output.info('Downloading the archive…');
	return downloadArchive(client, projectId, build.id, config, output);
}

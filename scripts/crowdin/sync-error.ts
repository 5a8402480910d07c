/** A sync failure to report as it is (no stack): the message says what happened and what to do. */
export class SyncError extends Error {
	override name = 'SyncError';
}

/**
 * One SVG's bytes sanitized (`svg-sanitizer.ts`): what it becomes, or why it cannot be published. Run in
 * process, or in a worker thread while the content syncs (`svg-integration.ts`), so a cold build loads jsdom
 * (0.35 s on an idle core, over a second on a busy one) on the core the sync leaves idle. Takes and returns
 * plain data only.
 */
import { sanitizeSvg, UnsafeSvgError } from './svg-sanitizer.ts';

export interface SanitizedSvgResult {
	/** What sanitizing removes (empty when the file is clean). */
	removed: string[];
	/** Why the file cannot be published at all (then there is no `svg`). */
	error?: string | undefined;
	svg?: string;
}

export default function sanitizeSvgBytes(data: Uint8Array): SanitizedSvgResult {
	try {
		const { svg, removed } = sanitizeSvg(Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString('utf8'));
		return { removed, svg };
	} catch (error) {
		if (error instanceof UnsafeSvgError) return { removed: [], error: error.message };
		throw error;
	}
}

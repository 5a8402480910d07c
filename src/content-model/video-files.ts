/**
 * Which files are videos and subtitles, by name alone. Kept apart from `content-videos.ts` (which reads
 * content and checks paths on disk) so that the pack workers, which only need to tell a video file by its
 * name, do not load the configuration and the safe file layer with it.
 */
import path from 'node:path';

/** The folder of video files and their subtitles, below the content folder. */
export const CONTENT_VIDEOS = 'videos';
export const VIDEO_TYPES = { '.webm': 'video/webm', '.mp4': 'video/mp4' } as const;
export const VIDEO_EXTENSIONS = Object.keys(VIDEO_TYPES) as (keyof typeof VIDEO_TYPES)[];
export const SUBTITLE_EXTENSION = '.vtt';

export function isVideoFile(file: string): boolean {
	return (VIDEO_EXTENSIONS as readonly string[]).includes(path.posix.extname(file).toLowerCase());
}

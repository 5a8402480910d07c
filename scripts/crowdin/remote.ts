/** The Crowdin side: paginated listings of directories and files, and progress. */
import type { Client, ResponseList, SourceFilesModel } from '@crowdin/crowdin-api-client';

/** Crowdin lists at most 500 items a page. */
export const PAGE_SIZE = 500;

export async function listAll<T>(fetchPage: (limit: number, offset: number) => Promise<ResponseList<T>>, onPage?: (count: number) => void): Promise<T[]> {
	const items: T[] = [];
	for (let offset = 0; ; offset += PAGE_SIZE) {
		const page = await fetchPage(PAGE_SIZE, offset);
		items.push(...page.data.map((item) => item.data));
		onPage?.(items.length);
		if (page.data.length < PAGE_SIZE) return items;
	}
}

export interface RemoteTree {
	directories: SourceFilesModel.Directory[];
	files: SourceFilesModel.File[];
	/** `/content/learn` -> directory id. */
	directoryIdByPath: Map<string, number>;
	/** `/content/learn/loops.mdx` -> file. */
	fileByPath: Map<string, SourceFilesModel.File>;
}

export async function readRemoteTree(client: Client, projectId: number, onPage?: (what: string, count: number) => void): Promise<RemoteTree> {
	const directories = await listAll(
		(limit, offset) => client.sourceFilesApi.listProjectDirectories(projectId, { limit, offset }),
		(count) => onPage?.('directories', count),
	);
	const files = await listAll(
		(limit, offset) => client.sourceFilesApi.listProjectFiles(projectId, { limit, offset }),
		(count) => onPage?.('files', count),
	);
	return indexTree(directories, files);
}

export function indexTree(directories: SourceFilesModel.Directory[], files: SourceFilesModel.File[]): RemoteTree {
	return {
		directories,
		files,
		directoryIdByPath: new Map(directories.map((directory) => [directory.path, directory.id])),
		fileByPath: new Map(files.map((file) => [file.path, file])),
	};
}

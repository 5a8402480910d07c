/**
 * Computes the root page's language table in a worker thread and keeps it in the build's cache folder
 * (`locale-table-integration.ts`), where the root page finds it. Takes plain data, returns nothing.
 */
import { cachedLocaleTable, type OfferedLocale } from './locale-table.ts';

export interface LocaleTableTask {
	offered: OfferedLocale[];
	fallback: string;
	cacheDir: string;
}

export default function keepLocaleTable({ offered, fallback, cacheDir }: LocaleTableTask): void {
	cachedLocaleTable(offered, fallback, cacheDir);
}

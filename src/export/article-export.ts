/**
 * The article table written out by file extension: CSV, JSON, NDJSON or Arrow IPC.
 * Returns bytes or text; writing is the caller's (see io/write-atomic.ts).
 */
import { extname } from 'node:path';
import { toArrowIPC } from 'arquero';
import { ARTICLE_COLUMNS, type Article } from '../article.ts';
import { articlesToTable } from '../load/table.ts';
import { toCsv } from './csv.ts';
import { articlesToParquet } from './parquet.ts';

export const EXPORT_EXTENSIONS = ['.csv', '.json', '.ndjson', '.jsonl', '.arrow', '.parquet'] as const;

function ordered(article: Article): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const name of ARTICLE_COLUMNS) out[name] = article[name];
  return out;
}

/**
 * Serialises articles for a file name's extension.
 * @throws Error naming the supported extensions for any other
 */
export function serializeArticles(articles: readonly Article[], fileName: string): string | Uint8Array {
  const extension = extname(fileName).toLowerCase();
  switch (extension) {
    case '.csv':
      return toCsv(articles as unknown as Record<string, unknown>[], ARTICLE_COLUMNS);
    case '.json':
      return `${JSON.stringify(articles.map(ordered), null, 1)}\n`;
    case '.ndjson':
    case '.jsonl':
      return articles.map((article) => JSON.stringify(ordered(article))).join('\n') + (articles.length ? '\n' : '');
    case '.arrow':
      return toArrowIPC(articlesToTable(articles));
    case '.parquet':
      return articlesToParquet(articles);
    default:
      throw new Error(`cannot write "${fileName}": use one of ${EXPORT_EXTENSIONS.join(', ')}`);
  }
}

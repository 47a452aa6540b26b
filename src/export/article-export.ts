/**
 * The article table written out by file extension: CSV, JSON, NDJSON, Arrow IPC, Parquet or XLSX.
 */
import { extname } from 'node:path';
import { list, utf8 } from '@uwdata/flechette';
import { type ColumnTable, toArrowIPC } from 'arquero';
import { writeFileAtomic, writeFileAtomicStream } from '../io/write-atomic.ts';
import { ARTICLE_COLUMNS, type Article } from '../article.ts';
import { articlesToTable } from '../load/table/rows-table.ts';
import { toCsv, toCsvRows } from './csv.ts';
import { articlesToParquet, articlesToParquetInPieces } from './parquet.ts';
import { toXlsx } from './xlsx.ts';

export const EXPORT_EXTENSIONS = ['.csv', '.json', '.ndjson', '.jsonl', '.arrow', '.parquet', '.xlsx'] as const;

function ordered(article: Article): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const name of ARTICLE_COLUMNS) out[name] = article[name];
  return out;
}

/** Rows per piece when a large table is written. */
const PIECE_ROWS = 50_000;

/**
 * Writes the article table to a file by extension, atomically, a piece of rows at a time: a
 * million-row table is never all row objects (or one giant string) at once.
 * @param pieceRows rows per piece
 * @throws Error naming the supported extensions for any other
 */
export function writeArticleTable(articles: ColumnTable, fileName: string, pieceRows = PIECE_ROWS): void {
  const extension = extname(fileName).toLowerCase();
  const n = articles.numRows();
  const pieces = function* (): Generator<Article[]> {
    for (let start = 0; start < n; start += pieceRows) yield articles.slice(start, Math.min(n, start + pieceRows)).objects() as unknown as Article[];
  };
  switch (extension) {
    case '.csv':
      writeFileAtomicStream(fileName, (write) => {
        write(encoder.encode(toCsv([], ARTICLE_COLUMNS)));
        for (const rows of pieces()) write(encoder.encode(toCsvRows(rows as unknown as Record<string, unknown>[], ARTICLE_COLUMNS)));
      });
      return;
    case '.json':
      writeFileAtomicStream(fileName, (write) => {
        // Each piece is stringified as JSON.stringify(all, null, 1) would lay it out, then joined.
        let first = true;
        write(encoder.encode('['));
        for (const rows of pieces()) {
          const text = JSON.stringify(rows.map(ordered), null, 1);
          write(encoder.encode(`${first ? '' : ','}${text.slice(1, -2)}`));
          first = false;
        }
        write(encoder.encode(first ? ']\n' : '\n]\n'));
      });
      return;
    case '.ndjson':
    case '.jsonl':
      writeFileAtomicStream(fileName, (write) => {
        for (const rows of pieces()) write(encoder.encode(rows.map((article) => `${JSON.stringify(ordered(article))}\n`).join('')));
      });
      return;
    case '.parquet': {
      const iterator = pieces();
      writeFileAtomic(fileName, articlesToParquetInPieces(() => iterator.next().value ?? null));
      return;
    }
    case '.arrow':
      writeFileAtomic(fileName, toArrowIPC(articles, ARROW_TYPES));
      return;
    default:
      throw new Error(`cannot write "${fileName}": use one of ${EXPORT_EXTENSIONS.join(', ')}`);
  }
}

/**
 * writeArticleTable, and `.xlsx` too (one sheet, the article columns).
 * @throws Error naming the supported extensions for any other, or when the rows do not fit a sheet
 * @example await writeArticleFile(articles, 'articles.xlsx')
 */
export async function writeArticleFile(articles: ColumnTable, fileName: string): Promise<void> {
  if (extname(fileName).toLowerCase() !== '.xlsx') return writeArticleTable(articles, fileName);
  writeFileAtomic(fileName, await toXlsx([{ name: 'articles', table: articles.select([...ARTICLE_COLUMNS]) }]));
}

// Tag lists are lists of strings even when every list in the table is empty.
const ARROW_TYPES = { types: { tags: list(utf8()), topicTags: list(utf8()) } };

const encoder = new TextEncoder();

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
      return toArrowIPC(articlesToTable(articles), ARROW_TYPES);
    case '.parquet':
      return articlesToParquet(articles);
    default:
      throw new Error(`cannot write "${fileName}": use one of ${EXPORT_EXTENSIONS.join(', ')}`);
  }
}

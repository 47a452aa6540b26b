/**
 * The article table as Parquet (read directly by DuckDB, Spark, pandas and polars): integers as
 * INT64, rates as DOUBLE, text as UTF-8 strings, tag lists as LIST<STRING>.
 */
import { parquetWriteBuffer } from 'hyparquet-writer';
import { ARTICLE_COLUMNS, type Article, LIST_COLUMNS } from '../article.ts';

const DOUBLE_COLUMNS: ReadonlySet<string> = new Set(['collectRate', 'commentRate', 'viewsPerDay']);
const INTEGER_COLUMNS: ReadonlySet<string> = new Set([
  'id', 'authorId', 'views', 'comments', 'collects', 'readingMinutes', 'bodyChars', 'images', 'ageDays', 'experienceYears', 'year', 'weekday',
]);

/** Serialises articles to Parquet bytes. */
export function articlesToParquet(articles: readonly Article[]): Uint8Array {
  const columnData = ARTICLE_COLUMNS.map((name) => {
    const values = articles.map((article) => article[name]);
    if (LIST_COLUMNS.has(name)) return { name, data: values as string[][] };
    if (INTEGER_COLUMNS.has(name)) return { name, data: values.map((v) => (v === null ? null : BigInt(v as number))), type: 'INT64' as const };
    if (DOUBLE_COLUMNS.has(name)) return { name, data: values as (number | null)[], type: 'DOUBLE' as const };
    return { name, data: values as (string | null)[], type: 'STRING' as const };
  });
  return new Uint8Array(parquetWriteBuffer({ columnData }));
}

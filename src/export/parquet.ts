/**
 * The article table as Parquet (read directly by DuckDB, Spark, pandas and polars): integers as
 * INT64, rates as DOUBLE, text as UTF-8 strings, tag lists as LIST<STRING>.
 */
import { ByteWriter, ParquetWriter, parquetWriteBuffer, schemaFromColumnData } from 'hyparquet-writer';
type ColumnSource = Parameters<typeof parquetWriteBuffer>[0]['columnData'][number];
import { ARTICLE_COLUMNS, type Article, LIST_COLUMNS } from '../article.ts';

const DOUBLE_COLUMNS: ReadonlySet<string> = new Set(['collectRate', 'commentRate', 'viewsPerDay', 'percentileInAge']);
const INTEGER_COLUMNS: ReadonlySet<string> = new Set([
  'id', 'authorId', 'views', 'comments', 'collects', 'readingMinutes', 'bodyChars', 'images', 'ageDays', 'score', 'experienceYears', 'year', 'weekday',
]);

/** The Parquet column data of some articles (every column nullable, so row groups share one schema). */
function columnData(articles: readonly Article[]): ColumnSource[] {
  return ARTICLE_COLUMNS.map((name) => {
    const values = articles.map((article) => article[name]);
    if (LIST_COLUMNS.has(name)) return { name, data: values as string[][] };
    if (INTEGER_COLUMNS.has(name)) return { name, data: values.map((v) => (v === null ? null : BigInt(v as number))), type: 'INT64' as const, nullable: true };
    if (DOUBLE_COLUMNS.has(name)) return { name, data: values as (number | null)[], type: 'DOUBLE' as const, nullable: true };
    return { name, data: values as (string | null)[], type: 'STRING' as const, nullable: true };
  });
}

/** Serialises articles to Parquet bytes. */
export function articlesToParquet(articles: readonly Article[]): Uint8Array {
  return new Uint8Array(parquetWriteBuffer({ columnData: columnData(articles) }));
}

/**
 * Parquet bytes from articles handed over in pieces (one row group or more each): a large table is
 * never all row objects at once. `next` returns the next piece, or null at the end.
 */
export function articlesToParquetInPieces(next: () => readonly Article[] | null): Uint8Array {
  const writer = new ByteWriter();
  let parquet: ParquetWriter | undefined;
  for (let piece = next(); piece !== null; piece = next()) {
    const data = columnData(piece);
    parquet ??= new ParquetWriter({ writer, schema: schemaFromColumnData({ columnData: data }) });
    parquet.write({ columnData: data });
  }
  if (!parquet) return articlesToParquet([]);
  parquet.finish();
  return new Uint8Array(writer.getBuffer());
}

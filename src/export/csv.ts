/**
 * CSV text from rows: lists joined by `|`, nulls empty, text cells made spreadsheet-safe.
 */
import type { ColumnTable } from 'arquero';
import { stringify } from 'csv-stringify/sync';
import { guardCell } from '../load/formats/spreadsheet.ts';

// Any field with a line break of either kind is quoted: csv-stringify quotes the record
// delimiter (\n) but not a lone \r, which other readers take as the end of a row.
const CSV_OPTIONS = { record_delimiter: '\n', quoted_match: /\r/ } as const;

/** One cell as CSV text. Numbers stay numbers (a negative number is not a formula). */
export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (Array.isArray(value)) return guardCell(value.join('|'));
  if (value instanceof Date) return value.toISOString();
  return guardCell(String(value));
}

/**
 * Rows to CSV text with a header, in the given column order.
 * @example toCsv([{ tag: '=1+1', count: 3 }], ['tag', 'count']) // "tag,count\n'=1+1,3\n"
 */
export function toCsv(rows: readonly Record<string, unknown>[], columns: readonly string[]): string {
  const records = rows.map((row) => columns.map((name) => csvCell(row[name])));
  return stringify([[...columns], ...records], CSV_OPTIONS);
}

/**
 * A table as CSV text with a header, its columns in order (toCsv's cells, read column by column:
 * no object per row).
 * @example tableToCsv(aq.table({ tag: ['AI'], count: [3] })) // "tag,count\nAI,3\n"
 */
export function tableToCsv(table: ColumnTable): string {
  const names = table.columnNames();
  const cells = names.map((name) => Array.from(table.array(name) as ArrayLike<unknown>, csvCell));
  const records: string[][] = [names];
  for (let row = 0; row < table.numRows(); row++) records.push(cells.map((column) => column[row]!));
  return stringify(records, CSV_OPTIONS);
}

/** Rows to CSV text without a header (for writing a large table in pieces after toCsv([], columns)). */
export function toCsvRows(rows: readonly Record<string, unknown>[], columns: readonly string[]): string {
  return rows.length ? stringify(rows.map((row) => columns.map((name) => csvCell(row[name]))), CSV_OPTIONS) : '';
}

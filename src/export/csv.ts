/**
 * CSV text from rows: lists joined by `|`, nulls empty, text cells made spreadsheet-safe.
 */
import { stringify } from 'csv-stringify/sync';
import { guardCell } from '../load/spreadsheet.ts';

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
  return stringify([[...columns], ...records], { record_delimiter: '\n' });
}

/** Rows to CSV text without a header (for writing a large table in pieces after toCsv([], columns)). */
export function toCsvRows(rows: readonly Record<string, unknown>[], columns: readonly string[]): string {
  return rows.length ? stringify(rows.map((row) => columns.map((name) => csvCell(row[name]))), { record_delimiter: '\n' }) : '';
}

/**
 * What a page's interactive table holds: every row's formatted cells and sort keys, as JSON safe
 * inside a script element, and the first rows for readers without JavaScript. Pure, so that the
 * thread writing a notebook's workbook can make it too (a 59,661-row author table's data is
 * most of a million-article report's page rendering).
 */
import { columnFormatter, inferFormat, isNumericFormat } from './format-cell.ts';
import type { ColumnFormat, TableCell } from './notebook.ts';

/**
 * What a table cell shows in HTML and Markdown: its columns (all by default) and how many first
 * rows (20 by default); the CSV and workbook have everything.
 * @example tableShape({ kind: 'table', name: 't', table }) // { columns: table.columnNames(), limit: 20 }
 */
export function tableShape(cell: TableCell): { columns: string[]; limit: number } {
  return { columns: cell.columns ?? cell.table.columnNames(), limit: cell.limit ?? 20 };
}

/** JSON safe inside a script element: `<` escaped, so no data text can close the element. */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/[<\u2028\u2029]/g, (char) => SCRIPT_ESCAPES[char]!);
}

/** What scriptJson writes for each character it escapes (one pass over the text). */
const SCRIPT_ESCAPES: Record<string, string> = { '<': '\\u003c', '\u2028': '\\u2028', '\u2029': '\\u2029' };

/** A table's columns, formatted cells and sort keys (all rows). */
export interface TableData {
  columns: string[];
  numeric: boolean[];
  rows: string[][];
  keys: (number | string | null)[][];
  total: number;
}

/**
 * The formatted cells and sort keys of columns (their values in row order), each column in its
 * given format or the one inferred from its name and all its values.
 * @param first how many first rows to format (all by default)
 * @example tableDataOf(['tag', 'count'], [['AI', '运营'], [120, 80]]).rows // [['AI', '120'], ['运营', '80']]
 */
export function tableDataOf(columns: readonly string[], arrays: readonly ArrayLike<unknown>[], given: Readonly<Record<string, ColumnFormat>> = {}, first = Infinity): TableData {
  const formats = columns.map((name, c) => given[name] ?? inferFormat(name, arrays[c]!));
  const formatters = columns.map((name, c) => columnFormatter(name, arrays[c]!, formats[c]));
  const total = arrays[0]?.length ?? 0;
  const rows: string[][] = [];
  const keys: (number | string | null)[][] = [];
  for (let row = 0; row < Math.min(first, total); row++) {
    rows.push(columns.map((_, c) => formatters[c]!(arrays[c]![row])));
    keys.push(columns.map((_, c) => {
      const value = arrays[c]![row];
      if (value === null || value === undefined || (typeof value === 'number' && !Number.isFinite(value))) return null;
      if (typeof value === 'number') return value;
      if (typeof value === 'boolean') return value ? 1 : 0;
      return Array.isArray(value) ? value.join(', ') : String(value);
    }));
  }
  return { columns: [...columns], numeric: formats.map(isNumericFormat), rows, keys, total };
}

/** A page's table, ready to write: its first rows' cells and all of its data as script JSON. */
export interface PageTable {
  columns: string[];
  numeric: boolean[];
  firstRows: string[][];
  total: number;
  json: string;
}

/**
 * The page's table from its data: the first `limit` rows and the JSON of every row.
 * @example pageTableOf(tableDataOf(columns, arrays), 20).json
 */
export function pageTableOf(data: TableData, limit: number): PageTable {
  return {
    columns: data.columns, numeric: data.numeric, firstRows: data.rows.slice(0, Math.min(limit, data.total)), total: data.total,
    json: scriptJson({ columns: data.columns, numeric: data.numeric, rows: data.rows, keys: data.keys }),
  };
}

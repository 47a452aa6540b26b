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
  return scriptSafe(JSON.stringify(value));
}

/** JSON text made safe inside a script element (see scriptJson). */
function scriptSafe(json: string): string {
  return json.replace(/[<\u2028\u2029]/g, (char) => SCRIPT_ESCAPES[char]!);
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

/** How the rows of columns are formatted and sorted, one row at a time. */
interface RowReader {
  numeric: boolean[];
  total: number;
  /** Row `row`'s cells as shown. */
  cells(row: number): string[];
  /** Row `row`'s sort keys: numbers (flags as 1 and 0), text, or null for a missing number. */
  keys(row: number): (number | string | null)[];
}

/** Reads columns row by row, each in its given format or the one inferred from its name and values. */
function rowReader(columns: readonly string[], arrays: readonly ArrayLike<unknown>[], given: Readonly<Record<string, ColumnFormat>>): RowReader {
  const formats = columns.map((name, c) => given[name] ?? inferFormat(name, arrays[c]!));
  const formatters = columns.map((name, c) => columnFormatter(name, arrays[c]!, formats[c]));
  return {
    numeric: formats.map(isNumericFormat),
    total: arrays[0]?.length ?? 0,
    cells: (row) => columns.map((_, c) => formatters[c]!(arrays[c]![row])),
    keys: (row) => columns.map((_, c) => {
      const value = arrays[c]![row];
      if (value === null || value === undefined || (typeof value === 'number' && !Number.isFinite(value))) return null;
      if (typeof value === 'number') return value;
      if (typeof value === 'boolean') return value ? 1 : 0;
      return Array.isArray(value) ? value.join(', ') : String(value);
    }),
  };
}

/**
 * The formatted cells and sort keys of columns (their values in row order), each column in its
 * given format or the one inferred from its name and all its values.
 * @param first how many first rows to format (all by default)
 * @example tableDataOf(['tag', 'count'], [['AI', '运营'], [120, 80]]).rows // [['AI', '120'], ['运营', '80']]
 */
export function tableDataOf(columns: readonly string[], arrays: readonly ArrayLike<unknown>[], given: Readonly<Record<string, ColumnFormat>> = {}, first = Infinity): TableData {
  const reader = rowReader(columns, arrays, given);
  const rows: string[][] = [];
  const keys: (number | string | null)[][] = [];
  for (let row = 0; row < Math.min(first, reader.total); row++) {
    rows.push(reader.cells(row));
    keys.push(reader.keys(row));
  }
  return { columns: [...columns], numeric: reader.numeric, rows, keys, total: reader.total };
}

/** A page's table, ready to write: its first rows' cells and all of its data as script JSON. */
export interface PageTable {
  columns: string[];
  numeric: boolean[];
  firstRows: string[][];
  total: number;
  /** Every row as script JSON: the text, or its UTF-8 bytes as the workbook thread wrote them (never decoded here). */
  json: string | Uint8Array;
}

/**
 * The page's table of columns (their values in row order): the first `limit` rows' cells and the
 * script JSON of every row — scriptJson of `{ columns, numeric, rows, keys }` (as tableDataOf
 * gives them), written a row at a time: a 59,661-row author table's 1.7 million cells and keys
 * are never held all at once (making its JSON took ~115 MB beyond the table this way, ~250 MB
 * with every row's cells and keys first). writePageTable hands the JSON out in pieces instead.
 * @example pageTableOf(['tag', 'count'], [['AI', '运营'], [120, 80]], {}, 20).json
 */
export function pageTableOf(columns: readonly string[], arrays: readonly ArrayLike<unknown>[], given: Readonly<Record<string, ColumnFormat>>, limit: number): PageTable {
  // One string built by appending (the engine keeps the pieces until it is read): no joined copy.
  let json = '';
  const page = writePageTable(columns, arrays, given, limit, (piece) => { json += piece; });
  return { ...page, json };
}

/** Characters of row JSON a piece of writePageTable holds before it is handed out. */
const PAGE_PIECE = 1 << 16;

/**
 * pageTableOf's table, its script JSON handed to `write` in pieces of whole rows, in order (their
 * concatenation is pageTableOf's json), so that a thread writing it to a file never holds it
 * whole: for the 59,661 authors of a million articles, ~0.1 GB less of that thread's heap
 * beside the notebooks that run meanwhile. The rows' cells are written first, then their sort keys, each row made
 * script-safe alone (no escaped copy of all).
 * @example writePageTable(['tag'], [['AI']], {}, 20, (piece) => writeSync(fd, piece)).firstRows // [['AI']]
 */
export function writePageTable(columns: readonly string[], arrays: readonly ArrayLike<unknown>[], given: Readonly<Record<string, ColumnFormat>>, limit: number, write: (piece: string) => void): Omit<PageTable, 'json'> {
  const reader = rowReader(columns, arrays, given);
  const firstRows: string[][] = [];
  const eachRow = (json: (row: number) => string) => {
    let piece = '';
    for (let row = 0; row < reader.total; row++) {
      piece += (row ? ',' : '') + scriptSafe(json(row));
      if (piece.length >= PAGE_PIECE) {
        write(piece);
        piece = '';
      }
    }
    if (piece) write(piece);
  };
  write(scriptSafe(`{"columns":${JSON.stringify(columns)},"numeric":${JSON.stringify(reader.numeric)},"rows":[`));
  eachRow((row) => {
    const cells = reader.cells(row);
    if (row < limit) firstRows.push(cells);
    return JSON.stringify(cells);
  });
  write('],"keys":[');
  eachRow((row) => JSON.stringify(reader.keys(row)));
  write(']}');
  return { columns: [...columns], numeric: reader.numeric, firstRows, total: reader.total };
}

/**
 * A text column as numbers: each row's value as an index into the column's distinct values. An
 * analysis that compares or counts values per group (an author's names, months, dates) then
 * reads 4-byte codes instead of following a string per row: at a million rows, reading an
 * author's rows scattered over the table is what costs.
 */
import type { ColumnTable } from 'arquero';
import { compareText, decodedColumn, KeyNumbering, ownRows } from './columns.ts';
import { columnData, DictionaryColumn, hasDistinctValues } from '../load/table/table-columns.ts';
import { ColumnCache } from './column-cache.ts';

/** A text column's rows as codes into its distinct values. */
export interface TextCodes {
  /** Per row, the index of its value in `values`; -1 for null (and for every row of an absent column). */
  codes: Int32Array;
  /** The distinct values (no two alike). */
  values: readonly string[];
}

/**
 * The codes of a text column: the table's own dictionary keys when its values are distinct (no
 * copy), else numbered here in first-seen order. Made once per column of a table that has its
 * column's own rows; read them, do not change them.
 * @example const { codes, values } = textCodesOf(articles, 'author'); values[codes[0]] // '老张'
 */
export function textCodesOf(articles: ColumnTable, name: string): TextCodes {
  const column = articles.column(name);
  if (!column) return { codes: new Int32Array(articles.numRows()).fill(-1), values: [] };
  const shared = ownRows(articles);
  let known = shared ? codesOf.get(column) : undefined;
  if (!known) {
    known = ownCodes(columnData(column), shared) ?? numbered(decodedColumn(articles, name));
    if (shared) codesOf.set(column, known);
  }
  return known;
}

// textCodesOf of a table's own columns, by column. Read-only once made.
const codesOf = new ColumnCache<object, TextCodes>();

/** A dictionary column's own keys and values, when they are the rows' (no filter or order) and distinct. */
function ownCodes(data: unknown, ownRows: boolean): TextCodes | undefined {
  if (!ownRows || !(data instanceof DictionaryColumn) || !hasDistinctValues(data)) return undefined;
  return { codes: data.keys, values: data.values };
}

/**
 * The distinct values of a text column's rows, null among them when a row has none, in no set
 * order: read off the column's codes (a dictionary column's own values), no row decoded.
 * @example distinctValues(articles, 'category').length // categories in the table
 */
export function distinctValues(articles: ColumnTable, name: string): (string | null)[] {
  const { codes, values } = textCodesOf(articles, name);
  const used = new Uint8Array(values.length);
  let none = false;
  for (let row = 0; row < codes.length; row++) {
    const code = codes[row]!;
    if (code < 0) none = true;
    else used[code] = 1;
  }
  const present: (string | null)[] = values.filter((_, code) => used[code]);
  if (none) present.push(null);
  return present;
}

/** How many rows of a text column hold a value (not null). */
export function rowsWithValue(articles: ColumnTable, name: string): number {
  const { codes } = textCodesOf(articles, name);
  let count = 0;
  for (let row = 0; row < codes.length; row++) if (codes[row]! >= 0) count++;
  return count;
}

/** Codes of any column's values, numbered in first-seen order (null and undefined are -1). */
function numbered(values: readonly unknown[]): TextCodes {
  const numbering = new KeyNumbering<string>();
  const codes = new Int32Array(values.length);
  for (let row = 0; row < values.length; row++) {
    const value = values[row];
    codes[row] = value === null || value === undefined ? -1 : numbering.id(String(value));
  }
  return { codes, values: numbering.keys };
}

/**
 * Each value's place in code-point order (compareText), 0 the smallest: compare two codes'
 * ranks to compare their texts, e.g. `YYYY-MM-DD` dates.
 * @example sortedRanks(['b', 'a', 'c']) // Int32Array [1, 0, 2]
 */
export function sortedRanks(values: readonly string[]): Int32Array {
  const order = Array.from(values.keys()).sort((a, b) => compareText(values[a]!, values[b]!));
  const ranks = new Int32Array(values.length);
  order.forEach((code, rank) => {
    ranks[code] = rank;
  });
  return ranks;
}

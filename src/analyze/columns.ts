/**
 * Typed access to the article table's columns for the analyses, and grouping of row indices.
 * Analyses read columns once and work on arrays: no per-row objects on the hot paths.
 */
import { type ColumnTable, table } from 'arquero';
import { columnData, DictionaryColumn, hasDistinctValues, ListColumn } from '../load/table/table-columns.ts';
import { argsort } from '../stats/argsort.ts';
import { ColumnCache } from './column-cache.ts';

/** A numeric column: NaN where the table has no value (null). */
export type NumberColumn = Float64Array;

/**
 * The columns the analyses use. Numbers are Float64Arrays (NaN for null), the table's own when
 * it has them in that form, so a million-row analysis does not copy them; `cohortIndex` is
 * present once withCohortIndex ran (NaN before).
 */
export interface ArticleColumns {
  n: number;
  id: NumberColumn;
  title: string[];
  author: (string | null)[];
  authorId: NumberColumn;
  category: string[];
  published: string[];
  month: string[];
  year: NumberColumn;
  weekday: NumberColumn;
  views: NumberColumn;
  comments: NumberColumn;
  collects: NumberColumn;
  viewsPerDay: NumberColumn;
  tags: string[][];
  topicTags: string[][];
  level: (string | null)[];
  cohortIndex: NumberColumn;
}

const NUMBER_COLUMNS = new Set(['id', 'authorId', 'year', 'weekday', 'views', 'comments', 'collects', 'viewsPerDay', 'cohortIndex']);

/** A value of a number column, or null for NaN. */
export function valueOrNull(value: number): number | null {
  return Number.isNaN(value) ? null : value;
}

/**
 * The smallest and largest text of a column (or of its `rows`), nulls left out: for `YYYY-MM-DD`
 * days and `YYYY-MM` months, the first and last date, in one pass (sorting a million took 0.5 s).
 * @example firstAndLast(articles.array('month')) // { first: '2012-05', last: '2024-11' }
 */
export function firstAndLast(values: ArrayLike<string | null | undefined>, rows?: Rows): { first: string | null; last: string | null } {
  let first: string | null = null;
  let last: string | null = null;
  const n = rows ? rows.length : values.length;
  for (let i = 0; i < n; i++) {
    const value = values[rows ? rows[i]! : i];
    if (value === null || value === undefined) continue;
    if (first === null || value < first) first = value;
    if (last === null || value > last) last = value;
  }
  return { first, last };
}

/** Whether a table's rows are its columns' own, in order (no filter, no order): their arrays can be shared. */
export function ownRows(articles: ColumnTable): boolean {
  return !articles.isFiltered() && !articles.isOrdered();
}

/** A numeric column as a Float64Array with NaN for null: the table's own array when it is one. */
export function numberColumn(articles: ColumnTable, name: string): NumberColumn {
  const n = articles.numRows();
  if (!articles.columnNames().includes(name)) return new Float64Array(n).fill(NaN);
  const data = columnData(articles.column(name));
  const own = data instanceof Float64Array ? data : (data as { values?: unknown } | undefined)?.values;
  if (own instanceof Float64Array && own.length === n && ownRows(articles)) return own;
  const column = articles.column(name)!;
  const out = new Float64Array(n);
  let i = 0;
  articles.scan((row) => {
    const value = column.at(row as number) as number | null | undefined;
    out[i++] = value === null || value === undefined ? NaN : value;
  }, true);
  return out;
}

/**
 * A column's values in row order, to be read, not changed: the table's own array when it is
 * one and the table's rows are its own (a report's tables are written whole several times: to
 * CSV, the workbook and the page; arquero's `array` copies value by value through a callback),
 * else `array`'s copy.
 * @example const counts = columnValues(board, 'count') as ArrayLike<number>
 */
export function columnValues(table: ColumnTable, name: string): ArrayLike<unknown> {
  const column = table.column(name) as unknown;
  const plain = Array.isArray(column) || (ArrayBuffer.isView(column) && !(column instanceof DataView));
  return plain && ownRows(table) && (column as ArrayLike<unknown>).length === table.numRows() ? (column as ArrayLike<unknown>) : (table.array(name) as ArrayLike<unknown>);
}

/**
 * A table's columns in order, each its name and columnValues: what the CSV and workbook writers
 * read, and what a worker thread writing them is sent.
 * @example plainColumns(board)[0] // { name: 'tag', values: ['AI', …] }
 */
export function plainColumns(table: ColumnTable): { name: string; values: ArrayLike<unknown> }[] {
  return table.columnNames().map((name) => ({ name, values: columnValues(table, name) }));
}

// Text and list columns decoded once per column: a million titles take ~0.2 s to decode, and one
// report reads them in many analyses. Only for tables whose rows are the column's own (no filter,
// no order); the arrays are shared, so analyses treat them as read-only.
const decoded = new ColumnCache<object, unknown[]>();

/**
 * A column's values in row order, decoded once for a table with no filter or order (and tables
 * derived from it that keep its rows): later calls give the same array, to be read, not changed.
 * @example const titles = decodedColumn(articles, 'title') as string[]
 */
export function decodedColumn(articles: ColumnTable, name: string): unknown[] {
  const column = articles.column(name);
  if (!column || !ownRows(articles)) return articles.array(name) as unknown[];
  let values = decoded.get(column);
  if (!values) decoded.set(column, (values = articles.array(name) as unknown[]));
  return values;
}

// Number columns sorted once: the headline analyses rank the cohort index and read title words in its order.
const ascending = new WeakMap<NumberColumn, Uint32Array>();

/**
 * Row numbers of a number column in ascending order of value (argsort's: stable, NaN last), sorted
 * once per column array: later calls give the same array, to be read, not changed.
 * @example const order = ascendingOrder(numberColumn(articles, 'cohortIndex'))
 */
export function ascendingOrder(column: NumberColumn): Uint32Array {
  let order = ascending.get(column);
  if (!order) ascending.set(column, (order = argsort(column)));
  return order;
}

const ANALYSIS_COLUMNS = [
  'id', 'title', 'author', 'authorId', 'category', 'published', 'month', 'year', 'weekday', 'views', 'comments',
  'collects', 'viewsPerDay', 'tags', 'topicTags', 'level', 'cohortIndex',
] as const satisfies readonly Exclude<keyof ArticleColumns, 'n'>[];

/**
 * Reads the analysis columns of an article table. Each column is read on first use only: an
 * analysis of a million rows that never looks at titles never decodes them.
 */
export function articleColumns(articles: ColumnTable): ArticleColumns {
  const names = new Set(articles.columnNames());
  const columns = { n: articles.numRows() } as ArticleColumns;
  for (const name of ANALYSIS_COLUMNS) {
    let values: ArrayLike<unknown> | undefined;
    const read = () => NUMBER_COLUMNS.has(name)
      ? numberColumn(articles, name)
      : names.has(name) ? decodedColumn(articles, name) : new Array<unknown>(articles.numRows()).fill(null);
    Object.defineProperty(columns, name, {
      enumerable: true,
      get: () => {
        values ??= read();
        return values;
      },
    });
  }
  return columns;
}

/**
 * Row indices per group key. A row may belong to several groups (a list of keys, e.g. tags) or
 * none (null). Groups come out in first-seen order.
 */
export function groupRows(n: number, keysOf: (row: number) => string | readonly string[] | null): Map<string, number[]> {
  const groups = new Map<string, number[]>();
  const add = (key: string, row: number) => {
    const rows = groups.get(key);
    if (rows) rows.push(row);
    else groups.set(key, [row]);
  };
  for (let row = 0; row < n; row++) {
    const keys = keysOf(row);
    if (keys === null) continue;
    if (typeof keys === 'string') add(keys, row);
    else for (const key of keys) add(key, row);
  }
  return groups;
}

/** Row numbers of a group: an array, or a slice of a grouped index. */
export type Rows = ArrayLike<number>;

/**
 * Values of a numeric column at the given rows, NaN (null) dropped: a new array, or a view of
 * `room` when one at least as long as the rows is given (to reuse from group to group).
 */
export function pick(column: NumberColumn, rows: Rows, room?: Float64Array): Float64Array {
  const out = room ?? new Float64Array(rows.length);
  let at = 0;
  for (let i = 0; i < rows.length; i++) {
    const value = column[rows[i]!]!;
    if (!Number.isNaN(value)) out[at++] = value;
  }
  return room ? out.subarray(0, at) : at === out.length ? out : out.slice(0, at);
}

/** Sum of a numeric column at the given rows. */
export function sumAt(column: NumberColumn, rows: Rows): number {
  let sum = 0;
  for (let i = 0; i < rows.length; i++) sum += column[rows[i]!]!;
  return sum;
}

/** The keys of each row of a list or text column, as ids into `keys` (CSR). */
export interface KeyIds {
  keys: readonly string[];
  /** Per row, where its group keys are: keyIds[keyOffsets[r]..keyOffsets[r+1]]. */
  keyOffsets: Int32Array;
  keyIds: Int32Array;
}

/**
 * The keys of each row of a list column (a row has several, or none) or a text or number column
 * (one, or none for null), as ids into a list of keys: the table's own offsets and dictionary ids
 * when it has them (no string per row), else numbered here in first-seen order (a number's key is
 * its text).
 */
export function keyIdsOf(articles: ColumnTable, name: string): KeyIds {
  const column = columnData(articles.column(name));
  if (!articles.isFiltered() && !articles.isOrdered()) {
    // A dictionary whose values repeat would split a key's rows: it is encoded instead.
    if (column instanceof ListColumn && hasDistinctValues(column)) return { keys: column.values, keyOffsets: column.offsets, keyIds: column.ids };
    if (column instanceof DictionaryColumn && hasDistinctValues(column)) {
      const n = column.keys.length;
      const keyOffsets = new Int32Array(n + 1);
      const keyIds = new Int32Array(n);
      let at = 0;
      for (let r = 0; r < n; r++) {
        if (column.keys[r]! >= 0) keyIds[at++] = column.keys[r]!;
        keyOffsets[r + 1] = at;
      }
      return { keys: column.values, keyOffsets, keyIds: keyIds.subarray(0, at) };
    }
  }
  // A number column (year, weekday): its distinct numbers, as text, in first-seen order; NaN (null) is no group.
  if (column instanceof Float64Array) return numberKeyIds(numberColumn(articles, name));
  // Any other form: encode the values (lists or single keys; null is no group).
  const values = articles.array(name) as unknown[];
  const numbering = new KeyNumbering<string>();
  const keyOffsets = new Int32Array(values.length + 1);
  const keyIds: number[] = [];
  values.forEach((value, r) => {
    for (const key of Array.isArray(value) ? value : value === null || value === undefined ? [] : [value]) keyIds.push(numbering.id(String(key)));
    keyOffsets[r + 1] = keyIds.length;
  });
  return { keys: numbering.keys, keyOffsets, keyIds: Int32Array.from(keyIds) };
}

/** Numbers keys in the order they are first seen; each key's text is kept by its number. */
export class KeyNumbering<K> {
  readonly keys: string[] = [];
  private readonly ids = new Map<K, number>();

  /** The key's number: a new one for a key not seen before. */
  id(key: K, text = String(key)): number {
    let id = this.ids.get(key);
    if (id === undefined) {
      id = this.keys.length;
      this.keys.push(text);
      this.ids.set(key, id);
    }
    return id;
  }
}

/** keyIdsOf of a number column: one key per distinct number (its text), NaN in no group. */
function numberKeyIds(values: NumberColumn): KeyIds {
  const numbering = new KeyNumbering<number>();
  const keyOffsets = new Int32Array(values.length + 1);
  const keyIds = new Int32Array(values.length);
  let at = 0;
  for (let r = 0; r < values.length; r++) {
    if (!Number.isNaN(values[r]!)) keyIds[at++] = numbering.id(values[r]!);
    keyOffsets[r + 1] = at;
  }
  return { keys: numbering.keys, keyOffsets, keyIds: keyIds.subarray(0, at) };
}

/** Key ids regrouped: each key replaced by keyOf(key), keys that map to the same text made one. */
function mappedKeyIds({ keys, keyOffsets, keyIds }: KeyIds, keyOf: (value: string) => string): KeyIds {
  const numbering = new KeyNumbering<string>();
  const remap = Int32Array.from(keys, (key) => numbering.id(keyOf(key)));
  return { keys: numbering.keys, keyOffsets, keyIds: keyIds.map((id) => remap[id]!) };
}

/**
 * Row numbers per key of a list column (tags, topicTags: the explode without a list per row) or
 * a text or number column (category, month, level, year, weekday), read from keyIdsOf. Groups
 * come out in the order of their first row, as groupRows gives them, each as a slice of one
 * Int32Array. The groups of a table's own column are made once and shared (by each `keyOf`
 * function: pass the same function, not a new one each call, to share them): read them, do not
 * change them.
 * @param keyOf the group of a value, to group by something of it (a month's quarter) @default the value
 * @example groupRowsOfColumn(articles, 'topicTags').get('AI') // Int32Array [3, 17, …]
 */
export function groupRowsOfColumn(articles: ColumnTable, name: string, keyOf?: (value: string) => string): Map<string, Int32Array> {
  // A column's own groups are made once: the report's notebooks ask for the tags' six times,
  // and for the months' by quarter or year several times.
  const column = articles.column(name);
  const shared = column && ownRows(articles) ? (rowGroups.get(column) ?? new Map()) : undefined;
  const known = shared?.get(keyOf ?? AS_IS);
  if (known) return known;
  const groups = rowsByKey(keyOf ? mappedKeyIds(keyIdsOf(articles, name), keyOf) : keyIdsOf(articles, name));
  if (shared) rowGroups.set(column!, shared.set(keyOf ?? AS_IS, groups));
  return groups;
}

// groupRowsOfColumn's groups of a table's own column, by the column, then by keyOf (AS_IS for
// none). Read-only once made.
const rowGroups = new ColumnCache<object, Map<(value: string) => string, Map<string, Int32Array>>>();
const AS_IS = (value: string) => value;

/** Row numbers per key (see groupRowsOfColumn). */
function rowsByKey({ keys, keyOffsets, keyIds }: KeyIds): Map<string, Int32Array> {
  const groups = keys.length;
  const starts = new Int32Array(groups + 1);
  const n = keyOffsets.length - 1;
  // Groups in order of their first row, listed as they are met (no sort of all groups after);
  // those first met in the same row in order of their numbers.
  const present: number[] = [];
  for (let r = 0; r < n; r++) {
    const met = present.length;
    for (let k = keyOffsets[r]!; k < keyOffsets[r + 1]!; k++) {
      const g = keyIds[k]!;
      if (starts[g + 1]!++ === 0) present.push(g);
    }
    for (let i = met + 1; i < present.length; i++) {
      const g = present[i]!;
      let j = i;
      for (; j > met && present[j - 1]! > g; j--) present[j] = present[j - 1]!;
      present[j] = g;
    }
  }
  for (let g = 0; g < groups; g++) starts[g + 1]! += starts[g]!;
  const placed = starts.slice(0, groups);
  const rows = new Int32Array(starts[groups]!);
  for (let r = 0; r < n; r++) for (let k = keyOffsets[r]!; k < keyOffsets[r + 1]!; k++) rows[placed[keyIds[k]!]!++] = r;
  return new Map(present.map((g) => [keys[g]!, rows.subarray(starts[g]!, starts[g + 1]!)]));
}

/**
 * How many rows each key of a column has (the sizes of groupRowsOfColumn's groups), without
 * listing the rows: a million articles' six million tags are counted, not copied. Keys no row
 * has are left out; the order is the keys' own, not that of their first rows.
 * @example keyCounts(articles, 'tags').get('AI') // 1234
 */
export function keyCounts(articles: ColumnTable, name: string): Map<string, number> {
  const { keys, keyIds } = keyIdsOf(articles, name);
  const counts = new Int32Array(keys.length);
  for (let k = 0; k < keyIds.length; k++) counts[keyIds[k]!]!++;
  const out = new Map<string, number>();
  for (let g = 0; g < keys.length; g++) if (counts[g]! > 0) out.set(keys[g]!, counts[g]!);
  return out;
}

/**
 * The rows of one key of a column, in order: groupRowsOfColumn(articles, name).get(key), read
 * from the column's own key ids when the groups are not made yet (comparing two tags reads the
 * tag ids once instead of listing every tag's rows).
 * @returns an empty array when no row has the key
 * @example rowsWithKey(articles, 'tags', 'AI') // Int32Array [3, 17, …]
 */
export function rowsWithKey(articles: ColumnTable, name: string, key: string): Int32Array {
  const column = articles.column(name);
  const data = column && columnData(column);
  const ownIds = ownRows(articles) && (data instanceof ListColumn || data instanceof DictionaryColumn);
  // The groups when they are made, or when the key ids would have to be made first (plain lists,
  // a view): groupRowsOfColumn's, made once and kept, rather than encoding the column per key.
  if (!ownIds || rowGroups.get(column!)?.has(AS_IS)) return groupRowsOfColumn(articles, name).get(key) ?? new Int32Array(0);
  const { keys, keyOffsets, keyIds } = keyIdsOf(articles, name);
  const wanted = keys.indexOf(key);
  if (wanted < 0) return new Int32Array(0);
  // Counted first to fill an array of the right size; then the ids read again, a row's number
  // found (walking the offsets) only where the key is. A row is listed once per time it has the
  // key, as in the groups.
  let count = 0;
  for (let k = 0; k < keyIds.length; k++) if (keyIds[k] === wanted) count++;
  const rows = new Int32Array(count);
  let row = 0;
  for (let k = 0, at = 0; at < count; k++) {
    if (keyIds[k] !== wanted) continue;
    while (keyOffsets[row + 1]! <= k) row++;
    rows[at++] = row;
  }
  return rows;
}

/** `YYYY-Qn` of a `YYYY-MM` month. */
export function quarterOf(month: string): string {
  return `${month.slice(0, 4)}-Q${Math.floor((Number(month.slice(5, 7)) - 1) / 3) + 1}`;
}

/**
 * Month `YYYY-MM` shifted by `delta` calendar months.
 * @example shiftMonth('2025-01', -1) // '2024-12'
 */
export function shiftMonth(month: string, delta: number): string {
  const index = Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1 + delta;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** Stable text ordering for keys (code-point order, the same on every machine). */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * A table of these rows with these columns, in this order: the columns are there even when
 * there are no rows, so code that reads a column of an empty result does not fail.
 */
export function rowsTable(rows: readonly Record<string, unknown>[], columns: readonly string[]): ColumnTable {
  const data: Record<string, unknown[]> = {};
  for (const name of columns) data[name] = rows.map((row) => row[name] ?? null);
  return table(data, [...columns]);
}

/**
 * A table's columns filled row by row from objects of fields, then made a table in a given row
 * order: no object per row kept (a million articles make 60,000 author rows of 29 columns; their
 * objects, and reading them back column by column, cost a third of a second). A column that holds
 * only numbers is kept as a Float64Array and becomes one in the table: stored in a plain array,
 * each of its 60,000 fractions would be a separate heap object for the garbage collector.
 * @example const b = new ColumnsBuilder(['tag', 'count'], 2); b.set(0, { tag: 'AI', count: 3 }); b.table([0, 1])
 */
export class ColumnsBuilder {
  private readonly columns = new Map<string, BuiltColumn>();

  constructor(private readonly names: readonly string[], rows: number) {
    for (const name of names) this.columns.set(name, new BuiltColumn(rows));
  }

  /** Sets row `row`'s value of each field given (fields that are not columns are left out; undefined is null). */
  set(row: number, values: Readonly<Record<string, unknown>>): void {
    for (const name in values) this.columns.get(name)?.set(row, values[name]);
  }

  /**
   * Sets rows 0 to n - 1 from n records of one shape (the first one's fields are read from each):
   * as set(i, records[i]) for every i, read field by field, which is faster (the same field of
   * each record in turn; the author leaderboard sets 60,000 rows).
   */
  setEach(records: readonly Readonly<Record<string, unknown>>[]): void {
    if (records.length === 0) return;
    for (const name of Object.keys(records[0]!)) {
      const column = this.columns.get(name);
      if (!column) continue;
      for (let row = 0; row < records.length; row++) column.set(row, records[row]![name]);
    }
  }

  /**
   * Sets every row of a column from its values (ignored when it is not a column): a Float64Array
   * holding every row becomes the column itself, not copied (do not change it afterwards).
   */
  setColumn(name: string, values: ArrayLike<unknown>): void {
    const column = this.columns.get(name);
    if (!column) return;
    if (values instanceof Float64Array && values.length === column.rows) column.adopt(values);
    else for (let row = 0; row < values.length; row++) column.set(row, values[row]);
  }

  /** These columns' values in the order set, null where not set (a Float64Array when all are numbers): read, do not change. */
  columnsOf(names: readonly string[]): Record<string, ArrayLike<unknown>> {
    return Object.fromEntries(names.flatMap((name) => {
      const column = this.columns.get(name);
      return column ? [[name, column.values()]] : [];
    }));
  }

  /** The table, its rows in this order (indices into the rows set). */
  table(order: readonly number[]): ColumnTable {
    const data: Record<string, ArrayLike<unknown>> = {};
    for (const name of this.names) data[name] = this.columns.get(name)!.gather(order);
    return table(data, [...this.names]);
  }
}

/** One column of a ColumnsBuilder: numbers in a Float64Array while every value is a number, a plain array from the first that is not. */
class BuiltColumn {
  private numbers: Float64Array | undefined;
  private plain: unknown[] | undefined;
  /** Which rows hold a number, and how many (a row set twice counts once). */
  private readonly holdsNumber: Uint8Array;
  private numbersSet = 0;

  constructor(readonly rows: number) {
    this.numbers = new Float64Array(rows);
    this.holdsNumber = new Uint8Array(rows);
  }

  /** Every row's number at once: these numbers become the column. */
  adopt(numbers: Float64Array): void {
    this.numbers = numbers;
    this.plain = undefined;
    this.holdsNumber.fill(1);
    this.numbersSet = this.rows;
  }

  set(row: number, value: unknown): void {
    if (this.numbers && typeof value === 'number') {
      this.numbers[row] = value;
      if (this.holdsNumber[row] === 0) {
        this.holdsNumber[row] = 1;
        this.numbersSet++;
      }
    } else {
      this.toPlain()[row] = value ?? null;
    }
  }

  /** The values in the order set: the Float64Array when every row holds a number (and there are rows). */
  values(): ArrayLike<unknown> {
    return this.numbers && this.rows > 0 && this.numbersSet === this.rows ? this.numbers : this.toPlain();
  }

  /** The values at these rows, in this order. */
  gather(order: readonly number[]): ArrayLike<unknown> {
    const values = this.values();
    const out = values instanceof Float64Array ? new Float64Array(order.length) : new Array<unknown>(order.length);
    for (let i = 0; i < order.length; i++) out[i] = values[order[i]!];
    return out;
  }

  /** The column as a plain array, null where no value was set; the numbers move into it once. */
  private toPlain(): unknown[] {
    if (this.plain) return this.plain;
    const plain = new Array<unknown>(this.rows).fill(null);
    const { numbers, holdsNumber } = this;
    if (numbers) for (let row = 0; row < this.rows; row++) if (holdsNumber[row]) plain[row] = numbers[row];
    this.plain = plain;
    this.numbers = undefined;
    return plain;
  }
}

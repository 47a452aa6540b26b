/**
 * Typed access to the article table's columns for the analyses, and grouping of row indices.
 * Analyses read columns once and work on arrays: no per-row objects on the hot paths.
 */
import type { ColumnTable } from 'arquero';

/** The columns the analyses use, as arrays. `cohortIndex` is present once withCohortIndex ran. */
export interface ArticleColumns {
  n: number;
  id: number[];
  title: string[];
  author: (string | null)[];
  authorId: (number | null)[];
  category: string[];
  published: string[];
  month: string[];
  year: number[];
  weekday: number[];
  views: number[];
  comments: number[];
  collects: number[];
  viewsPerDay: number[];
  tags: string[][];
  topicTags: string[][];
  level: (string | null)[];
  cohortIndex: (number | null)[];
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
    let values: unknown[] | undefined;
    Object.defineProperty(columns, name, {
      enumerable: true,
      get: () => {
        values ??= names.has(name) ? (articles.array(name) as unknown[]) : new Array<unknown>(articles.numRows()).fill(null);
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

/** Values of a numeric column at the given rows (nulls dropped). */
export function pick(column: readonly (number | null)[], rows: readonly number[]): number[] {
  const out: number[] = [];
  for (const row of rows) {
    const value = column[row];
    if (value !== null && value !== undefined && !Number.isNaN(value)) out.push(value);
  }
  return out;
}

/** Sum of a numeric column at the given rows. */
export function sumAt(column: readonly number[], rows: readonly number[]): number {
  let sum = 0;
  for (const row of rows) sum += column[row]!;
  return sum;
}

/** `YYYY-Qn` of a `YYYY-MM` month. */
export function quarterOf(month: string): string {
  return `${month.slice(0, 4)}-Q${Math.floor((Number(month.slice(5, 7)) - 1) / 3) + 1}`;
}

/** Stable text ordering for keys (code-point order, the same on every machine). */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

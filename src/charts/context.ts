/**
 * What every chart needs to know besides its own table: how many articles over which dates
 * (for titles), the locale of numbers, and the full list of categories (for stable colours).
 */
import type { ColumnTable } from 'arquero';
import type { NumberLocale } from './theme.ts';
import { formatCount } from './theme.ts';
import { columnValues, firstAndLast } from '../analyze/columns.ts';
import { distinctValues } from '../analyze/text-codes.ts';

/** What every chart needs besides its own table; made by `chartContext(articles)` and given to notebooks as `input.context`. */
export interface ChartContext {
  /** Articles behind the chart. */
  articles: number;
  firstMonth: string;
  lastMonth: string;
  locale: NumberLocale;
  /** Every category in the data, so a category keeps its colour across charts. */
  categories: string[];
}

/**
 * The context of an article table.
 * @param locale numbers as 12k (en) or 1.2万 (zh) @default 'en'
 * @example const context = chartContext(recent, 'zh') // for charts of a filtered table
 */
export function chartContext(articles: ColumnTable, locale: NumberLocale = 'en'): ChartContext {
  // From each column's distinct values: a million rows are not decoded for two dozen categories.
  const months = firstAndLast(distinctValues(articles, 'month'));
  return {
    articles: articles.numRows(),
    firstMonth: months.first ?? '',
    lastMonth: months.last ?? '',
    locale,
    categories: (distinctValues(articles, 'category') as string[]).sort(),
  };
}

/** "3,000 articles · 2020-09 to 2025-06": what and over what, for subtitles. */
export function coverage(context: ChartContext, what = 'articles'): string {
  return `${context.articles.toLocaleString('en-US')} ${what} · ${context.firstMonth} to ${context.lastMonth}`;
}

/** A value as chart data holds it: a number that is not finite becomes null. */
export function chartValue(value: unknown): unknown {
  return typeof value === 'number' && !Number.isFinite(value) ? null : value;
}

/** Rows of a table as plain objects for inlining into a spec (non-finite numbers become null). */
export function rowsOf(table: ColumnTable | readonly Record<string, unknown>[]): Record<string, unknown>[] {
  const rows = Array.isArray(table) ? (table as Record<string, unknown>[]) : ((table as ColumnTable).objects() as Record<string, unknown>[]);
  return rows.map((row) => {
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(row)) out[key] = chartValue(value);
    return out;
  });
}

/**
 * rowsOf for some rows of a table (positions in its row order), in the order given: charts of a
 * large table pick their few rows first instead of making an object of every row.
 * @example rowsAt(board, [0, 1, 2]) // the first three rows
 */
export function rowsAt(table: ColumnTable, rows: readonly number[]): Record<string, unknown>[] {
  const names = table.columnNames();
  const arrays = names.map((name) => columnValues(table, name));
  return rows.map((row) => {
    const out: Record<string, unknown> = {};
    names.forEach((name, c) => { out[name] = chartValue(arrays[c]![row]); });
    return out;
  });
}

export { formatCount };

/**
 * Trends over time: per month, quarter or year the volume and medians; per tag its share of the
 * period's articles.
 */
import type { ColumnTable } from 'arquero';
import { articleColumns, compareText, groupRowsOfColumn, quarterOf, rowsTable } from './columns.ts';
import { withCohortIndex } from './cohort.ts';
import { trendOf } from './group-stats.ts';

/** The length of a period in trends. */
export type Period = 'month' | 'quarter' | 'year';

/** Options of `trendByPeriod`. */
export interface TrendOptions {
  /** Period length. @default 'month' */
  by?: Period;
}

// The period key of a `YYYY-MM` month, one function per period length: groupRowsOfColumn makes
// a table's groups once per function.
const PERIOD_OF = { quarter: quarterOf, year: (month: string) => month.slice(0, 4) } as const;

/** Rows per period of the table's month column (by month: the column's own groups). */
function rowsByPeriod(table: ColumnTable, by: Period): Map<string, Int32Array> {
  return by === 'month' ? groupRowsOfColumn(table, 'month') : groupRowsOfColumn(table, 'month', PERIOD_OF[by]);
}

/** Columns of the trend table, in order; the first is named after the period (`month`, `quarter`, `year`). */
export const TREND_COLUMNS = ['count', 'medianViews', 'meanViews', 'medianCollects', 'collectRate', 'commentRate', 'cohortIndex', 'totalViews'] as const;

/**
 * Articles, median views, median collects and median cohort index per period (periods with
 * articles only), oldest first. The period column is named `month`, `quarter` or `year`.
 * @example trendByPeriod(articles, { by: 'quarter' })
 */
export function trendByPeriod(articles: ColumnTable, options: TrendOptions = {}): ColumnTable {
  const { by = 'month' } = options;
  const table = articles.columnNames().includes('cohortIndex') ? articles : withCohortIndex(articles);
  const c = articleColumns(table);
  const groups = rowsByPeriod(table, by);
  const keys = [...groups.keys()].sort(compareText);
  return rowsTable(keys.map((period) => ({ [by]: period, ...trendOf(c, groups.get(period)!) })), [by, ...TREND_COLUMNS]);
}

/** Options of `tagShareByPeriod`. */
export interface TagShareOptions extends TrendOptions {
  /** The tags to follow. @default the `top` most used topic tags */
  tags?: readonly string[];
  /** How many of the most used topic tags, when `tags` is not given. @default 12 */
  top?: number;
}

/**
 * Most used topic tags, most used first (ties by name).
 * @example topTopicTags(articles, 5) // the five most used topic tags, most used first
 */
export function topTopicTags(articles: ColumnTable, top: number): string[] {
  const groups = groupRowsOfColumn(articles, 'topicTags');
  return [...groups].sort((a, b) => b[1].length - a[1].length || compareText(a[0], b[0])).slice(0, top).map(([tag]) => tag);
}

/**
 * Each tag's count and share of the period's articles, every (period, tag) pair present.
 * @example nb.chart('shares', tagShareHeatmap(tagShareByPeriod(articles, { by: 'quarter' }), context))
 */
export function tagShareByPeriod(articles: ColumnTable, options: TagShareOptions = {}): ColumnTable {
  const { by = 'quarter', top = 12 } = options;
  const tags = options.tags ?? topTopicTags(articles, top);
  const periods = rowsByPeriod(articles, by);
  const ordered = [...periods.keys()].sort(compareText);
  const periodOfRow = new Int32Array(articles.numRows());
  ordered.forEach((period, p) => {
    const rows = periods.get(period)!;
    for (let i = 0; i < rows.length; i++) periodOfRow[rows[i]!] = p;
  });
  // Articles per (tag, period), counted over each tag's own rows.
  const tagRows = groupRowsOfColumn(articles, 'topicTags');
  const counts = tags.map((tag) => {
    const perPeriod = new Int32Array(ordered.length);
    const rows = tagRows.get(tag) ?? [];
    for (let i = 0; i < rows.length; i++) perPeriod[periodOfRow[rows[i]!]!]!++;
    return perPeriod;
  });
  const rows = [];
  for (let p = 0; p < ordered.length; p++) {
    const articlesInPeriod = periods.get(ordered[p]!)!.length;
    for (let t = 0; t < tags.length; t++) {
      const count = counts[t]![p]!;
      rows.push({ period: ordered[p]!, tag: tags[t]!, count, articles: articlesInPeriod, share: count / articlesInPeriod });
    }
  }
  return rowsTable(rows, ['period', 'tag', 'count', 'articles', 'share']);
}

/**
 * The cohort index: an article's views over the median views of all articles published in the
 * same month. 1.0 is typical for its time; it is the default age adjustment wherever groups are
 * ranked or compared, because views pile up with age.
 */
import type { ColumnTable } from 'arquero';
import { cohortIndex } from '../metrics.ts';
import { NullableNumberColumn } from '../load/table-columns.ts';
import { medianSorted } from '../stats/quantiles.ts';
import { groupRows, numberColumn } from './columns.ts';

/** Median views per publish month. */
export function monthMedians(months: readonly string[], views: ArrayLike<number>): Map<string, number> {
  const medians = new Map<string, number>();
  for (const [month, rows] of groupRows(months.length, (row) => months[row]!)) {
    medians.set(month, medianSorted(Float64Array.from(rows, (row) => views[row]!).sort()));
  }
  return medians;
}

/**
 * Adds a `cohortIndex` column to the article table (replacing one that is there), as a number
 * column the analyses read without copying (null where the month's median views are 0).
 * @example withCohortIndex(articles).array('cohortIndex')
 */
export function withCohortIndex(articles: ColumnTable): ColumnTable {
  const months = articles.array('month') as string[];
  const views = numberColumn(articles, 'views');
  const medians = monthMedians(months, views);
  const index = new Float64Array(months.length);
  for (let row = 0; row < months.length; row++) index[row] = cohortIndex(views[row]!, medians.get(months[row]!)!) ?? NaN;
  return articles.assign({ cohortIndex: new NullableNumberColumn(index) as never });
}

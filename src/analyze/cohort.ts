/**
 * The cohort index: an article's views over the median views of all articles published in the
 * same month. 1.0 is typical for its time; it is the default age adjustment wherever groups are
 * ranked or compared, because views pile up with age.
 */
import type { ColumnTable } from 'arquero';
import { cohortIndex } from '../metrics.ts';
import { medianSorted } from '../stats/quantiles.ts';
import { groupRows } from './columns.ts';

/** Median views per publish month. */
export function monthMedians(months: readonly string[], views: readonly number[]): Map<string, number> {
  const medians = new Map<string, number>();
  for (const [month, rows] of groupRows(months.length, (row) => months[row]!)) {
    medians.set(month, medianSorted(Float64Array.from(rows, (row) => views[row]!).sort()));
  }
  return medians;
}

/**
 * Adds a `cohortIndex` column to the article table (replacing one that is there).
 * @example withCohortIndex(articles).array('cohortIndex')
 */
export function withCohortIndex(articles: ColumnTable): ColumnTable {
  const months = articles.array('month') as string[];
  const views = articles.array('views') as number[];
  const medians = monthMedians(months, views);
  const index = months.map((month, row) => cohortIndex(views[row]!, medians.get(month)!));
  return articles.assign({ cohortIndex: index });
}

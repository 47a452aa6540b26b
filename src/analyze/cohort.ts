/**
 * The cohort index: an article's views over the median views of the articles published in the
 * same month. 1.0 is typical for its time; it is the default age adjustment wherever groups are
 * ranked or compared, because views pile up with age.
 *
 * A month with few articles gives a noisy median to divide by, so a month with fewer than
 * MIN_COHORT_ARTICLES articles borrows its calendar neighbours: the window grows one month on
 * each side (m−1…m+1, then m−2…m+2, …) until it holds that many articles or covers every month
 * in the data, and the median is taken over all the window's articles.
 */
import type { ColumnTable } from 'arquero';
import { cohortIndex } from '../metrics.ts';
import { NullableNumberColumn } from '../load/table/table-columns.ts';
import { medianInPlace } from '../stats/quantiles.ts';
import { compareText, groupRows, groupRowsOfColumn, numberColumn, pick, shiftMonth } from './columns.ts';

/** Fewest articles the median of a cohort is taken over; thinner months borrow neighbours. */
export const MIN_COHORT_ARTICLES = 20;

/**
 * The median views each month's articles are divided by: the month's own median when it has at
 * least `minArticles` articles, else the median over the centred window of calendar months that
 * first holds that many (or every month, when the data has fewer articles in all).
 * @param minArticles @default MIN_COHORT_ARTICLES (20)
 * @example monthMedians(['2025-01', '2025-01', '2025-02'], [10, 30, 5]) // Map { '2025-01' => 10, '2025-02' => 10 }
 */
export function monthMedians(months: readonly string[], views: ArrayLike<number>, minArticles = MIN_COHORT_ARTICLES): Map<string, number> {
  return mediansOfMonthRows(groupRows(months.length, (row) => months[row] ?? null), views, minArticles);
}

/** monthMedians from each month's rows (views missing from a row are left out). */
function mediansOfMonthRows(rowsByMonth: ReadonlyMap<string, ArrayLike<number>>, views: ArrayLike<number>, minArticles = MIN_COHORT_ARTICLES): Map<string, number> {
  const column = views instanceof Float64Array ? views : Float64Array.from(views);
  const byMonth = new Map<string, Float64Array>();
  for (const [month, rows] of rowsByMonth) byMonth.set(month, pick(column, rows));
  const ordered = [...byMonth.keys()].sort(compareText);
  const medians = new Map<string, number>();
  if (ordered.length === 0) return medians;
  const first = ordered[0]!;
  const last = ordered[ordered.length - 1]!;
  for (const month of ordered) {
    const own = byMonth.get(month)!;
    const pooled: Float64Array[] = [own];
    let count = own.length;
    for (let reach = 1; count < minArticles; reach++) {
      const before = shiftMonth(month, -reach);
      const after = shiftMonth(month, reach);
      if (before < first && after > last) break;
      for (const neighbour of [before, after]) {
        const values = byMonth.get(neighbour);
        if (values) { pooled.push(values); count += values.length; }
      }
    }
    // A copy: the median is found by selection, which reorders, and a month's values are reused by its neighbours.
    const all = new Float64Array(count);
    let offset = 0;
    for (const values of pooled) { all.set(values, offset); offset += values.length; }
    medians.set(month, medianInPlace(all));
  }
  return medians;
}

/**
 * Adds a `cohortIndex` column to the article table (replacing one that is there), as a number
 * column the analyses read without copying (null where the cohort's median views are 0).
 * The analyses add it themselves when the table lacks it; add it first to choose `minArticles`.
 * @param options.minArticles fewest articles a cohort's median is taken over @default 20
 * @example withCohortIndex(articles).array('cohortIndex')
 */
export function withCohortIndex(articles: ColumnTable, options: { minArticles?: number } = {}): ColumnTable {
  const views = numberColumn(articles, 'views');
  // The month column's groups (by its dictionary ids, shared with the other analyses of the table).
  const months = groupRowsOfColumn(articles, 'month');
  const medians = mediansOfMonthRows(months, views, options.minArticles);
  const index = new Float64Array(articles.numRows()).fill(NaN);
  for (const [month, rows] of months) {
    const median = medians.get(month)!;
    for (let k = 0; k < rows.length; k++) index[rows[k]!] = cohortIndex(views[rows[k]!]!, median) ?? NaN;
  }
  return articles.assign({ cohortIndex: new NullableNumberColumn(index) as never });
}

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
import { medianSorted } from '../stats/quantiles.ts';
import { compareText, groupRows, numberColumn, shiftMonth } from './columns.ts';

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
  const byMonth = new Map<string, Float64Array>();
  for (const [month, rows] of groupRows(months.length, (row) => months[row]!)) {
    byMonth.set(month, Float64Array.from(rows, (row) => views[row]!));
  }
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
    const all = new Float64Array(count);
    let offset = 0;
    for (const values of pooled) { all.set(values, offset); offset += values.length; }
    medians.set(month, medianSorted(all.sort()));
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
  const months = articles.array('month') as string[];
  const views = numberColumn(articles, 'views');
  const medians = monthMedians(months, views, options.minArticles);
  const index = new Float64Array(months.length);
  for (let row = 0; row < months.length; row++) index[row] = cohortIndex(views[row]!, medians.get(months[row]!)!) ?? NaN;
  return articles.assign({ cohortIndex: new NullableNumberColumn(index) as never });
}

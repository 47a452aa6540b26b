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
import { columnData, DictionaryColumn, hasDistinctValues, NullableNumberColumn } from '../load/table/table-columns.ts';
import { medianInPlace } from '../stats/quantiles.ts';
import { compareText, groupRows, groupRowsOfColumn, type NumberColumn, numberColumn, ownRows, pick, shiftMonth } from './columns.ts';

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
  return mediansOfMonthValues(byMonth, minArticles);
}

/** monthMedians from each month's views (none missing; a month may have none). */
function mediansOfMonthValues(byMonth: ReadonlyMap<string, Float64Array>, minArticles: number): Map<string, number> {
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
  const { minArticles = MIN_COHORT_ARTICLES } = options;
  const index = indexByMonthKeys(articles, views, minArticles) ?? indexByMonthRows(articles, views, minArticles);
  return articles.assign({ cohortIndex: new NullableNumberColumn(index) as never });
}

/**
 * The cohort index read through the month column's own dictionary keys, when the table has them
 * (its own rows; each month once): each month's views gathered in one pass over the rows, the
 * index written in another, where reading through each month's rows jumps about a million rows
 * (`pulse authors` on 1M: ~0.2 s with the grouping it needs, which nothing else there uses).
 */
function indexByMonthKeys(articles: ColumnTable, views: NumberColumn, minArticles: number): Float64Array | undefined {
  const column = columnData(articles.column('month'));
  if (!ownRows(articles) || !(column instanceof DictionaryColumn) || !hasDistinctValues(column)) return undefined;
  const { keys, values: months } = column;
  const n = keys.length;
  // Per month: whether it has rows, and where its views (those present) go, in row order.
  const rowsIn = new Int32Array(months.length);
  const starts = new Int32Array(months.length + 1);
  for (let r = 0; r < n; r++) {
    const key = keys[r]!;
    if (key < 0) continue;
    rowsIn[key]!++;
    if (!Number.isNaN(views[r]!)) starts[key + 1]!++;
  }
  for (let m = 0; m < months.length; m++) starts[m + 1]! += starts[m]!;
  const placed = starts.slice(0, months.length);
  const gathered = new Float64Array(starts[months.length]!);
  for (let r = 0; r < n; r++) {
    const key = keys[r]!;
    if (key >= 0 && !Number.isNaN(views[r]!)) gathered[placed[key]!++] = views[r]!;
  }
  const byMonth = new Map<string, Float64Array>();
  for (let m = 0; m < months.length; m++) if (rowsIn[m]! > 0) byMonth.set(months[m]!, gathered.subarray(starts[m]!, starts[m + 1]!));
  const medians = mediansOfMonthValues(byMonth, minArticles);
  const medianOfKey = Float64Array.from(months, (month) => medians.get(month) ?? NaN);
  const index = new Float64Array(n);
  for (let r = 0; r < n; r++) {
    const key = keys[r]!;
    index[r] = key < 0 ? NaN : cohortIndex(views[r]!, medianOfKey[key]!) ?? NaN;
  }
  return index;
}

/** The cohort index of any table, through the month column's groups (shared with the table's other analyses). */
function indexByMonthRows(articles: ColumnTable, views: NumberColumn, minArticles: number): Float64Array {
  const months = groupRowsOfColumn(articles, 'month');
  const medians = mediansOfMonthRows(months, views, minArticles);
  const index = new Float64Array(articles.numRows()).fill(NaN);
  for (const [month, rows] of months) {
    const median = medians.get(month)!;
    for (let k = 0; k < rows.length; k++) index[rows[k]!] = cohortIndex(views[rows[k]!]!, median) ?? NaN;
  }
  return index;
}

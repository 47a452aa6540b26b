/**
 * One definition per metric. Tables, charts and report sentences all call these, so a number
 * in a sentence and the same number in a table can never disagree.
 */
import { argsort } from './stats/argsort.ts';

/** Collects per view (share of readers who saved the article); null when there are no views. */
export function collectRate(collects: number, views: number): number | null {
  return views > 0 ? collects / views : null;
}

/** Comments per view; null when there are no views. */
export function commentRate(comments: number, views: number): number | null {
  return views > 0 ? comments / views : null;
}

/** Views per day of age; an article younger than a day counts one day. */
export function viewsPerDay(views: number, ageDays: number): number {
  return views / Math.max(ageDays, 1);
}

/** Cohort index: views over the median views of the article's publish month (1.0 = typical for its time). */
export function cohortIndex(views: number, monthMedianViews: number): number | null {
  return monthMedianViews > 0 ? views / monthMedianViews : null;
}

/** Months with fewer articles than this get no percentile or score: too few peers to rank against. */
export const MIN_PEERS_FOR_PERCENTILE = 30;

/**
 * percentileInAge: each article's percentile of views among the articles published in the same
 * month, 0–100 (100 × the share of its peers with fewer views, ties counted half; the peers are
 * the month's other articles), NaN in months with fewer than 30 articles; and score, 1–5, its
 * quintile (0–20 → 1, … 80–100 → 5), like Parse.ly's score against the site's own baseline.
 * @param monthKeys a key per row (the month), views a number per row
 * @example percentilesInMonth(keys, views) // { percentile: Float64Array, score: Float64Array }
 */
export function percentilesInMonth(monthKeys: ArrayLike<number>, views: ArrayLike<number>): { percentile: Float64Array; score: Float64Array } {
  const n = views.length;
  const percentile = new Float64Array(n).fill(NaN);
  const score = new Float64Array(n).fill(NaN);
  // Each month's rows in ascending views: rows taken in the order of one radix sort of all views
  // (a comparison sort of each month's rows took most of the time at a million articles).
  const groups = new Map<number, number[]>();
  const ascending = argsort(views instanceof Float64Array ? views : Float64Array.from(views));
  for (let i = 0; i < ascending.length; i++) {
    const row = ascending[i]!;
    let rows = groups.get(monthKeys[row]!);
    if (!rows) groups.set(monthKeys[row]!, (rows = []));
    rows.push(row);
  }
  for (const rows of groups.values()) {
    if (rows.length < MIN_PEERS_FOR_PERCENTILE) continue;
    for (let start = 0; start < rows.length;) {
      let end = start;
      while (end + 1 < rows.length && views[rows[end + 1]!] === views[rows[start]!]) end++;
      // Peers with fewer views: start; with as many: end - start (itself left out), counted half.
      const value = (100 * (start + (end - start) / 2)) / (rows.length - 1);
      for (let k = start; k <= end; k++) {
        percentile[rows[k]!] = value;
        score[rows[k]!] = Math.min(5, Math.floor(value / 20) + 1);
      }
      start = end + 1;
    }
  }
  return { percentile, score };
}

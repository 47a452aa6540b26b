/**
 * One definition per metric. Tables, charts and report sentences all call these, so a number
 * in a sentence and the same number in a table can never disagree.
 */

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

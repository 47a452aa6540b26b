/**
 * Hidden gems: articles readers save far more often than most (a high collect rate) but that got
 * few views for their age (a low cohort index): worth promoting again.
 */
import type { ColumnTable } from 'arquero';
import { articleColumns, compareText, rowsTable } from './columns.ts';
import { withCohortIndex } from './cohort.ts';

/** Options of `hiddenGems`: what counts as few views and a high collect rate. */
export interface GemOptions {
  /** Cohort index at or below which views count as low for the article's age. @default 0.75 */
  maxCohortIndex?: number;
  /** Collect rate must be at least this multiple of the archive's. @default 2 */
  minRateMultiple?: number;
  /** Least views, so one collect on 20 views does not count. @default 500 */
  minViews?: number;
  /** Most articles listed. @default 20 */
  limit?: number;
}

/**
 * Hidden gems, best first (highest collect rate, then lowest cohort index).
 * @example nb.table('gems', hiddenGems(articles, { limit: 10 }))
 */
export function hiddenGems(articles: ColumnTable, options: GemOptions = {}): ColumnTable {
  const { maxCohortIndex = 0.75, minRateMultiple = 2, minViews = 500, limit = 20 } = options;
  const table = articles.columnNames().includes('cohortIndex') ? articles : withCohortIndex(articles);
  const c = articleColumns(table);
  let collects = 0;
  let views = 0;
  for (let row = 0; row < c.n; row++) {
    collects += c.collects[row]!;
    views += c.views[row]!;
  }
  const archiveRate = views > 0 ? collects / views : 0;
  const rows = [];
  for (let row = 0; row < c.n; row++) {
    const v = c.views[row]!;
    const cohort = c.cohortIndex[row]!;
    if (v < minViews || Number.isNaN(cohort) || cohort > maxCohortIndex) continue;
    const rate = c.collects[row]! / v;
    if (rate < archiveRate * minRateMultiple) continue;
    rows.push({
      id: c.id[row]!, title: c.title[row]!, author: c.author[row] ?? null, published: c.published[row]!, views: v,
      collects: c.collects[row]!, collectRate: rate, rateMultiple: archiveRate > 0 ? rate / archiveRate : null, cohortIndex: cohort,
    });
  }
  rows.sort((a, b) => b.collectRate - a.collectRate || a.cohortIndex - b.cohortIndex || compareText(String(a.id), String(b.id)));
  return rowsTable(rows.slice(0, limit), ['id', 'title', 'author', 'published', 'views', 'collects', 'collectRate', 'rateMultiple', 'cohortIndex']);
}

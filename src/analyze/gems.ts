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
  const found = [];
  for (let row = 0; row < c.n; row++) {
    const v = c.views[row]!;
    const cohort = c.cohortIndex[row]!;
    if (v < minViews || Number.isNaN(cohort) || cohort > maxCohortIndex) continue;
    const rate = c.collects[row]! / v;
    if (rate < archiveRate * minRateMultiple) continue;
    found.push({ row, id: c.id[row]!, collectRate: rate, cohortIndex: cohort });
  }
  found.sort((a, b) => b.collectRate - a.collectRate || a.cohortIndex - b.cohortIndex || compareText(String(a.id), String(b.id)));
  // The shown rows' texts one by one: decoding whole text columns for 20 rows would cost more.
  const text = (name: string, row: number) => (table.get(name, row) ?? null) as string | null;
  return rowsTable(found.slice(0, limit).map(({ row, id, collectRate, cohortIndex }) => ({
    id, title: text('title', row), author: text('author', row), published: text('published', row), views: c.views[row]!,
    collects: c.collects[row]!, collectRate, rateMultiple: archiveRate > 0 ? collectRate / archiveRate : null, cohortIndex,
  })), ['id', 'title', 'author', 'published', 'views', 'collects', 'collectRate', 'rateMultiple', 'cohortIndex']);
}

/**
 * The articles that did best for their age: the highest percentile of views among the articles
 * published in the same month (percentileInAge), picked in one pass instead of sorting the table.
 */
import type { ColumnTable } from 'arquero';
import { numberColumn, rowsTable } from './columns.ts';

/** Columns of topForTheirAge's table. */
export const TOP_FOR_AGE_COLUMNS = ['id', 'title', 'author', 'tags', 'published', 'views', 'percentileInAge', 'score'] as const;

/**
 * The `limit` articles with the highest percentileInAge, best first (ties: more views, then the
 * lower id); articles without one (months of fewer than 30 articles) are left out.
 * @param limit @default 20
 * @example nb.table('top-for-their-age', topForTheirAge(articles, 10))
 */
export function topForTheirAge(articles: ColumnTable, limit = 20): ColumnTable {
  const percentile = numberColumn(articles, 'percentileInAge');
  const views = numberColumn(articles, 'views');
  const id = numberColumn(articles, 'id');
  // Better first: higher percentile, then more views, then the lower id.
  const before = (a: number, b: number) => percentile[a]! - percentile[b]! || views[a]! - views[b]! || id[b]! - id[a]!;
  const top: number[] = []; // best first, at most `limit`
  for (let row = 0; limit > 0 && row < percentile.length; row++) {
    if (Number.isNaN(percentile[row]!)) continue;
    if (top.length === limit && before(row, top[limit - 1]!) <= 0) continue;
    let at = top.length;
    while (at > 0 && before(row, top[at - 1]!) > 0) at--;
    top.splice(at, 0, row);
    if (top.length > limit) top.pop();
  }
  const names = new Set(articles.columnNames());
  // The few rows' other values one by one: decoding whole text columns for 20 rows would cost more.
  const value = (name: string, row: number) => (names.has(name) ? articles.get(name, row) : null);
  return rowsTable(top.map((row) => ({
    id: id[row]!, title: value('title', row), author: value('author', row), tags: value('tags', row) ?? [], published: value('published', row),
    views: views[row]!, percentileInAge: percentile[row]!, score: value('score', row),
  })), [...TOP_FOR_AGE_COLUMNS]);
}

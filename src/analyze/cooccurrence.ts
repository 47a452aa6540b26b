/**
 * Tag co-occurrence among the most used topic tags: how often two tags share an article, and
 * the lift (how much more often than if the tags were independent).
 */
import type { ColumnTable } from 'arquero';
import { articleColumns, groupRowsOfColumn, rowsTable } from './columns.ts';
import { topTopicTags } from './trends.ts';

/** Options of `tagCooccurrence`. */
export interface CooccurrenceOptions {
  /** How many of the most used topic tags to pair (at most 31: a heatmap of more is unreadable). @default 20 */
  top?: number;
}

/**
 * One row per unordered pair of top tags that appear together at least once:
 * `lift = count(A∩B) · N / (count(A) · count(B))`.
 * @example tagCooccurrence(articles, { top: 20 }).orderby(aq.desc('lift'))
 */
export function tagCooccurrence(articles: ColumnTable, options: CooccurrenceOptions = {}): ColumnTable {
  const top = Math.min(options.top ?? 20, 31);
  const tags = topTopicTags(articles, top);
  const c = articleColumns(articles);
  // Which of the top tags each article has, as bits (top ≤ 31), from each tag's own rows.
  const groups = groupRowsOfColumn(articles, 'topicTags');
  const present = new Int32Array(c.n);
  const single = tags.map((tag, t) => {
    const rows = groups.get(tag)!;
    for (let i = 0; i < rows.length; i++) present[rows[i]!]! |= 1 << t;
    return rows.length;
  });
  const pair = new Map<number, number>();
  for (let row = 0; row < c.n; row++) {
    const bits = present[row]!;
    if ((bits & (bits - 1)) === 0) continue; // fewer than two top tags
    for (let i = 0; i < tags.length; i++) {
      if (!(bits & (1 << i))) continue;
      for (let j = i + 1; j < tags.length; j++) {
        if (!(bits & (1 << j))) continue;
        const key = i * tags.length + j;
        pair.set(key, (pair.get(key) ?? 0) + 1);
      }
    }
  }
  const rows = [...pair].sort((x, y) => x[0] - y[0]).map(([key, count]) => {
    const i = Math.floor(key / tags.length);
    const j = key % tags.length;
    return { tagA: tags[i]!, tagB: tags[j]!, count, countA: single[i]!, countB: single[j]!, lift: (count * c.n) / (single[i]! * single[j]!) };
  });
  return rowsTable(rows, ['tagA', 'tagB', 'count', 'countA', 'countB', 'lift']);
}

/**
 * Tag co-occurrence among the most used topic tags: how often two tags share an article, and
 * the lift (how much more often than if the tags were independent).
 */
import { from, type ColumnTable } from 'arquero';
import { articleColumns } from './columns.ts';
import { topTopicTags } from './trends.ts';

export interface CooccurrenceOptions {
  /** How many of the most used topic tags to pair. @default 20 */
  top?: number;
}

/**
 * One row per unordered pair of top tags that appear together at least once:
 * `lift = count(A∩B) · N / (count(A) · count(B))`.
 */
export function tagCooccurrence(articles: ColumnTable, options: CooccurrenceOptions = {}): ColumnTable {
  const { top = 20 } = options;
  const tags = topTopicTags(articles, top);
  const position = new Map(tags.map((tag, i) => [tag, i]));
  const c = articleColumns(articles);
  const single = new Array<number>(tags.length).fill(0);
  const pair = new Map<number, number>();
  for (let row = 0; row < c.n; row++) {
    const present = c.topicTags[row]!.map((t) => position.get(t)).filter((i): i is number => i !== undefined).sort((x, y) => x - y);
    for (let i = 0; i < present.length; i++) {
      single[present[i]!]!++;
      for (let j = i + 1; j < present.length; j++) {
        const key = present[i]! * tags.length + present[j]!;
        pair.set(key, (pair.get(key) ?? 0) + 1);
      }
    }
  }
  const rows = [...pair].sort((x, y) => x[0] - y[0]).map(([key, count]) => {
    const i = Math.floor(key / tags.length);
    const j = key % tags.length;
    return { tagA: tags[i]!, tagB: tags[j]!, count, countA: single[i]!, countB: single[j]!, lift: (count * c.n) / (single[i]! * single[j]!) };
  });
  return from(rows);
}

/**
 * Keeps one record per article id. Counters only grow, so the copy with the most views is the
 * newest; on a tie the first in path order wins, so the choice never depends on scheduling.
 */
import type { ArticleRecord } from '../article.ts';

export interface DedupeResult {
  /** One record per id, sorted by id. */
  records: ArticleRecord[];
  /** Copies dropped. */
  duplicates: number;
  /** Ids that appeared more than once. */
  duplicateIds: number;
  /** Of those ids, how many had copies whose views, comments or collects differed. */
  duplicatesWithDifferentStats: number;
}

/** @param records in path order */
export function dedupeById(records: readonly ArticleRecord[]): DedupeResult {
  const byId = new Map<number, ArticleRecord[]>();
  for (const record of records) {
    const copies = byId.get(record.id);
    if (copies) copies.push(record);
    else byId.set(record.id, [record]);
  }
  const kept: ArticleRecord[] = [];
  let duplicates = 0;
  let duplicateIds = 0;
  let duplicatesWithDifferentStats = 0;
  for (const copies of byId.values()) {
    let best = copies[0]!;
    for (const copy of copies) if (copy.views > best.views) best = copy;
    kept.push(best);
    if (copies.length > 1) {
      duplicates += copies.length - 1;
      duplicateIds++;
      const differ = copies.some((c) => c.views !== best.views || c.comments !== best.comments || c.collects !== best.collects);
      if (differ) duplicatesWithDifferentStats++;
    }
  }
  kept.sort((a, b) => a.id - b.id);
  return { records: kept, duplicates, duplicateIds, duplicatesWithDifferentStats };
}

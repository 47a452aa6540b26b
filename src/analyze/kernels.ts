/**
 * Group kernels over the table's compact columns: counts, medians and rates per tag (the tag
 * explode) or per value of a text column, on dictionary keys and typed arrays — a counting sort
 * places each group's values side by side and a quickselect finds each median, so the work is
 * linear in rows, with no object per row. Columns in another form (e.g. after an arquero filter) are encoded first.
 */
import type { ColumnTable } from 'arquero';
import { medianInPlace } from '../stats/quantiles.ts';
import { compareText, keyIdsOf, numberColumn } from './columns.ts';

export interface GroupSummary {
  key: string;
  count: number;
  medianViews: number;
  /** Sum of collects over sum of views; null when the group has no views. */
  collectRate: number | null;
}

/** True when every value is an integer that fits an Int32Array. */
function allInt32(values: Float64Array): boolean {
  for (let i = 0; i < values.length; i++) if ((values[i]! | 0) !== values[i]) return false;
  return true;
}

/**
 * Count, median views and collect rate per group, for a list column (each row counts in every
 * group it lists: the tag explode) or a text column.
 * @param minCount keep groups with at least this many rows
 * @returns groups in key order (code points)
 */
export function summarizeGroups(articles: ColumnTable, by: string, minCount = 1): GroupSummary[] {
  const { keys, keyOffsets, keyIds } = keyIdsOf(articles, by);
  const views = numberColumn(articles, 'views');
  const collects = numberColumn(articles, 'collects');
  const groups = keys.length;
  // Counting sort of (group, views) pairs.
  const starts = new Int32Array(groups + 1);
  for (let k = 0; k < keyIds.length; k++) starts[keyIds[k]! + 1]!++;
  for (let g = 0; g < groups; g++) starts[g + 1]! += starts[g]!;
  const placed = starts.slice(0, groups);
  // Views that are all integers (they always are in real data) are grouped as Int32: half the
  // memory of the largest array here, whose fresh pages and scattered writes dominate the kernel.
  const grouped = allInt32(views) ? new Int32Array(keyIds.length) : new Float64Array(keyIds.length);
  const viewSums = new Float64Array(groups);
  const collectSums = new Float64Array(groups);
  const n = keyOffsets.length - 1;
  for (let r = 0; r < n; r++) {
    const v = views[r]!;
    const c = collects[r]!;
    for (let k = keyOffsets[r]!; k < keyOffsets[r + 1]!; k++) {
      const g = keyIds[k]!;
      grouped[placed[g]!++] = v;
      viewSums[g]! += v;
      collectSums[g]! += c;
    }
  }
  const out: GroupSummary[] = [];
  for (let g = 0; g < groups; g++) {
    const count = starts[g + 1]! - starts[g]!;
    if (count < minCount || count === 0) continue;
    out.push({ key: keys[g]!, count, medianViews: medianInPlace(grouped.subarray(starts[g]!, starts[g + 1]!)), collectRate: viewSums[g]! > 0 ? collectSums[g]! / viewSums[g]! : null });
  }
  return out.sort((a, b) => compareText(a.key, b.key));
}

/**
 * How many rows carry each key of a list column (a row counts once per key it lists) or a text or
 * number column, most first, ties by key (code points): counted on dictionary ids, no string per row.
 * @example groupCounts(articles, 'topicTags')[0] // { key: '经验分享', count: 231682 }
 */
export function groupCounts(articles: ColumnTable, by: string): { key: string; count: number }[] {
  const { keys, keyIds } = keyIdsOf(articles, by);
  const counts = new Int32Array(keys.length);
  for (let k = 0; k < keyIds.length; k++) counts[keyIds[k]!]!++;
  const out: { key: string; count: number }[] = [];
  for (let g = 0; g < keys.length; g++) if (counts[g]! > 0) out.push({ key: keys[g]!, count: counts[g]! });
  return out.sort((a, b) => b.count - a.count || compareText(a.key, b.key));
}


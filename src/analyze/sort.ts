/**
 * Sorting a leaderboard: by any column, best first unless told otherwise. "Best" depends on the
 * column: more views, a higher cohort index or rate is better; a smaller spread (more
 * consistent), p-value or q-value is better; names sort alphabetically.
 */
import { compareText } from './columns.ts';

/** Columns where a smaller value ranks first. */
const SMALLER_IS_BETTER = new Set(['cohortIndexSpread', 'p', 'q', 'pValue']);

export type SortOrder = 'asc' | 'desc';

/**
 * The direction that lists a column best first.
 * @example bestFirst('cohortIndex') // 'desc'; bestFirst('cohortIndexSpread') // 'asc'
 */
export function bestFirst(field: string, sample?: unknown): SortOrder {
  if (SMALLER_IS_BETTER.has(field)) return 'asc';
  return typeof sample === 'string' ? 'asc' : 'desc';
}

/**
 * The order of a leaderboard's rows: by a column (nulls last whichever the order), then by count
 * descending, then by the `key` column's text. Returns row indices; stable.
 * @throws Error when `field` is not a column
 * @param order @default best first for the column (see bestFirst)
 * @example sortedOrder({ tag: ['a', 'b'], count: [1, 2], cohortIndex: [0.9, 1.4] }, 'cohortIndex', 'tag') // [1, 0]
 */
export function sortedOrder(columns: Readonly<Record<string, ArrayLike<unknown>>>, field: string, key: string, order?: SortOrder): number[] {
  const values = columns[field];
  if (!values) throw new Error(`cannot sort by "${field}": the columns are ${Object.keys(columns).join(', ')}`);
  const counts = columns.count as ArrayLike<number>;
  const keys = columns[key]!;
  const indices = Array.from({ length: values.length }, (_, i) => i);
  const sign = (order ?? bestFirst(field, Array.prototype.find.call(values, (v) => v !== null && v !== undefined))) === 'asc' ? 1 : -1;
  return indices.sort((a, b) => {
    const x = values[a] as number | string | null | undefined;
    const y = values[b] as number | string | null | undefined;
    if (x !== y) {
      if (x === null || x === undefined) return 1;
      if (y === null || y === undefined) return -1;
      const byField = typeof x === 'string' || typeof y === 'string' ? compareText(String(x), String(y)) : x < y ? -1 : x > y ? 1 : 0;
      if (byField !== 0) return sign * byField;
    }
    return (counts[b]! - counts[a]!) || compareText(String(keys[a]), String(keys[b]));
  });
}

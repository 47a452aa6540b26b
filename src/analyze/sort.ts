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
 * Sorts rows by a field (nulls last whichever the order), then by count descending, then by `key`.
 * @param order @default best first for the field (see bestFirst)
 */
export function sortRows<T extends Record<string, unknown>>(rows: T[], field: string, key: keyof T, order: SortOrder = bestFirst(field, rows.find((r) => r[field] !== null && r[field] !== undefined)?.[field])): T[] {
  const sign = order === 'asc' ? 1 : -1;
  return rows.sort((a, b) => {
    const x = a[field] as number | string | null | undefined;
    const y = b[field] as number | string | null | undefined;
    if (x !== y) {
      if (x === null || x === undefined) return 1;
      if (y === null || y === undefined) return -1;
      const byField = typeof x === 'string' || typeof y === 'string' ? compareText(String(x), String(y)) : x < y ? -1 : x > y ? 1 : 0;
      if (byField !== 0) return sign * byField;
    }
    return ((b.count as number) - (a.count as number)) || compareText(String(a[key]), String(b[key]));
  });
}

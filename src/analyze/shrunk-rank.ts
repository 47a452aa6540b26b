/**
 * The rank of a leaderboard: each group's typical value shrunk toward the groups' common value
 * (normal–normal empirical Bayes on the log scale, see stats/normal-shrinkage.ts), so a group of
 * three lucky articles is pulled toward typical until more articles confirm it. The raw median,
 * its interval and the count stay beside it in every leaderboard.
 */
import { type GroupMoments, groupMoments, shrinkMeans } from '../stats/normal-shrinkage.ts';
import type { NumberColumn, Rows } from './columns.ts';
import { ColumnCache } from './column-cache.ts';

/** A log scale for shrinking: values in, log values out, and back. */
export interface LogScale {
  toLog(value: number): number;
  fromLog(value: number): number;
}

/**
 * Cohort indexes on the log scale, floored at 0.01 (an article with 1% of its month's median
 * views) so an article without views does not weigh as minus infinity.
 */
export const COHORT_SCALE: LogScale = {
  toLog: (value) => Math.log(Math.max(value, 0.01)),
  fromLog: Math.exp,
};

/** Rates that can be 0 (views gained per day): log(1 + value), negative values as 0. */
export const RATE_SCALE: LogScale = {
  toLog: (value) => Math.log1p(Math.max(value, 0)),
  fromLog: Math.expm1,
};

/** A group's shrunk typical value and its 95% interval (nulls for a group without values). */
export interface ShrunkColumns {
  shrunk: number | null;
  shrunkLow: number | null;
  shrunkHigh: number | null;
}

/**
 * Shrunk typical values of groups given as their values. The prior is fitted over exactly these
 * groups: pass the groups being ranked.
 * @example shrunkTypical([[1.2, 0.8], [3, 2.5, 4]], COHORT_SCALE)[1].shrunk
 */
export function shrunkTypical(groups: readonly ArrayLike<number>[], scale: LogScale): ShrunkColumns[] {
  return shrunkFromMoments(groups.map((values) => groupMoments(toLogs(values, scale))), scale);
}

function toLogs(values: ArrayLike<number>, scale: LogScale): Float64Array {
  const logs = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const value = values[i]!;
    logs[i] = Number.isNaN(value) ? NaN : scale.toLog(value);
  }
  return logs;
}

function shrunkFromMoments(moments: GroupMoments[], scale: LogScale): ShrunkColumns[] {
  return shrinkMeans(moments).map((estimate) => estimate
    ? { shrunk: scale.fromLog(estimate.estimate), shrunkLow: nullIfNaN(scale.fromLog(estimate.low)), shrunkHigh: nullIfNaN(scale.fromLog(estimate.high)) }
    : { shrunk: null, shrunkLow: null, shrunkHigh: null });
}

function nullIfNaN(value: number): number | null {
  return Number.isNaN(value) ? null : value;
}

// A cohort index column's logs, kept while the column lives: a report's leaderboards (tags,
// authors, title words, categories) shrink the same column, a million logs each time.
const cohortLogs = new ColumnCache<NumberColumn, Float64Array>();

/**
 * A cohort index column's logs on COHORT_SCALE, made once per column array: read them, do not
 * change them.
 * @example groupMoments(cohortIndexLogs(columns.cohortIndex), tagRows)
 */
export function cohortIndexLogs(cohort: NumberColumn): Float64Array {
  let logs = cohortLogs.get(cohort);
  if (!logs) cohortLogs.set(cohort, (logs = toLogs(cohort, COHORT_SCALE)));
  return logs;
}

/** A leaderboard's shrunk cohort index columns. */
export type ShrunkCohortIndex = {
  cohortIndexShrunk: number | null;
  cohortIndexShrunkLow: number | null;
  cohortIndexShrunkHigh: number | null;
};

/**
 * The shrunk cohort index of groups of rows, as leaderboard columns. The column's logs are taken
 * once, and each group's moments read from them in place.
 * @example shrunkCohortIndex(columns.cohortIndex, [tagRows, otherTagRows])[0].cohortIndexShrunk
 */
export function shrunkCohortIndex(cohort: NumberColumn, groups: readonly Rows[]): ShrunkCohortIndex[] {
  const logs = cohortIndexLogs(cohort);
  return shrunkCohortIndexOf(groups.map((rows) => groupMoments(logs, rows)));
}

/**
 * The shrunk cohort index of groups given as the moments of their rows' logs (cohortIndexLogs'),
 * as leaderboard columns: for groups whose rows are not listed one group at a time.
 * @example shrunkCohortIndexOf([groupMoments(cohortIndexLogs(column), rows)])
 */
export function shrunkCohortIndexOf(moments: GroupMoments[]): ShrunkCohortIndex[] {
  return shrunkFromMoments(moments, COHORT_SCALE)
    .map((s) => ({ cohortIndexShrunk: s.shrunk, cohortIndexShrunkLow: s.shrunkLow, cohortIndexShrunkHigh: s.shrunkHigh }));
}

/**
 * The numbers every grouped table shares (engagement summary, tag and author leaderboards):
 * counts, medians and quartiles, means, rates as sum over sum, cohort index.
 * One definition here, so a tag's median views is computed the same way everywhere.
 */
import { collectRate, commentRate } from '../metrics.ts';
import { type Interval, MedianIntervals } from '../stats/bootstrap.ts';
import { type BetaPrior, shrinkRate } from '../stats/beta-binomial.ts';
import { medianInPlace, medianSorted, quantileSorted, quantilesInPlace } from '../stats/quantiles.ts';
import { type ArticleColumns, type NumberColumn, pick, type Rows, sumAt } from './columns.ts';

/** Groups smaller than this get `smallSample: true`: their intervals are too wide to rank on. */
export const SMALL_SAMPLE = 30;

function mean(values: Float64Array): number | null {
  if (values.length === 0) return null;
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += values[i]!;
  return sum / values.length;
}

/**
 * Room for one group's values of a column, reused from group to group and grown to the largest:
 * a new array per group and column (three per leaderboard row, five per engagement row) cost an
 * allocation, zeroing and later a collection each. The values are read before the next group's.
 */
class Scratch {
  private room = new Float64Array(256);

  /** A column's values at the rows (NaN, i.e. null, left out), in row order, in this room. */
  pick(column: NumberColumn, rows: Rows): Float64Array {
    if (this.room.length < rows.length) this.room = new Float64Array(Math.max(rows.length, 2 * this.room.length));
    return pick(column, rows, this.room);
  }
}

// One room per column read at once (a leaderboard row holds views and cohort index sorted together).
const viewsRoom = new Scratch();
const cohortRoom = new Scratch();
const otherRoom = new Scratch();

/**
 * Median, quartiles and mean of a column over rows (NaN, i.e. null, left out); `sorted` is the
 * values in the scratch room: read it before the room's next group.
 */
function distribution(column: NumberColumn, rows: Rows, room: Scratch) {
  const values = room.pick(column, rows);
  const total = mean(values); // before sorting, so the sum runs in row order as it always has
  const s = values.sort();
  return {
    /** The values, sorted. */
    sorted: s,
    median: s.length ? medianSorted(s) : null,
    q1: s.length ? quantileSorted(s, 0.25) : null,
    q3: s.length ? quantileSorted(s, 0.75) : null,
    mean: total,
  };
}

/**
 * Median, quartiles and mean of a column over rows (NaN left out), by selection: no sort.
 * Without `quartiles` only the median is selected (the same selection gives the same median).
 */
function summary(column: NumberColumn, rows: Rows, quartiles = true) {
  const values = otherRoom.pick(column, rows);
  const total = mean(values);
  if (values.length === 0) return { median: null, q1: null, q3: null, mean: total };
  const [q1, median, q3] = quartiles ? quantilesInPlace(values, [0.25, 0.5, 0.75]) : [null, ...quantilesInPlace(values, [0.5]), null];
  return { median: median!, q1, q3, mean: total };
}

/** A group's collect and comment rates: their sums over its views' sum (metrics.ts). */
function rates(columns: ArticleColumns, rows: Rows, totalViews: number, totalCollects = sumAt(columns.collects, rows)) {
  return { collectRate: collectRate(totalCollects, totalViews), commentRate: commentRate(sumAt(columns.comments, rows), totalViews) };
}

/** The columns engagementOf gives, in order. */
export const ENGAGEMENT_COLUMNS = ['count', 'medianViews', 'q1Views', 'q3Views', 'meanViews', 'medianComments', 'q1Comments', 'q3Comments', 'meanComments',
  'medianCollects', 'q1Collects', 'q3Collects', 'meanCollects', 'totalViews', 'collectRate', 'commentRate', 'medianViewsPerDay', 'cohortIndex'] as const;

/** The engagement bundle of one group (ENGAGEMENT_COLUMNS). */
export function engagementOf(columns: ArticleColumns, rows: Rows) {
  const views = summary(columns.views, rows);
  const comments = summary(columns.comments, rows);
  const collects = summary(columns.collects, rows);
  const cohort = summary(columns.cohortIndex, rows);
  const totalViews = sumAt(columns.views, rows);
  return {
    count: rows.length,
    medianViews: views.median,
    q1Views: views.q1,
    q3Views: views.q3,
    meanViews: views.mean,
    medianComments: comments.median,
    q1Comments: comments.q1,
    q3Comments: comments.q3,
    meanComments: comments.mean,
    medianCollects: collects.median,
    q1Collects: collects.q1,
    q3Collects: collects.q3,
    meanCollects: collects.mean,
    totalViews,
    ...rates(columns, rows, totalViews),
    medianViewsPerDay: summary(columns.viewsPerDay, rows).median,
    cohortIndex: cohort.median,
  };
}

/**
 * The numbers of one period of a trend: engagementOf's count, median and mean views, median
 * collects, rates, cohort index and total views, without the quartiles and medians it does not show
 * (a trend of a million articles by month, quarter and year computed them for nothing).
 */
export function trendOf(columns: ArticleColumns, rows: Rows) {
  const views = summary(columns.views, rows, false);
  const totalViews = sumAt(columns.views, rows);
  return {
    count: rows.length,
    medianViews: views.median,
    meanViews: views.mean,
    medianCollects: summary(columns.collects, rows, false).median,
    ...rates(columns, rows, totalViews),
    cohortIndex: summary(columns.cohortIndex, rows, false).median,
    totalViews,
  };
}

/** Bootstrap options shared by the leaderboards. */
export interface LeaderboardOptions {
  /** Bootstrap resamples for the intervals. @default 1000 */
  resamples?: number;
  /** Seed of the bootstraps (the resamples of a group derive from it and the group's size). @default 1 */
  seed?: number;
}

/**
 * The median intervals of one leaderboard: groups of one size share their resamples.
 * @example leaderboardIntervals({ resamples: 1000, seed: 1 })
 */
export function leaderboardIntervals(options: LeaderboardOptions = {}): MedianIntervals {
  return new MedianIntervals({ resamples: options.resamples ?? 1000, seed: options.seed ?? 1 });
}

function bounds(interval: Interval | null): { low: number | null; high: number | null } {
  return interval ? { low: interval.low, high: interval.high } : { low: null, high: null };
}

/**
 * Leaderboard columns of one group: count, median views and cohort index with intervals and the
 * cohort index's quartiles and their spread, mean views, median collects, rates, and the shrunk
 * collect rate. The same definitions as engagementOf, computing only what a leaderboard shows: two
 * sorts (views and cohort index, which the intervals need) and one selection (collects) per group.
 */
export function leaderboardRow(columns: ArticleColumns, rows: Rows, prior: BetaPrior | null, intervals: MedianIntervals) {
  const views = distribution(columns.views, rows, viewsRoom);
  const cohort = distribution(columns.cohortIndex, rows, cohortRoom);
  const collects = otherRoom.pick(columns.collects, rows);
  const totalViews = sumAt(columns.views, rows);
  const totalCollects = sumAt(columns.collects, rows);
  const viewsInterval = bounds(intervals.of(views.sorted));
  const cohortInterval = bounds(intervals.of(cohort.sorted));
  const shrunk = prior ? shrinkRate({ k: totalCollects, n: totalViews }, prior) : null;
  return {
    count: rows.length,
    medianViews: views.median,
    medianViewsLow: viewsInterval.low,
    medianViewsHigh: viewsInterval.high,
    meanViews: views.mean,
    totalViews,
    medianCollects: collects.length ? medianInPlace(collects) : null,
    ...rates(columns, rows, totalViews, totalCollects),
    collectRateShrunk: shrunk?.rate ?? null,
    collectRateShrunkLow: shrunk?.low ?? null,
    collectRateShrunkHigh: shrunk?.high ?? null,
    cohortIndex: cohort.median,
    cohortIndexLow: cohortInterval.low,
    cohortIndexHigh: cohortInterval.high,
    cohortIndexQ1: cohort.q1,
    cohortIndexQ3: cohort.q3,
    cohortIndexSpread: cohort.q1 !== null && cohort.q3 !== null ? cohort.q3 - cohort.q1 : null,
    smallSample: rows.length < SMALL_SAMPLE,
  };
}

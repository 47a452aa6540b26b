/**
 * Seeded percentile bootstrap intervals. Seeded, so the same data always gives the same interval.
 */
import { randomBeta } from 'd3-random';
import { selectSmallest } from './quantiles.ts';
import { nextRandomState, seededRandom, uniformOf } from './random.ts';

export interface BootstrapOptions {
  /** Resamples drawn. @default 1000 */
  resamples?: number;
  /** Coverage of the interval. @default 0.95 */
  level?: number;
  /** Seed of the random stream. @default 1 */
  seed?: number;
}

export interface Interval {
  low: number;
  high: number;
}

function percentileInterval(estimates: Float64Array, level: number): Interval {
  const [lowRank, highRank] = percentileRanks(estimates.length, level);
  // Two selections instead of a sort: the values are the sorted array's at the same ranks.
  const low = selectSmallest(estimates, lowRank);
  return { low, high: selectSmallest(estimates, highRank, lowRank) };
}

/** The 0-based ranks, among `count` sorted estimates, of a percentile interval's two ends. */
function percentileRanks(count: number, level: number): [number, number] {
  const tail = (1 - level) / 2;
  const rank = (p: number) => Math.min(count - 1, Math.max(0, Math.floor(p * count)));
  return [rank(tail), rank(1 - tail)];
}

/** Below this many values, drawing the indices is cheaper than a Beta draw (~10 uniform draws). */
const DIRECT_BELOW = 12;

/**
 * A sampler of the median of one resample (with replacement) of already sorted values.
 * Large samples draw it through order statistics: the k-th smallest of n uniform draws is
 * Beta(k, n + 1 - k), and the k-th smallest resampled index is floor(n × that draw); for an even
 * n, the next order statistic is the smallest of the n - k draws above it. That is O(1) per
 * resample instead of O(n), with exactly the distribution of drawing n indices (tested against
 * enumerating every resample): a million-row leaderboard's intervals cost seconds, not minutes.
 * Small samples draw the n indices, count them and walk to the middle (resampled values keep
 * their indices' order), which is cheaper there.
 * @param directBelow sample size below which indices are drawn (tests set it to check both ways)
 */
export function resampledMedianSampler(sorted: ArrayLike<number>, random: () => number, directBelow = DIRECT_BELOW): () => number {
  const n = sorted.length;
  if (n < directBelow) return drawnIndexMedian(sorted, random);
  const ranks = new Int32Array(2);
  const draw = resampledMedianRanks(n, random, ranks);
  return () => {
    draw();
    return (sorted[ranks[0]!]! + sorted[ranks[1]!]!) / 2;
  };
}

/**
 * The order-statistics draw of resampledMedianSampler as ranks: each call writes the 0-based
 * ranks of the two middle values of one resample of n sorted values into `out` (the same rank
 * twice for an odd n). Values never enter, so groups of one size can share the draws.
 */
function resampledMedianRanks(n: number, random: () => number, out: Int32Array): () => void {
  const lowRank = (n + 1) >> 1; // 1-based rank of the lower middle value
  const lowOrderStatistic = randomBeta.source(random)(lowRank, n + 1 - lowRank);
  const indexOf = (u: number) => Math.min(n - 1, Math.floor(u * n));
  if (n % 2 === 1) {
    return () => {
      out[0] = out[1] = indexOf(lowOrderStatistic());
    };
  }
  const above = n - lowRank; // draws above the lower middle one
  return () => {
    const low = lowOrderStatistic();
    const high = low + (1 - low) * (1 - Math.pow(1 - random(), 1 / above));
    out[0] = indexOf(low);
    out[1] = indexOf(high);
  };
}

/** Distinct pairs of drawn ranks at most, for MedianIntervals to read an even-sized group's interval from them. */
const FEW_PAIRS = 200;

/** Distinct rank pairs of a size's resamples, with how many resamples drew each. */
interface RankPairs {
  low: Int32Array;
  high: Int32Array;
  count: Int32Array;
}

/**
 * Median intervals for many groups, as a leaderboard needs them. The resamples of a group depend
 * on its size and the seed only, so every group of one size reuses one set of resampled ranks:
 * drawn once, then read for each group (each interval is still a bootstrap of its own group).
 * Below 12 values the interval is exact (see bootstrapMedian); a group whose values are all equal
 * has that value as its interval, without resampling. Results do not depend on the order in
 * which groups are asked for, nor on how many threads ask.
 * @example const intervals = new MedianIntervals({ seed: 1 }); intervals.of(sortedViews)
 */
export class MedianIntervals {
  private readonly ranks = new Map<number, Int32Array>();
  private readonly bounds = new Map<number, Interval>();
  private readonly pairs = new Map<number, RankPairs | null>();
  private readonly estimates: Float64Array;
  private readonly resamples: number;
  private readonly level: number;
  private readonly seed: number;

  constructor(options: BootstrapOptions = {}) {
    this.resamples = options.resamples ?? 1000;
    this.level = options.level ?? 0.95;
    this.seed = options.seed ?? 1;
    this.estimates = new Float64Array(this.resamples);
  }

  /** The interval of the median of sorted values (null for fewer than 2). */
  of(sorted: ArrayLike<number>): Interval | null {
    const n = sorted.length;
    if (n < 2) return null;
    if (sorted[0] === sorted[n - 1]) return { low: sorted[0]!, high: sorted[0]! };
    if (n < DIRECT_BELOW) return exactMedianInterval(sorted, this.level);
    if (n % 2 === 1) {
      // Each resample's median is one value, at a drawn rank; the values are sorted, so the
      // estimates' percentiles are the values at the drawn ranks' percentiles, found once per size.
      const { low, high } = this.oddRankBounds(n);
      return { low: (sorted[low]! + sorted[low]!) / 2, high: (sorted[high]! + sorted[high]!) / 2 };
    }
    const pairs = this.pairsFor(n);
    if (pairs) {
      // The resamples' medians from their distinct rank pairs: exactly the values of sorting all of them.
      const [lowRank, highRank] = percentileRanks(this.resamples, this.level);
      return weightedMedianBounds(sorted, pairs.low, pairs.high, pairs.count, lowRank, highRank);
    }
    const ranks = this.ranksFor(n);
    const estimates = this.estimates;
    for (let r = 0; r < this.resamples; r++) estimates[r] = (sorted[ranks[2 * r]!]! + sorted[ranks[2 * r + 1]!]!) / 2;
    return percentileInterval(estimates, this.level);
  }

  /**
   * For an even n: the distinct pairs of ranks the resamples drew, with how many drew each, when
   * they are few (a group of a few dozen values draws a few dozen pairs a thousand times).
   */
  private pairsFor(n: number): RankPairs | null {
    let pairs = this.pairs.get(n);
    if (pairs === undefined) {
      const ranks = this.ranksFor(n);
      const counts = new Map<number, number>();
      for (let r = 0; r < this.resamples; r++) {
        const key = ranks[2 * r]! * n + ranks[2 * r + 1]!;
        counts.set(key, (counts.get(key) ?? 0) + 1);
      }
      pairs = null;
      if (counts.size <= FEW_PAIRS) {
        // In order of the ranks' sum: the medians then come nearly in order, and the insertion below is short.
        const sum = (key: number) => Math.floor(key / n) + (key % n);
        const keys = [...counts.keys()].sort((a, b) => sum(a) - sum(b) || a - b);
        pairs = { low: Int32Array.from(keys, (key) => Math.floor(key / n)), high: Int32Array.from(keys, (key) => key % n), count: Int32Array.from(keys, (key) => counts.get(key)!) };
      }
      this.pairs.set(n, pairs);
    }
    return pairs;
  }

  /** For an odd n: the drawn ranks at the interval's percentiles (as percentileInterval picks them). */
  private oddRankBounds(n: number): Interval {
    let bounds = this.bounds.get(n);
    if (!bounds) {
      const ranks = this.ranksFor(n);
      const drawn = new Float64Array(this.resamples);
      for (let r = 0; r < this.resamples; r++) drawn[r] = ranks[2 * r]!;
      bounds = percentileInterval(drawn, this.level);
      this.bounds.set(n, bounds);
    }
    return bounds;
  }

  private ranksFor(n: number): Int32Array {
    let ranks = this.ranks.get(n);
    if (!ranks) {
      ranks = new Int32Array(2 * this.resamples);
      const pair = new Int32Array(2);
      const draw = resampledMedianRanks(n, seededRandom(seedFromSize(n, this.seed)), pair);
      for (let r = 0; r < this.resamples; r++) {
        draw();
        ranks[2 * r] = pair[0]!;
        ranks[2 * r + 1] = pair[1]!;
      }
      this.ranks.set(n, ranks);
    }
    return ranks;
  }
}

/** The seed of the resamples of groups of n values. */
export function seedFromSize(n: number, seed: number): number {
  return (Math.imul(n, 0x9e3779b1) ^ seed) >>> 0;
}

/** The median of a resample drawn index by index (see resampledMedianSampler). */
function drawnIndexMedian(sorted: ArrayLike<number>, random: () => number): () => number {
  const n = sorted.length;
  const counts = new Int32Array(n);
  const lowRank = (n - 1) >> 1; // 0-based rank of the lower middle value
  const highRank = n >> 1;
  return () => {
    counts.fill(0);
    for (let i = 0; i < n; i++) counts[Math.floor(random() * n)]!++;
    let seen = 0;
    let low = NaN;
    for (let index = 0; index < n; index++) {
      seen += counts[index]!;
      if (Number.isNaN(low) && seen > lowRank) low = sorted[index]!;
      if (seen > highRank) return (low + sorted[index]!) / 2;
    }
    return low;
  };
}

function ascending(values: ArrayLike<number>): Float64Array {
  // Callers mostly pass values they have sorted already: check in one pass rather than sort again
  // (a NaN fails the check, and Float64Array's sort then puts it last as before).
  let inOrder = true;
  for (let i = 1; i < values.length && inOrder; i++) inOrder = values[i - 1]! <= values[i]!;
  if (inOrder && values.length && !Number.isNaN(values[0]!)) return values instanceof Float64Array ? values : Float64Array.from(values);
  return Float64Array.from(values).sort();
}

/**
 * The exact bootstrap distribution of the median's resampled row numbers for n values: every
 * pair (a, b) of 0-based ranks the two middle draws can take (a = b for an odd n) with its
 * probability. It depends on n alone, so it is worked out once per n.
 */
const exactMedianRanks = new Map<number, { low: Int32Array; high: Int32Array; probability: Float64Array }>();

function logFactorial(k: number): number {
  let sum = 0;
  for (let i = 2; i <= k; i++) sum += Math.log(i);
  return sum;
}

/** log of p^k, with 0^0 = 1. */
const logPower = (p: number, k: number) => (k === 0 ? 0 : k * Math.log(p));

/**
 * The exact bootstrap distribution of the median's middle ranks for n values (see above).
 * @example medianRanksOf(3).probability // [7/27, 13/27, 7/27]
 */
export function medianRanksOf(n: number): { low: Int32Array; high: Int32Array; probability: Float64Array } {
  const known = exactMedianRanks.get(n);
  if (known) return known;
  const low: number[] = [];
  const high: number[] = [];
  const probability: number[] = [];
  const k = (n + 1) >> 1; // 1-based rank of the lower middle draw
  const even = n % 2 === 0;
  const f = (m: number) => logFactorial(m);
  for (let a = 0; a < n; a++) {
    const below = a / n;
    // The lower middle draw is rank a: L draws below it, E at it, with L < k ≤ L + E.
    if (!even) {
      let p = 0;
      for (let l = 0; l < k; l++) {
        for (let e = k - l; l + e <= n; e++) {
          const rest = n - l - e;
          p += Math.exp(f(n) - f(l) - f(e) - f(rest) + logPower(below, l) + logPower(1 / n, e) + logPower((n - 1 - a) / n, rest));
        }
      }
      low.push(a); high.push(a); probability.push(p);
      continue;
    }
    // Even n: the two middle draws are the k-th and (k+1)-th smallest.
    let same = 0;
    for (let l = 0; l < k; l++) {
      for (let e = k + 1 - l; l + e <= n; e++) {
        const rest = n - l - e;
        same += Math.exp(f(n) - f(l) - f(e) - f(rest) + logPower(below, l) + logPower(1 / n, e) + logPower((n - 1 - a) / n, rest));
      }
    }
    low.push(a); high.push(a); probability.push(same);
    for (let b = a + 1; b < n; b++) {
      // Exactly k draws at or below a (the k-th at a), none between, F ≥ 1 at b, the rest above b.
      let p = 0;
      for (let l = 0; l < k; l++) {
        const e = k - l;
        for (let g = 1; k + g <= n; g++) {
          const rest = n - k - g;
          p += Math.exp(f(n) - f(l) - f(e) - f(g) - f(rest) + logPower(below, l) + logPower(1 / n, e) + logPower(1 / n, g) + logPower((n - 1 - b) / n, rest));
        }
      }
      low.push(a); high.push(b); probability.push(p);
    }
  }
  const ranks = { low: Int32Array.from(low), high: Int32Array.from(high), probability: Float64Array.from(probability) };
  exactMedianRanks.set(n, ranks);
  return ranks;
}

/**
 * The percentile interval of the exact bootstrap distribution of the median of a few sorted
 * values: the smallest medians whose cumulative probability passes the lower and the upper tail
 * (what 1,000 resamples estimate, without their noise).
 */
function exactMedianInterval(sorted: ArrayLike<number>, level: number): Interval {
  const { low, high, probability } = medianRanksOf(sorted.length);
  const tail = (1 - level) / 2;
  return weightedMedianBounds(sorted, low, high, probability, tail, 1 - tail);
}

/**
 * The bounds of an interval from weighted pairs of ranks: each pair's median ((a + b) / 2 of the
 * sorted values), ordered, and the first median where the running weight passes `lowAt`, then
 * `highAt` (a percentile interval read from the distinct resampled medians and how often each came).
 */
function weightedMedianBounds(sorted: ArrayLike<number>, low: Int32Array, high: Int32Array, weight: ArrayLike<number>, lowAt: number, highAt: number): Interval {
  const m = weight.length;
  if (m > pairScratch.order.length) pairScratch = { medians: new Float64Array(m), order: new Int32Array(m) };
  const { medians, order } = pairScratch;
  for (let i = 0; i < m; i++) {
    medians[i] = (sorted[low[i]!]! + sorted[high[i]!]!) / 2;
    order[i] = i;
  }
  // Insertion sort: the pairs come nearly in order (by their ranks), and there are a few dozen.
  for (let i = 1; i < m; i++) {
    const item = order[i]!;
    let j = i - 1;
    while (j >= 0 && medians[order[j]!]! > medians[item]!) { order[j + 1] = order[j]!; j--; }
    order[j + 1] = item;
  }
  let cumulative = 0;
  let lowValue = NaN;
  for (let k = 0; k < m; k++) {
    const i = order[k]!;
    cumulative += weight[i]!;
    if (Number.isNaN(lowValue) && cumulative > lowAt) lowValue = medians[i]!;
    if (cumulative > highAt) return { low: lowValue, high: medians[i]! };
  }
  return { low: lowValue, high: medians[order[m - 1]!]! };
}

/** Buffers of weightedMedianBounds (grown as needed). */
let pairScratch = { medians: new Float64Array(256), order: new Int32Array(256) };

/**
 * Percentile bootstrap interval of the median. Below 12 values it is worked out exactly from the
 * bootstrap distribution (every resample weighed by its probability) instead of drawn: the same
 * interval the draws aim at, without their noise, and about 100 times faster — a leaderboard of
 * 60,000 small authors spent most of its time drawing their resamples.
 * @returns null for fewer than 2 values
 */
export function bootstrapMedian(values: ArrayLike<number>, options: BootstrapOptions = {}): Interval | null {
  const { resamples = 1000, level = 0.95, seed = 1 } = options;
  if (values.length < 2) return null;
  if (values.length < DIRECT_BELOW) return exactMedianInterval(ascending(values), level);
  const resampledMedian = resampledMedianSampler(ascending(values), seededRandom(seed));
  const estimates = new Float64Array(resamples);
  for (let r = 0; r < resamples; r++) estimates[r] = resampledMedian();
  return percentileInterval(estimates, level);
}

/**
 * Percentile bootstrap interval of the ratio of two independent samples' medians, each sample
 * resampled on its own.
 */
export function bootstrapMedianRatio(a: ArrayLike<number>, b: ArrayLike<number>, options: BootstrapOptions = {}): Interval | null {
  const { resamples = 1000, level = 0.95, seed = 1 } = options;
  if (a.length < 2 || b.length < 2) return null;
  const random = seededRandom(seed);
  const medianA = resampledMedianSampler(ascending(a), random);
  const medianB = resampledMedianSampler(ascending(b), random);
  const estimates: number[] = [];
  for (let r = 0; r < resamples; r++) {
    const value = medianA() / medianB();
    if (Number.isFinite(value)) estimates.push(value);
  }
  return estimates.length ? percentileInterval(Float64Array.from(estimates), level) : null;
}

/** One group's two paired columns, the ratio of whose sums is bootstrapped (collects over views). */
export interface PairedColumns {
  top: ArrayLike<number>;
  bottom: ArrayLike<number>;
}

/**
 * Percentile bootstrap interval of Σ top / Σ bottom of group A minus that of group B, the rows of
 * each group resampled with replacement (a ratio of sums where a bottom sum is 0 is left out).
 * Each resample draws A's rows, then B's, from one seeded stream, summing as it draws.
 * @example bootstrapRatioDifference({ top: collectsA, bottom: viewsA }, { top: collectsB, bottom: viewsB }, { seed: 11 })
 */
export function bootstrapRatioDifference(a: PairedColumns, b: PairedColumns, options: BootstrapOptions = {}): Interval | null {
  const { resamples = 1000, level = 0.95, seed = 1 } = options;
  if (a.top.length < 2 || b.top.length < 2) return null;
  // mulberry32's state in a local number: kept in a closure, it made each draw twice as dear.
  let state = seed >>> 0;
  const estimates = new Float64Array(resamples);
  let kept = 0;
  const groups = [[a, 1], [b, -1]] as const; // A's rows drawn first, then B's
  for (let r = 0; r < resamples; r++) {
    let value = 0;
    for (const [{ top, bottom }, sign] of groups) {
      const n = top.length;
      let topSum = 0;
      let bottomSum = 0;
      for (let k = 0; k < n; k++) {
        state = nextRandomState(state);
        const i = Math.floor(uniformOf(state) * n);
        topSum += top[i]!;
        bottomSum += bottom[i]!;
      }
      value += sign * (bottomSum > 0 ? topSum / bottomSum : NaN);
    }
    if (Number.isFinite(value)) estimates[kept++] = value;
  }
  return kept ? percentileInterval(estimates.subarray(0, kept), level) : null;
}

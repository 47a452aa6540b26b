/**
 * Seeded percentile bootstrap intervals. Seeded, so the same data always gives the same interval.
 */
import { seededRandom } from './random.ts';

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
  estimates.sort();
  const tail = (1 - level) / 2;
  const pick = (p: number) => estimates[Math.min(estimates.length - 1, Math.max(0, Math.floor(p * estimates.length)))]!;
  return { low: pick(tail), high: pick(1 - tail) };
}

/**
 * The median of one resample (with replacement) of already sorted values. Draws indices, counts
 * them, and walks the counts to the middle: O(n) with no sort, since resampled values keep the
 * order of their indices.
 */
function resampledMedian(sorted: ArrayLike<number>, random: () => number, counts: Int32Array): number {
  const n = sorted.length;
  counts.fill(0);
  for (let i = 0; i < n; i++) counts[Math.floor(random() * n)]!++;
  const lowRank = (n - 1) >> 1; // 0-based rank of the lower middle value
  const highRank = n >> 1;
  let seen = 0;
  let low = NaN;
  for (let index = 0; index < n; index++) {
    seen += counts[index]!;
    if (Number.isNaN(low) && seen > lowRank) low = sorted[index]!;
    if (seen > highRank) return (low + sorted[index]!) / 2;
  }
  return low;
}

function ascending(values: ArrayLike<number>): Float64Array {
  return Float64Array.from(values).sort();
}

/**
 * Percentile bootstrap interval of the median.
 * @returns null for fewer than 2 values
 */
export function bootstrapMedian(values: ArrayLike<number>, options: BootstrapOptions = {}): Interval | null {
  const { resamples = 1000, level = 0.95, seed = 1 } = options;
  if (values.length < 2) return null;
  const random = seededRandom(seed);
  const sorted = ascending(values);
  const counts = new Int32Array(sorted.length);
  const estimates = new Float64Array(resamples);
  for (let r = 0; r < resamples; r++) estimates[r] = resampledMedian(sorted, random, counts);
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
  const sortedA = ascending(a);
  const sortedB = ascending(b);
  const countsA = new Int32Array(sortedA.length);
  const countsB = new Int32Array(sortedB.length);
  const estimates: number[] = [];
  for (let r = 0; r < resamples; r++) {
    const value = resampledMedian(sortedA, random, countsA) / resampledMedian(sortedB, random, countsB);
    if (Number.isFinite(value)) estimates.push(value);
  }
  return estimates.length ? percentileInterval(Float64Array.from(estimates), level) : null;
}

/**
 * Percentile bootstrap interval of a statistic computed on resampled row indices of one or two
 * groups of paired columns (for ratios of sums such as collects / views).
 */
export function bootstrapIndices(
  sizes: readonly number[],
  statistic: (indices: Int32Array[]) => number,
  options: BootstrapOptions = {},
): Interval | null {
  const { resamples = 1000, level = 0.95, seed = 1 } = options;
  if (sizes.some((n) => n < 2)) return null;
  const random = seededRandom(seed);
  const buffers = sizes.map((n) => new Int32Array(n));
  const estimates: number[] = [];
  for (let r = 0; r < resamples; r++) {
    buffers.forEach((buffer, g) => {
      const n = sizes[g]!;
      for (let i = 0; i < n; i++) buffer[i] = Math.floor(random() * n);
    });
    const value = statistic(buffers);
    if (Number.isFinite(value)) estimates.push(value);
  }
  return estimates.length ? percentileInterval(Float64Array.from(estimates), level) : null;
}

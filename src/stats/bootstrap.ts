/**
 * Seeded percentile bootstrap intervals. Seeded, so the same data always gives the same interval.
 */
import { medianSorted } from './quantiles.ts';
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

/** One resample (with replacement) of values, sorted. */
function resampleSorted(values: ArrayLike<number>, random: () => number, into: Float64Array): Float64Array {
  const n = values.length;
  for (let i = 0; i < n; i++) into[i] = values[Math.floor(random() * n)]!;
  return into.sort();
}

/**
 * Percentile bootstrap interval of the median.
 * @returns null for fewer than 2 values
 */
export function bootstrapMedian(values: ArrayLike<number>, options: BootstrapOptions = {}): Interval | null {
  const { resamples = 1000, level = 0.95, seed = 1 } = options;
  if (values.length < 2) return null;
  const random = seededRandom(seed);
  const buffer = new Float64Array(values.length);
  const estimates = new Float64Array(resamples);
  for (let r = 0; r < resamples; r++) estimates[r] = medianSorted(resampleSorted(values, random, buffer));
  return percentileInterval(estimates, level);
}

/**
 * Percentile bootstrap interval of a statistic of two independent samples, each resampled on its own
 * (e.g. the ratio of their medians).
 */
export function bootstrapTwoSample(
  a: ArrayLike<number>, b: ArrayLike<number>,
  statistic: (sortedA: Float64Array, sortedB: Float64Array) => number,
  options: BootstrapOptions = {},
): Interval | null {
  const { resamples = 1000, level = 0.95, seed = 1 } = options;
  if (a.length < 2 || b.length < 2) return null;
  const random = seededRandom(seed);
  const bufferA = new Float64Array(a.length);
  const bufferB = new Float64Array(b.length);
  const estimates: number[] = [];
  for (let r = 0; r < resamples; r++) {
    const value = statistic(resampleSorted(a, random, bufferA), resampleSorted(b, random, bufferB));
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

/**
 * Empirical-Bayes shrinkage of group means (normal–normal model), for ranking groups of very
 * different sizes. Each group's mean ȳ is a noisy view of its true mean θ: ȳ ~ N(θ, σ²/n), with
 * σ² the variance within groups, pooled over all of them. The true means spread around a common
 * mean: θ ~ N(μ, τ²). τ² is fitted over the groups by the method of moments (DerSimonian–Laird),
 * μ as the precision-weighted mean. A group's estimate is then pulled toward μ by the weight
 * B = (σ²/n) / (σ²/n + τ²): a group of 3 articles moves most of the way, a group of 300 hardly.
 * When the groups differ no more than their noise explains (τ² = 0) every group gets μ.
 */
import { normalQuantile } from './distributions.ts';

/** Count, mean and sum of squared deviations of one group's values. */
export interface GroupMoments {
  n: number;
  mean: number;
  /** Σ (y − ȳ)². */
  sumSquares: number;
}

/** One group's shrunk estimate with its interval (on the values' own scale). */
export interface ShrunkEstimate {
  estimate: number;
  low: number;
  high: number;
}

/** The fitted prior: the groups' common mean, their true spread, and the within-group variance. */
export interface NormalPrior {
  mean: number;
  /** τ², the variance of the true group means. */
  between: number;
  /** σ², the variance of values within a group, pooled. */
  within: number;
}

/**
 * Count, mean and sum of squares of values (NaN left out), in one pass (Welford); of the values
 * at `rows` when given.
 * @example groupMoments([1, 2, 3]) // { n: 3, mean: 2, sumSquares: 2 }
 */
export function groupMoments(values: ArrayLike<number>, rows?: ArrayLike<number>): GroupMoments {
  // GroupMomentsBuilder.add's steps, on locals: ~1.7× faster for a report's many groups.
  let n = 0;
  let mean = 0;
  let sumSquares = 0;
  const count = rows ? rows.length : values.length;
  for (let i = 0; i < count; i++) {
    const y = values[rows ? rows[i]! : i]!;
    if (Number.isNaN(y)) continue;
    n++;
    const delta = y - mean;
    mean += delta / n;
    sumSquares += delta * (y - mean);
  }
  return { n, mean, sumSquares };
}

/**
 * The moments of many groups at once, each group's values added one by one in its order
 * (groupMoments' pass, for values that come interleaved: a row's value added to every group the
 * row is in). NaN is left out. The same steps as groupMoments, so a group's moments are
 * groupMoments' of its values in the order they were added, to the bit.
 * @example const m = new GroupMomentsBuilder(2); m.add(0, 1); m.add(1, 5); m.add(0, 3); m.moments(0) // { n: 2, mean: 2, sumSquares: 2 }
 */
export class GroupMomentsBuilder {
  private readonly n: Float64Array;
  private readonly mean: Float64Array;
  private readonly sumSquares: Float64Array;

  constructor(groups: number) {
    this.n = new Float64Array(groups);
    this.mean = new Float64Array(groups);
    this.sumSquares = new Float64Array(groups);
  }

  /** Adds value y to group g. */
  add(g: number, y: number): void {
    if (Number.isNaN(y)) return;
    const n = ++this.n[g]!;
    const delta = y - this.mean[g]!;
    this.mean[g]! += delta / n;
    this.sumSquares[g]! += delta * (y - this.mean[g]!);
  }

  /** Group g's moments so far. */
  moments(g: number): GroupMoments {
    return { n: this.n[g]!, mean: this.mean[g]!, sumSquares: this.sumSquares[g]! };
  }
}

/**
 * Fits the normal prior over groups (those with at least one value).
 * @returns null with fewer than 3 groups or no within-group variation to pool
 * @example fitNormalPrior([groupMoments([1, 2]), groupMoments([2, 3]), groupMoments([5, 6])])
 */
export function fitNormalPrior(groups: readonly GroupMoments[]): NormalPrior | null {
  const usable = groups.filter((g) => g.n > 0);
  const freedom = usable.reduce((s, g) => s + g.n - 1, 0);
  if (usable.length < 3 || freedom <= 0) return null;
  const within = usable.reduce((s, g) => s + g.sumSquares, 0) / freedom;
  if (!(within > 0)) return null;
  // DerSimonian–Laird: Q measures the spread of the means against their noise; what exceeds its
  // expectation (G − 1) is true spread.
  const weights = usable.map((g) => g.n / within);
  const totalWeight = weights.reduce((s, w) => s + w, 0);
  const fixedMean = usable.reduce((s, g, i) => s + weights[i]! * g.mean, 0) / totalWeight;
  const q = usable.reduce((s, g, i) => s + weights[i]! * (g.mean - fixedMean) ** 2, 0);
  const scale = totalWeight - weights.reduce((s, w) => s + w * w, 0) / totalWeight;
  const between = scale > 0 ? Math.max(0, (q - (usable.length - 1)) / scale) : 0;
  const randomWeights = usable.map((g) => 1 / (within / g.n + between));
  const mean = usable.reduce((s, g, i) => s + randomWeights[i]! * g.mean, 0) / randomWeights.reduce((s, w) => s + w, 0);
  return { mean, between, within };
}

/**
 * Shrunk means with intervals for each group (null for a group without values). The interval
 * is the posterior's, widened for the uncertainty of the common mean. Without a prior (fewer
 * than 3 groups) each group keeps its own mean with its plain normal interval.
 * @param level interval coverage @default 0.95
 * @example shrinkMeans(groups.map(groupMoments))[0] // { estimate, low, high }
 */
export function shrinkMeans(groups: readonly GroupMoments[], level = 0.95): (ShrunkEstimate | null)[] {
  const prior = fitNormalPrior(groups);
  const z = normalQuantile(1 - (1 - level) / 2);
  const precisionOfMean = prior
    ? groups.reduce((s, g) => s + (g.n > 0 ? 1 / (prior.within / g.n + prior.between) : 0), 0)
    : 0;
  return groups.map((g) => {
    if (g.n === 0) return null;
    if (!prior) {
      const sd = g.n > 1 ? Math.sqrt(g.sumSquares / (g.n - 1) / g.n) : NaN;
      return Number.isNaN(sd) ? { estimate: g.mean, low: NaN, high: NaN } : { estimate: g.mean, low: g.mean - z * sd, high: g.mean + z * sd };
    }
    const noise = prior.within / g.n;
    const pull = noise / (noise + prior.between);
    const estimate = pull === 1 ? prior.mean : prior.mean + (1 - pull) * (g.mean - prior.mean);
    const sd = Math.sqrt((1 - pull) * noise + (pull * pull) / precisionOfMean);
    return { estimate, low: estimate - z * sd, high: estimate + z * sd };
  });
}

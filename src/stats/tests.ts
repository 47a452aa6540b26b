/**
 * Hypothesis tests and effect sizes: Mann–Whitney U (tie-corrected), Cliff's delta,
 * Kruskal–Wallis H, Benjamini–Hochberg adjustment.
 */
import { chiSquareSurvival, normalSurvival } from './distributions.ts';
import { argsort } from './argsort.ts';

export interface MannWhitneyResult {
  /** U of the first sample: pairs where a > b, plus half the ties. */
  u: number;
  /** Two-sided p-value. */
  p: number;
  /** 'exact' for small samples without ties, else 'asymptotic' (normal, tie- and continuity-corrected). */
  method: 'exact' | 'asymptotic';
  /** Probability that a random a exceeds a random b (ties count half): U / (n1·n2). */
  superiority: number;
  /** Cliff's delta, 2·superiority − 1, from −1 to 1. */
  cliffsDelta: number;
}

/** Number of ways to get each U for sample sizes (m, n) (no ties): the exact null distribution. */
function exactUCounts(m: number, n: number): Float64Array {
  // counts[i][j][u]; rolled into a table indexed by (i, j) built bottom-up.
  const maxU = m * n;
  const table: Float64Array[][] = [];
  for (let i = 0; i <= m; i++) {
    table.push([]);
    for (let j = 0; j <= n; j++) {
      const row = new Float64Array(maxU + 1);
      if (i === 0 || j === 0) row[0] = 1;
      else {
        const withA = table[i - 1]![j]!; // largest value is from a: adds j to U
        const withB = table[i]![j - 1]!;
        for (let u = 0; u <= i * j; u++) row[u] = (u >= j ? withA[u - j]! : 0) + withB[u]!;
      }
      table[i]!.push(row);
    }
  }
  return table[m]![n]!;
}

/**
 * Mann–Whitney U test, two-sided, as SciPy's `mannwhitneyu` (method 'auto'): exact when a sample
 * has fewer than 8 values and there are no ties, otherwise the normal approximation with tie
 * correction and continuity correction. `method` forces one or the other (exact needs no ties to be exact).
 * @returns null when either sample is empty
 * @example mannWhitney([19, 22, 16, 29, 24], [20, 11, 17, 12]) // { u: 17, p: 0.1111…, method: 'exact' }
 */
export function mannWhitney(a: ArrayLike<number>, b: ArrayLike<number>, method: 'auto' | 'exact' | 'asymptotic' = 'auto'): MannWhitneyResult | null {
  const n1 = a.length;
  const n2 = b.length;
  if (n1 === 0 || n2 === 0) return null;
  if (isAscending(a) && isAscending(b)) {
    const { rankSums, tieTerm } = rankSumsOfSorted([a, b], true);
    return mannWhitneyFromRanks(rankSums[0]!, n1, n2, tieTerm, method);
  }
  // Rank the pooled sample, averaging ranks of ties (sums of half-integers: exact in any order).
  const pooled = new Float64Array(n1 + n2);
  for (let i = 0; i < n1; i++) pooled[i] = a[i]!;
  for (let i = 0; i < n2; i++) pooled[n1 + i] = b[i]!;
  const { ranks, tieTerm } = averageRanks(pooled);
  let rankSumA = 0;
  for (let i = 0; i < n1; i++) rankSumA += ranks[i]!;
  return mannWhitneyFromRanks(rankSumA, n1, n2, tieTerm, method);
}

/** Whether values ascend as Float64Array's sort leaves them: non-decreasing, any NaN only at the end. */
function isAscending(values: ArrayLike<number>): boolean {
  for (let i = 1; i < values.length; i++) {
    const previous = values[i - 1]!;
    const value = values[i]!;
    if (Number.isNaN(previous) ? !Number.isNaN(value) : value < previous) return false;
  }
  return true;
}

/** How many values of an ascending sample come before its NaNs. */
function numbersIn(values: ArrayLike<number>): number {
  let n = values.length;
  while (n > 0 && Number.isNaN(values[n - 1]!)) n--;
  return n;
}

/**
 * Each sample's rank sum and the tie term in the pooled ranking of ascending samples, by merging
 * them: what averageRanks gives for the samples one after another, without sorting. Equal values
 * form one run across samples (−0 equals 0). NaNs are left out, or with `rankNaN` each ranks alone
 * after the numbers, sample by sample.
 */
function rankSumsOfSorted(samples: readonly ArrayLike<number>[], rankNaN: boolean): { rankSums: Float64Array; tieTerm: number } {
  const ends = samples.map(numbersIn);
  const next = new Int32Array(samples.length);
  const rankSums = new Float64Array(samples.length);
  let placed = 0;
  let tieTerm = 0;
  for (;;) {
    let value = NaN;
    for (let s = 0; s < samples.length; s++) {
      if (next[s]! < ends[s]! && !(samples[s]![next[s]!]! >= value)) value = samples[s]![next[s]!]!;
    }
    if (Number.isNaN(value)) break;
    let size = 0;
    for (let s = 0; s < samples.length; s++) {
      const sample = samples[s]!;
      let at = next[s]!;
      while (at < ends[s]! && sample[at] === value) at++;
      size += at - next[s]!;
    }
    if (size > 1) tieTerm += size ** 3 - size;
    const rank = placed + (size + 1) / 2;
    for (let s = 0; s < samples.length; s++) {
      const sample = samples[s]!;
      const from = next[s]!;
      let at = from;
      while (at < ends[s]! && sample[at] === value) at++;
      rankSums[s]! += (at - from) * rank;
      next[s] = at;
    }
    placed += size;
  }
  if (rankNaN) samples.forEach((sample, s) => { for (let k = ends[s]!; k < sample.length; k++) rankSums[s]! += ++placed; });
  return { rankSums, tieTerm };
}

/**
 * Mann–Whitney U from the rank sum of the first sample in the pooled ranking (ties averaged) and
 * the tie term Σ (t³ − t) over groups of tied values: the test of mannWhitney for callers that
 * rank once and test many splits (a title feature against the rest, for every feature).
 * @example mannWhitneyFromRanks(rankSumOfA, a.length, b.length, tieTerm)
 */
export function mannWhitneyFromRanks(rankSumA: number, n1: number, n2: number, tieTerm: number, method: 'auto' | 'exact' | 'asymptotic' = 'auto'): MannWhitneyResult | null {
  if (n1 === 0 || n2 === 0) return null;
  const n = n1 + n2;
  const u = rankSumA - (n1 * (n1 + 1)) / 2;
  const uMax = Math.max(u, n1 * n2 - u);
  const superiority = u / (n1 * n2);
  const result = { u, superiority, cliffsDelta: 2 * superiority - 1 };
  const exact = method === 'exact' || (method === 'auto' && tieTerm === 0 && Math.min(n1, n2) < 8);
  if (exact && n1 * n2 <= 10_000) {
    const counts = exactUCounts(n1, n2);
    let total = 0;
    let tail = 0;
    for (let k = 0; k < counts.length; k++) {
      total += counts[k]!;
      if (k >= uMax) tail += counts[k]!;
    }
    return { ...result, p: Math.min(1, (2 * tail) / total), method: 'exact' };
  }
  const mean = (n1 * n2) / 2;
  const sd = Math.sqrt(((n1 * n2) / 12) * (n + 1 - tieTerm / (n * (n - 1))));
  const p = sd > 0 ? Math.min(1, 2 * normalSurvival((uMax - mean - 0.5) / sd)) : 1;
  return { ...result, p, method: 'asymptotic' };
}

/**
 * Average ranks (1-based, ties sharing the mean of their ranks) of values without NaN, in their
 * order, the tie term Σ (t³ − t) of mannWhitneyFromRanks, and the order that sorts the values
 * (argsort's), for callers that want subsets of them sorted. One radix sort, or none when the
 * caller has argsort's order of the values already.
 * @example averageRanks(Float64Array.of(3, 1, 3)) // { ranks: [2.5, 1, 2.5], tieTerm: 6, order: [1, 0, 2] }
 */
export function averageRanks(values: Float64Array, order: Uint32Array = argsort(values)): { ranks: Float64Array; tieTerm: number; order: Uint32Array } {
  // One radix sort of the row numbers (or the caller's, argsort's own); each run of equal values then gets its average rank.
  const n = values.length;
  const ranks = new Float64Array(n);
  let tieTerm = 0;
  for (let i = 0; i < n;) {
    let j = i;
    while (j + 1 < n && values[order[j + 1]!] === values[order[i]!]) j++;
    const size = j - i + 1;
    if (size > 1) tieTerm += size ** 3 - size;
    const rank = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) ranks[order[k]!] = rank;
    i = j + 1;
  }
  return { ranks, tieTerm, order };
}

/** The Kruskal–Wallis test across several samples. */
export interface KruskalWallisResult {
  /** H, tie-corrected. */
  h: number;
  /** Degrees of freedom: samples − 1. */
  df: number;
  /** p from the chi-square approximation. */
  p: number;
}

/**
 * Kruskal–Wallis H test (tie-corrected, chi-square approximation), as SciPy's `kruskal`:
 * do several samples come from one distribution? NaN values are left out.
 * @returns null with fewer than two non-empty samples
 * @example kruskalWallis([[1, 2, 3], [4, 5, 6], [7, 8, 9]]) // { h: 7.2, df: 2, p: 0.0273 }
 */
export function kruskalWallis(samples: readonly ArrayLike<number>[]): KruskalWallisResult | null {
  if (samples.every(isAscending)) {
    // Sorted samples (as comparisons hold them): ranked by merging, NaNs left out.
    const numbered = samples.filter((sample) => numbersIn(sample) > 0);
    if (numbered.length < 2) return null;
    const { rankSums, tieTerm } = rankSumsOfSorted(numbered, false);
    return kruskalWallisFromRanks(rankSums, numbered.map(numbersIn), tieTerm);
  }
  const groups = samples.map((sample) => Array.from(sample).filter((v) => !Number.isNaN(v))).filter((g) => g.length > 0);
  if (groups.length < 2) return null;
  const n = groups.reduce((total, g) => total + g.length, 0);
  const pooled = new Float64Array(n);
  let at = 0;
  for (const values of groups) for (const v of values) pooled[at++] = v;
  const { ranks, tieTerm } = averageRanks(pooled);
  const rankSums = new Float64Array(groups.length);
  at = 0;
  groups.forEach((values, g) => { for (let k = 0; k < values.length; k++) rankSums[g]! += ranks[at++]!; });
  return kruskalWallisFromRanks(rankSums, groups.map((g) => g.length), tieTerm);
}

/** H, its degrees of freedom and p from each sample's rank sum and size and the tie term. */
function kruskalWallisFromRanks(rankSums: Float64Array, sizes: readonly number[], tieTerm: number): KruskalWallisResult {
  const n = sizes.reduce((total, size) => total + size, 0);
  let sum = 0;
  sizes.forEach((size, g) => { sum += rankSums[g]! ** 2 / size; });
  const raw = (12 / (n * (n + 1))) * sum - 3 * (n + 1);
  const correction = 1 - tieTerm / (n ** 3 - n);
  const h = correction > 0 ? raw / correction : 0;
  const df = sizes.length - 1;
  return { h, df, p: correction > 0 ? chiSquareSurvival(h, df) : 1 };
}

/**
 * Benjamini–Hochberg adjusted p-values (q-values), in the input order.
 * @example benjaminiHochberg([0.01, 0.04, 0.03]) // [0.03, 0.04, 0.04]
 */
export function benjaminiHochberg(pValues: readonly number[]): number[] {
  const m = pValues.length;
  // A missing p-value (NaN) is treated as 1: it must not poison the others.
  const order = pValues.map((p, i) => [Number.isNaN(p) ? 1 : p, i] as const).sort((x, y) => x[0] - y[0]);
  const adjusted = new Array<number>(m);
  let running = 1;
  for (let rank = m; rank >= 1; rank--) {
    const [p, index] = order[rank - 1]!;
    running = Math.min(running, (p * m) / rank);
    adjusted[index] = running;
  }
  return adjusted;
}

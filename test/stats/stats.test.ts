import { describe, expect, it } from 'vitest';
import { bootstrapMedian, bootstrapMedianRatio, bootstrapRatioDifference, MedianIntervals, medianRanksOf, resampledMedianSampler, seedFromSize } from '../../src/stats/bootstrap.ts';
import { fitBetaPrior, fitBetaPriorOfCounts, shrinkRate } from '../../src/stats/beta-binomial.ts';
import { betaQuantile, incompleteBeta, normalCdf, normalQuantile } from '../../src/stats/distributions.ts';
import { countOf, meanOf, medianInPlace, medianOf, medianSorted, quantileOf, quantileSorted, ratioOfSums, selectSmallest } from '../../src/stats/quantiles.ts';
import { seededRandom } from '../../src/stats/random.ts';
import { benjaminiHochberg, kruskalWallis, mannWhitney } from '../../src/stats/tests.ts';

describe('quantiles', () => {
  it('match NumPy (linear interpolation) and the ordinary median', () => {
    expect(quantileSorted([1, 2, 3, 4], 0.25)).toBe(1.75); // np.percentile([1,2,3,4], 25)
    expect(quantileSorted([1, 2, 3, 4], 0.75)).toBe(3.25);
    expect(medianSorted([1, 2, 3, 4])).toBe(2.5);
    expect(medianOf([5, null, 1, 3])).toBe(3);
    expect(medianOf([])).toBeNull();
    // A typed array (NaN for null), a Set and a generator give what the list gives.
    expect(medianOf(Float64Array.of(5, NaN, 1, 3))).toBe(3);
    expect(medianOf(new Set([5, 1, 3, null]))).toBe(3);
    expect(quantileOf((function* () { yield 4; yield null; yield 1; yield 3; yield 2; })(), 0.25)).toBe(1.75);
    expect(countOf([5, null, NaN, undefined, 0, -1])).toBe(3);
    expect(meanOf([1, 2, null, 6])).toBe(3);
    expect(ratioOfSums([1, 2], [10, 30])).toBe(0.075);
    expect(ratioOfSums([1], [0])).toBeNull();
  });
});

describe('medianOf and quantileOf', () => {
  it('equal the median and quantiles of the sorted values, nulls and NaN left out, in any order', () => {
    const random = seededRandom(9);
    for (const n of [1, 2, 3, 10, 101, 1000]) {
      const values = Array.from({ length: n }, () => (random() < 0.1 ? (random() < 0.5 ? null : NaN) : Math.floor(random() * 50) / 4));
      const sorted = Float64Array.from(values.filter((v): v is number => v !== null && !Number.isNaN(v))).sort();
      expect(medianOf(values)).toBe(sorted.length ? medianSorted(sorted) : null);
      for (const p of [0, 0.01, 0.25, 0.5, 0.9, 0.99, 1]) expect(quantileOf(values, p)).toBe(sorted.length ? quantileSorted(sorted, p) : null);
    }
  });
});

describe('medianInPlace', () => {
  it('equals the median of the sorted values, for odd and even counts, ties and one value', () => {
    const random = seededRandom(7);
    for (let trial = 0; trial < 300; trial++) {
      const n = 1 + Math.floor(random() * 60);
      const spread = trial % 3 === 0 ? 3 : 1000; // few distinct values: many ties
      const values = Float64Array.from({ length: n }, () => Math.floor(random() * spread));
      const expected = medianSorted(Float64Array.from(values).sort());
      expect(medianInPlace(values)).toBe(expected);
    }
    expect(medianInPlace(new Float64Array([5, 1, 4, 2]))).toBe(3);
    expect(medianInPlace(new Float64Array(0))).toBeNaN();
  });
});

describe('selectSmallest', () => {
  it('gives the value the sorted array has at a rank, and a second rank from the first on', () => {
    const random = seededRandom(9);
    for (let trial = 0; trial < 200; trial++) {
      const n = 1 + Math.floor(random() * 80);
      const values = Float64Array.from({ length: n }, () => Math.floor(random() * (trial % 2 ? 4 : 500)));
      const sorted = Float64Array.from(values).sort();
      const low = Math.floor(random() * n);
      const high = low + Math.floor(random() * (n - low));
      expect(selectSmallest(values, low)).toBe(sorted[low]);
      expect(selectSmallest(values, high, low)).toBe(sorted[high]);
    }
  });
});

describe('distributions', () => {
  it('normal CDF and quantile match SciPy', () => {
    expect(normalCdf(1.96)).toBeCloseTo(0.9750021048517795, 12); // scipy.stats.norm.cdf(1.96)
    expect(normalCdf(-3)).toBeCloseTo(0.0013498980316301035, 14);
    expect(normalQuantile(0.975)).toBeCloseTo(1.959963984540054, 9); // norm.ppf(0.975)
    expect(normalQuantile(0.001)).toBeCloseTo(-3.090232306167813, 9);
  });

  it('incomplete beta and its inverse match closed forms and SciPy', () => {
    expect(incompleteBeta(0.5, 2, 3)).toBeCloseTo(11 / 16, 12); // Beta(2,3) CDF at 1/2
    expect(incompleteBeta(0.2, 1, 1)).toBeCloseTo(0.2, 12);
    expect(betaQuantile(0.6875, 2, 3)).toBeCloseTo(0.5, 9);
    expect(betaQuantile(0.025, 10, 90)).toBeCloseTo(0.04951087220866289, 9); // scipy.stats.beta.ppf(0.025, 10, 90)
    expect(incompleteBeta(0.3, 2.5, 7.25)).toBeCloseTo(0.6604822735819071, 10); // scipy.stats.beta.cdf(0.3, 2.5, 7.25)
  });
});

describe('mannWhitney', () => {
  // SciPy's documented example (scipy.stats.mannwhitneyu): ages of males vs females.
  const males = [19, 22, 16, 29, 24];
  const females = [20, 11, 17, 12];

  it('exact p for small samples without ties', () => {
    const result = mannWhitney(males, females)!;
    expect(result.u).toBe(17);
    expect(result.method).toBe('exact');
    expect(result.p).toBeCloseTo(0.1111111111111111, 12);
  });

  it('asymptotic p with continuity correction', () => {
    expect(mannWhitney(males, females, 'asymptotic')!.p).toBeCloseTo(0.11134688653314041, 10);
  });

  it('corrects for ties', () => {
    // scipy.stats.mannwhitneyu([1,2,2,3,3,3,4,4,4,4], [2,3,3,4,5,5,5,6,6,7]) → U=21, p=0.028148168018060686
    const result = mannWhitney([1, 2, 2, 3, 3, 3, 4, 4, 4, 4], [2, 3, 3, 4, 5, 5, 5, 6, 6, 7])!;
    expect(result.u).toBe(21);
    expect(result.method).toBe('asymptotic');
    expect(result.p).toBeCloseTo(0.028148168018060686, 10);
    expect(result.cliffsDelta).toBeCloseTo(2 * (21 / 100) - 1, 12);
  });

  it('gives the same result for sorted samples (merged, not ranked) as for the same samples unsorted, and so does Kruskal–Wallis', () => {
    // Sorted inputs take the merge; reversed ones the pooled ranking. Ties, −0 and 0, NaN, big ties.
    let state = 11;
    const next = () => (state = (state * 1103515245 + 12345) % 2147483648) / 2147483648;
    const sample = (n: number, spread: number) => Float64Array.from({ length: n }, () => {
      const r = next();
      return r < 0.02 ? NaN : r < 0.05 ? -0 : Math.floor(r * spread);
    }).sort();
    for (const [n1, n2, spread] of [[40, 25, 6], [3, 4, 100], [3000, 5000, 50], [1, 9, 3], [200, 1, 1]] as const) {
      const a = sample(n1, spread);
      const b = sample(n2, spread);
      const merged = mannWhitney(a, b);
      expect(merged).toEqual(mannWhitney(a.slice().reverse(), b.slice().reverse()));
      expect(merged).toEqual(mannWhitney(Array.from(a).reverse(), b));
    }
    const groups = [sample(500, 8), sample(3, 8), sample(800, 30), Float64Array.of(NaN, NaN), sample(60, 2)];
    const merged = kruskalWallis(groups);
    expect(merged).toEqual(kruskalWallis(groups.map((g) => g.slice().reverse())));
    expect(merged!.df).toBe(3); // the sample of NaNs only is left out
    expect(kruskalWallis([Float64Array.of(1, 2), Float64Array.of(NaN)])).toBeNull();
    const sorted = mannWhitney([1, 2, 2, NaN], [2, 3, NaN])!;
    // Pooled ranks: 1, 3, 3, 6 for a (NaN after the numbers, a's first), 3, 5, 7 for b: U = 13 − 10 = 3.
    expect(sorted.u).toBe(3);
  });
});

describe('benjaminiHochberg', () => {
  it('matches R p.adjust(method = "BH")', () => {
    expect(benjaminiHochberg([0.01, 0.04, 0.03])).toEqual([0.03, 0.04, 0.04]);
    const adjusted = benjaminiHochberg([0.01, 0.02, 0.03, 0.04, 0.05]);
    adjusted.forEach((q) => expect(q).toBeCloseTo(0.05, 12));
    expect(benjaminiHochberg([0.01, NaN])).toEqual([0.02, 1]);
  });
});

describe('bootstrap', () => {
  it('is reproducible with a seed and brackets the median', () => {
    const values = Array.from({ length: 200 }, (_, i) => (i * 37) % 101);
    const first = bootstrapMedian(values, { seed: 7 })!;
    expect(bootstrapMedian(values, { seed: 7 })).toEqual(first);
    expect(first.low).toBeLessThanOrEqual(medianOf(values)!);
    expect(first.high).toBeGreaterThanOrEqual(medianOf(values)!);
    expect(bootstrapMedian([1])).toBeNull();
    // Every resample of identical values has the same median.
    expect(bootstrapMedian([5, 5, 5, 5])).toEqual({ low: 5, high: 5 });
    // Resampled medians can only be values of the sample, or means of two of them.
    const interval = bootstrapMedian([1, 2, 3, 4, 100], { seed: 3 })!;
    expect([1, 1.5, 2, 2.5, 3, 3.5, 4]).toContain(interval.low);
  });

  it('draws resample medians with exactly the distribution of resampling indices', () => {
    // Every way of drawing n indices with replacement, enumerated: the exact distribution of the
    // resample median, against 40,000 draws of the order-statistic sampler.
    for (const sample of [[1, 2, 3, 4, 100], [1, 2, 3, 10], [7, 9]]) {
      const n = sample.length;
      const exact = new Map<number, number>();
      for (let code = 0; code < n ** n; code++) {
        const picked = Array.from({ length: n }, (_, i) => sample[Math.floor(code / n ** i) % n]!).sort((x, y) => x - y);
        const median = medianOf(picked)!;
        exact.set(median, (exact.get(median) ?? 0) + 1 / n ** n);
      }
      // Both ways of drawing: order statistics (Beta draws) and drawn indices.
      for (const directBelow of [0, Infinity]) {
        const draw = resampledMedianSampler(sample, seededRandom(11), directBelow);
        const seen = new Map<number, number>();
        const draws = 40_000;
        for (let i = 0; i < draws; i++) {
          const median = draw();
          seen.set(median, (seen.get(median) ?? 0) + 1 / draws);
        }
        expect([...seen.keys()].every((median) => exact.has(median))).toBe(true);
        for (const [median, p] of exact) expect(Math.abs((seen.get(median) ?? 0) - p)).toBeLessThan(0.01);
      }
    }
  });

  it('gives an interval of a two-sample statistic', () => {
    const a = Array.from({ length: 100 }, (_, i) => 200 + i);
    const b = Array.from({ length: 100 }, (_, i) => 100 + i / 2);
    const ratio = bootstrapMedianRatio(a, b)!;
    expect(ratio.low).toBeGreaterThan(1.8);
    expect(ratio.high).toBeLessThan(2.2);
  });

  it('bootstraps a difference of ratios of sums as drawing each resample\'s rows from one stream would', () => {
    const random = seededRandom(4);
    const side = (n: number, rate: number) => {
      const bottom = Array.from({ length: n }, () => 100 + Math.floor(random() * 900));
      return { top: bottom.map((v) => Math.round(v * rate * 2 * random())), bottom };
    };
    const a = side(300, 0.02);
    const b = side(170, 0.01);
    // The same resamples drawn the plain way: A's row numbers, then B's, then the two ratios.
    const stream = seededRandom(9);
    const ratioOfDrawn = ({ top, bottom }: { top: number[]; bottom: number[] }) => {
      const rows = Array.from({ length: top.length }, () => Math.floor(stream() * top.length));
      return rows.reduce((sum, i) => sum + top[i]!, 0) / rows.reduce((sum, i) => sum + bottom[i]!, 0);
    };
    const estimates = Array.from({ length: 500 }, () => ratioOfDrawn(a) - ratioOfDrawn(b)).sort((x, y) => x - y);
    expect(bootstrapRatioDifference(a, b, { resamples: 500, seed: 9 })).toEqual({ low: estimates[12], high: estimates[487] });
    // A resample whose bottoms sum to 0 has no ratio and is left out; fewer than 2 rows, no interval.
    expect(bootstrapRatioDifference({ top: [0, 0], bottom: [0, 0] }, b)).toBeNull();
    expect(bootstrapRatioDifference({ top: [1], bottom: [2] }, b)).toBeNull();
  });
});

describe('MedianIntervals', () => {
  it('gives each group the interval of its own bootstrap (seeded by its size), odd sizes and even', () => {
    const random = seededRandom(11);
    const intervals = new MedianIntervals({ seed: 7 });
    for (const n of [12, 13, 14, 15, 16, 20, 24, 40, 60, 100, 101, 200, 1000, 1001]) {
      // Views-like values with ties, sorted as the leaderboards pass them.
      const sorted = Float64Array.from({ length: n }, () => Math.floor(random() ** 3 * 5000)).sort();
      const expected = bootstrapMedian(sorted, { seed: seedFromSize(n, 7) });
      expect(intervals.of(sorted)).toEqual(expected);
      expect(intervals.of(sorted)).toEqual(expected); // the ranks drawn for a size are reused
    }
  });
});

describe('beta-binomial shrinkage', () => {
  it('fits the prior mean to the pooled rate and pulls small groups harder', () => {
    const groups = [{ k: 50, n: 10_000 }, { k: 10, n: 1_000 }, { k: 300, n: 100_000 }, { k: 3, n: 200 }];
    const prior = fitBetaPrior(groups)!;
    expect(prior.alpha / (prior.alpha + prior.beta)).toBeCloseTo(363 / 111_200, 12);
    const small = shrinkRate({ k: 3, n: 200 }, prior);
    const pooled = 363 / 111_200;
    expect(Math.abs(small.rate - pooled)).toBeLessThan(Math.abs(3 / 200 - pooled));
    expect(small.low).toBeLessThan(small.rate);
    expect(small.high).toBeGreaterThan(small.rate);
  });

  it('fits the strength by the method of moments, leaving out groups without trials, from objects or two arrays alike', () => {
    const groups = [{ k: 50, n: 10_000 }, { k: 0, n: 0 }, { k: 10, n: 1_000 }, { k: 300, n: 100_000 }, { k: 3, n: 200 }];
    const used = groups.filter((g) => g.n > 0);
    const mean = 363 / 111_200;
    const rates = used.map((g) => g.k / g.n);
    const rateMean = rates.reduce((s, r) => s + r, 0) / rates.length;
    const variance = rates.reduce((s, r) => s + (r - rateMean) ** 2, 0) / (rates.length - 1);
    const noise = used.reduce((s, g) => s + (mean * (1 - mean)) / g.n, 0) / used.length;
    const strength = (mean * (1 - mean)) / (variance - noise) - 1;
    const prior = fitBetaPrior(groups)!;
    expect(prior.alpha + prior.beta).toBeCloseTo(strength, 6);
    expect(fitBetaPriorOfCounts(Float64Array.from(groups, (g) => g.k), Float64Array.from(groups, (g) => g.n))).toEqual(prior);
    expect(fitBetaPriorOfCounts([0], [0])).toBeNull();
  });

  it('shrinks everything to the pooled rate when the groups vary no more than noise', () => {
    const prior = fitBetaPrior([{ k: 10, n: 1000 }, { k: 10, n: 1000 }])!;
    expect(shrinkRate({ k: 10, n: 1000 }, prior).rate).toBeCloseTo(0.01, 6);
  });
});

describe('exact bootstrap of a small median', () => {
  it('gives a distribution of the middle ranks that sums to 1 and matches drawn resamples', () => {
    // n = 3: the median is rank 0 when at least two draws are rank 0: 3·(1/3)²·(2/3) + (1/3)³ = 7/27.
    expect(Array.from(medianRanksOf(3).probability).map((p) => p * 27)).toEqual([7, 13, 7].map((x) => expect.closeTo(x, 10)));
    for (let n = 2; n < 12; n++) expect(medianRanksOf(n).probability.reduce((s, p) => s + p, 0)).toBeCloseTo(1, 12);
    // Frequencies of (low, high) pairs in 200,000 drawn resamples of n = 6 agree with the exact ones.
    const n = 6;
    const { low, high, probability } = medianRanksOf(n);
    const random = seededRandom(11);
    const counts = new Map<string, number>();
    for (let r = 0; r < 200_000; r++) {
      const draws = Array.from({ length: n }, () => Math.floor(random() * n)).sort((a, b) => a - b);
      const key = `${draws[2]},${draws[3]}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    probability.forEach((p, i) => expect((counts.get(`${low[i]},${high[i]}`) ?? 0) / 200_000).toBeCloseTo(p, 2));
  });

  it('gives the interval that many drawn resamples converge to', () => {
    for (const values of [[1, 2, 3], [1, 5, 9, 20], [3, 3, 4, 8, 10, 11, 50], [2, 9]]) {
      const draw = resampledMedianSampler(Float64Array.from(values).sort(), seededRandom(9), 1000);
      const estimates = Float64Array.from({ length: 100_000 }, draw).sort();
      expect(bootstrapMedian(values)).toEqual({ low: estimates[2500], high: estimates[97500] });
    }
  });
});

describe('quantilesInPlace', () => {
  it('gives quantileSorted of the sorted values, ties and small sizes included', async () => {
    const { quantilesInPlace, quantileSorted } = await import('../../src/stats/quantiles.ts');
    const random = seededRandom(21);
    for (let trial = 0; trial < 500; trial++) {
      const n = 1 + Math.floor(random() * 40);
      const values = Float64Array.from({ length: n }, () => Math.floor(random() * (trial % 2 ? 5 : 1000)));
      const sorted = values.slice().sort();
      const ps = [0.25, 0.5, 0.75];
      expect(quantilesInPlace(values, ps)).toEqual(ps.map((p) => quantileSorted(sorted, p)));
    }
    expect(quantilesInPlace(new Float64Array(0), [0.5])).toEqual([NaN]);
  });

  it('gives quantileSorted of the sorted values for large samples too (read off a histogram of leading bits)', async () => {
    const { quantilesInPlace, quantileSorted } = await import('../../src/stats/quantiles.ts');
    const random = seededRandom(5);
    const samples: [string, () => number][] = [
      ['skewed views', () => Math.round(10 * Math.exp(6 * random()))],
      ['small counts: one value fills a range', () => Math.floor(random() ** 3 * 6)],
      ['one crowded range of different values', () => 1 + random() / 100],
      ['negative, zero, infinite', () => (random() < 0.1 ? -Infinity : random() < 0.1 ? Infinity : random() < 0.2 ? 0 : (random() - 0.6) * 1e6)],
      ['one value', () => 7],
    ];
    for (const [, draw] of samples) {
      for (const n of [16_384, 40_001]) {
        const values = Float64Array.from({ length: n }, draw);
        const sorted = values.slice().sort();
        const ps = [0, 0.1, 0.25, 0.5, 0.75, 0.9, 0.999, 1];
        expect(quantilesInPlace(values, ps)).toEqual(ps.map((p) => quantileSorted(sorted, p)));
      }
    }
  });
});

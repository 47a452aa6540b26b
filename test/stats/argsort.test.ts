import { describe, expect, it } from 'vitest';
import { argsort } from '../../src/stats/argsort.ts';
import { averageRanks } from '../../src/stats/tests.ts';
import { seededRandom } from '../../src/stats/random.ts';

/** Values with ties, signs, zeros of both signs, infinities and tiny and huge magnitudes. */
function awkward(n: number, seed: number): Float64Array {
  const random = seededRandom(seed);
  const special = [0, -0, Infinity, -Infinity, 5e-324, -5e-324, 1e308, -1e308, 1, 1, 2.5];
  return Float64Array.from({ length: n }, () => {
    const pick = random();
    if (pick < 0.2) return special[Math.floor(random() * special.length)]!;
    if (pick < 0.6) return Math.round(random() * 20) / 4 - 2; // many ties
    return (random() - 0.5) * 10 ** Math.floor(random() * 12 - 6);
  });
}

/** Ranks by the definition: sort, then binary searches for the first and last equal value. */
function ranksByDefinition(values: Float64Array): { ranks: number[]; tieTerm: number } {
  const sorted = values.slice().sort();
  const counts = new Map<number, number>();
  for (const v of sorted) counts.set(v, (counts.get(v) ?? 0) + 1);
  let tieTerm = 0;
  for (const size of counts.values()) if (size > 1) tieTerm += size ** 3 - size;
  const ranks = Array.from(values, (v) => {
    const first = sorted.findIndex((s) => s === v);
    return first + (counts.get(v)! - 1) / 2 + 1;
  });
  return { ranks, tieTerm };
}

describe('argsort', () => {
  it('orders row numbers as Float64Array sorts the values, equal values in row order', () => {
    for (const seed of [1, 2, 3]) {
      const values = awkward(3000, seed);
      const order = argsort(values);
      expect(Array.from(order, (row) => values[row])).toEqual(Array.from(values.slice().sort()));
      for (let i = 1; i < order.length; i++) if (Object.is(values[order[i]!], values[order[i - 1]!])) expect(order[i]!).toBeGreaterThan(order[i - 1]!);
    }
    const withNaN = Float64Array.of(NaN, 2, -NaN, -1, 0);
    expect(Array.from(argsort(withNaN))).toEqual([3, 4, 1, 0, 2]);
    expect(argsort(new Float64Array(0))).toHaveLength(0);
  });
});

describe('averageRanks', () => {
  it('gives every value the average of the ranks its equal values take, and the tie term', () => {
    for (const seed of [4, 5]) {
      const values = awkward(2000, seed);
      const { ranks, tieTerm } = averageRanks(values);
      const expected = ranksByDefinition(values);
      expect(Array.from(ranks)).toEqual(expected.ranks);
      expect(tieTerm).toBe(expected.tieTerm);
    }
    expect(averageRanks(Float64Array.of(3, 1, 3))).toEqual({ ranks: Float64Array.of(2.5, 1, 2.5), tieTerm: 6, order: Uint32Array.of(1, 0, 2) });
  });
});

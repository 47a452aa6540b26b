import { describe, expect, it } from 'vitest';
import { orderById } from '../../src/load/table/order-by-id.ts';

/** Row numbers sorted by id, ties in input order: what orderById must give. */
function reference(ids: Float64Array): number[] {
  return Array.from({ length: ids.length }, (_, i) => i).sort((a, b) => ids[a]! - ids[b]! || a - b);
}

// A seeded stream, so a failure names a case that comes back.
function seeded(seed: number): () => number {
  let state = seed;
  return () => (state = (state * 1103515245 + 12345) % 2147483648) / 2147483648;
}

describe('orderById', () => {
  const random = seeded(7);
  const cases: Record<string, Float64Array> = {
    'in order': Float64Array.from({ length: 5000 }, (_, i) => i * 3 + 1),
    'shuffled, with ties, past 2^16 and near 2^32': Float64Array.from({ length: 20_000 }, () => [Math.floor(random() * 300), Math.floor(random() * 4294967295), 65536 + Math.floor(random() * 70_000)][Math.floor(random() * 3)]!),
    'a run in order, then a few added (ties with the run included)': Float64Array.from({ length: 12_000 }, (_, i) => (i < 11_000 ? i * 2 : Math.floor(random() * 24_000))),
    'a few, then a run in order (ties with the run included)': Float64Array.from({ length: 12_000 }, (_, i) => (i < 1000 ? Math.floor(random() * 24_000) : (i - 1000) * 2)),
    'a run in order, then more than a few': Float64Array.from({ length: 6000 }, (_, i) => (i < 3000 ? i : Math.floor(random() * 9000))),
    'ids no radix sort takes (fractions, negatives, past 2^32)': Float64Array.of(5, 2.5, -1, 2 ** 40, 3, 2.5, 0),
    none: new Float64Array(0),
    one: Float64Array.of(42),
  };
  for (const [name, ids] of Object.entries(cases)) {
    it(`sorts rows by id, ties in input order: ${name}`, () => {
      expect(Array.from(orderById(ids))).toEqual(reference(ids));
    });
  }
});

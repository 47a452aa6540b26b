import { describe, expect, it } from 'vitest';
import { collectGarbage } from '../../src/report/free-memory.ts';

describe('collectGarbage', () => {
  // What a report relies on after its last notebook: the article table's arrays, garbage by
  // then, freed at once rather than whenever a small heap next fills.
  it('frees an unreachable array at once', () => {
    const size = 64 << 20;
    const held = (): number => process.memoryUsage().arrayBuffers;
    let table: Float64Array | null = new Float64Array(size / 8);
    table[0] = 1;
    const before = held();
    table = null;
    expect(collectGarbage()).toBe(true);
    expect(before - held()).toBeGreaterThanOrEqual(size);
  });
});

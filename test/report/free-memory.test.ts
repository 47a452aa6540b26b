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

  // An object whose prototype holds a large array, read by optimized code: V8 keeps the object's
  // map, and so the prototype, through ordinary full collections.
  it("frees an array that only a used map's dead prototype holds", () => {
    const size = 64 << 20;
    const held = (): number => process.memoryUsage().arrayBuffers;
    const read = (row: { x: number; y: number }): number => row.x + row.y;
    let row: { x: number; y: number } | null = Object.create({ column: new Float64Array(size / 8), y: 1 });
    row!.x = 1;
    let sum = 0;
    for (let i = 0; i < 200_000; i++) sum += read(row!);
    expect(sum).toBe(400_000);
    const before = held();
    row = null;
    expect(collectGarbage()).toBe(true);
    expect(before - held()).toBeGreaterThanOrEqual(size);
  });
});

import { describe, expect, it } from 'vitest';
import { setFlagsFromString } from 'node:v8';
import { getHeapStatistics } from 'node:v8';
import { collectGarbage, collectWhenHeapGrown } from '../src/free-memory.ts';

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
    // Twice: a collection the engine had already begun (likely on a busy machine) finishes with
    // what it found live when it began; the next one starts afresh.
    expect(collectGarbage()).toBe(true);
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
    // Optimized now, on this thread: a busy machine's compiler thread could otherwise still hold
    // the object when the collection runs.
    setFlagsFromString('--allow-natives-syntax');
    const optimizedSum = new Function('read', 'row', '%PrepareFunctionForOptimization(read); read(row); read(row); %OptimizeFunctionOnNextCall(read); return read(row);') as (f: typeof read, r: typeof row) => number;
    setFlagsFromString('--no-allow-natives-syntax');
    expect(optimizedSum(read, row)).toBe(2);
    const before = held();
    row = null;
    // Twice, as above (an ordinary collection keeps the map however often it runs).
    expect(collectGarbage()).toBe(true);
    expect(collectGarbage()).toBe(true);
    expect(before - held()).toBeGreaterThanOrEqual(size);
  });
});

describe('collectWhenHeapGrown', () => {
  // What the chart thread of a large report relies on: its garbage collected as it grows, not
  // whenever the engine next looks.
  it('collects once the heap has grown by 16 MB, and only in a large process', () => {
    const used = () => getHeapStatistics().used_heap_size;
    collectGarbage();
    collectWhenHeapGrown(0); // counts growth from here
    let garbage: { n: number; text: string }[] | null = Array.from({ length: 400_000 }, (_, n) => ({ n, text: `row ${n}` }));
    expect(used()).toBeGreaterThan(16 << 20);
    garbage = null;
    expect(collectWhenHeapGrown(Number.MAX_SAFE_INTEGER)).toBe(false); // not large: nothing done
    const before = used();
    expect(collectWhenHeapGrown(0)).toBe(true);
    expect(before - used()).toBeGreaterThan(16 << 20);
    expect(collectWhenHeapGrown(0)).toBe(false); // not grown since
    expect(garbage).toBeNull();
  });
});

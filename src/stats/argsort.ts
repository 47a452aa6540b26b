/**
 * The order of a number column, by radix sort: a million values in tens of milliseconds, where a
 * comparison sort of indices takes a second. Values sort as Float64Array's own sort puts them
 * (−0 before 0, NaN last); equal values keep their row order (the sort is stable).
 */

/**
 * Row numbers of `values` in ascending order of value.
 * @example argsort(Float64Array.of(3, 1, 2)) // Uint32Array [1, 2, 0]
 */
export function argsort(values: Float64Array): Uint32Array {
  const n = values.length;
  // Each double as an unsigned 64-bit key (two 32-bit halves) that orders as the numbers do:
  // negative numbers have every bit flipped, the others only the sign bit.
  const bits = new Uint32Array(new Float64Array(values).buffer);
  const high = new Uint32Array(n);
  const low = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    let hi = bits[2 * i + 1]!;
    let lo = bits[2 * i]!;
    if (Number.isNaN(values[i]!)) { hi = 0x7ff80000; lo = 0; } // every NaN alike, after +Infinity
    if (hi & 0x80000000) lo = ~lo >>> 0;
    hi = orderedHigh(hi);
    high[i] = hi;
    low[i] = lo;
  }
  let order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  let spare = new Uint32Array(n);
  const counts = new Uint32Array(65536);
  // Four passes of 16 bits, least significant first; a pass where every key shares its digit is skipped.
  for (const [keys, shift] of [[low, 0], [low, 16], [high, 0], [high, 16]] as const) {
    counts.fill(0);
    for (let i = 0; i < n; i++) counts[(keys[i]! >>> shift) & 0xffff]!++;
    if (n === 0 || counts[(keys[0]! >>> shift) & 0xffff] === n) continue;
    let sum = 0;
    for (let d = 0; d < 65536; d++) { const c = counts[d]!; counts[d] = sum; sum += c; }
    for (let i = 0; i < n; i++) {
      const row = order[i]!;
      spare[counts[(keys[row]! >>> shift) & 0xffff]!++] = row;
    }
    [order, spare] = [spare, order];
  }
  return order;
}

/**
 * The high half of a double's bits as an unsigned key that orders as the numbers do (negative
 * numbers have every bit flipped, the others only the sign bit); argsort's key, and the leading
 * bits quantiles count (quantiles.ts).
 * @example orderedHigh(0x3ff00000) // 0xbff00000 (1.0)
 */
export function orderedHigh(high: number): number {
  return (high & 0x80000000 ? ~high : high | 0x80000000) >>> 0;
}

/**
 * Sorting rows by article id, for de-duplication and for cache segments in id order. Apart from
 * the table builder so the loader can use it without loading arquero.
 */

/**
 * Row numbers (into the concatenated batches) sorted by id, ties in input order. Ids that are
 * integers below 2^32 (all real ones) take a two-pass radix sort; anything else a comparison sort.
 */
export function orderById(ids: Float64Array): Int32Array {
  const n = ids.length;
  let sorted = true;
  for (let i = 1; i < n && sorted; i++) sorted = ids[i - 1]! < ids[i]!;
  if (sorted) {
    // Already in id order (a cache segment is written that way): nothing to sort.
    const identity = new Int32Array(n);
    for (let i = 0; i < n; i++) identity[i] = i;
    return identity;
  }
  let radix = true;
  for (let i = 0; i < n; i++) {
    const id = ids[i]!;
    if (!(id >= 0 && id < 4294967296 && Number.isInteger(id))) {
      radix = false;
      break;
    }
  }
  if (!radix) return Int32Array.from(Array.from({ length: n }, (_, i) => i).sort((a, b) => ids[a]! - ids[b]! || a - b));
  let order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  let next = new Int32Array(n);
  for (const shift of [0, 16]) {
    const counts = new Int32Array(65537);
    for (let i = 0; i < n; i++) counts[((ids[order[i]!]! / 2 ** shift) & 0xffff) + 1]!++;
    for (let d = 1; d <= 65536; d++) counts[d]! += counts[d - 1]!;
    for (let i = 0; i < n; i++) {
      const row = order[i]!;
      next[counts[(ids[row]! / 2 ** shift) & 0xffff]!++] = row;
    }
    [order, next] = [next, order];
  }
  return order;
}

/**
 * Order statistics: median, quantiles, mean. Nulls and NaN are ignored by the `…Of` helpers.
 */
import { orderedHigh } from './argsort.ts';

/** A number is there: not null, undefined or NaN (what the `…Of` helpers count). */
function present(value: number | null | undefined): value is number {
  return value !== null && value !== undefined && !Number.isNaN(value);
}

/** Numbers as the …Of helpers take them: a list, a typed array, or anything iterable. */
type SomeNumbers = Iterable<number | null | undefined> | ArrayLike<number | null | undefined>;

/** The numbers that are there, in their order (a new Float64Array the …Of helpers may reorder). */
function presentNumbers(values: SomeNumbers): Float64Array {
  // Counted, then copied: a million views in a few milliseconds (pushing to a list and copying that took 0.1 s).
  const list = 'length' in values ? values : Array.from(values);
  let count = 0;
  for (let i = 0; i < list.length; i++) if (present(list[i])) count++;
  const out = new Float64Array(count);
  for (let i = 0, at = 0; i < list.length; i++) {
    const value = list[i];
    if (present(value)) out[at++] = value;
  }
  return out;
}

/**
 * Quantile of sorted values by linear interpolation between order statistics
 * (R type 7, NumPy's default): quantileSorted([1, 2, 3, 4], 0.5) = 2.5.
 * @returns NaN for no values
 */
export function quantileSorted(sorted: ArrayLike<number>, p: number): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  const position = (n - 1) * p;
  const low = Math.floor(position);
  const high = Math.ceil(position);
  const a = sorted[low]!;
  return low === high ? a : a + (sorted[high]! - a) * (position - low);
}

/** The ordinary median of sorted values (mean of the two middle ones for an even count). */
export function medianSorted(sorted: ArrayLike<number>): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  const mid = n >> 1;
  return n % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/**
 * Moves the k-th smallest of values[lo..hi] to index k, smaller ones before it and larger after
 * (quickselect: linear time on average, where sorting is n log n).
 */
function selectInPlace(values: Float64Array | Int32Array, k: number, lo: number, hi: number): void {
  while (hi > lo) {
    const mid = (lo + hi) >>> 1;
    const a = values[lo]!;
    const b = values[mid]!;
    const c = values[hi]!;
    const pivot = a < b ? (b < c ? b : a < c ? c : a) : a < c ? a : b < c ? c : b;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (values[i]! < pivot) i++;
      while (values[j]! > pivot) j--;
      if (i <= j) {
        const swap = values[i]!;
        values[i++] = values[j]!;
        values[j--] = swap;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return;
  }
}

/**
 * The k-th smallest (0-based) of numbers (no NaN), reordering them in place: smaller ones end up
 * before index k, larger ones after it.
 */
export function selectSmallest(values: Float64Array, k: number, from = 0): number {
  selectInPlace(values, k, from, values.length - 1);
  return values[k]!;
}

/** From this many values, quantilesInPlace reads its order statistics off a histogram (orderStatistics). */
const HISTOGRAM_FROM = 16_384;

/**
 * The values at some ranks (0-based) of numbers (no NaN), as the sorted values hold them, read
 * from a histogram of the values' leading bits: one pass counts each of 65,536 ranges, then only
 * the ranges holding the ranks are picked out and sorted. Three quartiles of a million values
 * cost two passes instead of several selections. Undefined when a needed range holds more than an
 * eighth of the values and they differ (sorting them would cost more than selecting).
 */
function orderStatistics(values: Float64Array, ranks: readonly number[]): Map<number, number> | undefined {
  const n = values.length;
  const halves = new Uint32Array(values.buffer, values.byteOffset, 2 * n); // little-endian: the high half second
  const starts = new Int32Array(65537);
  for (let i = 0; i < n; i++) starts[(orderedHigh(halves[2 * i + 1]!) >>> 16) + 1]!++;
  for (let key = 0; key < 65536; key++) starts[key + 1]! += starts[key]!;
  const keyOfRank = (rank: number) => {
    let low = 0;
    let high = 65535;
    while (low < high) {
      const mid = (low + high + 1) >>> 1;
      if (starts[mid]! <= rank) low = mid;
      else high = mid - 1;
    }
    return low;
  };
  const keys = [...new Set(ranks.map(keyOfRank))];
  // A range holding many values is usually one value (a count such as 0 or 3 comments): its
  // smallest and largest are tracked instead of copying it, and it needs no sort.
  const many = (key: number) => starts[key + 1]! - starts[key]! > n / 8;
  const slot = new Int8Array(65536).fill(-1);
  keys.forEach((key, k) => { slot[key] = k; });
  const picked = keys.map((key) => new Float64Array(many(key) ? 0 : starts[key + 1]! - starts[key]!));
  const smallest = keys.map(() => Infinity);
  const largest = keys.map(() => -Infinity);
  const filled = new Int32Array(keys.length);
  for (let i = 0; i < n; i++) {
    const k = slot[orderedHigh(halves[2 * i + 1]!) >>> 16]!;
    if (k < 0) continue;
    const value = values[i]!;
    if (filled[k]! < picked[k]!.length) picked[k]![filled[k]!++] = value;
    else {
      if (value < smallest[k]!) smallest[k] = value;
      if (value > largest[k]!) largest[k] = value;
    }
  }
  if (keys.some((key, k) => many(key) && !Object.is(smallest[k], largest[k]))) return undefined;
  for (const range of picked) range.sort();
  return new Map(ranks.map((rank) => {
    const key = keyOfRank(rank);
    const k = slot[key]!;
    return [rank, many(key) ? smallest[k]! : picked[k]![rank - starts[key]!]!];
  }));
}

/**
 * Quantiles (R type 7, as quantileSorted) of numbers (no NaN) at increasing probabilities,
 * reordering them in place: by selection, in linear time on average instead of a sort, with the
 * same results as quantileSorted of the sorted values.
 * @example quantilesInPlace(Float64Array.of(4, 1, 3, 2), [0.25, 0.5, 0.75]) // [1.75, 2.5, 3.25]
 */
export function quantilesInPlace(values: Float64Array, probabilities: readonly number[]): number[] {
  const n = values.length;
  if (n === 0) return probabilities.map(() => NaN);
  if (n >= HISTOGRAM_FROM) {
    const statistics = orderStatistics(values, probabilities.flatMap((p) => [Math.floor((n - 1) * p), Math.ceil((n - 1) * p)]));
    if (statistics) {
      return probabilities.map((p) => {
        const position = (n - 1) * p;
        const low = Math.floor(position);
        const a = statistics.get(low)!;
        return low === position ? a : a + (statistics.get(low + 1)! - a) * (position - low);
      });
    }
  }
  let from = 0;
  return probabilities.map((p) => {
    const position = (n - 1) * p;
    const low = Math.floor(position);
    const high = Math.ceil(position);
    if (low > from || low === 0) selectInPlace(values, low, from, n - 1);
    const a = values[low]!;
    from = low;
    if (low === high) return a;
    // The next order statistic: the smallest of what the selection left above it.
    let b = Infinity;
    for (let i = low + 1; i < n; i++) if (values[i]! < b) b = values[i]!;
    return a + (b - a) * (position - low);
  });
}

/**
 * The median of numbers (no NaN), reordering them in place; equals medianSorted of the sorted values.
 * @returns NaN when there are none
 */
export function medianInPlace(values: Float64Array | Int32Array): number {
  const n = values.length;
  if (n === 0) return NaN;
  const mid = n >> 1;
  selectInPlace(values, mid, 0, n - 1);
  const upper = values[mid]!;
  if (n % 2) return upper;
  let lower = values[0]!;
  for (let i = 1; i < mid; i++) if (values[i]! > lower) lower = values[i]!;
  return (lower + upper) / 2;
}

/**
 * How many values there are, nulls and NaN not counted.
 * @example countOf(articles.array('percentileInAge')) // articles that have one
 */
export function countOf(values: Iterable<number | null | undefined>): number {
  let count = 0;
  if (Array.isArray(values) || ArrayBuffer.isView(values)) {
    // Indexed: an iterator's result objects cost more than the count at a million values.
    const list = values as ArrayLike<number | null | undefined>;
    for (let i = 0; i < list.length; i++) if (present(list[i])) count++;
  } else {
    for (const value of values) if (present(value)) count++;
  }
  return count;
}

/**
 * Median of any values, in any order (nulls and NaN ignored).
 * @returns null when there are no values
 * @example medianOf(articles.array('views')) // 1234
 */
export function medianOf(values: Iterable<number | null | undefined> | ArrayLike<number | null | undefined>): number | null {
  // By selection, not a sort: a million views in ~15 ms instead of ~100 ms.
  const numbers = presentNumbers(values);
  return numbers.length ? medianInPlace(numbers) : null;
}

/**
 * Quantile `p` (0–1) of any values, in any order, by linear interpolation (R type 7, NumPy's
 * default); nulls and NaN ignored.
 * @returns null when there are no values
 * @example quantileOf(articles.array('views'), 0.9) // the 90th percentile of views
 */
export function quantileOf(values: Iterable<number | null | undefined> | ArrayLike<number | null | undefined>, p: number): number | null {
  const numbers = presentNumbers(values);
  return numbers.length ? quantilesInPlace(numbers, [p])[0]! : null;
}

/**
 * Mean of any values (nulls and NaN ignored).
 * @returns null when there are no values
 * @example meanOf([1, 2, null, 6]) // 3
 */
export function meanOf(values: Iterable<number | null | undefined>): number | null {
  let sum = 0;
  let n = 0;
  for (const value of values) {
    if (!present(value)) continue;
    sum += value;
    n++;
  }
  return n ? sum / n : null;
}

/** Σa / Σb, the rate of a group (not the mean of rates); null when Σb is 0. */
export function ratioOfSums(numerators: Iterable<number>, denominators: Iterable<number>): number | null {
  let top = 0;
  let bottom = 0;
  for (const value of numerators) top += value;
  for (const value of denominators) bottom += value;
  return bottom > 0 ? top / bottom : null;
}

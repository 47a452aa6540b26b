/**
 * UTF-8 text columns: one byte pool plus offsets, and the builder that fills them.
 */
import { filledPart, withHugePages } from '../native.ts';

/** Strings as one UTF-8 byte pool plus offsets (row i is bytes[offsets[i]..offsets[i+1]]). */
export interface Utf8Strings {
  bytes: Uint8Array;
  offsets: Int32Array;
}

/** The strings of a UTF-8 pool. */
export function stringsOf(pool: Utf8Strings): string[] {
  const stringAt = stringReader(pool);
  return Array.from({ length: pool.offsets.length - 1 }, (_, i) => stringAt(i));
}

/** Strings as a UTF-8 pool with offsets (one encoding pass, no per-value builder). */
export function utf8Pool(values: readonly string[]): Utf8Strings {
  const offsets = new Int32Array(values.length + 1);
  let bytes = 0;
  values.forEach((value, i) => {
    bytes += Buffer.byteLength(value);
    offsets[i + 1] = bytes;
  });
  // Not from Node's shared pool: a pool may be transferred to a worker thread.
  const pool = Buffer.allocUnsafeSlow(bytes);
  values.forEach((value, i) => pool.write(value, offsets[i]!));
  return { bytes: pool, offsets };
}

/** Strings from..to-1 of a pool as a pool of their own (a copy: it is sent to a worker). */
export function poolSlice(pool: Utf8Strings, from: number, to: number): Utf8Strings {
  const slice = new Utf8Builder(pool.offsets[to]! - pool.offsets[from]!);
  slice.pushValues(pool, from, to - from);
  return slice.done();
}

/** The strings at `positions`, in that order, as a pool of their own. */
export function pickPool(pool: Utf8Strings, positions: ArrayLike<number>): Utf8Strings {
  const builder = new Utf8Builder(Math.max(1, pool.bytes.length), positions.length);
  // Runs of consecutive positions are copied at once.
  for (let k = 0; k < positions.length;) {
    let run = 1;
    while (k + run < positions.length && positions[k + run] === positions[k]! + run) run++;
    builder.pushValues(pool, positions[k]!, run);
    k += run;
  }
  return builder.done();
}

/** The pool without the strings at `positions` (increasing): the others' bytes copied in runs. */
export function poolWithout(pool: Utf8Strings, positions: readonly number[]): Utf8Strings {
  const n = pool.offsets.length - 1;
  const builder = new Utf8Builder(Math.max(1, pool.bytes.length));
  let from = 0;
  for (const at of [...positions, n]) {
    if (at > from) builder.pushValues(pool, from, at - from);
    from = at + 1;
  }
  return builder.done();
}

/** Reads single strings of a UTF-8 pool: (i) => string i. */
export function stringReader({ bytes, offsets }: Utf8Strings): (i: number) => string {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return (i) => buffer.toString('utf8', offsets[i]!, offsets[i + 1]!);
}

/**
 * `data` with room for `needed` values, its first `length` kept: itself, or a copy at least twice
 * as large. (Only the growth is shared: Int32Builder and the batch's row columns stay of one
 * element type each, as a class shared by Float64Array and Int32Array would make every store
 * polymorphic, several times slower.)
 */
export function withRoom<A extends Int32Array | Float64Array | Uint8Array>(data: A, length: number, needed: number): A {
  if (needed <= data.length) return data;
  let size = Math.max(1, data.length) * 2;
  while (size < needed) size *= 2;
  const next = new (data.constructor as new (size: number) => A)(size);
  next.set(data.subarray(0, length));
  return next;
}

/** A growable Int32Array. */
export class Int32Builder {
  length = 0;
  data: Int32Array;

  constructor(capacity = 1024) {
    this.data = withHugePages(new Int32Array(capacity));
  }

  push(value: number): void {
    if (this.length === this.data.length) this.data = withRoom(this.data, this.length, this.length + 1);
    this.data[this.length++] = value;
  }

  /** Makes room for `extra` more values. */
  reserve(extra: number): void {
    this.data = withRoom(this.data, this.length, this.length + extra);
  }

  /** The filled part: a view, the pages behind it given back (filledPart). */
  done(): Int32Array {
    return filledPart(this.data, this.length);
  }
}

/** Builds a Utf8Strings column. */
export class Utf8Builder {
  private bytes: Uint8Array;
  /** The same memory as a Buffer: Buffer#write encodes a short string faster than encodeInto into a fresh subarray. */
  private writer: Buffer;
  private length = 0;
  private readonly offsets: Int32Builder;

  /**
   * @param capacity bytes to reserve (it grows as needed)
   * @param values strings expected, likewise
   */
  constructor(capacity = 1 << 16, values = 1023) {
    this.offsets = new Int32Builder(values + 1);
    this.bytes = new Uint8Array(capacity);
    this.writer = Buffer.from(this.bytes.buffer, 0, capacity);
    this.offsets.push(0);
  }

  private reserve(extra: number): void {
    const bytes = withRoom(this.bytes, this.length, this.length + extra);
    if (bytes === this.bytes) return;
    this.bytes = bytes;
    this.writer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  /** Appends bytes[start..end] as the next value. */
  pushBytes(source: Uint8Array, start: number, end: number): void {
    const length = end - start;
    if (this.length + length > this.bytes.length) this.reserve(length);
    const target = this.bytes;
    let at = this.length;
    if (length < 64) for (let i = start; i < end; i++) target[at++] = source[i]!;
    else target.set(source.subarray(start, end), at);
    this.length += length;
    this.offsets.push(this.length);
  }

  /** Appends a string (null is stored as empty). */
  push(value: string | null): void {
    if (value) {
      this.reserve(value.length * 3);
      this.length += this.writer.write(value, this.length);
    }
    this.offsets.push(this.length);
  }

  /** Appends values first..first+count-1 of a column at once (one copy of their bytes). */
  pushValues(strings: Utf8Strings, first: number, count: number): void {
    const start = strings.offsets[first]!;
    const end = strings.offsets[first + count]!;
    this.reserve(end - start);
    this.bytes.set(strings.bytes.subarray(start, end), this.length);
    const shift = this.length - start;
    this.offsets.reserve(count);
    const offsets = this.offsets;
    for (let k = 1; k <= count; k++) offsets.data[offsets.length++] = strings.offsets[first + k]! + shift;
    this.length += end - start;
  }

  done(): Utf8Strings {
    return { bytes: this.bytes.subarray(0, this.length), offsets: this.offsets.done() };
  }
}


/**
 * UTF-8 text columns: one byte pool plus offsets, and the builder that fills them.
 */

/** Strings as one UTF-8 byte pool plus offsets (row i is bytes[offsets[i]..offsets[i+1]]). */
export interface Utf8Strings {
  bytes: Uint8Array;
  offsets: Int32Array;
}

/** A growable Int32Array. */
export class Int32Builder {
  length = 0;
  data: Int32Array;

  constructor(capacity = 1024) {
    this.data = new Int32Array(capacity);
  }

  push(value: number): void {
    if (this.length === this.data.length) {
      const next = new Int32Array(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = value;
  }

  /** The filled part: a view, since capacity that was never written costs no physical memory. */
  done(): Int32Array {
    return this.data.subarray(0, this.length);
  }
}

const encoder = new TextEncoder();

/** Builds a Utf8Strings column. */
export class Utf8Builder {
  private bytes: Uint8Array;
  private length = 0;
  private readonly offsets = new Int32Builder();

  /** @param capacity bytes to reserve (pages are only touched when written, so a generous guess is free) */
  constructor(capacity = 1 << 16) {
    this.bytes = new Uint8Array(capacity);
    this.offsets.push(0);
  }

  private reserve(extra: number): void {
    if (this.length + extra <= this.bytes.length) return;
    let size = this.bytes.length * 2;
    while (size < this.length + extra) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.bytes.subarray(0, this.length));
    this.bytes = next;
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
      const { written } = encoder.encodeInto(value, this.bytes.subarray(this.length));
      this.length += written;
    }
    this.offsets.push(this.length);
  }

  done(): Utf8Strings {
    return { bytes: this.bytes.subarray(0, this.length), offsets: this.offsets.done() };
  }
}


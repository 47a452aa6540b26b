/**
 * Byte strings interned by their bytes: a scanner decodes and cleans each distinct value once
 * (a tag or an author repeats across thousands of articles) instead of once per occurrence.
 */
import { withRoom } from './batch-text.ts';

/** Interns byte strings: each distinct value is decoded and cleaned once; payload is the caller's. */
export class ByteInterner {
  private slots = new Int32Array(1 << 10).fill(-1);
  // Per entry, in typed arrays (hashes are kept below 2^30 so they stay small integers).
  private hashes = new Int32Array(512);
  private starts = new Int32Array(512);
  private lengths = new Int32Array(512);
  private payloads = new Int32Array(512);
  private count = 0;
  private pool = new Uint8Array(1 << 14);
  private poolLength = 0;

  /** The payload of these bytes, or -1 when unseen. */
  find(buf: Uint8Array, start: number, end: number, hash: number): number {
    const mask = this.slots.length - 1;
    const length = end - start;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const entry = this.slots[slot]!;
      if (entry < 0) return -1;
      if (this.hashes[entry] !== hash || this.lengths[entry] !== length) continue;
      const s = this.starts[entry]!;
      let i = 0;
      while (i < length && this.pool[s + i] === buf[start + i]) i++;
      if (i === length) return this.payloads[entry]!;
    }
  }

  add(buf: Uint8Array, start: number, end: number, hash: number, payload: number): void {
    const length = end - start;
    this.pool = withRoom(this.pool, this.poolLength, this.poolLength + length);
    // A loop, not set(subarray()): values are short, and the subarray was an allocation each.
    for (let i = 0; i < length; i++) this.pool[this.poolLength + i] = buf[start + i]!;
    if (this.count === this.hashes.length) {
      this.hashes = withRoom(this.hashes, this.count, this.count + 1);
      this.starts = withRoom(this.starts, this.count, this.count + 1);
      this.lengths = withRoom(this.lengths, this.count, this.count + 1);
      this.payloads = withRoom(this.payloads, this.count, this.count + 1);
    }
    const entry = this.count++;
    this.hashes[entry] = hash;
    this.starts[entry] = this.poolLength;
    this.lengths[entry] = length;
    this.payloads[entry] = payload;
    this.poolLength += length;
    if (entry * 2 >= this.slots.length) this.rehash();
    else this.place(entry);
  }

  private place(entry: number): void {
    const mask = this.slots.length - 1;
    let slot = this.hashes[entry]! & mask;
    while (this.slots[slot]! >= 0) slot = (slot + 1) & mask;
    this.slots[slot] = entry;
  }

  private rehash(): void {
    this.slots = new Int32Array(this.slots.length * 2).fill(-1);
    for (let entry = 0; entry < this.count; entry++) this.place(entry);
  }
}

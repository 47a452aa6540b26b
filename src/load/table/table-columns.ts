/**
 * Column types of the article table (arquero's ColumnType: `length`, `at`, iteration). They keep
 * the batch's compact forms — dictionary keys, list offsets, UTF-8 bytes — so a million rows cost
 * a few arrays, and kernels can read the raw buffers (see analyze/kernels.ts).
 */
import { type Text, textOf, textPlacement, type Utf8Strings, valuesAreDistinct } from './batch.ts';
import { ASIDE_WAIT_MS, TEXT_READ, type TextRead, textReadAside } from './source-text.ts';

abstract class Column<T> {
  abstract readonly length: number;
  abstract at(row: number): T;

  *[Symbol.iterator](): Iterator<T> {
    for (let row = 0; row < this.length; row++) yield this.at(row);
  }

  toArray(): T[] {
    const out = new Array<T>(this.length);
    for (let row = 0; row < this.length; row++) out[row] = this.at(row);
    return out;
  }
}

/** Numbers with NaN standing for null. */
export class NullableNumberColumn extends Column<number | null> {
  constructor(readonly values: Float64Array) {
    super();
  }

  get length(): number {
    return this.values.length;
  }

  at(row: number): number | null {
    const value = this.values[row]!;
    return value !== value ? null : value;
  }
}

/** Text as keys into a list of distinct values; key -1 is null. */
export class DictionaryColumn extends Column<string | null> {
  constructor(readonly keys: Int32Array, readonly values: readonly string[]) {
    super();
  }

  get length(): number {
    return this.keys.length;
  }

  at(row: number): string | null {
    const key = this.keys[row]!;
    return key < 0 ? null : this.values[key]!;
  }
}

/**
 * Whether a dictionary's or list column's values are all different. They nearly always are, but
 * where one repeats, its keys split the rows of one value: code that groups or counts by key then
 * encodes the values itself (valuesAreDistinct: checked once per values array).
 * @example hasDistinctValues(new DictionaryColumn(Int32Array.of(0, 1), ['a', 'a'])) // false
 */
export function hasDistinctValues(column: DictionaryColumn | ListColumn): boolean {
  return valuesAreDistinct(column.values);
}

/** Lists of text: row i holds values[ids[offsets[i]..offsets[i+1]]]. */
export class ListColumn extends Column<string[]> {
  constructor(readonly offsets: Int32Array, readonly ids: Int32Array, readonly values: readonly string[]) {
    super();
  }

  get length(): number {
    return this.offsets.length - 1;
  }

  at(row: number): string[] {
    const start = this.offsets[row]!;
    const end = this.offsets[row + 1]!;
    const out = new Array<string>(end - start);
    for (let i = start; i < end; i++) out[i - start] = this.values[this.ids[i]!]!;
    return out;
  }
}

/**
 * Text kept as UTF-8 and decoded on access; row r is value `index[r]` of the chunks taken in order
 * (each batch brings one chunk). Once more values were asked for than the column holds,
 * everything is decoded once and kept.
 */
export class Utf8Column extends Column<string | null> {
  private decoded: (string | null)[] | undefined;
  private reads = 0;
  private loaded: { strings: Utf8Strings[]; buffers: Buffer[] } | undefined;
  /** Bytes another thread is reading into `loaded` (sharedBytes with readAside): waited for at the first value. */
  private aside: { ready: Int32Array; adopt: () => void } | undefined;
  /** Number of the first value of each chunk, and the total at the end. */
  private readonly firsts: number[] = [0];

  /**
   * @param trim trim each value (titles are stored as written)
   * @param emptyIsNull read an empty value as null
   */
  constructor(readonly chunks: readonly Text[], readonly index: Int32Array, readonly chunkLengths: readonly number[], private readonly trim = false, private readonly emptyIsNull = false) {
    super();
    for (const length of chunkLengths) this.firsts.push(this.firsts[this.firsts.length - 1]! + length);
  }

  /** The chunks' bytes, loaded on first use. */
  private chunk(c: number): { offsets: Int32Array; buffer: Buffer } {
    if (this.aside) this.awaitAside();
    this.loaded ??= (() => {
      const strings = this.chunks.map(textOf);
      return { strings, buffers: strings.map((chunk) => Buffer.from(chunk.bytes.buffer, chunk.bytes.byteOffset, chunk.bytes.byteLength)) };
    })();
    return { offsets: this.loaded.strings[c]!.offsets, buffer: this.loaded.buffers[c]! };
  }

  get length(): number {
    return this.index.length;
  }

  /** Value number i of the chunks (not row i). */
  value(i: number): string | null {
    const c = chunkOf(this.firsts, i);
    const { offsets, buffer } = this.chunk(c);
    return utf8Value(buffer, offsets, i - this.firsts[c]!, this.trim, this.emptyIsNull);
  }

  /**
   * The column's bytes copied once into shared memory, with what reads them (utf8Value): for
   * worker threads that decode values themselves instead of receiving strings.
   * @param readAside starts reading text still in its source file on another thread (readTextsInto)
   *   and gives the flag that thread sets; this one goes on, and waits for the flag only at its
   *   first value. When it is not given or gives no flag, the text is read here, now.
   */
  sharedBytes(readAside?: (reads: TextRead[]) => Int32Array | undefined): SharedUtf8 {
    const placings = this.chunks.map(textPlacement);
    const starts = [0];
    for (const { size } of placings) starts.push(starts.at(-1)! + size);
    const bytes = new SharedArrayBuffer(starts.at(-1)!);
    const rooms = placings.map((placing, c) => new Uint8Array(bytes, starts[c]!, placing.size));
    const reads = placings.flatMap(({ unread }, c) => (unread ? [{ text: unread.text, offsets: unread.offsets, room: rooms[c]! }] : []));
    const ready = reads.length ? readAside?.(reads) : undefined;
    // Each chunk's bytes go straight into the shared memory (text still in its source file is read
    // there, here or aside), and this column reads them there too: one copy of the bytes, not two.
    const strings = placings.map((placing, c) => (ready && placing.unread ? { bytes: rooms[c]!, offsets: placing.unread.offsets } : placing.into(rooms[c]!)));
    this.loaded = { strings, buffers: strings.map((chunk) => Buffer.from(chunk.bytes.buffer, chunk.bytes.byteOffset, chunk.bytes.byteLength)) };
    if (ready) this.aside = { ready, adopt: () => placings.forEach((placing, c) => placing.unread?.adopt(rooms[c]!)) };
    // Offsets copied: a view into a larger buffer (the cache's) would send all of it to each thread.
    const shared: SharedUtf8 = { bytes, starts, offsets: strings.map((chunk) => chunk.offsets.slice()), firsts: this.firsts, index: this.index, trim: this.trim, emptyIsNull: this.emptyIsNull };
    if (ready) shared.ready = ready.buffer as SharedArrayBuffer;
    return shared;
  }

  /**
   * Waits for the bytes read aside; when that read failed, or its thread never answered (it died),
   * they are read here (and a changed file is reported here).
   */
  private awaitAside(): void {
    const { ready, adopt } = this.aside!;
    this.aside = undefined;
    if (textReadAside(ready, ASIDE_WAIT_MS, TEXT_READ)) adopt();
    else this.loaded = undefined;
  }

  at(row: number): string | null {
    if (this.decoded) return this.decoded[row]!;
    if (++this.reads > this.index.length) {
      this.decoded = this.toArray();
      return this.decoded[row]!;
    }
    return this.value(this.index[row]!);
  }

  override toArray(): (string | null)[] {
    if (this.decoded) return this.decoded;
    const out = new Array<string | null>(this.index.length);
    for (let row = 0; row < out.length; row++) out[row] = this.value(this.index[row]!);
    return out;
  }
}

/**
 * The chunk that holds value i: the last whose first value is at most i (an empty chunk never
 * holds one). Self-contained: worker threads run its own source.
 */
export function chunkOf(firsts: readonly number[], i: number): number {
  let low = 0;
  let high = firsts.length - 2;
  while (low < high) {
    const mid = (low + high + 1) >>> 1;
    if (firsts[mid]! <= i) low = mid;
    else high = mid - 1;
  }
  return low;
}

/**
 * Value `local` of one chunk of UTF-8 text: bytes offsets[local] to offsets[local + 1], trimmed if
 * asked; an empty value is '' or null. Self-contained: worker threads run its own source.
 */
export function utf8Value(buffer: Buffer, offsets: Int32Array, local: number, trim: boolean, emptyIsNull: boolean): string | null {
  const start = offsets[local]!;
  const end = offsets[local + 1]!;
  if (start === end) return emptyIsNull ? null : '';
  const text = buffer.toString('utf8', start, end);
  return trim ? text.trim() : text;
}

/** A Utf8Column's bytes in shared memory (Utf8Column.sharedBytes): chunk c is bytes starts[c] to starts[c + 1]. */
export interface SharedUtf8 {
  bytes: SharedArrayBuffer;
  starts: number[];
  offsets: Int32Array[];
  /** Number of the first value of each chunk, and the total at the end. */
  firsts: readonly number[];
  /** Row r is value index[r]. */
  index: Int32Array;
  trim: boolean;
  emptyIsNull: boolean;
  /** When the bytes are being read on another thread: its flag (Int32, 0 until TEXT_READ or TEXT_FAILED). */
  ready?: SharedArrayBuffer;
}

/** A column of any of the forms above, or a typed array. */
export type ColumnData = Float64Array | NullableNumberColumn | DictionaryColumn | ListColumn | Utf8Column;

/**
 * A column computed on first access: a large load builds only the columns an analysis reads
 * (a tag leaderboard never pays for titles, ages or rates).
 */
export class LazyColumn extends Column<unknown> {
  private built: ColumnData | undefined;
  // Let go once built, with whatever it read (the batches' arrays a column is copied from).
  private make: (() => ColumnData) | undefined;

  constructor(readonly length: number, make: () => ColumnData) {
    super();
    this.make = make;
  }

  /** The column itself (built now if it was not yet). */
  get data(): ColumnData {
    if (!this.built) {
      this.built = this.make!();
      this.make = undefined;
    }
    return this.built;
  }

  at(row: number): unknown {
    return this.data.at(row);
  }

  override toArray(): unknown[] {
    const data = this.data;
    return data instanceof Float64Array ? Array.from(data) : data.toArray();
  }
}

/** The column behind a lazy one (or the column itself). */
export function columnData(column: unknown): unknown {
  return column instanceof LazyColumn ? column.data : column;
}

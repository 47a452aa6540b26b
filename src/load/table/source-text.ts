/**
 * Text left in its source file: a large NDJSON file's titles, URLs and briefs are recorded as byte
 * ranges while scanning and read only if an analysis asks for them (a tag leaderboard never does),
 * which saves copying most of the file. Values that are not a plain byte range of the file (a line
 * the general path parsed, with escapes) are kept beside it.
 */
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { type Utf8Strings, Utf8Builder, withRoom } from './batch-text.ts';
import { orderById } from './order-by-id.ts';
import { filledPart, withHugePages } from '../native.ts';

/** Byte ranges of a source file, plus values kept in memory (`lengths[i] < 0`: value -lengths[i]-1 of `side`). */
export interface SourceText {
  kind: 'source';
  path: string;
  /** The file's size and mtime when scanned: reading it later checks it did not change. */
  size: number;
  mtimeMs: number;
  starts: Float64Array;
  lengths: Int32Array;
  side: Utf8Strings;
}

/** A growable pair of range arrays. */
export class SourceTextBuilder {
  private starts: Float64Array;
  private lengths: Int32Array;
  private n = 0;
  private readonly side = new Utf8Builder();
  private sideCount = 0;

  constructor(private readonly source: { path: string; size: number; mtimeMs: number }, capacity = 1024) {
    this.starts = withHugePages(new Float64Array(capacity));
    this.lengths = withHugePages(new Int32Array(capacity));
  }

  /** The next value is bytes [start, start+length) of the file. */
  pushRange(start: number, length: number): void {
    if (this.n === this.starts.length) {
      this.starts = withRoom(this.starts, this.n, this.n + 1);
      this.lengths = withRoom(this.lengths, this.n, this.n + 1);
    }
    this.starts[this.n] = start;
    this.lengths[this.n++] = length;
  }

  /** The next value is this string (null is stored as empty). */
  push(value: string | null): void {
    if (!value) {
      this.pushRange(0, 0);
      return;
    }
    this.side.push(value);
    this.pushRange(0, -1 - this.sideCount++);
  }

  done(): SourceText {
    return { kind: 'source', ...this.source, starts: filledPart(this.starts, this.n), lengths: filledPart(this.lengths, this.n), side: this.side.done() };
  }
}

const CHUNK = 8 << 20;

/** Where each value starts in the values' bytes, and their total at the end (no file read). */
export function sourceTextOffsets(text: SourceText): Int32Array {
  const { lengths, side } = text;
  const n = lengths.length;
  const offsets = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) {
    const length = lengths[i]!;
    offsets[i + 1] = offsets[i]! + (length >= 0 ? length : side.offsets[-length]! - side.offsets[-length - 1]!);
  }
  return offsets;
}

/**
 * Reads the values from the file, in one pass through it in file order (the rows may be in any
 * order: a merged batch reorders them), into `bytes` when given (as long as the values' total,
 * e.g. a view of shared memory for worker threads), else into a new array.
 * @throws Error when the file changed since it was scanned
 */
export function readSourceText(text: SourceText, offsets = sourceTextOffsets(text), bytes: Uint8Array = new Uint8Array(offsets[offsets.length - 1]!)): Utf8Strings {
  readFromFile([text], [offsets], [bytes]);
  return { bytes, offsets };
}

/** Text left in its source file, to be read into shared memory on another thread (readTextsInto). */
export interface TextRead {
  text: SourceText;
  /** sourceTextOffsets(text). */
  offsets: Int32Array;
  /** Where the values go: a view of shared memory, as long as their total. */
  room: Uint8Array;
}

/** readTextsInto's answer in its flag: the text is in, or could not be read (the waiting threads then read it themselves). */
export const TEXT_READ = 1;
export const TEXT_FAILED = 2;

/**
 * Longest wait for text read aside: a thread that reads sets its flag even when the read fails,
 * so only a thread that died leaves it unset (a million titles take ~0.5 s).
 */
export const ASIDE_WAIT_MS = 30_000;

/**
 * Waits for readTextsInto's flag (at most `waitMs`) and tells whether the text is in (`read`, i.e.
 * TEXT_READ); when not, the waiting thread reads the text itself. Self-contained: worker threads
 * run its own source.
 * @example if (!textReadAside(ready, ASIDE_WAIT_MS, TEXT_READ)) readSourceText(text)
 */
export function textReadAside(ready: Int32Array, waitMs: number, read: number): boolean {
  if (Atomics.load(ready, 0) === 0) Atomics.wait(ready, 0, 0, waitMs);
  return Atomics.load(ready, 0) === read;
}

/**
 * Reads each text into its room (readSourceText), then sets `ready[0]` to TEXT_READ (TEXT_FAILED
 * when a read fails) and wakes the threads waiting on it. Runs on a helper thread while the
 * thread that needs the text goes on.
 * @example readTextsInto(job.reads, job.ready)
 */
export function readTextsInto(reads: readonly TextRead[], ready: Int32Array): void {
  let state = TEXT_READ;
  try {
    for (const { text, offsets, room } of reads) readSourceText(text, offsets, room);
  } catch {
    state = TEXT_FAILED;
  }
  Atomics.store(ready, 0, state);
  Atomics.notify(ready, 0);
}

/**
 * Several text columns of one source file (a batch's title, URL and brief) read together, in one
 * pass through it: a row's values lie in one line, so one order of the rows serves them all.
 * @throws Error when the file changed since it was scanned, or the columns are of different files
 * @example const [title, url, brief] = readSourceTexts([batch.title, batch.url, batch.brief])
 */
export function readSourceTexts(texts: readonly SourceText[]): Utf8Strings[] {
  const offsets = texts.map((text) => sourceTextOffsets(text));
  const bytes = offsets.map((ends) => new Uint8Array(ends[ends.length - 1]!));
  readFromFile(texts, offsets, bytes);
  return texts.map((_, c) => ({ bytes: bytes[c]!, offsets: offsets[c]! }));
}

/** Whether two text columns are ranges of the same file, as it was when they were scanned. */
export function sameFile(a: SourceText, b: SourceText): boolean {
  return a.path === b.path && a.size === b.size && a.mtimeMs === b.mtimeMs;
}

/** Whether readSourceTexts can read two text columns together: the same file and the same rows. */
export function readableTogether(a: SourceText, b: SourceText): boolean {
  return sameFile(a, b) && a.lengths.length === b.lengths.length;
}

/** Copies each column's values into its bytes at its offsets: those in the file in file order, then those kept beside it. */
function readFromFile(texts: readonly SourceText[], offsets: readonly Int32Array[], bytes: readonly Uint8Array[]): void {
  const first = texts[0]!;
  const n = first.lengths.length;
  if (!texts.every((text) => readableTogether(text, first))) throw new Error('only text columns of the same file and rows can be read together');
  const fd = openSync(first.path, 'r');
  try {
    const info = fstatSync(fd);
    if (info.size !== first.size || info.mtimeMs !== first.mtimeMs) {
      throw new Error(`${first.path} changed after it was loaded: load it again`);
    }
    // A row's values lie in one line: the start of any of them places the row in the file.
    const rowAt = (i: number): number => {
      for (const { starts, lengths } of texts) if (lengths[i]! > 0) return starts[i]!;
      return -1;
    };
    // The rows with a value in the file, in file order.
    let inOrder = true;
    let fromFile = 0;
    let last = -1;
    for (let i = 0; i < n; i++) {
      const at = rowAt(i);
      if (at < 0) continue;
      fromFile++;
      if (at < last) inOrder = false;
      last = at;
    }
    let order = new Int32Array(fromFile);
    for (let i = 0, k = 0; i < n; i++) if (rowAt(i) >= 0) order[k++] = i;
    if (!inOrder) {
      // File offsets sort as ids do (orderById: a radix sort below 4 GiB); a comparison sort of a
      // million rows took most of a second.
      const byStart = orderById(Float64Array.from(order, rowAt));
      const rows = order;
      order = byStart.map((k) => rows[k]!);
    }
    let chunk = new Uint8Array(CHUNK);
    let chunkStart = 0;
    let chunkEnd = 0;
    for (const i of order) {
      for (let c = 0; c < texts.length; c++) {
        const length = texts[c]!.lengths[i]!;
        if (length <= 0) continue;
        const start = texts[c]!.starts[i]!;
        if (start < chunkStart || start + length > chunkEnd) {
          if (length > chunk.length) chunk = new Uint8Array(length);
          chunkStart = start;
          chunkEnd = start + readSync(fd, chunk, 0, chunk.length, start);
        }
        const out = bytes[c]!;
        // Byte by byte: most values are a few dozen bytes, and a view per value cost more than the copy.
        for (let k = 0, at = start - chunkStart, into = offsets[c]![i]!; k < length; k++) out[into + k] = chunk[at + k]!;
      }
    }
    texts.forEach(({ lengths, side }, c) => {
      for (let i = 0; i < n; i++) {
        const length = lengths[i]!;
        if (length < 0) bytes[c]!.set(side.bytes.subarray(side.offsets[-length - 1]!, side.offsets[-length]!), offsets[c]![i]!);
      }
    });
  } finally {
    closeSync(fd);
  }
}

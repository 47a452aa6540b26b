/**
 * The incremental parse cache: what each source file parsed to, keyed by its path, size and
 * modification time, kept as Arrow IPC in a cache folder. A rerun parses only new or changed files
 * and drops deleted ones. One cache per set of inputs (a subfolder named by their hash), so two
 * archives used from the same folder do not evict each other.
 *
 * Layout: parsed records live in segments, one per batch a run parsed (a rerun that parses 1,000
 * new files adds one segment and rewrites nothing else). A segment is `<name>.numbers.arrow` (one
 * row per record: numbers, dictionary keys, where its tags end), `<name>.tags.arrow` (tag keys),
 * `<name>.dict.json` (the dictionaries but sources), and `<name>.sources|title|url|brief.arrow`
 * (UTF-8 text: the source paths and the text columns, read only when used). Arrow files are written straight from the batch's buffers.
 * `files-<name>.arrow` (the index) says which rows of which segments each source file owns, and
 * `files-<name>.paths.arrow` holds their paths; `meta.json` (written last: the one rename that
 * makes a new state current) names the index and holds the format, version and a checksum of
 * every file. A file is checked whenever it is read; anything that does not match is never
 * trusted: it is reported and rebuilt. (The paths are read only when the folder's listing changed:
 * meta.json keeps a digest of the native walk's listing they came from, see WalkRecord.)
 *
 * Runs that overlap stay safe: one writes at a time (cache-lock.ts), and files a new state no
 * longer uses are kept for RETIRED_GRACE_MS, so a run that read the previous state can still read
 * its segments' text when it first needs it.
 */
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { Worker } from 'node:worker_threads';
import { batchType, Column, columnFromArray, type Table, tableFromColumns, tableFromIPC, tableToIPC, utf8 } from '@uwdata/flechette';
import type { LoadWarning, Reject } from '../../article.ts';
import { writeFileAtomic, writeFileAtomicStream } from '../../io/write-atomic.ts';
import { type ArticleBatch, type Text, textOf, type Utf8Strings } from '../table/batch.ts';
import { stringReader, stringsOf, Utf8Builder, withRoom } from '../table/batch-text.ts';
import { lockCacheFolder } from './cache-lock.ts';
import { Checksum } from './checksum.ts';
import { byPath } from '../walk/discover.ts';
import { nativeFs } from '../native.ts';
import { workerSource } from '../pool/parse-pool.ts';

/** Bump when parsing changes what a file yields: older caches are then rebuilt. */
export const CACHE_VERSION = 8;
const FORMAT = 'content-pulse-parse-cache';

/** Rows of a segment that a file parsed to. */
export interface SegmentRange {
  segment: number;
  first: number;
  count: number;
}

/** A segment on disk: its file-name stem, rows and the checksum of each of its files. */
export interface SegmentMeta {
  name: string;
  rows: number;
  checksums: Record<SegmentPart, string>;
}

const SEGMENT_PARTS = ['numbers', 'tags', 'dict', 'sources', 'title', 'url', 'brief'] as const;
/** Parts read when first used (and checked on another thread meanwhile, see readSegments). */
const LAZY_PARTS = ['sources', 'title', 'url', 'brief'] as const;
type SegmentPart = (typeof SEGMENT_PARTS)[number];
const partFile = (name: string, part: SegmentPart) => `${name}.${part}.${part === 'dict' ? 'json' : 'arrow'}`;

/** The folder of the cache for these inputs. */
export function cacheFolder(cacheRoot: string, inputs: readonly string[]): string {
  const key = createHash('sha256').update(JSON.stringify([...inputs].map((p) => resolve(p)).sort())).digest('hex').slice(0, 16);
  return join(cacheRoot, `inputs-${key}`);
}

/** A numeric column's values as a typed array: the file's own (one batch of that type), else a copy. */
function columnArray<T extends Float64Array | Int32Array>(arrow: Table, name: string, type: { new (values: ArrayLike<number>): T; from(values: ArrayLike<number>): T }): T {
  const values = firstBatch(arrow, name)?.values;
  if (arrow.getChild(name).data.length === 1 && values instanceof (type as unknown as typeof Float64Array)) return values as T;
  return type.from(columnValues(arrow, name) as ArrayLike<number>);
}

/**
 * A cache file's bytes: through the native helper into memory backed by huge pages where it is
 * built (several MB read into fresh 4 KiB pages cost more in page faults than the read), else
 * read by Node. An error is Node's either way (the helper's failure is read again for it).
 */
function readCacheFile(path: string): Buffer {
  const native = nativeFs();
  try {
    if (native) {
      const bytes = native.readLarge(path);
      return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    }
  } catch {
    // read again through Node, for its error
  }
  return readFileSync(path);
}

/** Checksum of cache bytes. */
function checksum(bytes: Uint8Array): string {
  const sum = new Checksum();
  sum.add(bytes);
  return sum.toString();
}

/** Writes a table as an Arrow IPC file straight to disk (atomically); returns its checksum. */
function writeArrowFile(path: string, arrow: Table): string {
  const sum = new Checksum();
  writeFileAtomicStream(path, (write) => {
    const sink = {
      write(bytes: Uint8Array) {
        write(bytes);
        sum.add(bytes);
      },
      pad(count: number) {
        this.write(new Uint8Array(count));
      },
      finish() {
        return null;
      },
    };
    tableToIPC(arrow, { format: 'file', sink } as never);
  });
  return sum.toString();
}

interface CacheMeta {
  format?: string;
  version?: number;
  /** File name of the index. */
  index?: string;
  /** Checksum of the index. */
  files?: string;
  /** Checksum of the index's paths (pathsFileOf(index)). */
  paths?: string;
  walk?: WalkRecord;
  segments?: SegmentMeta[];
  /** Files (segment stems and index names) no longer used, and since when: deleted after the grace period. */
  retired?: { name: string; since: number }[];
}

/** How long files a newer state no longer uses are kept for runs that read an older one. */
export const RETIRED_GRACE_MS = 60 * 60_000;

const INDEX_NAME = /^files-[0-9a-f]+\.arrow$/;

/** The file of an index's paths. */
const pathsFileOf = (index: string) => index.replace(/\.arrow$/, '.paths.arrow');

/** The stem of a cache file: its segment's or its index's name, which it is kept or retired by. */
const stemOf = (file: string) => /^(seg-[0-9a-f]+|files-[0-9a-f]+)\./.exec(file)?.[1];

/**
 * The native walk of one folder that listed an index's files (see startPooledWalk): a rerun whose
 * walk lists the same paths (the same digest) knows each file's index row without reading the
 * index's paths: the index holds the walk's files in order, but for the skipped ones.
 */
export interface WalkRecord {
  /** Digest of the walk's path pool (walkDigest). */
  digest: string;
  /** Positions in the walk of the files the index does not hold (index pages, other files). */
  skipped: number[];
}

/** Digest of a walk's path pool, bytes and offsets. */
export function walkDigest(pool: Utf8Strings): string {
  const { offsets } = pool;
  return createHash('sha256').update(pool.bytes).update(new Uint8Array(offsets.buffer, offsets.byteOffset, offsets.byteLength)).digest('hex');
}

/** A cache's index: its files and segments, read without the records. */
export interface CacheIndex {
  files: CachedFiles;
  segments: SegmentMeta[];
  /** The walk that listed the files, when a native walk of one folder did. */
  walk?: WalkRecord;
  /** Why the cache cannot be trusted (it is then ignored and rebuilt). */
  problem?: string;
}

/**
 * The cached files as columns (row i is one file): a warm load of 100,000 files compares stamps
 * and collects row ranges without an object per file.
 */
export interface CachedFiles {
  length: number;
  /**
   * Path of each row (in path order, as written), as one UTF-8 pool: a rerun matches them without
   * a string each. Read when first asked for; throws when the file does not match its checksum.
   */
  paths: () => Utf8Strings;
  size: Float64Array;
  mtimeMs: Float64Array;
  itemsSeen: Float64Array;
  /** The file's first row range (segment -1: no rows); any further ones are in its notes. */
  segment: Int32Array;
  first: Int32Array;
  count: Int32Array;
  /** Index into notes, or -1 (most files have none). */
  notesAt: Int32Array;
  notes: FileNotes[];
}

const NO_FILES: CachedFiles = {
  length: 0, paths: () => ({ bytes: new Uint8Array(0), offsets: new Int32Array(1) }), size: new Float64Array(0), mtimeMs: new Float64Array(0), itemsSeen: new Float64Array(0),
  segment: new Int32Array(0), first: new Int32Array(0), count: new Int32Array(0), notesAt: new Int32Array(0), notes: [],
};

/**
 * The index row of each path (-1 where the index has none). Both lists in path order (the usual
 * case: the walk lists files so, and the index is written in that order) are merged in one pass;
 * otherwise a Map is built. A Map of 100,000 paths and its lookups were ~0.1 s of a warm load.
 */
export function rowsOfPaths(files: CachedFiles, paths: readonly string[]): Int32Array {
  const rows = new Int32Array(paths.length).fill(-1);
  const cached = stringsOf(files.paths());
  const sorted = (list: readonly string[]) => list.every((path, i) => i === 0 || byPath(list[i - 1]!, path) < 0);
  if (sorted(cached) && sorted(paths)) {
    for (let i = 0, row = 0; i < paths.length && row < cached.length;) {
      const order = byPath(paths[i]!, cached[row]!);
      if (order === 0) rows[i++] = row++;
      else if (order < 0) i++;
      else row++;
    }
    return rows;
  }
  const rowOf = new Map(cached.map((path, row) => [path, row]));
  paths.forEach((path, i) => {
    rows[i] = rowOf.get(path) ?? -1;
  });
  return rows;
}

/**
 * The arrays of a column's first batch, as flechette holds them (`values`; `offsets` for text):
 * the cache's files are written as one batch per column, so its arrays are the column's.
 */
function firstBatch(arrow: Table, name: string): { values?: ArrayLike<number>; offsets?: Int32Array; nullCount: number } | undefined {
  return arrow.getChild(name).data[0] as unknown as { values?: ArrayLike<number>; offsets?: Int32Array; nullCount: number } | undefined;
}

/** A UTF-8 Arrow column as a pool: its arrays as they are (one batch, no nulls, offsets from 0: how the index is written). */
function utf8PoolOf(arrow: Table, name: string): Utf8Strings {
  const batch = firstBatch(arrow, name) as { values?: Uint8Array; offsets?: Int32Array; nullCount: number } | undefined;
  if (arrow.getChild(name).data.length === 1 && batch?.offsets && batch.values && batch.nullCount === 0 && batch.offsets[0] === 0) {
    return { bytes: batch.values, offsets: batch.offsets };
  }
  return utf8Pool(columnValues(arrow, name) as string[]);
}

/**
 * The index row of each path of a pool (-1 where the index has none), both in byte order (the
 * native walk's order, and the index's, which is written in it): one merge, comparing bytes, no
 * string per path. Out of order, a path is missed (parsed again), never matched wrongly.
 */
export function rowsOfPool(files: CachedFiles, pool: Utf8Strings): Int32Array {
  const n = pool.offsets.length - 1;
  const rows = new Int32Array(n).fill(-1);
  const a = pool.bytes;
  const aAt = pool.offsets;
  const { bytes: b, offsets: bAt } = files.paths();
  for (let i = 0, row = 0; i < n && row < files.length;) {
    // Byte order of path i and index row `row` (a prefix first).
    const aStart = aAt[i]!;
    const aLength = aAt[i + 1]! - aStart;
    const bStart = bAt[row]!;
    const bLength = bAt[row + 1]! - bStart;
    const common = Math.min(aLength, bLength);
    let k = 0;
    while (k < common && a[aStart + k] === b[bStart + k]) k++;
    const order = k < common ? a[aStart + k]! - b[bStart + k]! : aLength - bLength;
    if (order === 0) rows[i++] = row++;
    else if (order < 0) i++;
    else row++;
  }
  return rows;
}

/** The row ranges of a cached file, in order. */
export function cachedRanges(files: CachedFiles, row: number): SegmentRange[] {
  if (files.segment[row]! < 0) return [];
  const more = files.notes[files.notesAt[row]!]?.more ?? [];
  return [{ segment: files.segment[row]!, first: files.first[row]!, count: files.count[row]! }, ...more.map(([segment, first, count]) => ({ segment: segment!, first: first!, count: count! }))];
}

function columnValues(arrow: Table, name: string): ArrayLike<unknown> {
  return arrow.getChild(name).toArray() as ArrayLike<unknown>;
}

/** What the index keeps apart for the few files that have it: rejects, warnings, ranges after the first. */
interface FileNotes {
  rejects?: Reject[];
  warnings?: LoadWarning[];
  more?: number[][];
}

/**
 * Reads a cache's index (the index file meta.json names, checked against it). A missing cache is
 * no problem: no entries.
 */
export function readCacheIndex(folder: string): CacheIndex {
  const none = (problem?: string): CacheIndex => ({ files: NO_FILES, segments: [], ...(problem ? { problem } : {}) });
  const metaPath = join(folder, 'meta.json');
  if (!existsSync(metaPath)) return none();
  try {
    const meta = readMeta(folder);
    if (meta.format !== FORMAT) return none('not a content-pulse cache');
    if (meta.version !== CACHE_VERSION) return none(`made by cache version ${meta.version}, this is ${CACHE_VERSION}`);
    if (typeof meta.index !== 'string' || !INDEX_NAME.test(meta.index)) return none('no index named in meta.json');
    const filesBytes = readCacheFile(join(folder, meta.index));
    if (checksum(filesBytes) !== meta.files) return none('checksum mismatch (corrupt or half-written)');
    const table = tableFromIPC(filesBytes);
    const pathsFile = pathsFileOf(meta.index);
    let paths: Utf8Strings | undefined;
    const readPaths = () => {
      if (paths) return paths;
      const bytes = readCacheFile(join(folder, pathsFile));
      if (checksum(bytes) !== meta.paths) throw new Error(mismatchIn(pathsFile));
      return (paths = utf8PoolOf(tableFromIPC(bytes), 'text'));
    };
    const float64s = (name: string) => columnArray(table, name, Float64Array);
    const int32s = (name: string) => columnArray(table, name, Int32Array);
    const files: CachedFiles = {
      length: table.numRows, paths: readPaths, size: float64s('size'), mtimeMs: float64s('mtimeMs'), itemsSeen: float64s('itemsSeen'),
      segment: int32s('segment'), first: int32s('first'), count: int32s('count'), notesAt: int32s('notes'),
      // Rejects, warnings and further ranges of the few files that have any, as one JSON text.
      notes: JSON.parse((columnValues(table, 'noteList')[0] as string | null) ?? '[]') as FileNotes[],
    };
    return { files, segments: meta.segments ?? [], ...(meta.walk ? { walk: meta.walk } : {}) };
  } catch (error) {
    return none(`unreadable (${(error as Error).message})`);
  }
}

/** Reads a checked Arrow file of a segment; throws when it does not match its checksum. */
function readPart(folder: string, segment: SegmentMeta, part: SegmentPart): Buffer {
  const bytes = readCacheFile(join(folder, partFile(segment.name, part)));
  if (checksum(bytes) !== segment.checksums[part]) throw new Error(mismatchIn(partFile(segment.name, part)));
  return bytes;
}

/**
 * Text of a segment, read when first used. Its checksum is verified by readSegments on another
 * thread before the load returns, so text is never used unchecked.
 */
function lazyText(folder: string, segment: SegmentMeta, part: 'title' | 'url' | 'brief'): Text {
  let strings: Utf8Strings | undefined;
  return () => {
    if (!strings) {
      const data = firstBatch(tableFromIPC(readPart(folder, segment, part)), 'text');
      strings = { bytes: (data?.values as Uint8Array | undefined) ?? new Uint8Array(0), offsets: data?.offsets ?? new Int32Array(1) };
    }
    return strings;
  };
}

/** Why a cache file cannot be trusted: its checksum does not match. */
function mismatchIn(name: string): string {
  return `checksum mismatch in ${name} (corrupt or half-written)`;
}

/**
 * The first file whose checksum as the native helper gives it ("unreadable: …" when it could not
 * be read) is not the expected one, said as a problem; undefined when all match.
 */
function firstMismatch(files: readonly { path: string; expected: string }[], sums: readonly string[]): string | undefined {
  const bad = files.findIndex((file, i) => sums[i] !== file.expected);
  if (bad < 0) return undefined;
  const name = basename(files[bad]!.path);
  const unreadable = /^unreadable: (.*)$/.exec(sums[bad]!);
  return unreadable ? `unreadable (${name}: ${unreadable[1]})` : mismatchIn(name);
}

/** Below this many bytes of text, checking it here is quicker than starting a thread. */
const BACKGROUND_CHECK_BYTES = 16 << 20;

/**
 * Checks files against their checksums — by the native helper when it is built (through one
 * reused buffer: ~1 ms per MB), else on another thread when there is a lot to read; resolves to
 * the first problem, if any.
 */
function verifyInBackground(files: readonly { path: string; expected: string }[]): Promise<string | undefined> {
  if (files.length === 0) return Promise.resolve(undefined);
  const native = nativeFs();
  if (native && files.every((file) => file.expected.startsWith('crc32:'))) {
    return Promise.resolve(firstMismatch(files, native.checksumFiles(files.map((file) => file.path))));
  }
  const bytes = files.reduce((sum, file) => sum + Number(/:(\d+)$/.exec(file.expected)?.[1] ?? BACKGROUND_CHECK_BYTES), 0);
  if (bytes < BACKGROUND_CHECK_BYTES) {
    for (const file of files) {
      let actual: string;
      try {
        actual = checksum(readFileSync(file.path));
      } catch (error) {
        return Promise.resolve(`unreadable (${(error as Error).message})`);
      }
      if (actual !== file.expected) return Promise.resolve(mismatchIn(basename(file.path)));
    }
    return Promise.resolve(undefined);
  }
  return new Promise((resolvePromise) => {
    const worker = new Worker(workerSource());
    worker.postMessage({ checksums: files.map((file) => file.path) });
    worker.once('message', (sums: string[]) => {
      const bad = files.findIndex((file, i) => sums[i] !== file.expected);
      resolvePromise(bad < 0 ? undefined : mismatchIn(basename(files[bad]!.path)));
      void worker.terminate();
    });
    worker.once('error', (error) => resolvePromise(`unreadable (${error.message})`));
  });
}

/** One segment as a batch (numbers now, text when read). */
function readSegment(folder: string, segment: SegmentMeta): ArticleBatch {
  const numbers = tableFromIPC(readPart(folder, segment, 'numbers'));
  const values = <T>(arrow: Table, name: string): T => (arrow.getChild(name).data.length === 1 ? firstBatch(arrow, name)!.values : arrow.getChild(name).toArray()) as T;
  const f64 = (name: string) => values<Float64Array>(numbers, name);
  const i32 = (name: string) => values<Int32Array>(numbers, name);
  const tagEnds = i32('tagEnd');
  const tagOffsets = new Int32Array(segment.rows + 1);
  tagOffsets.set(tagEnds, 1);
  const tags = tableFromIPC(readPart(folder, segment, 'tags'));
  return {
    n: segment.rows,
    id: f64('id'), views: f64('views'), comments: f64('comments'), collects: f64('collects'), authorId: f64('authorId'),
    readingMinutes: f64('readingMinutes'), bodyChars: f64('bodyChars'), images: f64('images'),
    published: i32('published'), category: i32('category'), categoryName: i32('categoryName'), author: i32('author'), source: i32('source'),
    tagOffsets, tagIds: segment.rows > 0 && tags.numRows > 0 ? values<Int32Array>(tags, 'tag') : new Int32Array(0),
    title: lazyText(folder, segment, 'title'), url: lazyText(folder, segment, 'url'), brief: lazyText(folder, segment, 'brief'),
    dict: withLazySources(JSON.parse(readPart(folder, segment, 'dict').toString('utf8')) as Omit<ArticleBatch['dict'], 'source'>, folder, segment),
  };
}

/**
 * The dictionaries with `source` (every file's path: most of their bytes) read when first used —
 * the table reads it only for its `source` column, which a warm load need not build.
 */
function withLazySources(dict: Omit<ArticleBatch['dict'], 'source'>, folder: string, segment: SegmentMeta): ArticleBatch['dict'] {
  let sources: string[] | undefined;
  return Object.defineProperty(dict, 'source', {
    enumerable: true,
    get: () => (sources ??= stringsOf(utf8PoolOf(tableFromIPC(readPart(folder, segment, 'sources')), 'text'))),
  }) as ArticleBatch['dict'];
}

/**
 * Reads segments as batches: numbers, tags and dictionaries now (checked as read), text when
 * first used — its files are checked meanwhile on another thread: await `verified` before trusting
 * the batches (it gives the problem, if any).
 * @returns the batches, or the problem that makes the cache untrustworthy
 */
export function readSegments(folder: string, segments: readonly SegmentMeta[]): { batches: ArticleBatch[]; verified: Promise<string | undefined> } | { problem: string } {
  try {
    const text = segments.flatMap((segment) => LAZY_PARTS.map((part) => ({ path: join(folder, partFile(segment.name, part)), expected: segment.checksums[part] })));
    const verified = verifyInBackground(text);
    return { batches: segments.map((segment) => readSegment(folder, segment)), verified };
  } catch (error) {
    return { problem: `unreadable (${(error as Error).message})` };
  }
}

/**
 * A float64 or int32 Arrow column holding the typed array as it is. (Given the type explicitly,
 * flechette builds the column value by value instead: ~60 ms for the 100,000-row index.)
 */
function columnOf(values: Float64Array | Int32Array): Column<number> {
  return columnFromArray(values) as Column<number>;
}

/** An Arrow UTF-8 column from the pool and offsets as they are; `validity` marks non-null rows (none: all valid). */
function utf8Column(strings: Utf8Strings, validity?: Uint8Array, nullCount = 0): Column<string | null> {
  const type = utf8();
  const Batch = batchType(type);
  const rows = strings.offsets.length - 1;
  return new Column([new Batch({ length: rows, nullCount, type, validity: validity ?? new Uint8Array(0), offsets: strings.offsets, values: strings.bytes })]);
}

/** An Arrow table of one UTF-8 column, from the pool and offsets as they are. */
function utf8Table(strings: Utf8Strings): Table {
  return tableFromColumns({ text: utf8Column(strings) });
}

/** Strings as a UTF-8 pool with offsets (one encoding pass, no per-value builder). */
function utf8Pool(values: readonly string[]): Utf8Strings {
  const offsets = new Int32Array(values.length + 1);
  let bytes = 0;
  values.forEach((value, i) => {
    bytes += Buffer.byteLength(value);
    offsets[i + 1] = bytes;
  });
  const pool = Buffer.allocUnsafe(bytes);
  values.forEach((value, i) => pool.write(value, offsets[i]!));
  return { bytes: pool, offsets };
}

/** Writes a batch as a new segment; returns its meta. */
function writeSegment(folder: string, batch: ArticleBatch): SegmentMeta {
  const name = `seg-${randomBytes(6).toString('hex')}`;
  const f64 = (values: Float64Array) => columnOf(values);
  const i32 = (values: Int32Array) => columnOf(values);
  const tables: Record<Exclude<SegmentPart, 'dict'>, () => Table> = {
    numbers: () => tableFromColumns({
      id: f64(batch.id), views: f64(batch.views), comments: f64(batch.comments), collects: f64(batch.collects), authorId: f64(batch.authorId),
      readingMinutes: f64(batch.readingMinutes), bodyChars: f64(batch.bodyChars), images: f64(batch.images),
      published: i32(batch.published), category: i32(batch.category), categoryName: i32(batch.categoryName), author: i32(batch.author),
      source: i32(batch.source), tagEnd: i32(batch.tagOffsets.subarray(1)),
    }),
    tags: () => tableFromColumns({ tag: i32(batch.tagIds) }),
    title: () => utf8Table(textOf(batch.title)),
    url: () => utf8Table(textOf(batch.url)),
    brief: () => utf8Table(textOf(batch.brief)),
    sources: () => utf8Table(utf8Pool(batch.dict.source)),
  };
  const sums = {} as Record<SegmentPart, string>;
  for (const part of SEGMENT_PARTS) {
    const path = join(folder, partFile(name, part));
    if (part === 'dict') {
      const { category, categoryName, author, tags } = batch.dict; // source: its own part
      const bytes = new TextEncoder().encode(JSON.stringify({ category, categoryName, author, tags }));
      writeFileAtomic(path, bytes);
      sums.dict = checksum(bytes);
    } else {
      sums[part] = writeArrowFile(path, tables[part]());
    }
  }
  return { name, rows: batch.n, checksums: sums };
}

/**
 * The next file index, built file by file as columns (no object per file): what writeCache
 * stores as the index file.
 */
export class FileIndexBuilder {
  /** The paths, pushed one by one, unless they were given at once. */
  private readonly paths: Utf8Builder | undefined;
  private n = 0;
  // Typed columns sized up front (a load knows how many files it indexes): pushing 100,000
  // numbers into eight plain arrays cost ~90 ms and as much again in garbage collection.
  private size: Float64Array;
  private mtimeMs: Float64Array;
  private itemsSeen: Float64Array;
  private segment: Int32Array;
  private first: Int32Array;
  private count: Int32Array;
  private notesAt: Int32Array;
  readonly notes: FileNotes[] = [];

  /**
   * @param capacity files expected (more still fit: the columns grow)
   * @param pathBytes bytes of their paths expected (growing the pool by copies cost ~50 ms of a 100,000-file index)
   * @param givenPaths the paths of all the files it will hold, in order, at once (a walk's pool:
   *   copying 100,000 paths from the old index into fresh memory took ~40 ms); add and keep then take none
   */
  constructor(capacity = 1024, pathBytes = 1 << 16, private readonly givenPaths?: Utf8Strings) {
    this.paths = givenPaths ? undefined : new Utf8Builder(pathBytes);
    this.size = new Float64Array(capacity);
    this.mtimeMs = new Float64Array(capacity);
    this.itemsSeen = new Float64Array(capacity);
    this.segment = new Int32Array(capacity);
    this.first = new Int32Array(capacity);
    this.count = new Int32Array(capacity);
    this.notesAt = new Int32Array(capacity);
  }

  /** A file with its stamp, what it yielded and its row ranges (segments in the new numbering). */
  add(path: string, size: number, mtimeMs: number, itemsSeen: number, ranges: readonly SegmentRange[], rejects: readonly Reject[] = [], warnings: readonly LoadWarning[] = []): void {
    // The first range in columns (most files have one), any more in the notes.
    const plain = rejects.length === 0 && warnings.length === 0 && ranges.length <= 1;
    this.paths?.push(path);
    this.pushColumns(size, mtimeMs, itemsSeen, ranges[0]?.segment ?? -1, ranges[0]?.first ?? 0, ranges[0]?.count ?? 0, plain ? -1 : this.notes.length);
    if (plain) return;
    this.notes.push({
      ...(rejects.length ? { rejects: [...rejects] } : {}), ...(warnings.length ? { warnings: [...warnings] } : {}),
      ...(ranges.length > 1 ? { more: ranges.slice(1).map((r) => [r.segment, r.first, r.count]) } : {}),
    });
  }

  /** The columns of the next file, whose path was just pushed. */
  private pushColumns(size: number, mtimeMs: number, itemsSeen: number, segment: number, first: number, count: number, notesAt: number): void {
    const at = this.n++;
    if (at === this.size.length) this.grow(at + 1);
    this.size[at] = size;
    this.mtimeMs[at] = mtimeMs;
    this.itemsSeen[at] = itemsSeen;
    this.segment[at] = segment;
    this.first[at] = first;
    this.count[at] = count;
    this.notesAt[at] = notesAt;
  }

  private grow(needed: number): void {
    const n = this.n;
    this.size = withRoom(this.size, n, needed);
    this.mtimeMs = withRoom(this.mtimeMs, n, needed);
    this.itemsSeen = withRoom(this.itemsSeen, n, needed);
    this.segment = withRoom(this.segment, n, needed);
    this.first = withRoom(this.first, n, needed);
    this.count = withRoom(this.count, n, needed);
    this.notesAt = withRoom(this.notesAt, n, needed);
  }

  /**
   * Files of the old index, kept: rows first..first+count-1 there (their paths' bytes copied at
   * once, no string), and the new number of each old segment.
   */
  keep(files: CachedFiles, first: number, count: number, renumber: ReadonlyMap<number, number>): void {
    for (let row = first, end = first + count; row < end;) {
      // A run of rows without notes (most files: at most one range) goes straight from column to column.
      let plain = row;
      while (plain < end && files.notesAt[plain]! < 0) plain++;
      if (plain > row) {
        this.paths?.pushValues(files.paths(), row, plain - row);
        for (; row < plain; row++) {
          const segment = files.segment[row]!;
          this.pushColumns(files.size[row]!, files.mtimeMs[row]!, files.itemsSeen[row]!, segment < 0 ? -1 : renumber.get(segment)!, files.first[row]!, files.count[row]!, -1);
        }
      }
      if (row < end) this.keepWithNotes(files, row++, renumber);
    }
  }

  private keepWithNotes(files: CachedFiles, row: number, renumber: ReadonlyMap<number, number>): void {
    const notes = files.notes[files.notesAt[row]!];
    const ranges = cachedRanges(files, row).map((range) => ({ ...range, segment: renumber.get(range.segment)! }));
    // With the paths given at once, add takes none.
    this.add(this.paths ? stringReader(files.paths())(row) : '', files.size[row]!, files.mtimeMs[row]!, files.itemsSeen[row]!, ranges, notes?.rejects, notes?.warnings);
  }

  /**
   * The index as Arrow tables, the columns typed as they are (through arquero's row-wise table it
   * took ~0.2 s for 100,000 files): the files, and their paths apart (read only when needed).
   */
  toArrow(): { files: Table; paths: Table } {
    const n = this.n;
    // All the notes as one JSON text in the first row, null in the others (most files have none;
    // decoding a text per file was slow).
    const noteText = utf8Pool(n > 0 ? [JSON.stringify(this.notes)] : []);
    const noteOffsets = new Int32Array(n + 1).fill(noteText.offsets[noteText.offsets.length - 1]!);
    noteOffsets[0] = 0;
    const noteValidity = new Uint8Array(Math.ceil(n / 8));
    if (n > 0) noteValidity[0] = 1;
    const f64 = (values: Float64Array) => columnOf(values.subarray(0, n));
    const i32 = (values: Int32Array) => columnOf(values.subarray(0, n));
    const files = tableFromColumns({
      size: f64(this.size), mtimeMs: f64(this.mtimeMs), itemsSeen: f64(this.itemsSeen),
      segment: i32(this.segment), first: i32(this.first), count: i32(this.count), notes: i32(this.notesAt),
      noteList: utf8Column({ bytes: noteText.bytes, offsets: noteOffsets }, noteValidity, Math.max(0, n - 1)),
    });
    const paths = this.givenPaths ?? this.paths!.done();
    if (paths.offsets.length - 1 !== n) throw new Error(`FileIndexBuilder: ${paths.offsets.length - 1} paths given for ${n} files`);
    return { files, paths: utf8Table(paths) };
  }

  /** Files in the index. */
  get length(): number {
    return this.n;
  }
}

/**
 * Writes the cache: new batches become segments, kept segments stay as they are, then a new index
 * and meta.json (the last write makes the new state current). Files no state uses any more are
 * retired, and deleted once retired for RETIRED_GRACE_MS (leftovers of a run that died, at once).
 * Nothing is written while another run holds the folder's writer lock.
 * @param segments kept segments (by meta) and new ones (as batches), in the numbering the index's ranges use
 * @param walk the walk that listed the index's files, when one native walk of one folder did
 * @returns why the cache was not updated, if it was not
 */
export function writeCache(folder: string, index: FileIndexBuilder, segments: readonly (SegmentMeta | ArticleBatch)[], now = Date.now(), walk?: WalkRecord): { notSaved?: string } {
  mkdirSync(folder, { recursive: true });
  const lock = lockCacheFolder(folder, now);
  if ('busy' in lock) return { notSaved: lock.busy };
  try {
    let previous: CacheMeta | undefined;
    try {
      previous = readMeta(folder);
    } catch {
      previous = undefined; // no previous state, or an unreadable one: nothing to retire
    }
    const metas = segments.map((segment) => ('checksums' in segment ? segment : writeSegment(folder, segment)));
    const indexStem = `files-${randomBytes(6).toString('hex')}`;
    const indexName = `${indexStem}.arrow`;
    const tables = index.toArrow();
    // Streamed: 11 MB for 100,000 files.
    const indexChecksum = writeArrowFile(join(folder, indexName), tables.files);
    const pathsChecksum = writeArrowFile(join(folder, pathsFileOf(indexName)), tables.paths);
    const live = new Set([indexStem, ...metas.map((meta) => meta.name)]);
    // What the previous state used and this one does not is retired now; retired files stay retired.
    const retired = new Map<string, number>();
    for (const entry of previous?.retired ?? []) if (!live.has(entry.name) && now - entry.since < RETIRED_GRACE_MS) retired.set(entry.name, entry.since);
    for (const name of [previous?.index && stemOf(previous.index), ...(previous?.segments ?? []).map((segment) => segment.name)]) {
      if (name && !live.has(name) && !retired.has(name)) retired.set(name, now);
    }
    const meta: CacheMeta = {
      format: FORMAT, version: CACHE_VERSION, index: indexName, files: indexChecksum, paths: pathsChecksum, ...(walk ? { walk } : {}), segments: metas,
      retired: [...retired].map(([name, since]) => ({ name, since })).sort((a, b) => byPath(a.name, b.name)),
    };
    writeFileAtomic(join(folder, 'meta.json'), `${JSON.stringify({ ...meta, sources: index.length })}\n`);
    for (const file of readdirSync(folder)) {
      const stem = stemOf(file);
      if (stem && !live.has(stem) && !retired.has(stem)) rmSync(join(folder, file), { force: true });
      else if (file.includes('.tmp-') && isOlderThan(join(folder, file), now - RETIRED_GRACE_MS)) rmSync(join(folder, file), { force: true });
    }
    return {};
  } finally {
    lock.release();
  }
}

/** The folder's meta.json as written (throws when it is missing or no JSON). */
function readMeta(folder: string): CacheMeta {
  return JSON.parse(readFileSync(join(folder, 'meta.json'), 'utf8')) as CacheMeta;
}

/** True when the file was last modified before `time` (a temporary file a dead run left). */
function isOlderThan(path: string, time: number): boolean {
  const info = statSync(path, { throwIfNoEntry: false });
  return info !== undefined && info.mtimeMs < time;
}

/**
 * Cache segments: a batch of parsed rows written as Arrow files straight from its buffers, and
 * read back (text columns when first used, their checksums verified on another thread meanwhile).
 */
import { randomBytes } from 'node:crypto';
import { basename, join } from 'node:path';
import { type Table, tableFromColumns, tableFromIPC } from '@uwdata/flechette';
import { writeFileAtomic } from '../../io/write-atomic.ts';
import { type ArticleBatch, markDistinct, type Text, textOf, textsOf, type Utf8Strings } from '../table/batch.ts';
import { stringsOf, utf8Pool } from '../table/batch-text.ts';
import { nativeFs } from '../native.ts';
import { startWorker } from '../pool/workers.ts';
import { checksumFile } from './checksum.ts';
import { type SegmentMeta, SEGMENT_PARTS, LAZY_PARTS, type SegmentPart, partFile, readCacheFile, checksum, writeArrowFile, firstBatch, utf8PoolOf, columnOf, utf8Table, mismatchIn } from './files.ts';

/** Reads a checked Arrow file of a segment; throws when it does not match its checksum. */
export function readPart(folder: string, segment: SegmentMeta, part: SegmentPart): Buffer {
  const bytes = readCacheFile(join(folder, partFile(segment.name, part)));
  if (checksum(bytes) !== segment.checksums[part]) throw new Error(mismatchIn(partFile(segment.name, part)));
  return bytes;
}

/**
 * Text of a segment, read when first used. Its checksum is verified by readSegments on another
 * thread before the load returns, so text is never used unchecked.
 */
export function lazyText(folder: string, segment: SegmentMeta, part: 'title' | 'url' | 'brief'): Text {
  let strings: Utf8Strings | undefined;
  return () => {
    if (!strings) {
      const data = firstBatch(tableFromIPC(readPart(folder, segment, part)), 'text');
      strings = { bytes: (data?.values as Uint8Array | undefined) ?? new Uint8Array(0), offsets: data?.offsets ?? new Int32Array(1) };
    }
    return strings;
  };
}

/**
 * The first file whose checksum (as checksumFile or the native helper gives it: "unreadable: …"
 * when it could not be read) is not the expected one, said as a problem; undefined when all match.
 */
export function firstMismatch(files: readonly { path: string; expected: string }[], sums: readonly string[]): string | undefined {
  const bad = files.findIndex((file, i) => sums[i] !== file.expected);
  if (bad < 0) return undefined;
  const name = basename(files[bad]!.path);
  const unreadable = /^unreadable: (.*)$/.exec(sums[bad]!);
  return unreadable ? `unreadable (${name}: ${unreadable[1]})` : mismatchIn(name);
}

/** Below this many bytes of text, checking it here is quicker than starting a thread. */
export const BACKGROUND_CHECK_BYTES = 16 << 20;

/**
 * The same through the native helper (~1 ms per MB here): from this many bytes on, a worker
 * thread calls it while this one builds the table (a million articles' text, ~200 MB, took this
 * thread 0.1–0.25 s).
 */
export const NATIVE_BACKGROUND_CHECK_BYTES = 64 << 20;

/**
 * Checks files against their checksums — on this thread when there is little to read, else on
 * a worker thread while this one goes on (by the native helper where it is built and the sums
 * are its CRC-32: through one reused buffer); resolves to the first problem, if any.
 * @param hereBelow bytes below which the check runs on this thread @default NATIVE_BACKGROUND_CHECK_BYTES with the helper, else BACKGROUND_CHECK_BYTES
 */
export function verifyInBackground(files: readonly { path: string; expected: string }[], hereBelow?: number): Promise<string | undefined> {
  if (files.length === 0) return Promise.resolve(undefined);
  const native = nativeFs() !== undefined && files.every((file) => file.expected.startsWith('crc32:'));
  const bytes = files.reduce((sum, file) => sum + Number(/:(\d+)$/.exec(file.expected)?.[1] ?? BACKGROUND_CHECK_BYTES), 0);
  if (bytes < (hereBelow ?? (native ? NATIVE_BACKGROUND_CHECK_BYTES : BACKGROUND_CHECK_BYTES))) {
    const sums = native ? nativeFs()!.checksumFiles(files.map((file) => file.path)) : files.map((file) => checksumFile(file.path));
    return Promise.resolve(firstMismatch(files, sums));
  }
  return new Promise((resolvePromise) => {
    const worker = startWorker();
    worker.postMessage({ checksums: files.map((file) => file.path), native });
    worker.once('message', (sums: string[]) => {
      resolvePromise(firstMismatch(files, sums));
      void worker.terminate();
    });
    worker.once('error', (error) => resolvePromise(`unreadable (${error.message})`));
  });
}

/** One segment as a batch (numbers now, text when read). */
export function readSegment(folder: string, segment: SegmentMeta): ArticleBatch {
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
    dict: withLazySources(readDictionaries(readPart(folder, segment, 'dict')), folder, segment),
  };
}

/**
 * A segment's dictionaries but `source`. Those of a segment that says its values are all
 * different are marked so (segments written before it said so are checked when used).
 */
function readDictionaries(bytes: Buffer): Omit<ArticleBatch['dict'], 'source'> {
  const { distinct, ...dict } = JSON.parse(bytes.toString('utf8')) as Omit<ArticleBatch['dict'], 'source'> & { distinct?: boolean };
  if (distinct === true) for (const values of Object.values(dict)) markDistinct(values);
  return dict;
}

/**
 * The dictionaries with `source` (every file's path: most of their bytes) read when first used —
 * the table reads it only for its `source` column, which a warm load need not build.
 */
export function withLazySources(dict: Omit<ArticleBatch['dict'], 'source'>, folder: string, segment: SegmentMeta): ArticleBatch['dict'] {
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

/** Writes a batch as a new segment; returns its meta. */
export function writeSegment(folder: string, batch: ArticleBatch): SegmentMeta {
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
    // The three read together when still in their source file (one pass through it), then each kept.
    title: () => utf8Table(textsOf([batch.title, batch.url, batch.brief])[0]!),
    url: () => utf8Table(textOf(batch.url)),
    brief: () => utf8Table(textOf(batch.brief)),
    sources: () => utf8Table(utf8Pool(batch.dict.source)),
  };
  const sums = {} as Record<SegmentPart, string>;
  for (const part of SEGMENT_PARTS) {
    const path = join(folder, partFile(name, part));
    if (part === 'dict') {
      const { category, categoryName, author, tags } = batch.dict; // source: its own part
      // `distinct`: each dictionary's values are all different, as a Dictionary makes them.
      const bytes = new TextEncoder().encode(JSON.stringify({ category, categoryName, author, tags, distinct: true }));
      writeFileAtomic(path, bytes);
      sums.dict = checksum(bytes);
    } else {
      sums[part] = writeArrowFile(path, tables[part]());
    }
  }
  return { name, rows: batch.n, checksums: sums };
}

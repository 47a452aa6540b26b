/**
 * The cache's file index: which rows of which segments each source file owns, and matching a
 * walk's files (as strings or as one UTF-8 pool) to its rows.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { tableFromIPC } from '@uwdata/flechette';
import type { LoadWarning, Reject } from '../../article.ts';
import { type Utf8Strings } from '../table/batch.ts';
import { stringsOf } from '../table/batch-text.ts';
import { byPath } from '../walk/file-kind.ts';
import { CACHE_VERSION, FORMAT, type SegmentRange, type SegmentMeta, columnArray, readCacheFile, checksum, INDEX_NAME, pathsFileOf, readMeta, utf8PoolOf, columnValues, mismatchIn, type WalkRecord } from './files.ts';

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

export const NO_FILES: CachedFiles = {
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

/** What the index keeps apart for the few files that have it: rejects, warnings, ranges after the first. */
export interface FileNotes {
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

/**
 * Stages 2–4 of a load through the cache: match the listed files to the cache index, parse only
 * what is new or changed, and write the new rows and index when anything changed. Unchanged files
 * are handled as columns (no object per file).
 */
import type { ArticleBatch } from '../table/batch.ts';
import { poolWithout, type Utf8Strings } from '../table/batch-text.ts';
import { mergeFileBatches } from '../table/batch-merge.ts';
import type { PooledWalk } from '../walk/discover.ts';
import { skipReason } from '../walk/file-kind.ts';
import type { FileList } from '../walk/file-list.ts';
import type { CacheIndex, WalkRecord } from './cache.ts';
import { NO_REJECTS, NO_WARNINGS } from '../formats/parsed-file.ts';
import type { FileStamps } from '../walk/stat-files.ts';
import { WorkerReserve } from '../pool/workers.ts';
import type { LoadOptions, SkippedFile, LoadResult } from '../result.ts';
import { parseAll } from '../parse-all.ts';
import { loadTableModule, prefetchTableModule, PartList, batchFiles, emptyAccounting, accountFor, build } from '../table/assemble.ts';

/** Each file's index row by `match`, or none and why when the index's paths cannot be read. */
export function matchCached(match: () => Int32Array, count: number): { rows: Int32Array; problem?: string } {
  try {
    return { rows: match() };
  } catch (error) {
    return { rows: new Int32Array(count).fill(-1), problem: (error as Error).message };
  }
}

/** A cache's index and, unless it is untrustworthy, its segments. */
export interface CacheState {
  index: CacheIndex;
  segments?: ReturnType<typeof import('./cache.ts').readSegments>;
}

/**
 * Reads the cache's index and segments, before the files' stamps are known: while the walk's
 * threads take them (a rerun nearly always reuses the segments; one that reuses none read them
 * for nothing).
 */
export function readCacheState({ readCacheIndex, readSegments }: typeof import('./cache.ts'), folder: string): CacheState {
  const index = readCacheIndex(folder);
  return { index, ...(index.problem === undefined && index.segments.length > 0 ? { segments: readSegments(folder, index.segments) } : {}) };
}

/**
 * loadArticles through the cache for a folder the native helper walks (on threads of its own,
 * while this one reads the cache): its paths are matched against the cache index as bytes, and
 * only the files the index does not have become strings (to classify and parse them). A warm load
 * of 100,000 files makes no string or object per file.
 * @returns undefined when the walk found what only discover handles (it then walks again)
 */
export async function loadPooledWithCache(paths: readonly string[], walk: PooledWalk, options: LoadOptions, reserve: WorkerReserve): Promise<LoadResult | undefined> {
  prefetchTableModule(); // loads while this thread waits for the cache module
  const cacheModule = await import('./cache.ts');
  const folder = cacheModule.cacheFolder(options.cache!, paths);
  const state = readCacheState(cacheModule, folder);
  const listed = walk.files();
  // Nothing to cache (an empty folder): the general path loads it without touching the cache.
  if (!listed || listed.length === 0) return undefined;
  const pool = listed.pool();
  const filesSeen = listed.length;
  const { index } = state;
  const digest = cacheModule.walkDigest(pool);
  const before = index.walk;
  let matched: { rows: Int32Array; problem?: string };
  if (before?.digest === digest && filesSeen - before.skipped.length === index.files.length) {
    // The folder lists what it listed when the index was written: the index holds its files in
    // order but for the skipped ones, and its paths are the walk's (not read: 6 MB for 100,000).
    const rows = new Int32Array(filesSeen);
    for (let i = 0, k = 0, row = 0; i < filesSeen; i++) rows[i] = i === before.skipped[k] ? (k++, -1) : row++;
    matched = { rows };
    let kept: Utf8Strings | undefined;
    index.files.paths = () => (kept ??= poolWithout(pool, before.skipped));
  } else {
    matched = matchCached(() => cacheModule.rowsOfPool(index.files, pool), filesSeen);
  }
  const rowOfEach = matched.rows;
  const skipped: SkippedFile[] = [];
  const skippedAt: number[] = [];
  // The walk's positions of the files to parse or reuse: those the index has (it holds article
  // files only, and a kind follows from the path), and the new ones that are article files.
  const picked = new Int32Array(filesSeen);
  let count = 0;
  for (let i = 0; i < filesSeen; i++) {
    if (rowOfEach[i]! < 0) {
      const reason = skipReason(listed.kind(i));
      if (reason) {
        skipped.push({ path: listed.path(i), reason });
        skippedAt.push(i);
        continue;
      }
    }
    picked[count++] = i;
  }
  const rows = new Int32Array(count);
  for (let k = 0; k < count; k++) rows[k] = rowOfEach[picked[k]!]!;
  const files = listed.select(picked.subarray(0, count));
  const input: CacheInput = { files, rows, stamps: files.stamps!, walk: { digest, skipped: skippedAt } };
  return loadWithCache(filesSeen, input, skipped, folder, state, options, reserve, matched.problem);
}

/** The article files of a cached load, in order, and what matching them found. */
export interface CacheInput {
  files: FileList;
  /** Each file's row in the cache index, -1 where it has none. */
  rows: Int32Array;
  /** Their stamps (called once: it may wait for the threads taking them). */
  stamps(): FileStamps;
  /** The walk that listed them, kept with a new index (see WalkRecord). */
  walk?: WalkRecord;
}

/**
 * Loads through the cache: reuses the cached rows of unchanged files, parses the rest, and when
 * anything changed writes the new rows as a segment and a new file index. Unchanged files are
 * handled as columns (no object per file): a warm load of 100,000 files is mostly the stats.
 */
export async function loadWithCache(
  filesSeen: number, input: CacheInput, skipped: SkippedFile[], folder: string, state: CacheState,
  options: LoadOptions, reserve?: WorkerReserve, distrust?: string,
): Promise<LoadResult> {
  const { asOf, onProgress, workers } = options;
  const { FileIndexBuilder, cachedRanges, writeCache } = await import('./cache.ts');
  const { index } = state;
  const cached = index.files;
  let problem = distrust ?? index.problem;
  const read = distrust === undefined ? state.segments : undefined;
  const { rows } = input;
  const stamps = input.stamps();
  const fileCount = input.files.length;
  // Per file, its row in the cache index when its path, size and mtime match; else -1.
  const reuse = new Int32Array(fileCount).fill(-1);
  let known = 0; // files the index lists, changed or not
  for (let i = 0; i < fileCount; i++) {
    const row = rows[i]!;
    if (row < 0) continue;
    known++;
    if (!problem && stamps.size[i]! >= 0 && cached.size[row] === stamps.size[i] && cached.mtimeMs[row] === stamps.mtimeMs[i]) reuse[i] = row;
  }
  const dropped = cached.length - known;
  // Each row range a cached file owns: the one in the index's columns, or its list in the notes.
  const eachRange = (row: number, visit: (segment: number, first: number, count: number) => void) => {
    if (cached.notesAt[row]! >= 0) for (const range of cachedRanges(cached, row)) visit(range.segment, range.first, range.count);
    else if (cached.segment[row]! >= 0) visit(cached.segment[row]!, cached.first[row]!, cached.count[row]!);
  };

  // Rows of the segments still owned by a file; when most of a large cache is dead rows (files
  // edited or deleted since), parse everything again into one segment rather than carry them.
  let liveRows = 0;
  const countLive = (_segment: number, _first: number, count: number) => {
    liveRows += count;
  };
  for (let i = 0; i < fileCount; i++) {
    if (reuse[i]! >= 0) eachRange(reuse[i]!, countLive);
  }
  const storedRows = index.segments.reduce((sum, segment) => sum + segment.rows, 0);
  if (storedRows - liveRows > Math.max(liveRows, COMPACT_MIN_DEAD_ROWS)) reuse.fill(-1);
  let cachedBatches: ArticleBatch[] = [];
  let verified: Promise<string | undefined> = Promise.resolve(undefined);
  if (read && reuse.some((row) => row >= 0)) {
    if ('problem' in read) {
      problem = read.problem;
      reuse.fill(-1);
    } else {
      cachedBatches = read.batches;
      verified = read.verified;
    }
  }
  const stale: number[] = [];
  for (let i = 0; i < fileCount; i++) if (reuse[i]! < 0) stale.push(i);
  const staleFiles = input.files.select(stale);
  const fresh = await parseAll(staleFiles, onProgress, workers, prefetchTableModule, reserve);
  await loadTableModule();
  // New rows become one segment, each file's rows in id order (what makes the next run fast).
  let { batches: freshBatches, ranges: freshRanges } = batchFiles(fresh);
  if (freshBatches.length > 0) {
    const merged = mergeFileBatches(freshBatches, freshRanges);
    freshBatches = [merged.batch];
    freshRanges = merged.ranges;
  }

  // Segments: cached ones some reused file still owns (renumbered), then the new batches.
  const owned = new Set<number>();
  const own = (segment: number) => owned.add(segment);
  for (let i = 0; i < fileCount; i++) {
    if (reuse[i]! >= 0) eachRange(reuse[i]!, own);
  }
  const keptSegments = [...owned].sort((a, b) => a - b);
  const renumber = new Map(keptSegments.map((segment, k) => [segment, k]));
  const segmentBatches = [...keptSegments.map((segment) => cachedBatches[segment]!), ...freshBatches];

  // Rows and accounting in file order (no closure or empty list made per file: 100,000 of them).
  const list = new PartList();
  const accounting = emptyAccounting(skipped.length);
  const addCachedRange = (segment: number, first: number, count: number) => list.add(segmentBatches[renumber.get(segment)!]!, first, count);
  let k = 0;
  for (let i = 0; i < fileCount; i++) {
    const row = reuse[i]!;
    if (row >= 0) {
      eachRange(row, addCachedRange);
      const notes = cached.notesAt[row]! >= 0 ? cached.notes[cached.notesAt[row]!] : undefined;
      accountFor(accounting, cached.itemsSeen[row]!, notes?.rejects ?? NO_REJECTS, notes?.warnings ?? NO_WARNINGS);
    } else {
      const parsed = fresh[k]!;
      for (const range of freshRanges[k]!) list.add(segmentBatches[range.batch + keptSegments.length]!, range.first, range.count);
      accountFor(accounting, parsed.itemsSeen, parsed.rejects, parsed.warnings);
      k++;
    }
  }
  const result = build(filesSeen, accounting, list.parts, skipped, asOf);
  // The cached text was being checked meanwhile; nothing has read it yet. If it is bad, start over.
  const late = await verified;
  if (late) return loadWithCache(filesSeen, input, skipped, folder, state, options, reserve, late);
  let notSaved: string | undefined;
  const changed = staleFiles.length > 0 || dropped > 0 || problem !== undefined || cached.length === 0 || keptSegments.length !== index.segments.length;
  if (changed) {
    // The new index: reused files keep their entry (segments renumbered), parsed files get theirs.
    const next = new FileIndexBuilder(fileCount, fileCount * 128, input.files.pool());
    k = 0;
    for (let i = 0; i < fileCount; i++) {
      const row = reuse[i]!;
      if (row >= 0) {
        // Reused files whose rows follow each other in the old index are kept as one run.
        let run = 1;
        while (i + run < fileCount && reuse[i + run] === row + run) run++;
        next.keep(cached, row, run, renumber);
        i += run - 1;
      } else {
        const parsed = fresh[k]!;
        const ranges = freshRanges[k]!.map((range) => ({ segment: range.batch + keptSegments.length, first: range.first, count: range.count }));
        next.add(staleFiles.path(k), stamps.size[i]!, stamps.mtimeMs[i]!, parsed.itemsSeen, ranges, parsed.rejects, parsed.warnings);
        k++;
      }
    }
    try {
      notSaved = writeCache(folder, next, [...keptSegments.map((segment) => index.segments[segment]!), ...freshBatches], Date.now(), input.walk).notSaved;
    } catch (error) {
      // A cache that cannot be written (a file in the way, no space, no permission) costs speed
      // next time, not this run's results; what was half-written is never named by meta.json.
      notSaved = `cannot write to it: ${(error as Error).message}`;
    }
  }
  result.cache = { folder, reused: fileCount - staleFiles.length, parsed: staleFiles.length, dropped, ...(problem ? { problem } : {}), ...(notSaved ? { notSaved } : {}) };
  return result;
}

/** Dead rows a cache may carry before it is rebuilt (see loadWithCache). */
export const COMPACT_MIN_DEAD_ROWS = 10_000;

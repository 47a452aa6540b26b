/**
 * Loads articles from any mix of files and folders into the article table.
 *
 * The stages of a load, each in its folder:
 *   1. list the files            walk/ (discover.ts; the native helper's walk through native.ts)
 *   2. match the cache           cache/ (a file whose path, size and mtime are unchanged is reused)
 *   3. parse what is new         formats/ (one pure parser per format, the rules in fields.ts),
 *                                on this thread or on worker threads (pool/; when: schedule.ts)
 *   4. save the cache            cache/ (only when something changed; one writer at a time)
 *   5. build the table           table/ (parsed rows as columns, one row per article id)
 *   6. derive columns            derive.ts (rates, age, calendar, percentiles, levels)
 * Every file is accounted for: loaded, a duplicate, rejected (reasons in src/errors.ts) or skipped.
 * The paths below differ only in how stages 1–3 get their input (a folder the native helper
 * walks hands paths to the workers as bytes, a cached rerun matches them without a string per
 * file); each ends in the same assemble step.
 */
import { readFileSync, statSync } from 'node:fs';
import type { ColumnTable } from 'arquero';
import type { Article, LoadWarning, Reject } from '../article.ts';
import { type ArticleBatch, BatchBuilder } from './table/batch.ts';
import { poolWithout, stringReader, type Utf8Strings } from './table/batch-text.ts';
import { type FileRange, mergeFileBatches } from './table/batch-merge.ts';
import type { BatchPart } from './table/batch-table.ts';
import { classifyFile, type DiscoveredFile, type Discovery, discover, discoveredOf, isProblemKind, onlyMarkdownNames, type PooledWalk, skipReason, startPooledWalk, walkToPool } from './walk/discover.ts';
import type { CacheIndex, WalkRecord } from './cache/cache.ts';
import { type ParsedFile, rejectedFile } from './formats/parsed-file.ts';
import { nativeFs } from './native.ts';
import { eachPackedAccount, NO_REJECTS, NO_WARNINGS, type PackedFiles, unpackFiles, wholeSharedBatch } from './pool/packed-files.ts';
import type { FileStamps } from './walk/stat-files.ts';
import { parseInWorkers, parsePoolInWorkers, scanNdjsonInWorkers, stampFiles, WorkerReserve } from './pool/parse-pool.ts';
import { defaultWorkers, NDJSON_SPLIT_BYTES, ndjsonSplit, parseWorkers, WORKER_THRESHOLD, workersAhead } from './pool/schedule.ts';
import { reasons } from '../errors.ts';

// The table builder (with arquero), the cache (flechette), the file parsers (csv-parse) and
// Parquet (hyparquet) are imported when first needed, not at start-up: worker threads start
// ~170 ms sooner. The table builder is loaded once a worker has finished (a core is free);
// loaded beside busy workers it slowed them by more than it saved (measured on 1M NDJSON rows).
let tableModule: typeof import('./table/batch-table.ts') | undefined;
async function loadTableModule(): Promise<typeof import('./table/batch-table.ts')> {
  tableModule ??= await import('./table/batch-table.ts');
  return tableModule;
}
function prefetchTableModule(): void {
  loadTableModule().catch(() => {}); // a failure surfaces where the table is built
}

/** Options of `loadArticles`. */
export interface LoadOptions {
  /** Date ages are measured to (`YYYY-MM-DD`). @default the newest published date in the data */
  asOf?: string;
  /** Called after each file with (files done, files in all), for a progress bar. */
  onProgress?: (done: number, total: number) => void;
  /**
   * Worker threads for parsing (and for checking 20,000 or more files against the cache); 0 does
   * everything on the main thread.
   * @default one per core when at least 20,000 files need parsing, else 0 (starting workers costs more than it saves)
   */
  workers?: number;
  /**
   * Folder of the incremental parse cache (files keyed by path, size and mtime); none when absent.
   * @default undefined (no cache)
   */
  cache?: string;
}

/** What the cache did in a load. */
export interface CacheReport {
  folder: string;
  /** Files whose cached parse was reused. */
  reused: number;
  /** Files parsed because they were new, changed, or the cache was unusable. */
  parsed: number;
  /** Cached files that no longer exist. */
  dropped: number;
  /** Why an existing cache was not trusted (it was rebuilt, unless notSaved says why not). */
  problem?: string;
  /** Why this run's changes were not written to the cache (the results are complete all the same). */
  notSaved?: string;
}

/** A file that was not read as an article (an index page, another type of file, a broken link), with why. */
export interface SkippedFile {
  path: string;
  reason: string;
  /** True for what a run should be told of (an unreadable folder): printed on stderr, counted by --strict. */
  problem?: boolean;
}

/** Accounting of every file and record read: `recordsSeen = loaded + duplicates + rejected + skipped`. */
export interface LoadStats {
  filesSeen: number;
  /** Records seen: one per markdown file, one per row of a structured file, one per file rejected whole. */
  recordsSeen: number;
  loaded: number;
  duplicates: number;
  duplicateIds: number;
  duplicatesWithDifferentStats: number;
  rejected: number;
  skipped: number;
}

/** What `loadArticles` returns: the article table and the accounting of every file read. */
export interface LoadResult {
  articles: ColumnTable;
  /** The same rows as plain objects, in table order (built on first use: large loads never need them). */
  readonly rows: Article[];
  rejects: Reject[];
  warnings: LoadWarning[];
  skipped: SkippedFile[];
  stats: LoadStats;
  /** The as-of date used for ages (null when nothing loaded). */
  asOf: string | null;
  /** True when the as-of date was given (LoadOptions.asOf), false when it is the newest publish date. */
  asOfGiven?: boolean;
  /** The filter that narrowed `articles`, in words (set by the CLI's --since, --category …); absent when none. */
  filter?: string;
  /** Present when a cache was used. */
  cache?: CacheReport;
}

async function readAndParseParquet(file: DiscoveredFile): Promise<ParsedFile> {
  try {
    const { parseParquetBytes } = await import('./formats/parquet.ts');
    return await parseParquetBytes(file.path, readFileSync(file.path));
  } catch (error) {
    return rejectedFile(file.path, reasons.cannotRead(error));
  }
}


function sizeOf(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}

/** Files parsed on this thread between progress reports (and turns of the event loop). */
const PROGRESS_STEP = 256;


/** Parses files in order, yielding to the event loop now and then so a progress bar can redraw. */
async function parseAll(
  files: readonly DiscoveredFile[], onProgress?: (done: number, total: number) => void, workers?: number, whenCoreFree?: () => void,
  reserve?: WorkerReserve,
): Promise<ParsedFile[]> {
  if (files.some((file) => file.kind === 'parquet')) {
    // Parquet decoding is asynchronous: those files are read here, the rest as usual, in order.
    const others = files.filter((file) => file.kind !== 'parquet');
    const parsedOthers = await parseAll(others, onProgress, workers, whenCoreFree, reserve);
    let next = 0;
    const out: ParsedFile[] = [];
    for (const file of files) out.push(file.kind === 'parquet' ? await readAndParseParquet(file) : parsedOthers[next++]!);
    return out;
  }
  const split = ndjsonSplit(workers);
  const big = new Set(split > 1 ? files.filter((file) => file.kind === 'ndjson' && sizeOf(file.path) >= NDJSON_SPLIT_BYTES) : []);
  if (big.size > 0) {
    // A large NDJSON file is split by lines across the workers; the other files go the usual way.
    const parsedOthers = await parseAll(files.filter((file) => !big.has(file)), onProgress, workers, whenCoreFree, reserve);
    let next = 0;
    const out: ParsedFile[] = [];
    for (const file of files) out.push(big.has(file) ? await scanNdjsonInWorkers(file.path, split, whenCoreFree) : parsedOthers[next++]!);
    return out;
  }
  const pool = parseWorkers(files.length, workers);
  if (files.length === 0) return [];
  if (pool > 0) return parseInWorkers(files, pool, onProgress, whenCoreFree, reserve);
  const { parseFilesToBatch } = await import('./formats/parse-file.ts');
  const parsed: ParsedFile[] = [];
  for (let i = 0; i < files.length; i += PROGRESS_STEP) {
    parsed.push(...parseFilesToBatch(files.slice(i, i + PROGRESS_STEP)));
    if (onProgress) {
      onProgress(parsed.length, files.length);
      await new Promise((resolve) => setImmediate(resolve));
    }
  }
  return parsed;
}

/**
 * Loads articles.
 * @param paths files and folders (folders are walked recursively)
 * @returns the article table, every reject and warning, and the accounting of every file
 * @throws MissingPathError when a named path does not exist
 * @example const { articles, stats } = await loadArticles(['data/sample']);
 */
export async function loadArticles(paths: readonly string[], options: LoadOptions = {}): Promise<LoadResult> {
  const { workers, cache } = options;
  // Once the walk has found enough files to need worker threads, workers start while it goes on (schedule.ts).
  const reserve = new WorkerReserve();
  const ahead = workersAhead(workers ?? defaultWorkers(), cache !== undefined, nativeFs() !== undefined);
  try {
    if (cache !== undefined) {
      // A folder the native helper walks: matched against the cache with no string per file.
      const pooled = startPooledWalk(paths);
      const result = pooled && (await loadPooledWithCache(paths, pooled, options, reserve));
      if (result) return result;
    }
    const onFound = (count: number) => {
      if (ahead > 0 && count >= WORKER_THRESHOLD) reserve.fill(ahead);
    };
    if (cache === undefined) {
      // A folder of markdown the native helper walks: its paths go to the workers as bytes.
      const pool = walkToPool(paths, onFound);
      const files = pool ? pool.offsets.length - 1 : 0;
      const split = parseWorkers(files, workers);
      if (pool && split > 1 && onlyMarkdownNames(pool)) {
        const { batches, skipped } = await parsePoolInWorkers(pool, split, options.onProgress, prefetchTableModule, reserve);
        await loadTableModule();
        return assembleBatches(files, batches, skipped, options.asOf);
      }
      if (pool) return await loadDiscovered(paths, { files: discoveredOf(pool) }, options, reserve);
    }
    // With a cache, the native walk also stats the files, on two threads of its own, meanwhile.
    const discovery = await discover(paths, onFound, cache !== undefined);
    return await loadDiscovered(paths, discovery, options, reserve);
  } finally {
    await reserve.release();
  }
}

/** loadArticles once the files are known. */
async function loadDiscovered(paths: readonly string[], { files, stamps }: Discovery, options: LoadOptions, reserve: WorkerReserve): Promise<LoadResult> {
  const { asOf, onProgress, cache, workers } = options;
  const skipped: SkippedFile[] = [];
  const toParse: DiscoveredFile[] = [];
  for (const file of files) {
    const reason = skipReason(file.kind);
    if (reason) skipped.push({ path: file.path, reason, ...(isProblemKind(file.kind) ? { problem: true } : {}) });
    else toParse.push(file);
  }

  // Without article files there is nothing to cache: an empty load leaves the cache as it was.
  if (cache === undefined || toParse.length === 0) {
    const parsed = await parseAll(toParse, onProgress, workers, prefetchTableModule, reserve);
    await loadTableModule();
    return assemble(files.length, parsed, skipped, asOf);
  }
  const cacheModule = await import('./cache/cache.ts');
  const folder = cacheModule.cacheFolder(cache, paths);
  const state = readCacheState(cacheModule, folder);
  const toParsePaths = toParse.map((file) => file.path);
  // Stamps the walk took while the cache was read, else taken now.
  const fileStamps = stamps ? stampsOf(stamps(), files, toParse) : await stampFiles(toParsePaths, workers, undefined, reserve);
  const matched = matchCached(() => cacheModule.rowsOfPaths(state.index.files, toParsePaths), toParse.length);
  const input: CacheInput = { count: toParse.length, rows: matched.rows, stamps: () => fileStamps, file: (k) => toParse[k]! };
  return loadWithCache(files.length, input, skipped, folder, state, options, reserve, matched.problem);
}

/** Each file's index row by `match`, or none and why when the index's paths cannot be read. */
function matchCached(match: () => Int32Array, count: number): { rows: Int32Array; problem?: string } {
  try {
    return { rows: match() };
  } catch (error) {
    return { rows: new Int32Array(count).fill(-1), problem: (error as Error).message };
  }
}

/** A cache's index and, unless it is untrustworthy, its segments. */
interface CacheState {
  index: CacheIndex;
  segments?: ReturnType<typeof import('./cache/cache.ts').readSegments>;
}

/**
 * Reads the cache's index and segments, before the files' stamps are known: while the walk's
 * threads take them (a rerun nearly always reuses the segments; one that reuses none read them
 * for nothing).
 */
function readCacheState({ readCacheIndex, readSegments }: typeof import('./cache/cache.ts'), folder: string): CacheState {
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
async function loadPooledWithCache(paths: readonly string[], walk: PooledWalk, options: LoadOptions, reserve: WorkerReserve): Promise<LoadResult | undefined> {
  prefetchTableModule(); // loads while this thread waits for the cache module
  const cacheModule = await import('./cache/cache.ts');
  const folder = cacheModule.cacheFolder(options.cache!, paths);
  const state = readCacheState(cacheModule, folder);
  const pool = walk.paths();
  // Nothing to cache (an empty folder): the general path loads it without touching the cache.
  if (!pool || pool.offsets.length <= 1) return undefined;
  const filesSeen = pool.offsets.length - 1;
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
  const pathAt = stringReader(pool);
  const skipped: SkippedFile[] = [];
  const skippedAt: number[] = [];
  // The walk's positions of the files to parse or reuse: those the index has (it holds article
  // files only, and a kind follows from the path), and the new ones that are article files.
  const picked = new Int32Array(filesSeen);
  let count = 0;
  for (let i = 0; i < filesSeen; i++) {
    if (rowOfEach[i]! < 0) {
      const path = pathAt(i);
      const reason = skipReason(classifyFile(path));
      if (reason) {
        skipped.push({ path, reason });
        skippedAt.push(i);
        continue;
      }
    }
    picked[count++] = i;
  }
  const rows = new Int32Array(count);
  for (let k = 0; k < count; k++) rows[k] = rowOfEach[picked[k]!]!;
  const stamps = () => pickStamps(walk.stamps(), picked.subarray(0, count));
  const file = (k: number): DiscoveredFile => {
    const path = pathAt(picked[k]!);
    return { path, kind: classifyFile(path) };
  };
  const input: CacheInput = { count, rows, stamps, file, walk: { digest, skipped: skippedAt }, paths: () => (skippedAt.length ? poolWithout(pool, skippedAt) : pool) };
  return loadWithCache(filesSeen, input, skipped, folder, state, options, reserve, matched.problem);
}

/** The stamps of `some` (files in order, a subset of `all`), from the stamps of all. */
function stampsOf(stamps: FileStamps, all: readonly DiscoveredFile[], some: readonly DiscoveredFile[]): FileStamps {
  if (some.length === all.length) return stamps;
  const positions = new Int32Array(some.length);
  for (let i = 0, k = 0; k < some.length; i++) if (all[i] === some[k]) positions[k++] = i;
  return pickStamps(stamps, positions);
}

/** The stamps at these positions, in their order. */
function pickStamps(stamps: FileStamps, positions: Int32Array): FileStamps {
  const size = new Float64Array(positions.length);
  const mtimeMs = new Float64Array(positions.length);
  for (let k = 0; k < positions.length; k++) {
    size[k] = stamps.size[positions[k]!]!;
    mtimeMs[k] = stamps.mtimeMs[positions[k]!]!;
  }
  return { size, mtimeMs };
}

/** Rows (ranges of batches) in table order; adjacent ranges of one batch are kept as one. */
class PartList {
  readonly parts: BatchPart[] = [];

  add(batch: ArticleBatch, first: number, count: number): void {
    const last = this.parts[this.parts.length - 1];
    if (last && last.batch === batch && last.first + last.count === first) last.count += count;
    else if (count > 0) this.parts.push({ batch, first, count });
  }
}

/** The article files of a cached load, in order, as columns: an object only for a file parsed. */
interface CacheInput {
  count: number;
  /** Each file's row in the cache index, -1 where it has none. */
  rows: Int32Array;
  /** Their stamps (called once: it may wait for the threads taking them). */
  stamps(): FileStamps;
  /** File k, to parse it. */
  file(k: number): DiscoveredFile;
  /** The walk that listed them, kept with a new index (see WalkRecord). */
  walk?: WalkRecord;
  /** All their paths as one pool, when the walk gave them so (a new index takes them at once). */
  paths?: () => Utf8Strings;
}

/**
 * Loads through the cache: reuses the cached rows of unchanged files, parses the rest, and when
 * anything changed writes the new rows as a segment and a new file index. Unchanged files are
 * handled as columns (no object per file): a warm load of 100,000 files is mostly the stats.
 */
async function loadWithCache(
  filesSeen: number, input: CacheInput, skipped: SkippedFile[], folder: string, state: CacheState,
  options: LoadOptions, reserve?: WorkerReserve, distrust?: string,
): Promise<LoadResult> {
  const { asOf, onProgress, workers } = options;
  const { FileIndexBuilder, cachedRanges, writeCache } = await import('./cache/cache.ts');
  const { index } = state;
  const cached = index.files;
  let problem = distrust ?? index.problem;
  const read = distrust === undefined ? state.segments : undefined;
  const { rows } = input;
  const stamps = input.stamps();
  const fileCount = input.count;
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
  const staleFiles: DiscoveredFile[] = [];
  for (let i = 0; i < fileCount; i++) if (reuse[i]! < 0) staleFiles.push(input.file(i));
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
    const next = new FileIndexBuilder(fileCount, fileCount * 128, input.paths?.());
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
        next.add(staleFiles[k]!.path, stamps.size[i]!, stamps.mtimeMs[i]!, parsed.itemsSeen, ranges, parsed.rejects, parsed.warnings);
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
const COMPACT_MIN_DEAD_ROWS = 10_000;

/**
 * Each parsed file's rows, in file order, as (file, batch, first row, rows): rows in a batch the
 * file shares or brings stay there; records of consecutive files are appended into one new batch.
 */
function eachFileRows(parsed: readonly ParsedFile[], visit: (file: number, batch: ArticleBatch, first: number, count: number) => void): void {
  let builder: BatchBuilder | undefined;
  let waiting: number[] = []; // (file, first, count) of the files whose records are in the builder
  const flush = () => {
    if (!builder) return;
    const batch = builder.done();
    for (let k = 0; k < waiting.length; k += 3) visit(waiting[k]!, batch, waiting[k + 1]!, waiting[k + 2]!);
    builder = undefined;
    waiting = [];
  };
  parsed.forEach((file, f) => {
    if (file.rows) {
      flush();
      if (file.rows.count > 0) visit(f, file.rows.batch, file.rows.first, file.rows.count);
    } else if (file.batches) {
      flush();
      for (const batch of file.batches) if (batch.n > 0) visit(f, batch, 0, batch.n);
    } else if (file.records.length > 0) {
      builder ??= new BatchBuilder();
      const first = builder.n;
      for (const record of file.records) builder.appendRecord(record);
      waiting.push(f, first, builder.n - first);
    }
  });
  flush();
}

/** The batches of parsed files, in file order, and which rows of them each file owns. */
function batchFiles(parsed: readonly ParsedFile[]): { batches: ArticleBatch[]; ranges: FileRange[][] } {
  const batches: ArticleBatch[] = [];
  const indexOf = new Map<ArticleBatch, number>();
  const ranges: FileRange[][] = parsed.map(() => []);
  eachFileRows(parsed, (file, batch, first, count) => {
    let index = indexOf.get(batch);
    if (index === undefined) indexOf.set(batch, index = batches.push(batch) - 1);
    ranges[file]!.push({ batch: index, first, count });
  });
  return { batches, ranges };
}

/** What the files reported: records seen (skipped files count as one each), rejects, warnings. */
interface Accounting {
  recordsSeen: number;
  rejects: Reject[];
  warnings: LoadWarning[];
}

function emptyAccounting(skipped: number): Accounting {
  return { recordsSeen: skipped, rejects: [], warnings: [] };
}

function accountFor(accounting: Accounting, itemsSeen: number, rejects: readonly Reject[], warnings: readonly LoadWarning[]): void {
  accounting.recordsSeen += itemsSeen;
  // Most files have neither: an iterator per empty list was 60 ms of a 100,000-file load.
  for (let i = 0; i < rejects.length; i++) accounting.rejects.push(rejects[i]!);
  for (let i = 0; i < warnings.length; i++) accounting.warnings.push(warnings[i]!);
}

/**
 * Accounts for parsed files, de-duplicates and builds the table (the table module loaded).
 * Adjacent rows of one batch become one part; no range list per file (100,000 of them were most
 * of the time between the last worker's reply and the table).
 */
function assemble(filesSeen: number, parsed: readonly ParsedFile[], skipped: SkippedFile[], asOf?: string): LoadResult {
  const list = new PartList();
  eachFileRows(parsed, (_file, batch, first, count) => list.add(batch, first, count));
  const accounting = emptyAccounting(skipped.length);
  for (const file of parsed) accountFor(accounting, file.itemsSeen, file.rejects, file.warnings);
  return build(filesSeen, accounting, list.parts, skipped, asOf);
}

/**
 * assemble for batches as parsePoolInWorkers gives them: a worker's batch whose rows are its
 * files' rows in order is taken whole, accounted for from its packed arrays (no object per file).
 */
function assembleBatches(filesSeen: number, batches: readonly (PackedFiles | ParsedFile[])[], skipped: SkippedFile[], asOf?: string): LoadResult {
  const list = new PartList();
  const accounting = emptyAccounting(skipped.length);
  const account = (itemsSeen: number, rejects: readonly Reject[], warnings: readonly LoadWarning[]) => accountFor(accounting, itemsSeen, rejects, warnings);
  for (const batch of batches) {
    const whole = Array.isArray(batch) ? undefined : wholeSharedBatch(batch);
    if (whole) {
      list.add(whole, 0, whole.n);
      eachPackedAccount(batch as PackedFiles, account);
      continue;
    }
    const files = Array.isArray(batch) ? batch : unpackFiles(batch);
    eachFileRows(files, (_file, rows, first, count) => list.add(rows, first, count));
    for (const file of files) account(file.itemsSeen, file.rejects, file.warnings);
  }
  return build(filesSeen, accounting, list.parts, skipped, asOf);
}

/** The load result from the rows (parts) and what every file reported. */
function build(filesSeen: number, { recordsSeen, rejects, warnings }: Accounting, parts: BatchPart[], skipped: SkippedFile[], asOf?: string): LoadResult {
  const built = tableModule!.tableFromParts(parts, asOf);
  const { articles } = built;
  let rows: Article[] | undefined;
  return {
    articles,
    get rows() {
      rows ??= articles.objects() as unknown as Article[];
      return rows;
    },
    rejects,
    warnings,
    skipped,
    asOf: built.asOf,
    asOfGiven: asOf !== undefined,
    stats: {
      filesSeen,
      recordsSeen,
      loaded: articles.numRows(),
      duplicates: built.duplicates,
      duplicateIds: built.duplicateIds,
      duplicatesWithDifferentStats: built.duplicatesWithDifferentStats,
      rejected: rejects.length,
      skipped: skipped.length,
    },
  };
}

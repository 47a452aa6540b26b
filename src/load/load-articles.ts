/**
 * Loads articles from any mix of files and folders into the article table.
 *
 * Stages: discover (walk, classify, stat) → read + parse each file (concurrently, pure parser)
 * → account for every file → keep one record per id → derive columns → arquero table.
 */
import { readFileSync, statSync } from 'node:fs';
import { list, utf8 } from '@uwdata/flechette';
import { type ColumnTable, fromArrow, table, toArrowIPC } from 'arquero';
import type { Article, LoadWarning, Reject } from '../article.ts';
import { type ArticleBatch, BatchBuilder } from './batch.ts';
import { tableFromBatches } from './batch-table.ts';
import {
  type CachedFile, cacheFolder, loadCachedRecords, readCacheIndex, readTableCache, type TableCacheMeta, writeCache, writeTableCache,
} from './cache.ts';
import { type DiscoveredFile, discoverFiles } from './discover.ts';
import type { ParsedFile } from './formats.ts';
import { readAndParse } from './parse-file.ts';
import { parseParquetBytes } from './parquet.ts';
import { defaultWorkers, parseInWorkers, scanNdjsonInWorkers } from './parse-pool.ts';

export interface LoadOptions {
  /** Date ages are measured to (`YYYY-MM-DD`). @default the newest published date in the data */
  asOf?: string;
  /** Called after each file with (files done, files in all), for a progress bar. */
  onProgress?: (done: number, total: number) => void;
  /**
   * Worker threads for parsing; 0 parses on the main thread.
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
  /** Why an existing cache was not trusted (it was rebuilt). */
  problem?: string;
}

export interface SkippedFile {
  path: string;
  reason: string;
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
  /** Present when a cache was used. */
  cache?: CacheReport;
}

async function readAndParseParquet(file: DiscoveredFile): Promise<ParsedFile> {
  try {
    return await parseParquetBytes(file.path, readFileSync(file.path));
  } catch (error) {
    return { records: [], rejects: [{ path: file.path, line: 0, reason: `cannot read file: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}` }], warnings: [], itemsSeen: 1 };
  }
}

/** NDJSON files at least this large are split across worker threads. */
const NDJSON_SPLIT_BYTES = 32 << 20;

function sizeOf(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}

/** Below this many files to parse, worker threads cost more to start than they save. */
const WORKER_THRESHOLD = 20_000;

/** Parses files in order, yielding to the event loop now and then so a progress bar can redraw. */
async function parseAll(files: readonly DiscoveredFile[], onProgress?: (done: number, total: number) => void, workers?: number): Promise<ParsedFile[]> {
  if (files.some((file) => file.kind === 'parquet')) {
    // Parquet decoding is asynchronous: those files are read here, the rest as usual, in order.
    const others = files.filter((file) => file.kind !== 'parquet');
    const parsedOthers = await parseAll(others, onProgress, workers);
    let next = 0;
    const out: ParsedFile[] = [];
    for (const file of files) out.push(file.kind === 'parquet' ? await readAndParseParquet(file) : parsedOthers[next++]!);
    return out;
  }
  const split = workers ?? defaultWorkers();
  const big = new Set(split > 1 ? files.filter((file) => file.kind === 'ndjson' && sizeOf(file.path) >= NDJSON_SPLIT_BYTES) : []);
  if (big.size > 0) {
    // A large NDJSON file is split by lines across the workers; the other files go the usual way.
    const parsedOthers = await parseAll(files.filter((file) => !big.has(file)), onProgress, workers);
    let next = 0;
    const out: ParsedFile[] = [];
    for (const file of files) out.push(big.has(file) ? await scanNdjsonInWorkers(file.path, split) : parsedOthers[next++]!);
    return out;
  }
  const pool = workers ?? (files.length >= WORKER_THRESHOLD ? defaultWorkers() : 0);
  if (pool > 0 && files.length > 0) return parseInWorkers(files, pool, onProgress);
  const parsed: ParsedFile[] = [];
  for (let i = 0; i < files.length; i++) {
    parsed.push(readAndParse(files[i]!));
    if (onProgress && (i % 256 === 255 || i === files.length - 1)) {
      onProgress(i + 1, files.length);
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
  const { asOf, onProgress, cache, workers } = options;
  const files = await discoverFiles(paths);
  const skipped: SkippedFile[] = [];
  const toParse: DiscoveredFile[] = [];
  for (const file of files) {
    if (file.kind === 'index') skipped.push({ path: file.path, reason: 'index page' });
    else if (file.kind === 'other') skipped.push({ path: file.path, reason: 'not an article file type' });
    else if (file.kind === 'broken-link') skipped.push({ path: file.path, reason: 'broken symbolic link' });
    else toParse.push(file);
  }

  if (cache === undefined) return assemble(files.length, await parseAll(toParse, onProgress, workers), skipped, asOf);
  return loadWithCache(files.length, toParse, skipped, cacheFolder(cache, paths), asOf, onProgress, workers);
}

function stamp(path: string): { size: number; mtimeMs: number } {
  try {
    const info = statSync(path);
    return { size: info.size, mtimeMs: info.mtimeMs };
  } catch {
    return { size: -1, mtimeMs: -1 }; // vanished: parsing it will report why
  }
}

/**
 * Loads through the cache: reuses cached parses of unchanged files, parses the rest, rewrites the
 * cache when anything changed, and when nothing changed restores the derived table itself.
 */
async function loadWithCache(
  filesSeen: number, files: readonly DiscoveredFile[], skipped: SkippedFile[], folder: string,
  asOf: string | undefined, onProgress?: (done: number, total: number) => void, workers?: number,
): Promise<LoadResult> {
  const index = readCacheIndex(folder);
  const current: CachedFile[] = files.map((file) => ({ path: file.path, ...stamp(file.path), parsed: undefined as unknown as ParsedFile }));
  let stale: number[] = [];
  current.forEach((entry, i) => {
    const cached = index.entries.get(entry.path);
    if (cached && cached.size === entry.size && cached.mtimeMs === entry.mtimeMs && entry.size >= 0) entry.parsed = cached.parsed;
    else stale.push(i);
  });
  const live = new Set(current.map((entry) => entry.path));
  const dropped = [...index.entries.keys()].filter((path) => !live.has(path)).length;
  let problem = index.problem;
  const asOfOption = asOf ?? 'auto';
  const report = (): CacheReport => ({ folder, reused: files.length - stale.length, parsed: stale.length, dropped, ...(problem ? { problem } : {}) });

  if (!problem && stale.length === 0 && dropped === 0 && index.recordsChecksum && index.entries.size > 0) {
    const cached = readTableCache(folder, index.recordsChecksum, asOfOption);
    if (cached) return fromCachedTable(filesSeen, current.map((entry) => entry.parsed), skipped, cached.bytes, cached.meta, report());
  }
  if (!problem && stale.length < current.length && index.entries.size > 0) {
    problem = loadCachedRecords(folder, index);
    if (problem) stale = current.map((_, i) => i); // records unusable: parse everything again
  }
  const fresh = await parseAll(stale.map((i) => files[i]!), onProgress, workers);
  stale.forEach((i, k) => {
    current[i]!.parsed = fresh[k]!;
  });
  const changed = stale.length > 0 || dropped > 0 || problem !== undefined || index.entries.size === 0 || !index.recordsChecksum;
  const recordsChecksum = changed ? writeCache(folder, current) : index.recordsChecksum!;
  const result = assemble(filesSeen, current.map((entry) => entry.parsed), skipped, asOf);
  // Writing Arrow costs about 20 µs a row here: above this size the table cache would cost a first
  // run more than it saves later, so only the records are cached.
  if (result.articles.numRows() > 0 && result.articles.numRows() <= TABLE_CACHE_MAX_ROWS) writeTableCache(folder, toArrowIPC(result.articles, { types: { tags: list(utf8()), topicTags: list(utf8()) } }), {
    records: recordsChecksum, asOfOption, asOf: result.asOf, duplicates: result.stats.duplicates,
    duplicateIds: result.stats.duplicateIds, duplicatesWithDifferentStats: result.stats.duplicatesWithDifferentStats,
  });
  result.cache = report();
  return result;
}

/** Largest table whose derived form is cached (see loadWithCache). */
const TABLE_CACHE_MAX_ROWS = 150_000;

/** A load result restored from a cached table (nothing was parsed, deduplicated or derived). */
function fromCachedTable(filesSeen: number, parsed: readonly ParsedFile[], skipped: SkippedFile[], bytes: Uint8Array, meta: TableCacheMeta, cache: CacheReport): LoadResult {
  // Decode every column once into plain arrays: Arrow-backed columns re-decode their strings on
  // each access, and the analyses read the same columns many times.
  const arrow = fromArrow(bytes);
  const articles = table(Object.fromEntries(arrow.columnNames().map((name) => [name, Array.from(arrow.array(name) as ArrayLike<unknown>)])));
  const { rejects, warnings, recordsSeen } = gather(parsed.map((file) => ({ ...file, records: [], batches: undefined })), skipped);
  let rows: Article[] | undefined;
  return {
    articles,
    get rows() {
      rows ??= articles.objects() as unknown as Article[];
      return rows;
    },
    rejects, warnings, skipped, asOf: meta.asOf, cache,
    stats: {
      filesSeen, recordsSeen, loaded: articles.numRows(), duplicates: meta.duplicates, duplicateIds: meta.duplicateIds,
      duplicatesWithDifferentStats: meta.duplicatesWithDifferentStats, rejected: rejects.length, skipped: skipped.length,
    },
  };
}

/** Everything the parsed files yielded, in file order, and how many records were seen. */
function gather(parsed: readonly ParsedFile[], skipped: readonly SkippedFile[]) {
  const batches: ArticleBatch[] = [];
  const rejects: Reject[] = [];
  const warnings: LoadWarning[] = [];
  let recordsSeen = skipped.length;
  // Records of consecutive files go into one batch; a file that brings its own batch keeps its place.
  let builder = new BatchBuilder();
  for (const file of parsed) {
    recordsSeen += file.itemsSeen;
    if (file.batches) {
      if (builder.n > 0) batches.push(builder.done());
      builder = new BatchBuilder();
      batches.push(...file.batches);
    }
    for (const record of file.records) builder.appendRecord(record);
    for (const reject of file.rejects) rejects.push(reject);
    for (const warning of file.warnings) warnings.push(warning);
  }
  if (builder.n > 0 || batches.length === 0) batches.push(builder.done());
  return { batches, rejects, warnings, recordsSeen };
}

/** Accounts for parsed files, de-duplicates and builds the table. Exported for cache and worker paths. */
export function assemble(filesSeen: number, parsed: readonly ParsedFile[], skipped: SkippedFile[], asOf?: string): LoadResult {
  const { batches, rejects, warnings, recordsSeen } = gather(parsed, skipped);
  const built = tableFromBatches(batches, asOf);
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

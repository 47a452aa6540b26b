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
import { discover, startPooledWalk, walkToPool } from './walk/discover.ts';
import { isProblemKind, skipReason } from './walk/file-kind.ts';
import type { FileList } from './walk/file-list.ts';
import { nativeFs } from './native.ts';
import { parseListInWorkers } from './pool/parse-pool.ts';
import { stampFiles } from './pool/stamp-files.ts';
import { WorkerReserve } from './pool/workers.ts';
import { defaultWorkers, parseWorkers, WORKER_THRESHOLD, workersAhead } from './pool/schedule.ts';
import type { LoadOptions, SkippedFile, LoadResult } from './result.ts';
import { parseAll } from './parse-all.ts';
import { matchCached, readCacheState, loadPooledWithCache, loadWithCache } from './cache/load-through-cache.ts';
import { loadTableModule, prefetchTableModule, assemble, assembleBatches } from './table/assemble.ts';

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
      const listed = walkToPool(paths, onFound);
      const split = parseWorkers(listed?.length ?? 0, workers);
      if (listed && split > 1 && listed.onlyMarkdownNames()) {
        const { batches, skipped } = await parseListInWorkers(listed, split, options.onProgress, prefetchTableModule, reserve);
        await loadTableModule();
        return assembleBatches(listed.length, batches, skipped, options.asOf);
      }
      if (listed) return await loadListed(paths, listed, options, reserve);
    }
    // With a cache, the native walk also stats the files, on two threads of its own, meanwhile.
    return await loadListed(paths, await discover(paths, onFound, cache !== undefined), options, reserve);
  } finally {
    await reserve.release();
    // The caller goes on in a turn of its own: a worker's batch arrives as a message, and code
    // that runs on from the message's callback (a whole report's notebooks) would keep the
    // message, and so every array of that batch, alive until it returns.
    await new Promise((done) => setImmediate(done));
  }
}

/** loadArticles once the files are listed. */
export async function loadListed(paths: readonly string[], files: FileList, options: LoadOptions, reserve: WorkerReserve): Promise<LoadResult> {
  const { asOf, onProgress, cache, workers } = options;
  const skipped: SkippedFile[] = [];
  const toParse = files.select(files.positions((kind, k) => {
    const reason = skipReason(kind);
    if (reason) skipped.push({ path: files.path(k), reason, ...(isProblemKind(kind) ? { problem: true } : {}) });
    return reason === undefined;
  }));

  // Without article files there is nothing to cache: an empty load leaves the cache as it was.
  if (cache === undefined || toParse.length === 0) {
    const parsed = await parseAll(toParse, onProgress, workers, prefetchTableModule, reserve);
    await loadTableModule();
    return assemble(files.length, parsed, skipped, asOf);
  }
  const cacheModule = await import('./cache/cache.ts');
  const folder = cacheModule.cacheFolder(cache, paths);
  const state = readCacheState(cacheModule, folder);
  // Stamps the walk took while the cache was read, else taken now.
  const stamps = toParse.stamps?.() ?? (await stampFiles(toParse.paths(), workers, undefined, reserve));
  const matched = matchCached(() => cacheModule.rowsOfPaths(state.index.files, toParse.paths()), toParse.length);
  return loadWithCache(files.length, { files: toParse, rows: matched.rows, stamps: () => stamps }, skipped, folder, state, options, reserve, matched.problem);
}

export type { CacheReport, LoadOptions, LoadResult, LoadStats, SkippedFile } from './result.ts';

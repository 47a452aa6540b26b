/**
 * What a load is asked (LoadOptions) and what it gives (LoadResult): the article table and the
 * accounting of every file read.
 */
import type { ColumnTable } from 'arquero';
import type { Article, LoadWarning, Reject } from '../article.ts';

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

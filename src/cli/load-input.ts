/**
 * What every command does first: load the paths with a progress bar, report rejects and
 * warnings on stderr one line each, and stop with exit code 1 when nothing loaded.
 */
import { parseDate } from '../load/formats/fields.ts';
import { MissingPathError } from '../errors.ts';
import { type LoadResult, loadArticles } from '../load/load-articles.ts';
import { CliError } from './errors.ts';
import { printable } from './printable.ts';
import type { ArticleFilter } from '../analyze/filter.ts';
import { applyFilter } from './filter-options.ts';
import { terminalProgress } from './progress.ts';

export interface InputOptions {
  asOf?: string;
  quiet?: boolean;
  /** Cache folder, or false for none (`--no-cache`). @default '.pulse-cache' */
  cache?: string | false;
  /** Worker threads for parsing (`--workers N`). @default automatic */
  workers?: number;
  /** Narrows the articles (--since, --until, --category, --author, --tag, --group). @default none */
  filter?: ArticleFilter;
  /** A groups file (--groups): adds the `groups` column. @default none */
  groups?: string;
}

/** Adds `--cache DIR` and `--no-cache` to a command. */
export function addCacheOptions<T extends { option: (flags: string, description: string, defaultValue?: string) => T }>(command: T): T {
  return command
    .option('--cache <dir>', 'folder of the parse cache', '.pulse-cache')
    .option('--no-cache', 'parse every file, neither reading nor writing the cache');
}

/** `path:line` or `path` when the line is unknown, printable (control characters escaped). */
export function where(path: string, line: number): string {
  return printable(line > 0 ? `${path}:${line}` : path);
}

/** Checks an `--as-of` value. */
export function parseAsOf(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const date = /^\d{4}-\d{2}-\d{2}$/.test(value) ? parseDate(value) : null;
  if (!date) throw new CliError(`invalid --as-of: ${value} (expected a date like 2025-06-30)`);
  return date;
}

/** Checks a `--workers` value. */
function parseWorkers(value: unknown): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 64) throw new CliError(`invalid --workers: ${String(value)} (a whole number from 0 to 64; 0 parses on the main thread)`);
  return n;
}

/** Warns when a given --as-of date is before some publish dates: those articles would have negative ages. */
function warnAsOfBeforeData(result: LoadResult): void {
  if (!result.asOfGiven || result.asOf === null || result.stats.loaded === 0) return;
  const published = result.articles.array('published') as string[];
  const ids = result.articles.array('id') as ArrayLike<number>;
  const later: number[] = [];
  for (let row = 0; row < published.length; row++) if (published[row]! > result.asOf) later.push(row);
  if (later.length === 0) return;
  const newest = later.reduce((a, b) => (published[b]! > published[a]! ? b : a));
  const shown = later.slice(0, 5).map((row) => `${ids[row]} (${published[row]})`).join(', ');
  process.stderr.write(`warning: --as-of ${result.asOf} is before the publish date of ${later.length} article(s), newest ${published[newest]}: ${shown}${later.length > 5 ? ', …' : ''}; their ages are negative (views per day treats them as 1 day old). Use an --as-of on or after ${published[newest]}.\n`);
}

/** Loads the inputs of a command, or throws a CliError saying what to do. */
export async function loadInput(paths: readonly string[], options: InputOptions = {}): Promise<LoadResult> {
  if (paths.length === 0) throw new CliError('no input: name at least one archive folder or export file');
  const progress = terminalProgress('loading');
  let result: LoadResult;
  try {
    const cache = options.cache === false ? undefined : options.cache ?? '.pulse-cache';
    result = await loadArticles(paths, {
      asOf: parseAsOf(options.asOf), onProgress: progress.onProgress, ...(cache ? { cache } : {}),
      ...(options.workers !== undefined ? { workers: parseWorkers(options.workers) } : {}),
    });
  } catch (error) {
    if (error instanceof MissingPathError) throw new CliError(error.message);
    throw error;
  } finally {
    progress.stop();
  }
  const cache = result.cache;
  if (cache?.problem) {
    process.stderr.write(`${cache.folder}: warning: cache not used (${cache.problem}); ${cache.notSaved ? `not rebuilt: ${cache.notSaved}` : 'rebuilt it'}\n`);
  } else if (cache?.notSaved) {
    process.stderr.write(`${cache.folder}: warning: cache not updated (${cache.notSaved}); this run's results are complete, the next run parses the changed files again\n`);
  }
  for (const reject of result.rejects) process.stderr.write(`${where(reject.path, reject.line)}: rejected: ${printable(reject.reason)}\n`);
  for (const file of result.skipped) if (file.problem) process.stderr.write(`${where(file.path, 0)}: skipped: ${printable(file.reason)}\n`);
  if (!options.quiet) {
    for (const warning of result.warnings) process.stderr.write(`${where(warning.path, warning.line)}: warning: ${printable(warning.message)}\n`);
  }
  warnAsOfBeforeData(result);
  if (result.stats.loaded === 0) {
    throw new CliError(`no articles loaded from ${printable(paths.join(', '))} (${result.stats.filesSeen} files seen, ${result.stats.rejected} rejected)`, 1);
  }
  return options.filter || options.groups ? applyFilter(result, options.filter ?? {}, options.groups).load : result;
}

/**
 * What the analysis commands (tags, authors, trends, compare) share: their input options, the
 * loaded and prepared articles, whole-number flags, and sorting flags.
 */
import type { Command } from 'commander';
import type { SortOrder } from '../analyze/sort.ts';
import { type NotebookInput, prepareNotebookInput } from '../report/input.ts';
import { helpersAhead } from '../analyze/leaderboard-rows.ts';
import { CliError } from './errors.ts';
import { addCacheOptions, loadInput } from './load-input.ts';
import { addFilterOptions, filterFromFlags } from './filter-options.ts';

/**
 * The options every analysis command shares with `pulse load`: --quiet, --cache, --no-cache,
 * --as-of, and the filters (`datesOnly` for compare, whose --tag, --author, --category name groups).
 */
export function withInputOptions(command: Command, datesOnly = false): Command {
  return addFilterOptions(addCacheOptions(command
    .option('--as-of <date>', 'measure ages to this date (YYYY-MM-DD); default: newest published date')
    .option('--quiet', 'no warnings')), datesOnly);
}

/** Adds `--sort FIELD`, `--asc` and `--desc` (best first by default: see sort.ts). */
export function addSortOptions(command: Command, columns: readonly string[], byDefault: string): Command {
  return command
    .option('--sort <field>', `sort by this column, best first: largest first, but smallest first for spreads, p and q, names A–Z (${columns.join(', ')})`, byDefault)
    .option('--asc', 'sort smallest first')
    .option('--desc', 'sort largest first');
}

/** The sort flags, checked against the table's columns. */
export function sortFlags(flags: Record<string, unknown>, columns: readonly string[]): { sort: string; order?: SortOrder } {
  const sort = String(flags.sort);
  if (!columns.includes(sort)) throw new CliError(`--sort ${sort}: use one of ${columns.join(', ')}`);
  if (flags.asc && flags.desc) throw new CliError('--asc and --desc: choose one');
  return { sort, ...(flags.asc ? { order: 'asc' as const } : flags.desc ? { order: 'desc' as const } : {}) };
}

/** A flag that must be a whole number of at least 1. */
export function positiveInteger(name: string, value: unknown): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new CliError(`--${name} must be a whole number of at least 1, got ${String(value)}`);
  return n;
}

/** What an analysis command's input is for. */
export interface AnalysisInputOptions {
  /** Its filters are dates only (compare, whose --tag, --author, --category name groups). @default false */
  datesOnly?: boolean;
  /**
   * It ranks a leaderboard: the helper threads a leaderboard of many articles shares its rows
   * with start as soon as the articles are in, so that they have started and warmed up while the
   * cohort index is computed, not after it. @default false
   */
  leaderboard?: boolean;
}

/**
 * Loads the paths and prepares them as a notebook does (cohort index; similar tags merged when
 * asked), so a command and its notebook compute from the same table with the same options.
 * @example const { articles } = await analysisInput(paths, flags, { leaderboard: true })
 */
export async function analysisInput(paths: string[], flags: Record<string, unknown>, options: AnalysisInputOptions = {}): Promise<NotebookInput> {
  const load = await loadInput(paths, { asOf: flags.asOf as string | undefined, quiet: Boolean(flags.quiet), cache: flags.cache as string | false, filter: filterFromFlags(flags, options.datesOnly), ...(flags.groups ? { groups: String(flags.groups) } : {}) });
  if (options.leaderboard) helpersAhead(load.articles.numRows());
  return prepareNotebookInput(load, { mergeSimilarTags: Boolean(flags.mergeSimilarTags) });
}

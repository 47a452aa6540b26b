/**
 * The options every notebook-running command shares (`report`, `run`, `preview`), read once:
 * flag, else `pulse.config.json`, else the default.
 */
import type { Command } from 'commander';
import type { NotebookOptions } from '../report/input.ts';
import { type PulseConfig, readConfig } from './config.ts';
import { CliError } from './errors.ts';
import { existsSync } from 'node:fs';
import { DEFAULT_STORE } from '../snapshots/store.ts';
import { addCacheOptions } from './load-input.ts';
import type { ArticleFilter } from '../analyze/filter.ts';
import { addFilterOptions, filterFromFlags } from './filter-options.ts';

/** Adds the shared notebook options (and the cache flags) to a command. */
export function addReportOptions(command: Command): Command {
  addCacheOptions(command)
    .option('--config <file>', 'project file of defaults (default: pulse.config.json in this folder, when present)')
    .option('--as-of <date>', 'measure ages to this date (YYYY-MM-DD); default: newest published date')
    .option('--min-count <n>', 'least articles for a tag to be ranked (default: 20)')
    .option('--min-author-count <n>', 'least articles for an author to be ranked (default: 3)')
    .option('--locale <en|zh>', 'numbers in charts as 12k (en) or 1.2万 (zh) (default: en)')
    .option('--merge-similar-tags', 'merge tags that differ only by spaces, case or width')
    .option('--quiet', 'no warnings on stderr')
    .option('--snapshots <dir>', 'snapshot store for the Growth notebook (default: .pulse-snapshots here, when it exists)');
  return addFilterOptions(command);
}

/** Everything a notebook-running command needs from its flags and the project file. */
export interface ResolvedRun {
  config: PulseConfig;
  /** Input paths: the command's, else the project file's. */
  inputs: string[];
  asOf: string | undefined;
  notebookOptions: NotebookOptions;
  /** Narrows the articles (--since … --tag). */
  filter: ArticleFilter;
  /** The snapshot store for growth, when named or found. */
  snapshots?: string;
}

function wholeNumber(name: string, value: unknown): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new CliError(`--${name} must be a whole number of at least 1, got ${String(value)}`);
  return n;
}

/**
 * Reads the shared options: each flag given wins over the project file, which wins over the default.
 * @throws CliError for a bad value, a bad project file, or no input at all
 */
export function resolveRun(paths: readonly string[], flags: Record<string, unknown>): ResolvedRun {
  const config = readConfig(flags.config as string | undefined);
  const inputs = paths.length ? [...paths] : config.inputs ?? [];
  if (inputs.length === 0) throw new CliError('no input: name at least one archive folder or export file (or list "inputs" in pulse.config.json)');
  const locale = String(flags.locale ?? config.locale ?? 'en');
  if (locale !== 'en' && locale !== 'zh') throw new CliError(`--locale must be en or zh, got ${locale}`);
  return {
    config,
    inputs,
    asOf: (flags.asOf as string | undefined) ?? config.asOf,
    filter: filterFromFlags(flags),
    ...(flags.snapshots ? { snapshots: String(flags.snapshots) } : existsSync(DEFAULT_STORE) ? { snapshots: DEFAULT_STORE } : {}),
    notebookOptions: {
      minCount: wholeNumber('min-count', flags.minCount ?? config.minCount ?? 20),
      minAuthorCount: wholeNumber('min-author-count', flags.minAuthorCount ?? config.minAuthorCount ?? 3),
      locale,
      mergeSimilarTags: Boolean(flags.mergeSimilarTags),
    },
  };
}

/**
 * The filter flags of every command that reads articles: --since, --until (publish dates,
 * inclusive), --category, --author, --tag (repeatable: any of the values). pulse compare, whose
 * --tag, --author and --category name the groups it compares, takes the dates only.
 */
import type { Command } from 'commander';
import { type ArticleFilter, describeFilter, filterArticles, filterSteps } from '../analyze/filter.ts';
import { readFileSync } from 'node:fs';
import { type ContentGroup, normalizeGroups, withGroups } from '../analyze/groups.ts';
import { parseDate } from '../load/formats/fields.ts';
import type { LoadResult } from '../load/load-articles.ts';
import { CliError } from './errors.ts';

const collect = (value: string, previous: string[] = []) => [...previous, value];

/** Reads and checks a groups file. @throws CliError naming the file and the rule */
export function readGroups(file: string): ContentGroup[] {
  let spec: unknown;
  try {
    spec = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new CliError(`--groups ${file}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : `not valid JSON (${(error as Error).message})`}`);
  }
  try {
    return normalizeGroups(spec, file);
  } catch (error) {
    throw new CliError((error as Error).message);
  }
}

/** Adds the filter flags (with `datesOnly`, --since and --until alone). */
export function addFilterOptions(command: Command, datesOnly = false): Command {
  command
    .option('--since <date>', 'only articles published on or after this date (YYYY-MM-DD)')
    .option('--until <date>', 'only articles published on or before this date (YYYY-MM-DD)');
  command.option('--groups <file.json>', 'content groups: a JSON file of named rules (title or URL regular expressions, tags, authors), adding the groups column');
  if (datesOnly) return command;
  return command
    .option('--category <slug>', 'only articles in this category (repeat for any of several)', collect)
    .option('--author <name-or-id>', 'only articles by this author (repeat for any of several)', collect)
    .option('--tag <tag>', 'only articles carrying this tag (repeat for any of several)', collect)
    .option('--group <name>', 'only articles in this content group of --groups (repeat for any of several)', collect);
}

function day(flag: string, value: unknown): string | undefined {
  if (value === undefined) return undefined;
  const text = String(value);
  const date = /^\d{4}-\d{2}-\d{2}$/.test(text) ? parseDate(text) : null;
  if (!date) throw new CliError(`invalid --${flag}: ${text} (expected a date like 2025-06-30)`);
  return date;
}

/** The filter the flags ask for (group flags left out with `datesOnly`). */
export function filterFromFlags(flags: Record<string, unknown>, datesOnly = false): ArticleFilter {
  const list = (name: string) => (!datesOnly && Array.isArray(flags[name]) ? (flags[name] as string[]) : undefined);
  const filter: ArticleFilter = { since: day('since', flags.since), until: day('until', flags.until), categories: list('category'), authors: list('author'), tags: list('tag'), groups: list('group') };
  if (filter.groups?.length && !flags.groups) throw new CliError('--group needs --groups FILE.json, the file that defines the groups');
  if (filter.since && filter.until && filter.since > filter.until) throw new CliError(`--since ${filter.since} is after --until ${filter.until}`);
  return filter;
}

/**
 * The load with its articles narrowed by the filter, and the filter in words.
 * @throws CliError (exit 1) naming the filter that left no article
 */
export function applyFilter(load: LoadResult, filter: ArticleFilter, groupsFile?: string): { load: LoadResult; description: string | null } {
  const description = describeFilter(filter);
  if (!description && !groupsFile) return { load, description };
  let kept = groupsFile ? withGroups(load.articles, readGroups(groupsFile)) : load.articles;
  const applied: string[] = [];
  for (const step of filterSteps(filter)) {
    const next = filterArticles(kept, step.keep);
    if (next.numRows() === 0) {
      throw new CliError(`no article left after ${step.flag}${applied.length ? ` (${kept.numRows().toLocaleString('en-US')} left after ${applied.join(' ')})` : ` (of ${kept.numRows().toLocaleString('en-US')})`}: widen the filter`, 1);
    }
    applied.push(step.flag);
    kept = next;
  }
  // Not spread: `rows` is a getter that would make an object of every row.
  const { rejects, warnings, skipped, stats, asOf, asOfGiven, cache } = load;
  let rows: LoadResult['rows'] | undefined;
  const narrowed: LoadResult = {
    articles: kept, rejects, warnings, skipped, stats, asOf, ...(description ? { filter: description } : {}), ...(asOfGiven !== undefined ? { asOfGiven } : {}), ...(cache ? { cache } : {}),
    get rows() {
      rows ??= kept.objects() as unknown as LoadResult['rows'];
      return rows;
    },
  };
  return { load: narrowed, description };
}

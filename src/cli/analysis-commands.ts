/**
 * The analysis commands: tags, authors, trends, compare. Each loads its input, runs one
 * analysis, prints a readable table and writes CSV (or a report) where asked.
 */
import { join } from 'node:path';
import type { ColumnTable } from 'arquero';
import type { Command, Option } from 'commander';
import { AUTHOR_COLUMNS, authorLeaderboard } from '../analyze/authors.ts';
import { withCohortIndex } from '../analyze/cohort.ts';
import { compareGroups, comparisonTable } from '../analyze/compare.ts';
import { mergeSimilarTags } from '../analyze/hygiene.ts';
import { risingTopics } from '../analyze/rising.ts';
import { selectGroup, UnknownGroupError } from '../analyze/select.ts';
import { TAG_COLUMNS, tagLeaderboard } from '../analyze/tags.ts';
import { type Period, tagShareByPeriod, trendByPeriod } from '../analyze/trends.ts';
import { toCsv } from '../export/csv.ts';
import { writeFileAtomic } from '../io/write-atomic.ts';
import { prepareNotebookInput } from '../report/input.ts';
import { createNotebook } from '../report/notebook.ts';
import { renderNotebook } from '../report/render.ts';
import { saveFiles } from '../report/save.ts';
import { addComparison } from '../report/comparison-section.ts';
import { addCompareFlags, comparePair } from './compare-flags.ts';
import { CliError } from './errors.ts';
import { waitNotice } from './notices.ts';
import { printable } from './printable.ts';
import { addCacheOptions, loadInput } from './load-input.ts';
import { formatNumber, textTable } from './text-table.ts';

/** The options every analysis command shares with `pulse load`: --quiet, --cache, --no-cache. */
function withInputOptions(command: Command): Command {
  return addCacheOptions(command.option('--quiet', 'no warnings'));
}

/** Checks a --sort value against a table's columns. */
function checkSort(sort: string, columns: readonly string[]): void {
  if (!columns.includes(sort)) throw new CliError(`--sort ${sort}: use one of ${columns.join(', ')}`);
}

function positiveInteger(name: string, value: unknown): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new CliError(`--${name} must be a whole number of at least 1, got ${String(value)}`);
  return n;
}

function tableCsv(table: ColumnTable): string {
  return toCsv(table.objects() as Record<string, unknown>[], table.columnNames());
}

function requireCsvPath(path: string | undefined): void {
  if (path !== undefined && !path.toLowerCase().endsWith('.csv')) throw new CliError(`--out ${path}: use a file ending in .csv`);
}

const percentCell = (v: unknown) => (typeof v === 'number' ? `${(v * 100).toFixed(v < 0.01 ? 3 : 1)}%` : '');

function print(table: ColumnTable, columns: string[], limit = 30): void {
  const rows = table.objects().slice(0, limit) as Record<string, unknown>[];
  process.stdout.write(`${textTable(rows, columns.map((key) => ({
    key,
    right: key !== 'tag' && key !== 'author' && key !== 'month' && key !== 'quarter' && key !== 'year' && key !== 'measure' && key !== 'direction',
    format: /Rate|share/.test(key) ? percentCell : key === 'smallSample' ? (v) => (v ? 'small' : '') : formatNumber,
  })))}\n`);
  if (table.numRows() > limit) process.stdout.write(`… ${table.numRows() - limit} more rows (--out FILE.csv writes all)\n`);
}

/** Loads and prepares the article table for an analysis command (tags merged when asked). */
async function analysisInput(paths: string[], flags: Record<string, unknown>) {
  const load = await loadInput(paths, { asOf: flags.asOf as string | undefined, quiet: Boolean(flags.quiet), cache: flags.cache as string | false });
  const articles = flags.mergeSimilarTags ? mergeSimilarTags(load.articles) : load.articles;
  return { load, articles: withCohortIndex(articles) };
}

/** A leaderboard command: check flags, load, build the board, print it, write `--out` if asked. */
async function leaderboard(
  paths: string[], flags: Record<string, unknown>, columns: readonly string[],
  build: (articles: ColumnTable, minCount: number) => ColumnTable, printed: string[],
): Promise<void> {
  requireCsvPath(flags.out as string | undefined);
  checkSort(flags.sort as string, columns);
  const minCount = positiveInteger('min-count', flags.minCount);
  const { articles } = await analysisInput(paths, flags);
  const board = build(articles, minCount);
  print(board, printed);
  if (flags.out) writeFileAtomic(flags.out as string, tableCsv(board));
}

/** Registers the analysis commands on the program. */
export function registerAnalysisCommands(program: Command, asOf: () => Option): void {
  withInputOptions(program.command('tags')
    .description('tag leaderboard: counts, medians with intervals, rates, cohort index')
    .argument('<paths...>')
    .option('--min-count <n>', 'least articles for a tag', '20')
    .option('--include-level-tags', 'rank seniority tags (初级, 2年 …) with the topics')
    .option('--sort <field>', `sort by this column, descending (${TAG_COLUMNS.join(', ')})`, 'cohortIndex')
    .option('--merge-similar-tags', 'merge tags that differ only by spaces, case or width')
    .option('--out <file.csv>', 'write the whole table as CSV')
    .addOption(asOf()))
    .action((paths: string[], flags) => leaderboard(paths, flags, TAG_COLUMNS,
      (articles, minCount) => tagLeaderboard(articles, { minCount, includeLevelTags: Boolean(flags.includeLevelTags), sort: flags.sort }),
      ['tag', 'count', 'share', 'medianViews', 'meanViews', 'medianCollects', 'collectRate', 'collectRateShrunk', 'cohortIndex', 'cohortIndexLow', 'cohortIndexHigh', 'smallSample']));

  withInputOptions(program.command('authors')
    .description('author leaderboard: output, medians with intervals, rates, cohort index, consistency')
    .argument('<paths...>')
    .option('--min-count <n>', 'least articles for an author', '3')
    .option('--sort <field>', `sort by this column, descending (${AUTHOR_COLUMNS.join(', ')})`, 'cohortIndex')
    .option('--out <file.csv>', 'write the whole table as CSV')
    .addOption(asOf()))
    .action((paths: string[], flags) => leaderboard(paths, flags, AUTHOR_COLUMNS,
      (articles, minCount) => authorLeaderboard(articles, { minCount, sort: flags.sort }),
      ['authorId', 'author', 'count', 'medianViews', 'totalViews', 'collectRate', 'collectRateShrunk', 'cohortIndex', 'cohortIndexSpread', 'articlesPerActiveMonth', 'smallSample']));

  withInputOptions(program.command('trends')
    .description('articles and medians per period; rising and fading topics')
    .argument('<paths...>')
    .option('--by <period>', 'month, quarter or year', 'month')
    .option('--recent-months <n>', 'rising/fading: months in the recent window', '12')
    .option('--baseline-months <n>', 'rising/fading: months in the window before it', '12')
    .option('--min-support <n>', 'rising/fading: least articles (both windows) for a tag to be tested', '10')
    .option('--out <dir>', 'write trends.csv, tag-share.csv and rising-fading.csv into this folder')
    .addOption(asOf()))
    .action(async (paths: string[], flags) => {
      if (!['month', 'quarter', 'year'].includes(flags.by)) throw new CliError(`--by ${flags.by}: use month, quarter or year`);
      const by = flags.by as Period;
      const { articles } = await analysisInput(paths, flags);
      const trend = trendByPeriod(articles, { by });
      print(trend, [by, 'count', 'medianViews', 'meanViews', 'medianCollects', 'collectRate', 'cohortIndex'], 1000);
      const rising = risingTopics(articles, {
        recentMonths: positiveInteger('recent-months', flags.recentMonths),
        baselineMonths: positiveInteger('baseline-months', flags.baselineMonths),
        minSupport: positiveInteger('min-support', flags.minSupport),
      });
      const called = rising.filter((d: { direction: string }) => d.direction !== 'steady');
      process.stdout.write(`\nrising and fading topics (latest ${flags.recentMonths} months vs the ${flags.baselineMonths} before, BH-corrected):\n`);
      if (called.numRows()) print(called, ['tag', 'direction', 'recentCount', 'baselineCount', 'ratio', 'ratioLow', 'ratioHigh', 'q']);
      else if (rising.numRows() === 0) process.stdout.write(`no tag qualifies: none has ${flags.minSupport} or more articles in the two windows together (lower --min-support)\n`);
      else process.stdout.write('none clear\n');
      if (flags.out) {
        await saveFiles(flags.out, new Map([
          ['trends.csv', tableCsv(trend)], ['tag-share.csv', tableCsv(tagShareByPeriod(articles, { by }))], ['rising-fading.csv', tableCsv(rising)],
        ]), { onWait: waitNotice(flags.out) });
      }
    });

  withInputOptions(addCompareFlags(program.command('compare')
    .description('compare two tags, authors or categories for their age, with intervals and a test')
    .argument('<paths...>'))
    .option('--out <dir>', 'write compare.csv and a small report (index.html, charts) into this folder')
    .addOption(asOf()))
    .action(async (paths: string[], flags) => {
      const pair = comparePair(flags);
      if (!pair) throw new CliError('name two groups: --tag A --tag B, --author A --author B or --category A --category B');
      const load = await loadInput(paths, { asOf: flags.asOf, quiet: flags.quiet, cache: flags.cache });
      const input = prepareNotebookInput(load, {});
      try {
        const a = selectGroup(input.articles, pair.kind, pair.a);
        const b = selectGroup(input.articles, pair.kind, pair.b);
        const result = compareGroups(input.articles, a, b);
        process.stdout.write(`${printable(result.sentence)}\n\n`);
        const table = comparisonTable(result);
        print(table, ['measure', 'countA', 'countB', 'medianA', 'medianB', 'ratio', 'ratioLow', 'ratioHigh', 'p', 'cliffsDelta']);
        if (flags.out) {
          const nb = createNotebook(`${a.label} vs ${b.label}`);
          addComparison(nb, input, pair);
          const files = await renderNotebook(nb);
          files.set('compare.csv', tableCsv(table));
          await saveFiles(flags.out, files, { onWait: waitNotice(flags.out) });
        }
      } catch (error) {
        if (error instanceof UnknownGroupError) throw new CliError(error.message);
        throw error;
      }
    });
}

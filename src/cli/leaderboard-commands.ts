/**
 * `pulse tags` and `pulse authors`: a leaderboard in the terminal (or as JSON / CSV on stdout),
 * the whole table with `--out FILE.csv`. The same function and options as the notebooks, so the
 * numbers are the report's.
 */
import * as aq from 'arquero';
import type { ColumnTable } from 'arquero';
import type { Command } from 'commander';
import { AUTHOR_COLUMNS, authorLeaderboard, mostProlificAuthors } from '../analyze/authors.ts';
import { TAG_COLUMNS, tagLeaderboard } from '../analyze/tags.ts';
import { toXlsx } from '../export/xlsx.ts';
import { writeFileAtomic, writeFileAtomicStream } from '../io/write-atomic.ts';
import { count } from '../report/text.ts';
import { tagCounts } from '../summary.ts';
import { addSortOptions, analysisInput, positiveInteger, sortFlags, withInputOptions } from './analysis-input.ts';
import { CliError } from './errors.ts';
import { addTableOutputOptions, csvPartsOf, writeTableOutput } from './table-output.ts';

function requireTablePath(path: string | undefined): void {
  if (path !== undefined && !/\.(csv|xlsx)$/i.test(path)) throw new CliError(`--out ${path}: use a file ending in .csv or .xlsx`);
}

/** Writes `--out FILE.csv` or `FILE.xlsx` when asked (a workbook of one sheet, named `sheet`). */
export async function writeTableFile(table: ColumnTable, path: string | undefined, sheet: string): Promise<void> {
  if (!path) return;
  if (/\.xlsx$/i.test(path)) {
    writeFileAtomic(path, await toXlsx([{ name: sheet, table }]));
    return;
  }
  const parts = await csvPartsOf(table);
  writeFileAtomicStream(path, (write) => parts.forEach((part) => write(part)));
}

/** What a leaderboard command is called and ranks. */
interface LeaderboardCommand {
  name: string;
  description: string;
  /** What --min-count counts articles of ("a tag"), and its default. */
  unit: string;
  minCount: string;
  columns: readonly string[];
  /** The command's own options, between --min-count and --out. */
  options?: (command: Command) => Command;
}

/**
 * Registers a leaderboard command: its paths, --min-count, its own options, --out, the sort, input
 * and table-output options; `run` gets the paths, the flags, the sort and the least count, checked.
 */
function leaderboardCommand(
  program: Command, spec: LeaderboardCommand,
  run: (paths: string[], flags: Record<string, unknown>, parsed: { sorting: ReturnType<typeof sortFlags>; minCount: number }) => Promise<void>,
): void {
  const command = program.command(spec.name).description(spec.description).argument('<paths...>')
    .option('--min-count <n>', `least articles for ${spec.unit}`, spec.minCount);
  addTableOutputOptions(addSortOptions(withInputOptions((spec.options?.(command) ?? command)
    .option('--out <file>', 'write the whole table as .csv or .xlsx')), spec.columns, 'cohortIndexShrunk'))
    .action(async (paths: string[], flags: Record<string, unknown>) => {
      requireTablePath(flags.out as string | undefined);
      await run(paths, flags, { sorting: sortFlags(flags, spec.columns), minCount: positiveInteger('min-count', flags.minCount) });
    });
}

/** Registers tags and authors. */
export function registerLeaderboardCommands(program: Command): void {
  leaderboardCommand(program, {
    name: 'tags', description: 'tag leaderboard: counts, medians with intervals, rates, cohort index', unit: 'a tag', minCount: '20', columns: TAG_COLUMNS,
    options: (command) => command
      .option('--include-level-tags', 'rank seniority tags (初级, 2年 …) with the topics')
      .option('--merge-similar-tags', 'merge tags that differ only by spaces, case or width')
      .option('--by <tag|group>', 'rank tags, or the content groups of --groups', 'tag'),
  }, async (paths, flags, { sorting, minCount }) => {
    if (flags.by !== 'tag' && flags.by !== 'group') throw new CliError(`--by ${flags.by}: use tag or group`);
    if (flags.by === 'group' && !flags.groups) throw new CliError('--by group needs --groups FILE.json, the file that defines the groups');
    const { articles: loaded } = await analysisInput(paths, flags, { leaderboard: true });
    const byGroup = flags.by === 'group';
    // Groups are ranked as tags are: the groups column stands in for the topic tags.
    const articles = byGroup ? loaded.assign(aq.table({ topicTags: loaded.array('groups') as string[][] })) : loaded;
    const includeLevelTags = Boolean(flags.includeLevelTags) && !byGroup;
    const ranked = tagLeaderboard(articles, { minCount, includeLevelTags, ...sorting });
    const board = byGroup ? ranked.rename({ tag: 'group' }) : ranked;
    const most = board.numRows() ? 0 : tagCounts(articles, includeLevelTags ? 'tags' : 'topicTags')[0]?.count ?? 0;
    await writeTableOutput(board, {
      columns: [byGroup ? 'group' : 'tag', 'count', 'share', 'medianViews', 'meanViews', 'medianCollects', 'collectRate', 'collectRateShrunk', 'cohortIndexShrunk', 'cohortIndex', 'cohortIndexLow', 'cohortIndexHigh', 'smallSample'],
      empty: `no ${byGroup ? 'group' : 'tag'} has ${count(minCount)} or more articles; the largest has ${count(most)}: lower --min-count`,
    }, flags);
    await writeTableFile(board, flags.out as string | undefined, 'tags');
  });

  leaderboardCommand(program, {
    name: 'authors', description: 'author leaderboard: output, medians with intervals, rates, cohort index, consistency', unit: 'an author', minCount: '3', columns: AUTHOR_COLUMNS,
  }, async (paths, flags, { sorting, minCount }) => {
    const { articles } = await analysisInput(paths, flags, { leaderboard: true });
    const board = authorLeaderboard(articles, { minCount, ...sorting });
    const most = board.numRows() ? 0 : mostProlificAuthors(articles, 1).top[0]?.count ?? 0;
    await writeTableOutput(board, {
      columns: ['authorId', 'author', 'count', 'medianViews', 'totalViews', 'collectRate', 'collectRateShrunk', 'cohortIndexShrunk', 'cohortIndex', 'cohortIndexSpread', 'articlesPerActiveMonth', 'smallSample'],
      empty: `no author has ${count(minCount)} or more articles; the most prolific has ${count(most)}: lower --min-count`,
      ...(sorting.sort === 'cohortIndexSpread' ? { notes: ['A small spread means consistent, not good: read cohortIndex beside it (1.0 = typical for the month).'] } : {}),
    }, flags);
    await writeTableFile(board, flags.out as string | undefined, 'authors');
  });
}

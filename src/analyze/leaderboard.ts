/**
 * A leaderboard of groups (tags, authors): for each group of at least `minCount` rows the numbers
 * of leaderboardRow, its shrunk cohort index, and what the caller adds; sorted best first. The
 * collect-rate prior is fitted on every group, small ones included, so they pull it as they should.
 */
import type { ColumnTable } from 'arquero';
import { fitBetaPrior } from '../stats/beta-binomial.ts';
import { type ArticleColumns, ColumnsBuilder, type Rows, sumAt } from './columns.ts';
import type { LeaderboardOptions } from './group-stats.ts';
import { type LeaderboardRow, leaderboardRows } from './leaderboard-rows.ts';
import { shrunkCohortIndex } from './shrunk-rank.ts';
import { sortedOrder, type SortOrder } from './sort.ts';

/** What a leaderboard lists and how it is ordered. */
export interface LeaderboardShape extends LeaderboardOptions {
  /** Its columns, in order (leaderboardRow's and the shrunk cohort index's among them). */
  columns: readonly string[];
  /** The column naming the group, the last tie-break of the sort. */
  key: string;
  /** Least rows a group needs to be listed. */
  minCount: number;
  /** Column to sort by. */
  sort: string;
  /** Sort direction. @default best first for the column */
  order?: SortOrder | undefined;
}

/**
 * The leaderboard table of groups of rows.
 * @param more a listed group's own columns (its name and any others), given its leaderboardRow
 * @example groupLeaderboard(c, groups, { columns: ['tag', 'count', …], key: 'tag', minCount: 20, sort: 'cohortIndexShrunk' }, (tag) => ({ tag }))
 */
export function groupLeaderboard<R extends Rows>(
  c: ArticleColumns, groups: ReadonlyMap<string, R>, shape: LeaderboardShape,
  more: (key: string, rows: R, row: LeaderboardRow) => Readonly<Record<string, unknown>>,
): ColumnTable {
  const prior = fitBetaPrior([...groups.values()].map((rows) => ({ k: sumAt(c.collects, rows), n: sumAt(c.views, rows) })));
  const ranked = [...groups].filter(([, rows]) => rows.length >= shape.minCount);
  const shrunk = shrunkCohortIndex(c.cohortIndex, ranked.map(([, rows]) => rows));
  const rowsOf = leaderboardRows(c, ranked.map(([, rows]) => rows), prior, shape);
  const board = new ColumnsBuilder(shape.columns, ranked.length);
  for (const [i, [key, rows]] of ranked.entries()) {
    const row = rowsOf[i]!;
    board.set(i, row);
    board.set(i, shrunk[i]!);
    board.set(i, more(key, rows, row));
  }
  return board.table(sortedOrder(board.data, shape.sort, shape.key, shape.order));
}

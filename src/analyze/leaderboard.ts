/**
 * A leaderboard of groups (tags, authors): for each group of at least `minCount` rows the numbers
 * of leaderboardRow, its shrunk cohort index, and what the caller adds; sorted best first. The
 * collect-rate prior is fitted on every group, small ones included, so they pull it as they should.
 */
import type { ColumnTable } from 'arquero';
import { fitBetaPriorOfCounts } from '../stats/beta-binomial.ts';
import { type ArticleColumns, articleColumns, ColumnsBuilder, type NumberColumn, type Rows, sumAt } from './columns.ts';
import { withCohortIndex } from './cohort.ts';
import type { LeaderboardOptions } from './group-stats.ts';
import { fieldColumn, ROW_FIELDS } from './leaderboard-job.ts';
import { helpersAhead, sharedColumnsAhead, startLeaderboardRows } from './leaderboard-rows.ts';
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
 * What a leaderboard of these articles reads: the table with its cohort index (computed when the
 * table has none) and its columns. A leaderboard of many articles has its helper threads started
 * and its shared columns made ahead here, so that both are ready when its rows are shared.
 * @example const { table, c } = leaderboardInput(articles)
 */
export function leaderboardInput(articles: ColumnTable): { table: ColumnTable; c: ArticleColumns } {
  helpersAhead(articles.numRows());
  const table = articles.columnNames().includes('cohortIndex') ? articles : withCohortIndex(articles);
  const c = articleColumns(table);
  sharedColumnsAhead(c);
  return { table, c };
}

/**
 * The leaderboard table of groups of rows. The groups' numbers are begun first, so that helper
 * threads compute them while this thread computes the shrunk ranks and the caller's columns.
 * @param more a listed group's own columns (its name and any others)
 * @example groupLeaderboard(c, groups, { columns: ['tag', 'count', …], key: 'tag', minCount: 20, sort: 'cohortIndexShrunk' }, (tag) => ({ tag }))
 */
export function groupLeaderboard(
  c: ArticleColumns, groups: NumberedGroups, shape: LeaderboardShape,
  more: (key: string, rows: Rows) => Readonly<Record<string, unknown>>,
): ColumnTable {
  const collects = new Float64Array(groups.size);
  const views = new Float64Array(groups.size);
  const listed: number[] = [];
  const listedRows: Rows[] = [];
  for (let g = 0; g < groups.size; g++) {
    collects[g] = groups.sum(c.collects, g);
    views[g] = groups.sum(c.views, g);
    if (groups.count(g) >= shape.minCount) {
      listed.push(g);
      listedRows.push(groups.rows(g));
    }
  }
  const pending = startLeaderboardRows(c, listedRows, fitBetaPriorOfCounts(collects, views), shape);
  const board = new ColumnsBuilder(shape.columns, listed.length);
  try {
    board.setEach(shrunkCohortIndex(c.cohortIndex, listedRows));
    board.setEach(listed.map((g, i) => more(groups.key(g), listedRows[i]!)));
  } catch (error) {
    pending.abandon();
    throw error;
  }
  const rows = pending.store();
  for (const name of ROW_FIELDS) board.setColumn(name, fieldColumn(rows, name));
  return board.table(sortedOrder(board.columnsOf(shape.columns), shape.sort, shape.key, shape.order));
}

/**
 * Groups of rows by number (0 to size - 1): each one's key and rows. A leaderboard keeps the rows
 * of the groups it lists only, and reads the others one at a time (the generated million-article
 * export has 160,922 authors, 59,661 of them with the 3 articles a listing needs).
 */
export interface NumberedGroups {
  readonly size: number;
  key(g: number): string;
  rows(g: number): Rows;
  /** How many rows group g has. */
  count(g: number): number;
  /** A column's sum over group g's rows in their order (sumAt's), without making its rows. */
  sum(column: NumberColumn, g: number): number;
}

/**
 * A Map of groups (groupRowsOfColumn's), numbered in its order.
 * @example groupLeaderboard(c, numberedGroups(groupRowsOfColumn(articles, 'topicTags')), shape, (tag) => ({ tag }))
 */
export function numberedGroups(groups: ReadonlyMap<string, Rows>): NumberedGroups {
  const entries = [...groups];
  return {
    size: entries.length,
    key: (g) => entries[g]![0],
    rows: (g) => entries[g]![1],
    count: (g) => entries[g]![1].length,
    sum: (column, g) => sumAt(column, entries[g]![1]),
  };
}

/**
 * Groups laid out one after another in one array of rows: group g's rows are
 * rows[starts[g]] to rows[starts[g + 1] - 1], and its key keyOf(g).
 * @example new LaidOutGroups(Int32Array.of(0, 2, 3), Int32Array.of(4, 9, 1), (g) => ['a', 'b'][g]).rows(0) // Int32Array [4, 9]
 */
export class LaidOutGroups implements NumberedGroups {
  readonly size: number;

  constructor(private readonly starts: Int32Array, private readonly laidOut: Int32Array, private readonly keyOf: (g: number) => string) {
    this.size = starts.length - 1;
  }

  key(g: number): string {
    return this.keyOf(g);
  }

  rows(g: number): Int32Array {
    return this.laidOut.subarray(this.starts[g]!, this.starts[g + 1]!);
  }

  count(g: number): number {
    return this.starts[g + 1]! - this.starts[g]!;
  }

  sum(column: NumberColumn, g: number): number {
    const { laidOut } = this;
    let sum = 0;
    for (let at = this.starts[g]!, end = this.starts[g + 1]!; at < end; at++) sum += column[laidOut[at]!]!;
    return sum;
  }
}

/**
 * Tag leaderboard: per tag with at least `minCount` articles, counts, medians with bootstrap
 * intervals, rates and the shrunk collect rate, ranked by the age-adjusted cohort index.
 * Ranks topic tags by default: level tags (初级, 2年 …) sit only on articles before 2023-08 and
 * would win on age alone; `includeLevelTags` puts them back.
 */
import type { ColumnTable } from 'arquero';
import { fitBetaPrior } from '../stats/beta-binomial.ts';
import { isLevelTag } from '../levels.ts';
import { articleColumns, groupRowsOfList, sumAt, rowsTable } from './columns.ts';
import { withCohortIndex } from './cohort.ts';
import { type LeaderboardOptions, leaderboardRow } from './group-stats.ts';
import { sortRows, type SortOrder } from './sort.ts';

/** Options of `tagLeaderboard`. */
export interface TagLeaderboardOptions extends LeaderboardOptions {
  /** Least articles a tag needs to be listed. @default 20 */
  minCount?: number;
  /** Rank level tags with the topics. @default false */
  includeLevelTags?: boolean;
  /** Column to sort by (ties by count, then tag). @default 'cohortIndex' */
  sort?: string;
  /** Sort direction. @default best first for the column: descending, ascending for spreads, p and q, names A–Z */
  order?: SortOrder;
}

/** Columns of the tag leaderboard, in order. */
export const TAG_COLUMNS = [
  'tag', 'count', 'share', 'medianViews', 'medianViewsLow', 'medianViewsHigh', 'meanViews', 'medianCollects',
  'collectRate', 'commentRate', 'collectRateShrunk', 'collectRateShrunkLow', 'collectRateShrunkHigh',
  'cohortIndex', 'cohortIndexLow', 'cohortIndexHigh', 'totalViews', 'smallSample', 'levelTag',
] as const;

/**
 * Builds the tag leaderboard.
 * @example tagLeaderboard(articles, { minCount: 20 })
 */
export function tagLeaderboard(articles: ColumnTable, options: TagLeaderboardOptions = {}): ColumnTable {
  const { minCount = 20, includeLevelTags = false, sort = 'cohortIndex', order } = options;
  const table = articles.columnNames().includes('cohortIndex') ? articles : withCohortIndex(articles);
  const columns = articleColumns(table);
  const groups = groupRowsOfList(table, includeLevelTags ? 'tags' : 'topicTags');
  // The prior is fitted on every tag of the same kind, so rare tags pull it as they should.
  const prior = fitBetaPrior([...groups.values()].map((rows) => ({ k: sumAt(columns.collects, rows), n: sumAt(columns.views, rows) })));
  const rows = [];
  for (const [tag, tagRows] of groups) {
    if (tagRows.length < minCount) continue;
    const row = leaderboardRow(columns, tagRows, `tag:${tag}`, prior, options);
    rows.push({ tag, ...row, share: tagRows.length / columns.n, levelTag: isLevelTag(tag) });
  }
  const ordered = sortRows(rows, sort, 'tag', order);
  return rowsTable(ordered, TAG_COLUMNS);
}

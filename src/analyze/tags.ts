/**
 * Tag leaderboard: per tag with at least `minCount` articles, counts, medians with bootstrap
 * intervals, rates and the shrunk collect rate, ranked by the shrunk cohort index (each tag's
 * typical age-adjusted views, pulled toward typical the fewer articles it has: see shrunk-rank.ts).
 * Ranks topic tags by default: level tags (初级, 2年 …) sit only on articles before 2023-08 and
 * would win on age alone; `includeLevelTags` puts them back.
 */
import type { ColumnTable } from 'arquero';
import { isLevelTag } from '../levels.ts';
import { groupRowsOfColumn } from './columns.ts';
import type { LeaderboardOptions } from './group-stats.ts';
import { groupLeaderboard, leaderboardInput, numberedGroups } from './leaderboard.ts';
import type { SortOrder } from './sort.ts';

/** Options of `tagLeaderboard`. */
export interface TagLeaderboardOptions extends LeaderboardOptions {
  /** Least articles a tag needs to be listed. @default 20 */
  minCount?: number;
  /** Rank level tags with the topics. @default false */
  includeLevelTags?: boolean;
  /** Column to sort by (ties by count, then tag). @default 'cohortIndexShrunk' */
  sort?: string;
  /** Sort direction. @default best first for the column: descending, ascending for spreads, p and q, names A–Z */
  order?: SortOrder;
}

/** Columns of the tag leaderboard, in order. */
export const TAG_COLUMNS = [
  'tag', 'count', 'share', 'medianViews', 'medianViewsLow', 'medianViewsHigh', 'meanViews', 'medianCollects',
  'collectRate', 'commentRate', 'collectRateShrunk', 'collectRateShrunkLow', 'collectRateShrunkHigh',
  'cohortIndexShrunk', 'cohortIndexShrunkLow', 'cohortIndexShrunkHigh',
  'cohortIndex', 'cohortIndexLow', 'cohortIndexHigh', 'totalViews', 'smallSample', 'levelTag',
] as const;

/**
 * Builds the tag leaderboard.
 * @example tagLeaderboard(articles, { minCount: 20 })
 */
export function tagLeaderboard(articles: ColumnTable, options: TagLeaderboardOptions = {}): ColumnTable {
  const { minCount = 20, includeLevelTags = false, sort = 'cohortIndexShrunk', order } = options;
  const { table, c: columns } = leaderboardInput(articles);
  const groups = groupRowsOfColumn(table, includeLevelTags ? 'tags' : 'topicTags');
  return groupLeaderboard(columns, numberedGroups(groups), { ...options, columns: TAG_COLUMNS, key: 'tag', minCount, sort, order },
    (tag, tagRows) => ({ tag, share: tagRows.length / columns.n, levelTag: isLevelTag(tag) }));
}

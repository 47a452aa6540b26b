/**
 * Tag leaderboard: per tag with at least `minCount` articles, counts, medians with bootstrap
 * intervals, rates and the shrunk collect rate, ranked by the age-adjusted cohort index.
 * Ranks topic tags by default: level tags (初级, 2年 …) sit only on articles before 2023-08 and
 * would win on age alone; `includeLevelTags` puts them back.
 */
import type { ColumnTable } from 'arquero';
import { fitBetaPrior } from '../stats/beta-binomial.ts';
import { isLevelTag } from '../levels.ts';
import { articleColumns, compareText, groupRowsOfList, sumAt, rowsTable } from './columns.ts';
import { withCohortIndex } from './cohort.ts';
import { type LeaderboardOptions, leaderboardRow } from './group-stats.ts';

/** Options of `tagLeaderboard`. */
export interface TagLeaderboardOptions extends LeaderboardOptions {
  /** Least articles a tag needs to be listed. @default 20 */
  minCount?: number;
  /** Rank level tags with the topics. @default false */
  includeLevelTags?: boolean;
  /** Column to sort by, descending (ties by count, then tag). @default 'cohortIndex' */
  sort?: string;
}

/** Columns of the tag leaderboard, in order. */
export const TAG_COLUMNS = [
  'tag', 'count', 'share', 'medianViews', 'medianViewsLow', 'medianViewsHigh', 'meanViews', 'medianCollects',
  'collectRate', 'commentRate', 'collectRateShrunk', 'collectRateShrunkLow', 'collectRateShrunkHigh',
  'cohortIndex', 'cohortIndexLow', 'cohortIndexHigh', 'totalViews', 'smallSample', 'levelTag',
] as const;

/** Sorts rows by a field descending, then count descending, then key ascending. */
export function sortRows<T extends Record<string, unknown>>(rows: T[], field: string, key: keyof T): T[] {
  return rows.sort((a, b) => {
    const x = a[field] as number | null;
    const y = b[field] as number | null;
    if (x !== y) {
      if (x === null || x === undefined) return 1;
      if (y === null || y === undefined) return -1;
      if (typeof x === 'string' || typeof y === 'string') return compareText(String(x), String(y));
      return y - x;
    }
    return ((b.count as number) - (a.count as number)) || compareText(String(a[key]), String(b[key]));
  });
}

/**
 * Builds the tag leaderboard.
 * @example tagLeaderboard(articles, { minCount: 20 })
 */
export function tagLeaderboard(articles: ColumnTable, options: TagLeaderboardOptions = {}): ColumnTable {
  const { minCount = 20, includeLevelTags = false, sort = 'cohortIndex' } = options;
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
  const ordered = sortRows(rows, sort, 'tag');
  return rowsTable(ordered, TAG_COLUMNS);
}

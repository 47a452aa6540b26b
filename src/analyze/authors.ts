/**
 * Author leaderboard: the tag leaderboard's numbers per author id, plus total views, first and
 * last publish date, articles per active month, and the spread of the cohort index (consistency).
 * Ranked by the shrunk cohort index: an author with 3 strong articles is pulled toward typical
 * until more articles confirm it.
 */
import type { ColumnTable } from 'arquero';
import { fitBetaPrior } from '../stats/beta-binomial.ts';
import { type ArticleColumns, articleColumns, compareText, groupRows, sumAt, valueOrNull, rowsTable } from './columns.ts';
import { withCohortIndex } from './cohort.ts';
import { authorKey } from './engagement.ts';
import { distribution, type LeaderboardOptions, leaderboardIntervals, leaderboardRow } from './group-stats.ts';
import { shrunkCohortIndex } from './shrunk-rank.ts';
import { sortRows, type SortOrder } from './sort.ts';

/** Options of `authorLeaderboard`. */
export interface AuthorLeaderboardOptions extends LeaderboardOptions {
  /** Least articles an author needs to be listed. @default 3 */
  minCount?: number;
  /** Column to sort by (ties by count, then name). @default 'cohortIndexShrunk' */
  sort?: string;
  /** Sort direction. @default best first for the column: descending, ascending for cohortIndexSpread, names A–Z */
  order?: SortOrder;
}

/** Columns of the author leaderboard, in order. */
export const AUTHOR_COLUMNS = [
  'authorId', 'author', 'count', 'medianViews', 'medianViewsLow', 'medianViewsHigh', 'meanViews', 'totalViews',
  'medianCollects', 'collectRate', 'commentRate', 'collectRateShrunk', 'collectRateShrunkLow', 'collectRateShrunkHigh',
  'cohortIndexShrunk', 'cohortIndexShrunkLow', 'cohortIndexShrunkHigh', 'cohortIndex', 'cohortIndexLow', 'cohortIndexHigh', 'cohortIndexQ1', 'cohortIndexQ3', 'cohortIndexSpread',
  'firstPublished', 'lastPublished', 'activeMonths', 'articlesPerActiveMonth', 'distinctNames', 'smallSample',
] as const;

/** The name an author is shown by: the one used most, and on a tie the most recent. */
function displayName(names: readonly (string | null)[], published: readonly string[]): string | null {
  const counts = new Map<string, { count: number; latest: string }>();
  names.forEach((name, i) => {
    if (name === null) return;
    const entry = counts.get(name) ?? { count: 0, latest: '' };
    entry.count++;
    if (published[i]! > entry.latest) entry.latest = published[i]!;
    counts.set(name, entry);
  });
  let best: string | null = null;
  let bestEntry = { count: 0, latest: '' };
  for (const [name, entry] of counts) {
    if (entry.count > bestEntry.count || (entry.count === bestEntry.count && entry.latest > bestEntry.latest)) {
      best = name;
      bestEntry = entry;
    }
  }
  return best;
}

/** Row numbers per author key (the id where known, else the name); authors of neither left out. */
function authorGroups(c: ArticleColumns): Map<string, number[]> {
  return groupRows(c.n, (row) => authorKey(valueOrNull(c.authorId[row]!), c.author[row] ?? null));
}

/**
 * Every author with their article count, most articles first (ties by name), named as on the
 * leaderboard: the name they used most.
 * @example authorArticleCounts(articles)[0] // { authorKey: '123', author: '老张', count: 42 }
 */
export function authorArticleCounts(articles: ColumnTable): { authorKey: string; author: string; count: number }[] {
  const c = articleColumns(articles);
  return [...authorGroups(c)]
    .map(([key, rows]) => ({
      authorKey: key,
      author: displayName(rows.map((row) => c.author[row] ?? null), rows.map((row) => c.published[row]!)) ?? key,
      count: rows.length,
    }))
    .sort((a, b) => b.count - a.count || compareText(a.author, b.author) || compareText(a.authorKey, b.authorKey));
}

/**
 * Builds the author leaderboard (authors keyed by id; by name where the id is unknown).
 * @example authorLeaderboard(articles, { minCount: 3 })
 */
export function authorLeaderboard(articles: ColumnTable, options: AuthorLeaderboardOptions = {}): ColumnTable {
  const { minCount = 3, sort = 'cohortIndexShrunk' } = options;
  const table = articles.columnNames().includes('cohortIndex') ? articles : withCohortIndex(articles);
  const c = articleColumns(table);
  const groups = authorGroups(c);
  const prior = fitBetaPrior([...groups.values()].map((rows) => ({ k: sumAt(c.collects, rows), n: sumAt(c.views, rows) })));
  const ranked = [...groups].filter(([, authorRows]) => authorRows.length >= minCount);
  const intervals = leaderboardIntervals(options);
  const shrunk = shrunkCohortIndex(c.cohortIndex, ranked.map(([, authorRows]) => authorRows));
  const rows = [];
  for (const [i, [key, authorRows]] of ranked.entries()) {
    const published = authorRows.map((row) => c.published[row]!).sort(compareText);
    const names = authorRows.map((row) => c.author[row] ?? null);
    const activeMonths = new Set(authorRows.map((row) => c.month[row]!)).size;
    const cohort = distribution(c.cohortIndex, authorRows);
    const id = valueOrNull(c.authorId[authorRows[0]!]!);
    rows.push({
      authorId: id,
      author: displayName(names, authorRows.map((row) => c.published[row]!)) ?? key,
      ...leaderboardRow(c, authorRows, prior, intervals),
      ...shrunk[i]!,
      cohortIndexQ1: cohort.q1,
      cohortIndexQ3: cohort.q3,
      cohortIndexSpread: cohort.q1 !== null && cohort.q3 !== null ? cohort.q3 - cohort.q1 : null,
      firstPublished: published[0]!,
      lastPublished: published[published.length - 1]!,
      activeMonths,
      articlesPerActiveMonth: authorRows.length / activeMonths,
      distinctNames: new Set(names.filter((n) => n !== null)).size,
    });
  }
  const ordered = sortRows(rows, sort, 'author', options.order);
  return rowsTable(ordered, AUTHOR_COLUMNS);
}

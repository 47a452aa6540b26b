/**
 * Author leaderboard: the tag leaderboard's numbers per author id, plus total views, first and
 * last publish date, articles per active month, and the spread of the cohort index (consistency).
 * Ranked by the shrunk cohort index: an author with 3 strong articles is pulled toward typical
 * until more articles confirm it.
 */
import type { ColumnTable } from 'arquero';
import { type ArticleColumns, articleColumns, compareText, firstAndLast, valueOrNull } from './columns.ts';
import { withCohortIndex } from './cohort.ts';
import type { LeaderboardOptions } from './group-stats.ts';
import { groupLeaderboard } from './leaderboard.ts';
import type { SortOrder } from './sort.ts';

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
function displayName(c: ArticleColumns, rows: readonly number[]): string | null {
  const authors = c.author;
  const published = c.published;
  // Most authors write under one name: no counting then.
  const first = authors[rows[0]!] ?? null;
  let i = 1;
  while (i < rows.length && (authors[rows[i]!] ?? null) === first) i++;
  if (i === rows.length) return first;
  const counts = new Map<string, { count: number; latest: string }>();
  for (const row of rows) {
    const name = authors[row] ?? null;
    if (name === null) continue;
    const entry = counts.get(name) ?? { count: 0, latest: '' };
    entry.count++;
    if (published[row]! > entry.latest) entry.latest = published[row]!;
    counts.set(name, entry);
  }
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

/**
 * Row numbers per author key (the id where known, else the name; see authorKey), in first-seen
 * order; authors of neither left out. Ids are looked up as numbers: a million rows' string keys
 * cost most of a leaderboard's grouping.
 */
function authorGroups(c: ArticleColumns): Map<string, number[]> {
  const known = groupsOf.get(c.authorId);
  if (known && known.author === c.author) return known.groups;
  // Every group by its key text, ids included, so a name-only author called "123" joins id 123.
  const byKey = new Map<string, number[]>();
  const keyed = (key: string, row: number) => {
    const rows = byKey.get(key);
    if (rows) { rows.push(row); return rows; }
    const fresh = [row];
    byKey.set(key, fresh);
    return fresh;
  };
  // Ids index an array of their groups while they are small whole numbers (they are site ids):
  // a million rows of Map lookups cost more than the rest of the grouping. The array is bounded
  // by the row count, so a few huge ids in a small table do not allocate millions of slots.
  let largest = 0;
  for (let row = 0; row < c.n; row++) if (c.authorId[row]! > largest) largest = c.authorId[row]!;
  const dense: (number[] | undefined)[] = largest < Math.max(DENSE_IDS, 8 * c.n) ? new Array(Math.floor(largest) + 1) : [];
  const byId = new Map<number, number[]>();
  for (let row = 0; row < c.n; row++) {
    const id = c.authorId[row]!;
    if (!Number.isNaN(id)) {
      const small = Number.isInteger(id) && id >= 0 && id < dense.length;
      const rows = small ? dense[id] : byId.get(id);
      if (rows) rows.push(row);
      else if (small) dense[id] = keyed(String(id), row);
      else byId.set(id, keyed(String(id), row));
      continue;
    }
    const name = c.author[row] ?? null;
    if (name !== null) keyed(name, row);
  }
  groupsOf.set(c.authorId, { author: c.author, groups: byKey });
  return byKey;
}

/** An author's first and last publish date (firstAndLast of their rows: dates order as text). */
function publishedRange(published: readonly string[], rows: readonly number[]): { firstPublished: string | null; lastPublished: string | null } {
  const { first, last } = firstAndLast(published, rows);
  return { firstPublished: first, lastPublished: last };
}

/** How many names (not null) an author's rows carry. */
function distinctNames(c: ArticleColumns, rows: readonly number[]): number {
  const names = new Set<string>();
  for (const row of rows) {
    const name = c.author[row];
    if (name !== null && name !== undefined) names.add(name);
  }
  return names.size;
}

/** Ids below this, or below 8 slots a row, are looked up by array index (beyond, a Map). */
const DENSE_IDS = 1 << 16;

// Groups of a table's author columns, by its id column (the table's own array when unfiltered):
// the report's notebooks ask for them several times. Read-only once made.
const groupsOf = new WeakMap<object, { author: readonly (string | null)[]; groups: Map<string, number[]> }>();

/**
 * Every author with their article count, most articles first (ties by name), named as on the
 * leaderboard: the name they used most.
 * @example authorArticleCounts(articles)[0] // { authorKey: '123', author: '老张', count: 42 }
 */
export function authorArticleCounts(articles: ColumnTable): AuthorCount[] {
  const c = articleColumns(articles);
  const groups = authorGroups(c);
  let counts = countsOf.get(groups);
  if (!counts) {
    counts = [...groups]
      .map(([key, rows]) => ({ authorKey: key, author: displayName(c, rows) ?? key, count: rows.length }))
      .sort((a, b) => b.count - a.count || compareText(a.author, b.author) || compareText(a.authorKey, b.authorKey));
    countsOf.set(groups, counts);
  }
  return counts.map((entry) => ({ ...entry }));
}

/** An author and their article count (authorArticleCounts). */
export interface AuthorCount {
  authorKey: string;
  author: string;
  count: number;
}

// authorArticleCounts of a table's author groups (the Authors and Compare notebooks both ask).
const countsOf = new WeakMap<object, readonly AuthorCount[]>();

/**
 * Builds the author leaderboard (authors keyed by id; by name where the id is unknown).
 * @example authorLeaderboard(articles, { minCount: 3 })
 */
export function authorLeaderboard(articles: ColumnTable, options: AuthorLeaderboardOptions = {}): ColumnTable {
  const { minCount = 3, sort = 'cohortIndexShrunk' } = options;
  const table = articles.columnNames().includes('cohortIndex') ? articles : withCohortIndex(articles);
  const c = articleColumns(table);
  const groups = authorGroups(c);
  return groupLeaderboard(c, groups, { ...options, columns: AUTHOR_COLUMNS, key: 'author', minCount, sort }, (key, authorRows, row) => {
    const activeMonths = new Set(authorRows.map((r) => c.month[r]!)).size;
    return {
      authorId: valueOrNull(c.authorId[authorRows[0]!]!),
      author: displayName(c, authorRows) ?? key,
      cohortIndexSpread: row.cohortIndexQ1 !== null && row.cohortIndexQ3 !== null ? row.cohortIndexQ3 - row.cohortIndexQ1 : null,
      ...publishedRange(c.published, authorRows),
      activeMonths,
      articlesPerActiveMonth: authorRows.length / activeMonths,
      distinctNames: distinctNames(c, authorRows),
    };
  });
}

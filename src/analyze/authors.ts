/**
 * Author leaderboard: the tag leaderboard's numbers per author id, plus total views, first and
 * last publish date, articles per active month, and the spread of the cohort index (consistency).
 * Ranked by the shrunk cohort index: an author with 3 strong articles is pulled toward typical
 * until more articles confirm it.
 */
import type { ColumnTable } from 'arquero';
import { type ArticleColumns, articleColumns, compareText, firstAndLast, type Rows, valueOrNull } from './columns.ts';
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
function displayName(c: ArticleColumns, rows: Rows): string | null {
  const authors = c.author;
  const published = c.published;
  // Most authors write under one name: no counting then.
  const first = authors[rows[0]!] ?? null;
  let i = 1;
  while (i < rows.length && (authors[rows[i]!] ?? null) === first) i++;
  if (i === rows.length) return first;
  const counts = new Map<string, { count: number; latest: string }>();
  for (let k = 0; k < rows.length; k++) {
    const row = rows[k]!;
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
function authorGroups(c: ArticleColumns): Map<string, Int32Array> {
  const known = groupsOf.get(c.authorId);
  if (known && known.author === c.author) return known.groups;
  const groups = groupsByDenseId(c) ?? groupsByKeyText(c);
  groupsOf.set(c.authorId, { author: c.author, groups });
  return groups;
}

/**
 * authorGroups when every row has an id and the ids are small whole numbers (site ids): counted
 * per id, then the rows laid out group after group in one array (no array per author, no Map
 * lookup per row). Undefined for any other table.
 */
function groupsByDenseId(c: ArticleColumns): Map<string, Int32Array> | undefined {
  const ids = c.authorId;
  // Bounded by the row count, so a few huge ids in a small table do not allocate millions of slots.
  const slots = Math.max(DENSE_IDS, 8 * c.n);
  for (let row = 0; row < c.n; row++) {
    const id = ids[row]!;
    if (!(Number.isInteger(id) && id >= 0 && id < slots)) return undefined;
  }
  let largest = 0;
  for (let row = 0; row < c.n; row++) if (ids[row]! > largest) largest = ids[row]!;
  const counts = new Int32Array(largest + 1);
  const order: number[] = []; // ids in first-seen order
  for (let row = 0; row < c.n; row++) if (counts[ids[row]!]!++ === 0) order.push(ids[row]!);
  // Each id's next free place in `rows`: groups follow each other in first-seen order.
  const next = new Int32Array(largest + 1);
  let at = 0;
  for (const id of order) {
    next[id] = at;
    at += counts[id]!;
  }
  const rows = new Int32Array(c.n);
  for (let row = 0; row < c.n; row++) rows[next[ids[row]!]!++] = row;
  const groups = new Map<string, Int32Array>();
  for (const id of order) groups.set(String(id), rows.subarray(next[id]! - counts[id]!, next[id]!));
  return groups;
}

/** authorGroups of any table: every group by its key text, ids included, so a name-only author called "123" joins id 123. */
function groupsByKeyText(c: ArticleColumns): Map<string, Int32Array> {
  const byKey = new Map<string, number[]>();
  for (let row = 0; row < c.n; row++) {
    const id = c.authorId[row]!;
    const key = Number.isNaN(id) ? c.author[row] ?? null : String(id);
    if (key === null) continue;
    const rows = byKey.get(key);
    if (rows) rows.push(row);
    else byKey.set(key, [row]);
  }
  return new Map([...byKey].map(([key, rows]) => [key, Int32Array.from(rows)]));
}

/** An author's first and last publish date (firstAndLast of their rows: dates order as text). */
function publishedRange(published: readonly string[], rows: Rows): { firstPublished: string | null; lastPublished: string | null } {
  const { first, last } = firstAndLast(published, rows);
  return { firstPublished: first, lastPublished: last };
}

/** How many names (not null) an author's rows carry. */
function distinctNames(c: ArticleColumns, rows: Rows): number {
  const names = new Set<string>();
  for (let k = 0; k < rows.length; k++) {
    const name = c.author[rows[k]!];
    if (name !== null && name !== undefined) names.add(name);
  }
  return names.size;
}

/** Ids below this, or below 8 slots a row, are grouped by array index (beyond, by their text). */
const DENSE_IDS = 1 << 16;

// Groups of a table's author columns, by its id column (the table's own array when unfiltered):
// the report's notebooks ask for them several times. Read-only once made.
const groupsOf = new WeakMap<object, { author: readonly (string | null)[]; groups: Map<string, Int32Array> }>();

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
    const months = new Set<string>();
    for (let k = 0; k < authorRows.length; k++) months.add(c.month[authorRows[k]!]!);
    const activeMonths = months.size;
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

/**
 * Author leaderboard: the tag leaderboard's numbers per author id, plus total views, first and
 * last publish date, articles per active month, and the spread of the cohort index (consistency).
 * Ranked by the shrunk cohort index: an author with 3 strong articles is pulled toward typical
 * until more articles confirm it.
 */
import type { ColumnTable } from 'arquero';
import { type ArticleColumns, articleColumns, compareText, type Rows, valueOrNull } from './columns.ts';
import type { LeaderboardOptions } from './group-stats.ts';
import { groupLeaderboard, LaidOutGroups, leaderboardInput } from './leaderboard.ts';
import { sortedRanks, type TextCodes, textCodesOf } from './text-codes.ts';
import type { SortOrder } from './sort.ts';
import { ColumnCache } from './column-cache.ts';

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

/**
 * Row numbers per author key (the id where known, else the name; see authorKey), in first-seen
 * order, laid out author after author; authors of neither left out. Ids are looked up as numbers:
 * a million rows' string keys cost most of a leaderboard's grouping.
 */
function authorGroups(c: ArticleColumns): LaidOutGroups {
  const known = groupsOf.get(c.authorId);
  if (known && known.author === c.author) return known.groups;
  const groups = groupsByDenseId(c) ?? groupsByKeyText(c);
  groupsOf.set(c.authorId, { author: c.author, groups });
  return groups;
}

/**
 * authorGroups when every row has an id and the ids are small whole numbers (site ids): counted
 * per id, then the rows laid out group after group in one array (no array per author, no Map
 * lookup per row, no key text until asked). Undefined for any other table.
 */
function groupsByDenseId(c: ArticleColumns): LaidOutGroups | undefined {
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
  const starts = new Int32Array(order.length + 1);
  for (let g = 0; g < order.length; g++) {
    next[order[g]!] = starts[g]!;
    starts[g + 1] = starts[g]! + counts[order[g]!]!;
  }
  const rows = new Int32Array(c.n);
  for (let row = 0; row < c.n; row++) rows[next[ids[row]!]!++] = row;
  return new LaidOutGroups(starts, rows, (g) => String(order[g]));
}

/** authorGroups of any table: every group by its key text, ids included, so a name-only author called "123" joins id 123. */
function groupsByKeyText(c: ArticleColumns): LaidOutGroups {
  const byKey = new Map<string, number[]>();
  for (let row = 0; row < c.n; row++) {
    const id = c.authorId[row]!;
    const key = Number.isNaN(id) ? c.author[row] ?? null : String(id);
    if (key === null) continue;
    const rows = byKey.get(key);
    if (rows) rows.push(row);
    else byKey.set(key, [row]);
  }
  const keys = [...byKey.keys()];
  const starts = new Int32Array(keys.length + 1);
  const rows = new Int32Array(c.n);
  [...byKey.values()].forEach((group, g) => {
    rows.set(group, starts[g]);
    starts[g + 1] = starts[g]! + group.length;
  });
  return new LaidOutGroups(starts, rows.subarray(0, starts[keys.length]), (g) => keys[g]!);
}

/**
 * What an author's rows say beyond the leaderboard's numbers (the name shown, names used, active
 * months, first and last date), read from the text columns as codes (textCodesOf): an author's
 * rows lie scattered over a million, and codes there cost a read where strings cost two and a
 * compare. Counters are kept here and reset after each author.
 */
class AuthorFacts {
  private readonly name: TextCodes;
  private readonly published: TextCodes;
  private month: TextCodes | undefined;
  private dateRanks: Int32Array | undefined;
  private readonly nameCount: Int32Array;
  private readonly nameLatest: Int32Array;
  private monthSeen: Int32Array | undefined;
  private monthStamp = 0;

  constructor(private readonly table: ColumnTable) {
    this.name = textCodesOf(table, 'author');
    this.published = textCodesOf(table, 'published');
    this.nameCount = new Int32Array(this.name.values.length);
    this.nameLatest = new Int32Array(this.name.values.length);
  }

  /** Each publish date's rank (text order, as dates order), by code. */
  private get ranks(): Int32Array {
    return (this.dateRanks ??= sortedRanks(this.published.values));
  }

  /**
   * The name an author is shown by: the one used most, on a tie the most recent (then the first
   * seen); and how many names (not null) their rows carry.
   */
  names(rows: Rows): { shown: string | null; distinct: number } {
    const { codes, values } = this.name;
    // Most authors write under one name: no counting then.
    const first = codes[rows[0]!]!;
    let i = 1;
    while (i < rows.length && codes[rows[i]!] === first) i++;
    if (i === rows.length) return first < 0 ? { shown: null, distinct: 0 } : { shown: values[first]!, distinct: 1 };
    const { nameCount: count, nameLatest: latest, ranks } = this;
    const dates = this.published.codes;
    const dateValues = this.published.values;
    const used: number[] = []; // name codes in first-seen order
    for (let k = 0; k < rows.length; k++) {
      const row = rows[k]!;
      const code = codes[row]!;
      if (code < 0) continue;
      if (count[code]!++ === 0) {
        used.push(code);
        latest[code] = -1;
      }
      // No date (or an empty one) is older than every date.
      const date = dates[row]!;
      const rank = date < 0 || dateValues[date] === '' ? -1 : ranks[date]!;
      if (rank > latest[code]!) latest[code] = rank;
    }
    let best = used[0]!;
    for (const code of used) {
      if (count[code]! > count[best]! || (count[code] === count[best] && latest[code]! > latest[best]!)) best = code;
    }
    const shown = values[best]!;
    for (const code of used) count[code] = 0;
    return { shown, distinct: used.length };
  }

  /** How many distinct months (no month counting as one) an author's rows fall in. */
  activeMonths(rows: Rows): number {
    const { codes, values } = (this.month ??= textCodesOf(this.table, 'month'));
    // seen[code + 1] holds the stamp of the last author whose rows had that month.
    const seen = (this.monthSeen ??= new Int32Array(values.length + 1));
    const stamp = ++this.monthStamp;
    let distinct = 0;
    for (let k = 0; k < rows.length; k++) {
      const slot = codes[rows[k]!]! + 1;
      if (seen[slot] !== stamp) {
        seen[slot] = stamp;
        distinct++;
      }
    }
    return distinct;
  }

  /** An author's first and last publish date (no date left out). */
  publishedRange(rows: Rows): { firstPublished: string | null; lastPublished: string | null } {
    const { codes, values } = this.published;
    const ranks = this.ranks;
    let first = -1;
    let last = -1;
    for (let k = 0; k < rows.length; k++) {
      const code = codes[rows[k]!]!;
      if (code < 0) continue;
      if (first < 0 || ranks[code]! < ranks[first]!) first = code;
      if (last < 0 || ranks[code]! > ranks[last]!) last = code;
    }
    return { firstPublished: first < 0 ? null : values[first]!, lastPublished: last < 0 ? null : values[last]! };
  }
}

/** Ids below this, or below 8 slots a row, are grouped by array index (beyond, by their text). */
const DENSE_IDS = 1 << 16;

// Groups of a table's author columns, by its id column (the table's own array when unfiltered):
// the report's notebooks ask for them several times. Read-only once made.
const groupsOf = new ColumnCache<object, { author: readonly (string | null)[]; groups: LaidOutGroups }>();

/**
 * Every author with their article count, most articles first (ties by name), named as on the
 * leaderboard: the name they used most.
 * @example authorArticleCounts(articles)[0] // { authorKey: '123', author: '老张', count: 42 }
 */
export function authorArticleCounts(articles: ColumnTable): AuthorCount[] {
  const groups = authorGroups(articleColumns(articles));
  let counts = countsOf.get(groups);
  if (!counts) {
    counts = countEntries(articles, groups, Array.from({ length: groups.size }, (_, g) => g));
    countsOf.set(groups, counts);
  }
  return counts.map((entry) => ({ ...entry }));
}

/**
 * The `n` most prolific authors, the first `n` entries of authorArticleCounts (the same, in the
 * same order), and how many authors there are. Only the authors with as many articles as the
 * n-th are named and ordered: the 160,922 authors of a million articles took ~0.35 s to order in
 * full, for a notebook that shows three.
 * @example mostProlificAuthors(articles, 3) // { authors: 1204, top: [{ authorKey: '123', author: '老张', count: 42 }, …] }
 */
export function mostProlificAuthors(articles: ColumnTable, n: number): { authors: number; top: AuthorCount[] } {
  const groups = authorGroups(articleColumns(articles));
  const k = n >= groups.size ? groups.size : n > 0 ? Math.floor(n) : 0;
  const all = countsOf.get(groups);
  if (all) return { authors: groups.size, top: all.slice(0, k).map((entry) => ({ ...entry })) };
  const counts = new Int32Array(groups.size);
  for (let g = 0; g < groups.size; g++) counts[g] = groups.count(g);
  // The k-th largest count: an author with fewer articles comes after k others.
  const least = k === 0 ? Infinity : counts.sort()[groups.size - k]!;
  const candidates: number[] = [];
  for (let g = 0; g < groups.size; g++) if (groups.count(g) >= least) candidates.push(g);
  return { authors: groups.size, top: countEntries(articles, groups, candidates).slice(0, k) };
}

/** These author groups' entries, most articles first, then by name, then by key. */
function countEntries(articles: ColumnTable, groups: LaidOutGroups, chosen: readonly number[]): AuthorCount[] {
  const facts = new AuthorFacts(articles);
  return chosen.map((g) => {
    const rows = groups.rows(g);
    const key = groups.key(g);
    return { authorKey: key, author: facts.names(rows).shown ?? key, count: rows.length };
  }).sort((a, b) => b.count - a.count || compareText(a.author, b.author) || compareText(a.authorKey, b.authorKey));
}

/** An author and their article count (authorArticleCounts). */
export interface AuthorCount {
  authorKey: string;
  author: string;
  count: number;
}

// authorArticleCounts of a table's author groups (the Authors and Compare notebooks both ask).
const countsOf = new ColumnCache<object, readonly AuthorCount[]>();

/**
 * Builds the author leaderboard (authors keyed by id; by name where the id is unknown).
 * @example authorLeaderboard(articles, { minCount: 3 })
 */
export function authorLeaderboard(articles: ColumnTable, options: AuthorLeaderboardOptions = {}): ColumnTable {
  const { minCount = 3, sort = 'cohortIndexShrunk' } = options;
  const { table, c } = leaderboardInput(articles);
  const groups = authorGroups(c);
  let facts: AuthorFacts | undefined; // made on the first listed author, while the helpers compute
  return groupLeaderboard(c, groups, { ...options, columns: AUTHOR_COLUMNS, key: 'author', minCount, sort }, (key, authorRows) => {
    facts ??= new AuthorFacts(table);
    const names = facts.names(authorRows);
    const activeMonths = facts.activeMonths(authorRows);
    return {
      authorId: valueOrNull(c.authorId[authorRows[0]!]!),
      author: names.shown ?? key,
      ...facts.publishedRange(authorRows),
      activeMonths,
      articlesPerActiveMonth: authorRows.length / activeMonths,
      distinctNames: names.distinct,
    };
  });
}

/**
 * Engagement summary by any grouping: count; median, quartiles and mean of views, comments and
 * collects; collect and comment rates as sum over sum; median views per day; median cohort index.
 */
import { from, type ColumnTable } from 'arquero';
import { compareText, groupRows, groupRowsOfColumn, quarterOf, articleColumns, type Rows, rowsTable, valueOrNull } from './columns.ts';
import { ENGAGEMENT_COLUMNS, engagementOf } from './group-stats.ts';
import { withCohortIndex } from './cohort.ts';
import { shrunkCohortIndex } from './shrunk-rank.ts';

/** What `engagementSummary` groups by. */
export type Grouping = 'category' | 'year' | 'quarter' | 'month' | 'weekday' | 'tag' | 'topicTag' | 'author' | 'level';

/** Options of `engagementSummary`. */
export interface EngagementOptions {
  /** What to group by. @default 'category' */
  by?: Grouping;
}

/** The key(s) of each row for a grouping; null leaves the row out. */
export function groupKeys(articles: ColumnTable, by: Grouping): (row: number) => string | readonly string[] | null {
  const c = articleColumns(articles);
  switch (by) {
    case 'category': return (row) => c.category[row]!;
    case 'year': return (row) => String(c.year[row]);
    case 'quarter': return (row) => quarterOf(c.month[row]!);
    case 'month': return (row) => c.month[row]!;
    case 'weekday': return (row) => String(c.weekday[row]);
    case 'tag': return (row) => c.tags[row]!;
    case 'topicTag': return (row) => c.topicTags[row]!;
    case 'author': return (row) => authorKey(valueOrNull(c.authorId[row]!), c.author[row] ?? null);
    case 'level': return (row) => c.level[row] ?? null;
  }
}

/** The key that identifies an author: the id where known, else the name. */
export function authorKey(authorId: number | null, author: string | null): string | null {
  return authorId !== null ? String(authorId) : author;
}

/**
 * Engagement per group, one row per group, sorted by group key, with each group's shrunk cohort
 * index (the prior fitted over these groups) to rank them by.
 * @example engagementSummary(articles, { by: 'year' })
 */
export function engagementSummary(articles: ColumnTable, options: EngagementOptions = {}): ColumnTable {
  const { by = 'category' } = options;
  const table = articles.columnNames().includes('cohortIndex') ? articles : withCohortIndex(articles);
  const columns = articleColumns(table);
  // Groupings that are a column of the table are read from its dictionary ids.
  const column = ({ tag: 'tags', topicTag: 'topicTags', category: 'category', month: 'month', level: 'level', year: 'year', weekday: 'weekday' } as Partial<Record<Grouping, string>>)[by];
  const groups: Map<string, Rows> = column ? groupRowsOfColumn(table, column) : groupRows(columns.n, groupKeys(table, by));
  const keys = [...groups.keys()].sort(by === 'year' || by === 'weekday' ? (a, b) => Number(a) - Number(b) : compareText);
  const shrunk = shrunkCohortIndex(columns.cohortIndex, keys.map((key) => groups.get(key)!));
  return rowsTable(keys.map((key, i) => ({ group: key, ...engagementOf(columns, groups.get(key)!), ...shrunk[i]! })),
    ['group', ...ENGAGEMENT_COLUMNS, 'cohortIndexShrunk', 'cohortIndexShrunkLow', 'cohortIndexShrunkHigh']);
}

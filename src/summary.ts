/**
 * Headline facts of a load: accounting, date range, counts, most used topic tags.
 * Pure; the CLI prints it and the report's index page shows it.
 */
import type { ColumnTable } from 'arquero';
import type { LoadResult } from './load/load-articles.ts';
import { groupCounts } from './analyze/kernels.ts';
import { firstAndLast, numberColumn } from './analyze/columns.ts';
import { distinctValues, textCodesOf } from './analyze/text-codes.ts';

export interface LoadSummary {
  filesSeen: number;
  /** Articles in the table (after a filter, where one narrowed it). */
  articles: number;
  /** Articles the files gave (the accounting: before any filter). */
  loaded: number;
  rejected: number;
  duplicates: number;
  duplicatesWithDifferentStats: number;
  skipped: number;
  /** Skipped files by reason, most first: "2 index page, 1 not a regular file: a FIFO …". */
  skippedBy: { reason: string; count: number }[];
  firstPublished: string | null;
  lastPublished: string | null;
  asOf: string | null;
  categories: number;
  authors: number;
  distinctTags: number;
  totalViews: number;
  topTopicTags: { tag: string; count: number }[];
}

/**
 * How many articles carry each tag of a list column (`tags` or `topicTags`), most used first
 * (ties by name).
 * @example tagCounts(articles, 'topicTags')[0] // { tag: '经验分享', count: 231682 }
 */
export function tagCounts(articles: ColumnTable, column: 'tags' | 'topicTags'): { tag: string; count: number }[] {
  return articles.numRows() ? groupCounts(articles, column).map(({ key, count }) => ({ tag: key, count })) : [];
}

/** Skipped files counted by their reason, most first (ties by reason). */
function skippedByReason(result: LoadResult): { reason: string; count: number }[] {
  const counts = new Map<string, number>();
  for (const file of result.skipped) counts.set(file.reason, (counts.get(file.reason) ?? 0) + 1);
  return [...counts].map(([reason, count]) => ({ reason, count })).sort((a, b) => b.count - a.count || (a.reason < b.reason ? -1 : 1));
}

/** Summarises a load result (from the table's columns: no row objects). */
export function summarizeLoad(result: LoadResult, topTags = 5): LoadSummary {
  const t = result.articles;
  const n = t.numRows();
  const { first: firstPublished, last: lastPublished } = firstAndLast(distinctValues(t, 'published'));
  // Number columns as the table's own arrays (NaN for none), text as codes of its distinct values.
  const authorIds = numberColumn(t, 'authorId');
  // An author is their id, or their name where the id is missing (a name "7" and an id 7 are two authors).
  const ids = new Set<number>();
  const names = textCodesOf(t, 'author');
  const named = new Uint8Array(names.values.length);
  for (let i = 0; i < n; i++) {
    if (!Number.isNaN(authorIds[i]!)) ids.add(authorIds[i]!);
    else if (names.codes[i]! >= 0) named[names.codes[i]!] = 1;
  }
  const authors = ids.size + names.values.filter((name, code) => named[code] && name !== '').length;
  let totalViews = 0;
  const views = numberColumn(t, 'views');
  for (let i = 0; i < n; i++) if (!Number.isNaN(views[i]!)) totalViews += views[i]!;
  return {
    filesSeen: result.stats.filesSeen,
    articles: n,
    loaded: result.stats.loaded,
    rejected: result.stats.rejected,
    duplicates: result.stats.duplicates,
    duplicatesWithDifferentStats: result.stats.duplicatesWithDifferentStats,
    skipped: result.stats.skipped,
    skippedBy: skippedByReason(result),
    firstPublished,
    lastPublished,
    asOf: result.asOf,
    categories: distinctValues(t, 'category').length,
    authors,
    distinctTags: tagCounts(t, 'tags').length,
    totalViews,
    topTopicTags: tagCounts(t, 'topicTags').slice(0, topTags),
  };
}

/** The summary as the few lines `pulse load` prints. */
export function formatLoadSummary(summary: LoadSummary): string {
  const lines = [
    `files seen   ${summary.filesSeen}`,
    `articles     ${summary.articles}${summary.articles !== summary.loaded ? ` (of ${summary.loaded} loaded)` : ''}`,
    `rejected     ${summary.rejected}`,
    `duplicates   ${summary.duplicates}${summary.duplicates ? ` (${summary.duplicatesWithDifferentStats} ids with different stats; kept the copy with most views)` : ''}`,
    `skipped      ${summary.skipped}${summary.skippedBy.length ? ` (${summary.skippedBy.map((s) => `${s.count} ${s.reason}`).join('; ')})` : ''}`,
    `published    ${summary.firstPublished ?? '-'} to ${summary.lastPublished ?? '-'} (ages as of ${summary.asOf ?? '-'})`,
    `categories   ${summary.categories}`,
    `authors      ${summary.authors}`,
    `tags         ${summary.distinctTags} distinct`,
    `top topics   ${summary.topTopicTags.map((t) => `${t.tag} (${t.count})`).join(', ') || '-'}`,
  ];
  return `${lines.join('\n')}\n`;
}

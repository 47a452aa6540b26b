/**
 * Headline facts of a load: accounting, date range, counts, most used topic tags.
 * Pure; the CLI prints it and the report's index page shows it.
 */
import type { Article } from './article.ts';
import type { LoadResult } from './load/load-articles.ts';

export interface LoadSummary {
  filesSeen: number;
  articles: number;
  rejected: number;
  duplicates: number;
  duplicatesWithDifferentStats: number;
  skipped: number;
  firstPublished: string | null;
  lastPublished: string | null;
  asOf: string | null;
  categories: number;
  authors: number;
  distinctTags: number;
  totalViews: number;
  topTopicTags: { tag: string; count: number }[];
}

/** Counts how many articles carry each value of a list column, most used first (ties by name). */
export function countListValues(articles: readonly Article[], column: 'tags' | 'topicTags'): { tag: string; count: number }[] {
  const counts = new Map<string, number>();
  for (const article of articles) for (const tag of article[column]) counts.set(tag, (counts.get(tag) ?? 0) + 1);
  return [...counts].map(([tag, count]) => ({ tag, count }))
    .sort((a, b) => b.count - a.count || (a.tag < b.tag ? -1 : a.tag > b.tag ? 1 : 0));
}

/** Summarises a load result. */
export function summarizeLoad(result: LoadResult, topTags = 5): LoadSummary {
  const rows = result.rows;
  const published = rows.map((a) => a.published).sort();
  const authorKeys = new Set(rows.map((a) => a.authorId ?? a.author ?? '').filter((key) => key !== ''));
  const tagCounts = countListValues(rows, 'tags');
  return {
    filesSeen: result.stats.filesSeen,
    articles: result.stats.loaded,
    rejected: result.stats.rejected,
    duplicates: result.stats.duplicates,
    duplicatesWithDifferentStats: result.stats.duplicatesWithDifferentStats,
    skipped: result.stats.skipped,
    firstPublished: published[0] ?? null,
    lastPublished: published[published.length - 1] ?? null,
    asOf: result.asOf,
    categories: new Set(rows.map((a) => a.category)).size,
    authors: authorKeys.size,
    distinctTags: tagCounts.length,
    totalViews: rows.reduce((sum, a) => sum + a.views, 0),
    topTopicTags: countListValues(rows, 'topicTags').slice(0, topTags),
  };
}

/** The summary as the few lines `pulse load` prints. */
export function formatLoadSummary(summary: LoadSummary): string {
  const lines = [
    `files seen   ${summary.filesSeen}`,
    `articles     ${summary.articles}`,
    `rejected     ${summary.rejected}`,
    `duplicates   ${summary.duplicates}${summary.duplicates ? ` (${summary.duplicatesWithDifferentStats} ids with different stats; kept the copy with most views)` : ''}`,
    `skipped      ${summary.skipped} (index pages and other files)`,
    `published    ${summary.firstPublished ?? '-'} to ${summary.lastPublished ?? '-'} (ages as of ${summary.asOf ?? '-'})`,
    `categories   ${summary.categories}`,
    `authors      ${summary.authors}`,
    `tags         ${summary.distinctTags} distinct`,
    `top topics   ${summary.topTopicTags.map((t) => `${t.tag} (${t.count})`).join(', ') || '-'}`,
  ];
  return `${lines.join('\n')}\n`;
}

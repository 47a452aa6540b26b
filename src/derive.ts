/**
 * Derived columns of the article table: rates, age, calendar parts, level vs topic tags.
 * Pure; the as-of date is a parameter because the archive does not record when it was scraped.
 */
import type { Article, ArticleRecord } from './article.ts';
import { splitLevelTags } from './levels.ts';
import { collectRate, commentRate, viewsPerDay } from './metrics.ts';

const DAY_MS = 86_400_000;

function dayNumber(isoDate: string): number {
  return Date.parse(`${isoDate}T00:00:00Z`) / DAY_MS;
}

/** The newest published date among the records (the default as-of date), or null when empty. */
export function newestPublished(records: readonly ArticleRecord[]): string | null {
  let newest: string | null = null;
  for (const record of records) if (newest === null || record.published > newest) newest = record.published;
  return newest;
}

/** ISO weekday, 1 = Monday … 7 = Sunday. */
export function isoWeekday(isoDate: string): number {
  const day = new Date(`${isoDate}T00:00:00Z`).getUTCDay();
  return day === 0 ? 7 : day;
}

/**
 * Adds the derived columns to one record.
 * @param asOf `YYYY-MM-DD` the ages are measured to
 */
export function deriveArticle(record: ArticleRecord, asOf: string): Article {
  const ageDays = Math.round(dayNumber(asOf) - dayNumber(record.published));
  return {
    ...record,
    collectRate: collectRate(record.collects, record.views),
    commentRate: commentRate(record.comments, record.views),
    ageDays,
    viewsPerDay: viewsPerDay(record.views, ageDays),
    ...splitLevelTags(record.tags),
    month: record.published.slice(0, 7),
    year: Number(record.published.slice(0, 4)),
    weekday: isoWeekday(record.published),
  };
}

/**
 * Adds derived columns to every record.
 * @param asOf defaults to the newest published date in the records
 */
export function deriveArticles(records: readonly ArticleRecord[], asOf?: string): { articles: Article[]; asOf: string | null } {
  const resolved = asOf ?? newestPublished(records);
  if (resolved === null) return { articles: [], asOf: null };
  return { articles: records.map((record) => deriveArticle(record, resolved)), asOf: resolved };
}

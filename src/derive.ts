/**
 * Derived columns of the article table: rates, age, calendar parts, level vs topic tags.
 * Pure; the as-of date is a parameter because the archive does not record when it was scraped.
 */
import type { Article, ArticleRecord } from './article.ts';
import { splitLevelTags } from './levels.ts';
import { collectRate, commentRate, viewsPerDay } from './metrics.ts';

const DAY_MS = 86_400_000;

/** Days since 1970-01-01 of an ISO date (no Date objects: this runs once per article). */
function dayNumber(isoDate: string): number {
  return Date.UTC(Number(isoDate.slice(0, 4)), Number(isoDate.slice(5, 7)) - 1, Number(isoDate.slice(8, 10))) / DAY_MS;
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
  return deriveWithAsOfDay(record, dayNumber(asOf));
}

// Every field spelled out (no object spread): one object shape for all rows keeps this fast.
function deriveWithAsOfDay(record: ArticleRecord, asOfDay: number): Article {
  const publishedDay = dayNumber(record.published);
  const ageDays = Math.round(asOfDay - publishedDay);
  const levels = splitLevelTags(record.tags);
  return {
    id: record.id,
    title: record.title,
    author: record.author,
    authorId: record.authorId,
    category: record.category,
    categoryName: record.categoryName,
    published: record.published,
    views: record.views,
    comments: record.comments,
    collects: record.collects,
    tags: record.tags,
    url: record.url,
    brief: record.brief,
    readingMinutes: record.readingMinutes,
    bodyChars: record.bodyChars,
    images: record.images,
    collectRate: collectRate(record.collects, record.views),
    commentRate: commentRate(record.comments, record.views),
    ageDays,
    viewsPerDay: viewsPerDay(record.views, ageDays),
    level: levels.level,
    experienceYears: levels.experienceYears,
    topicTags: levels.topicTags,
    month: record.published.slice(0, 7),
    year: Number(record.published.slice(0, 4)),
    // 1970-01-01 (day 0) was a Thursday: ISO weekday 4.
    weekday: ((((Math.round(publishedDay) + 3) % 7) + 7) % 7) + 1,
    source: record.source,
  };
}

/**
 * Adds derived columns to every record.
 * @param asOf defaults to the newest published date in the records
 */
export function deriveArticles(records: readonly ArticleRecord[], asOf?: string): { articles: Article[]; asOf: string | null } {
  const resolved = asOf ?? newestPublished(records);
  if (resolved === null) return { articles: [], asOf: null };
  const asOfDay = dayNumber(resolved);
  return { articles: records.map((record) => deriveWithAsOfDay(record, asOfDay)), asOf: resolved };
}

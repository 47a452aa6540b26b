/**
 * Derived columns of the article table: rates, age, calendar parts, level vs topic tags.
 * Pure; the as-of date is a parameter because the archive does not record when it was scraped.
 */
import { ARTICLE_COLUMNS, type Article, type ArticleColumn, type ArticleRecord } from './article.ts';
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

/** The article table as columns, named and ordered as ARTICLE_COLUMNS. */
export type ArticleColumns = { [K in ArticleColumn]: Article[K][] };

/**
 * Derives every column of the article table straight from the records, without building an
 * object per article (a million rows would otherwise exist twice).
 * @param asOf `YYYY-MM-DD` the ages are measured to
 */
export function deriveColumns(records: readonly ArticleRecord[], asOf: string): ArticleColumns {
  const n = records.length;
  const make = <T>() => new Array<T>(n);
  const c = {} as Record<ArticleColumn, unknown[]>;
  for (const name of ARTICLE_COLUMNS) c[name] = make();
  const asOfDay = dayNumber(asOf);
  for (let i = 0; i < n; i++) {
    const r = records[i]!;
    c.id[i] = r.id; c.title[i] = r.title; c.author[i] = r.author; c.authorId[i] = r.authorId;
    c.category[i] = r.category; c.categoryName[i] = r.categoryName; c.published[i] = r.published;
    c.views[i] = r.views; c.comments[i] = r.comments; c.collects[i] = r.collects; c.tags[i] = r.tags;
    c.url[i] = r.url; c.brief[i] = r.brief; c.readingMinutes[i] = r.readingMinutes; c.bodyChars[i] = r.bodyChars;
    c.images[i] = r.images; c.source[i] = r.source;
    const publishedDay = dayNumber(r.published);
    const ageDays = Math.round(asOfDay - publishedDay);
    c.collectRate[i] = collectRate(r.collects, r.views);
    c.commentRate[i] = commentRate(r.comments, r.views);
    c.ageDays[i] = ageDays;
    c.viewsPerDay[i] = viewsPerDay(r.views, ageDays);
    const levels = splitLevelTags(r.tags);
    c.level[i] = levels.level;
    c.experienceYears[i] = levels.experienceYears;
    c.topicTags[i] = levels.topicTags;
    c.month[i] = r.published.slice(0, 7);
    c.year[i] = Number(r.published.slice(0, 4));
    // 1970-01-01 (day 0) was a Thursday: ISO weekday 4.
    c.weekday[i] = ((((Math.round(publishedDay) + 3) % 7) + 7) % 7) + 1;
  }
  return c as ArticleColumns;
}

/** Rows from columns (the inverse view of deriveColumns). */
export function columnsToArticles(columns: ArticleColumns, n: number): Article[] {
  const rows = new Array<Article>(n);
  for (let i = 0; i < n; i++) {
    const row = {} as Record<string, unknown>;
    for (const name of ARTICLE_COLUMNS) row[name] = columns[name][i];
    rows[i] = row as unknown as Article;
  }
  return rows;
}

/**
 * Adds derived columns to every record.
 * @param asOf defaults to the newest published date in the records
 */
export function deriveArticles(records: readonly ArticleRecord[], asOf?: string): { articles: Article[]; asOf: string | null } {
  const resolved = asOf ?? newestPublished(records);
  if (resolved === null) return { articles: [], asOf: null };
  return { articles: columnsToArticles(deriveColumns(records, resolved), records.length), asOf: resolved };
}

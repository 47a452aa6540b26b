/**
 * Turns one structured record (from JSON, NDJSON or CSV) into an ArticleRecord or a reason.
 * Two shapes are read: content-pulse's own export (the article table's columns) and the
 * archiving tool's MongoDB document as `mongoexport` writes it (`article_title`, `article_link`, …).
 */
import type { ArticleRecord, LoadWarning } from '../../article.ts';
import { htmlBodyStats } from './body.ts';
import { reasons, warnings as loadWarnings } from '../../errors.ts';
import {
  categorySlug, cleanAuthor, cleanTags, countProblem, dateProblem, dayOfDate, parseArticleUrl, parseAuthorId, parseCount, parseDate,
  splitTagList,
} from './fields.ts';

export type RecordResult =
  | { ok: true; record: ArticleRecord; warnings: LoadWarning[] }
  | { ok: false; reason: string };

type Json = Record<string, unknown>;

/** Unwraps mongoexport's extended JSON (`{"$numberInt": "5"}`, `{"$date": …}`). */
function unwrap(value: unknown): unknown {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    const inner = value as Json;
    for (const key of ['$numberInt', '$numberLong', '$numberDouble', '$date', '$oid']) {
      if (key in inner) return unwrap(inner[key]);
    }
  }
  return value;
}

function text(value: unknown): string | null {
  const plain = unwrap(value);
  if (plain === null || plain === undefined) return null;
  if (typeof plain === 'string') return plain;
  if (typeof plain === 'number' || typeof plain === 'boolean') return String(plain);
  return null;
}

function optionalNumber(value: unknown): number | null {
  const plain = unwrap(value);
  if (plain === null || plain === undefined || plain === '') return null;
  const number = typeof plain === 'number' ? plain : Number(plain);
  return Number.isFinite(number) ? number : null;
}

/** `{"$date": "2021-09-02T16:00:00Z"}` is an instant: take the day it was in China (UTC+8). */
function dateFromInstant(value: unknown): string | null {
  const plain = unwrap(value);
  if (typeof plain === 'number') return dayOfDate(new Date(plain), true);
  if (typeof plain !== 'string') return null;
  if (/T\d{2}:\d{2}.*(Z|[+-]\d{2}:?\d{2})$/.test(plain)) {
    const instant = Date.parse(plain);
    if (Number.isFinite(instant)) return dayOfDate(new Date(instant), true);
  }
  return parseDate(plain);
}

function tagsFrom(value: unknown): string[] {
  const plain = unwrap(value);
  if (Array.isArray(plain)) return cleanTags(plain.map((tag) => String(tag)));
  const joined = text(plain);
  if (joined === null) return [];
  return joined.includes('|') ? cleanTags(joined.split('|')) : splitTagList(joined);
}

/** True when the record has the archiving tool's MongoDB field names. */
export function isMongoRecord(record: Json): boolean {
  return 'article_title' in record || 'article_link' in record;
}

/**
 * Reads one record of either shape.
 * @param record a parsed JSON object or a CSV row keyed by header
 * @param path file the record came from (the `source` column)
 * @param line 1-based line (NDJSON, CSV) or array position, for warnings
 */
export function fromRecord(record: unknown, path: string, line: number): RecordResult {
  if (record === null || typeof record !== 'object' || Array.isArray(record)) {
    return { ok: false, reason: reasons.notAnObject };
  }
  const json = record as Json;
  return isMongoRecord(json) ? fromMongo(json, path, line) : fromExport(json, path, line);
}

interface Common {
  title: string | null;
  url: string | null;
  publishedText: string | null;
  publishedFallback: unknown;
  views: unknown;
  comments: unknown;
  collects: unknown;
  categoryText: string | null;
}

/** Checks shared by both shapes: title, URL id, date and the three counts. */
function validate(fields: Common, path: string, line: number) {
  if (!fields.title?.trim()) return { reason: reasons.noTitle } as const;
  const urlParts = fields.url ? parseArticleUrl(fields.url) : null;
  if (!urlParts) return { reason: reasons.noUrlId(fields.url) } as const;
  const published =
    (fields.publishedText ? parseDate(fields.publishedText) : null) ?? dateFromInstant(fields.publishedFallback);
  if (!published) {
    const why = fields.publishedText ? ` (${dateProblem(fields.publishedText)})` : '';
    return { reason: reasons.invalidDate(fields.publishedText, why) } as const;
  }
  // Numbers (the common case in exports) skip the text round trip.
  const count = (value: unknown) => {
    const plain = unwrap(value);
    return typeof plain === 'number' ? parseCount(plain) : parseCount(text(plain));
  };
  const views = count(fields.views);
  const comments = count(fields.comments);
  const collects = count(fields.collects);
  if (views === null || comments === null || collects === null) {
    const which = ([['views', views, fields.views], ['comments', comments, fields.comments], ['collects', collects, fields.collects]] as const)
      .filter(([, v]) => v === null).map(([k, , raw]) => `${k} (${countProblem(unwrap(raw))})`).join(', ');
    return { reason: reasons.badCounts(which) } as const;
  }
  const warnings: LoadWarning[] = [];
  const categoryName = fields.categoryText?.trim() || null;
  if (categoryName && categorySlug(categoryName) !== urlParts.category) {
    warnings.push({ path, line, message: loadWarnings.categoryDisagrees(categoryName, urlParts.category) });
  }
  return { urlParts, published, views, comments, collects, categoryName, warnings } as const;
}

function fromMongo(json: Json, path: string, line: number): RecordResult {
  const checked = validate({
    title: text(json.article_title),
    url: text(json.article_link),
    publishedText: text(json.article_published),
    publishedFallback: json.published_date_obj,
    views: json.views, comments: json.comments, collects: json.collects,
    categoryText: text(json.category),
  }, path, line);
  if ('reason' in checked) return { ok: false, reason: checked.reason! };
  const content = text(json.article_content);
  const body = content ? htmlBodyStats(content) : { bodyChars: null, images: null, readingMinutes: null };
  return {
    ok: true,
    warnings: checked.warnings,
    record: {
      id: checked.urlParts.id,
      title: text(json.article_title)!.trim(),
      author: cleanAuthor(text(json.article_author)),
      authorId: parseAuthorId(text(json.author_Link) ?? text(json.author_link)),
      category: checked.urlParts.category,
      categoryName: checked.categoryName,
      published: checked.published,
      views: checked.views,
      comments: checked.comments,
      collects: checked.collects,
      tags: tagsFrom(json.article_tag),
      url: checked.urlParts.url,
      brief: text(json.article_brief)?.trim() || null,
      ...body,
      source: path,
    },
  };
}

function fromExport(json: Json, path: string, line: number): RecordResult {
  const checked = validate({
    title: text(json.title),
    url: text(json.url),
    publishedText: text(json.published),
    publishedFallback: null,
    views: json.views, comments: json.comments, collects: json.collects,
    categoryText: null,
  }, path, line);
  if ('reason' in checked) return { ok: false, reason: checked.reason! };
  return {
    ok: true,
    warnings: [],
    record: {
      id: checked.urlParts.id,
      title: text(json.title)!.trim(),
      author: cleanAuthor(text(json.author)),
      authorId: optionalNumber(json.authorId),
      category: checked.urlParts.category,
      categoryName: text(json.categoryName) || null,
      published: checked.published,
      views: checked.views,
      comments: checked.comments,
      collects: checked.collects,
      tags: tagsFrom(json.tags),
      url: checked.urlParts.url,
      brief: text(json.brief) || null,
      readingMinutes: optionalNumber(json.readingMinutes),
      bodyChars: optionalNumber(json.bodyChars),
      images: optionalNumber(json.images),
      source: text(json.source) || path,
    },
  };
}

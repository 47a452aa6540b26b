/**
 * The article record and the column order of the article table.
 * Every layer speaks in these names; the README documents each column once.
 */

/** What a loader extracts from one source record, before anything is derived. */
export interface ArticleRecord {
  /** Numeric id at the end of the Original URL (`…/operate/6221872.html` → 6221872). */
  id: number;
  title: string;
  /** Author display name; null where the archive says `N/A` or has none. */
  author: string | null;
  /** Number in the author's `/u/N` link; null where absent. */
  authorId: number | null;
  /** Lower-case slug from the Original URL's path. */
  category: string;
  /** The Category line's text, where the file has one. */
  categoryName: string | null;
  /** ISO date `YYYY-MM-DD`. */
  published: string;
  views: number;
  comments: number;
  collects: number;
  /** Trimmed, de-duplicated, in file order. */
  tags: string[];
  url: string;
  brief: string | null;
  readingMinutes: number | null;
  bodyChars: number | null;
  images: number | null;
  /** The file the record came from. */
  source: string;
}

/** One row of the article table: the record plus derived columns (see load/derive.ts). */
export interface Article extends ArticleRecord {
  collectRate: number | null;
  commentRate: number | null;
  ageDays: number;
  viewsPerDay: number;
  /** Percentile of views among the month's articles (0–100); null in months under 30 articles. */
  percentileInAge: number | null;
  /** 1–5: the quintile of percentileInAge; null where it is. */
  score: number | null;
  level: string | null;
  experienceYears: number | null;
  topicTags: string[];
  month: string;
  year: number;
  weekday: number;
}

/** Column order of the article table and of every export. */
export const ARTICLE_COLUMNS = [
  'id', 'title', 'author', 'authorId', 'category', 'categoryName', 'published',
  'views', 'comments', 'collects', 'tags', 'url', 'brief', 'readingMinutes',
  'bodyChars', 'images', 'collectRate', 'commentRate', 'ageDays', 'viewsPerDay', 'percentileInAge', 'score',
  'level', 'experienceYears', 'topicTags', 'month', 'year', 'weekday', 'source',
] as const satisfies readonly (keyof Article)[];

export type ArticleColumn = (typeof ARTICLE_COLUMNS)[number];

/** Columns that hold lists (joined by `|` in CSV). */
export const LIST_COLUMNS: ReadonlySet<string> = new Set(['tags', 'topicTags']);

/** Columns that hold numbers (nullable ones are empty in CSV). */
export const NUMBER_COLUMNS: ReadonlySet<string> = new Set([
  'id', 'authorId', 'views', 'comments', 'collects', 'readingMinutes', 'bodyChars', 'images',
  'collectRate', 'commentRate', 'ageDays', 'viewsPerDay', 'percentileInAge', 'score', 'experienceYears', 'year', 'weekday',
]);

/** A file (or record) that could not be read as an article. */
export interface Reject {
  path: string;
  /** 1-based line where the problem is; 0 when it concerns the whole file. */
  line: number;
  reason: string;
}

/** Something odd that did not stop the article from loading. */
export interface LoadWarning {
  path: string;
  line: number;
  message: string;
}

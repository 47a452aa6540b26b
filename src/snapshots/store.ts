/**
 * The snapshot store: each scrape's counters per article (and what labels it), one Arrow IPC file
 * per date (`YYYY-MM-DD.arrow`), written atomically. The archive does not record when it was
 * scraped, so the date is given when a snapshot is saved.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { list, utf8 } from '@uwdata/flechette';
import { type ColumnTable, fromArrow, toArrowIPC } from 'arquero';
import { writeFileAtomic } from '../io/write-atomic.ts';
import { type Growth, growthBetween } from '../analyze/growth.ts';
import { type ArticleFilter, filterArticles } from '../analyze/filter.ts';

/** The store's folder when none is named. */
export const DEFAULT_STORE = '.pulse-snapshots';

/** The columns a snapshot keeps. */
export const SNAPSHOT_COLUMNS = ['id', 'title', 'author', 'authorId', 'category', 'published', 'tags', 'views', 'comments', 'collects'] as const;

const FILE = /^(\d{4}-\d{2}-\d{2})\.arrow$/;

/**
 * Today in the site's time zone (UTC+8), `YYYY-MM-DD`: the default date of a snapshot.
 * @param now @default Date.now()
 */
export function todayInChina(now = Date.now()): string {
  return new Date(now + 8 * 3600_000).toISOString().slice(0, 10);
}

/**
 * Saves the articles' counters as the snapshot of `date`, replacing one of the same date.
 * @returns true when a snapshot of that date was replaced
 * @example saveSnapshot('.pulse-snapshots', '2025-06-08', articles)
 */
export function saveSnapshot(store: string, date: string, articles: ColumnTable): boolean {
  const path = join(store, `${date}.arrow`);
  const replaced = existsSync(path);
  writeFileAtomic(path, toArrowIPC(articles.select([...SNAPSHOT_COLUMNS]), { types: { tags: list(utf8()) } }));
  return replaced;
}

/**
 * The dates the store holds, oldest first (none when the folder does not exist).
 * @example listSnapshots('.pulse-snapshots') // ['2025-06-01', '2025-06-08']
 */
export function listSnapshots(store: string): string[] {
  if (!existsSync(store)) return [];
  return readdirSync(store).map((name) => FILE.exec(name)?.[1]).filter((d): d is string => d !== undefined).sort();
}

/**
 * One snapshot's table (the SNAPSHOT_COLUMNS).
 * @throws Error naming the file when it cannot be read
 */
export function readSnapshot(store: string, date: string): ColumnTable {
  const path = join(store, `${date}.arrow`);
  try {
    return fromArrow(readFileSync(path));
  } catch (error) {
    throw new Error(`${path}: not a readable snapshot (${(error as Error).message}); save it again with pulse snapshot`);
  }
}

/**
 * Growth across the store's snapshots between `since` and `until` (inclusive; all by default),
 * of the articles `filter` keeps; undefined when fewer than two snapshots are there.
 * @example growthFromStore('.pulse-snapshots')?.result.articles
 */
export function growthFromStore(store: string, since?: string, until?: string, filter: ArticleFilter = {}): { dates: string[]; result: Growth } | undefined {
  const dates = listSnapshots(store).filter((date) => (!since || date >= since) && (!until || date <= until));
  if (dates.length < 2) return undefined;
  return { dates, result: growthBetween(dates.map((date) => ({ date, articles: filterArticles(readSnapshot(store, date), filter) }))) };
}

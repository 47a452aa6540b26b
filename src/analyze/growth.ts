/**
 * Growth between scrapes: the same articles' counters at two or more dates, so "what gained views
 * since last week" has an answer. Per article: views (comments, collects) at each scrape, the gain
 * between consecutive scrapes and over the whole span, gain per day, relative gain. Articles new
 * in a later scrape, articles that vanished, and counters that went down (a data problem: listed,
 * never silently taken as the maximum) are given apart.
 */
import type { ColumnTable } from 'arquero';
import { articleColumns, compareText, rowsTable } from './columns.ts';

/** One scrape: its date (`YYYY-MM-DD`; empty when unknown) and its article table. */
export interface Scrape {
  date: string;
  articles: ColumnTable;
}

const COUNTERS = ['views', 'comments', 'collects'] as const;
type Counter = (typeof COUNTERS)[number];

interface Seen {
  title: string;
  category: string;
  author: string | null;
  published: string;
  tags: string[];
  counts: Record<Counter, number>;
}

function byId(scrape: Scrape): Map<number, Seen> {
  const c = articleColumns(scrape.articles);
  const out = new Map<number, Seen>();
  for (let row = 0; row < c.n; row++) {
    out.set(c.id[row]!, {
      title: c.title[row]!, category: c.category[row]!, author: c.author[row] ?? null, published: c.published[row]!, tags: c.tags[row] ?? [],
      counts: { views: c.views[row]!, comments: c.comments[row]!, collects: c.collects[row]! },
    });
  }
  return out;
}

/** Days between two `YYYY-MM-DD` dates; null when either is unknown. */
export function daysBetween(from: string, to: string): number | null {
  if (!from || !to) return null;
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** What growthBetween finds. */
export interface Growth {
  /** Articles in the first and the last scrape: counters at each scrape and their gains. */
  articles: ColumnTable;
  /** Articles first seen after the first scrape (with the scrape that first had them). */
  appeared: ColumnTable;
  /** Articles of an earlier scrape missing from the last one (with the last scrape that had them). */
  vanished: ColumnTable;
  /** Counters that went down between consecutive scrapes: one row per article, counter and step. */
  decreased: ColumnTable;
}

/**
 * Compares scrapes of the same site, oldest first.
 * @throws Error when fewer than two scrapes are given or their dates are out of order
 * @example growthBetween([{ date: '2025-06-01', articles: before }, { date: '2025-06-08', articles: after }]).articles
 */
export function growthBetween(scrapes: readonly Scrape[]): Growth {
  if (scrapes.length < 2) throw new Error('growth needs at least two scrapes');
  for (let i = 1; i < scrapes.length; i++) {
    if (scrapes[i - 1]!.date && scrapes[i]!.date && scrapes[i - 1]!.date >= scrapes[i]!.date) throw new Error(`scrape dates must increase: ${scrapes[i - 1]!.date} is not before ${scrapes[i]!.date}`);
  }
  const seen = scrapes.map(byId);
  const first = seen[0]!;
  const last = seen[seen.length - 1]!;
  const label = (i: number) => scrapes[i]!.date || `scrape${i + 1}`;
  const spanDays = daysBetween(scrapes[0]!.date, scrapes[scrapes.length - 1]!.date);

  const articleRows: Record<string, unknown>[] = [];
  const decreased: Record<string, unknown>[] = [];
  for (const [id, start] of first) {
    const end = last.get(id);
    if (!end) continue;
    const age = daysBetween(end.published, scrapes[scrapes.length - 1]!.date);
    const row: Record<string, unknown> = { id, title: end.title, category: end.category, author: end.author, published: end.published, tags: end.tags, ageWeeks: age === null ? null : Math.floor(age / 7) };
    for (let i = 0; i < seen.length; i++) row[`views ${label(i)}`] = seen[i]!.get(id)?.counts.views ?? null;
    for (let i = 1; i < seen.length; i++) {
      const before = seen[i - 1]!.get(id);
      const after = seen[i]!.get(id);
      row[`gain ${label(i - 1)} to ${label(i)}`] = before && after ? after.counts.views - before.counts.views : null;
      if (!before || !after) continue;
      for (const counter of COUNTERS) {
        if (after.counts[counter] < before.counts[counter]) {
          decreased.push({ id, title: after.title, counter, from: label(i - 1), to: label(i), before: before.counts[counter], after: after.counts[counter] });
        }
      }
    }
    const gain = end.counts.views - start.counts.views;
    row.viewsBefore = start.counts.views;
    row.viewsAfter = end.counts.views;
    row.gain = gain;
    row.commentsGain = end.counts.comments - start.counts.comments;
    row.collectsGain = end.counts.collects - start.counts.collects;
    row.gainPerDay = spanDays ? gain / spanDays : null;
    row.relativeGain = start.counts.views > 0 ? gain / start.counts.views : null;
    articleRows.push(row);
  }
  articleRows.sort((a, b) => (b.gain as number) - (a.gain as number) || (a.id as number) - (b.id as number));

  const appeared: Record<string, unknown>[] = [];
  const vanished: Record<string, unknown>[] = [];
  const known = new Set(first.keys());
  for (let i = 1; i < seen.length; i++) {
    for (const [id, article] of seen[i]!) {
      if (known.has(id)) continue;
      known.add(id);
      appeared.push({ id, title: article.title, category: article.category, published: article.published, firstSeen: label(i), views: last.get(id)?.counts.views ?? article.counts.views });
    }
  }
  for (const id of known) {
    if (last.has(id)) continue;
    let at = seen.length - 2;
    while (at > 0 && !seen[at]!.has(id)) at--;
    const article = seen[at]!.get(id)!;
    vanished.push({ id, title: article.title, category: article.category, published: article.published, lastSeen: label(at), views: article.counts.views });
  }
  const gains = seen.slice(1).map((_, i) => `gain ${label(i)} to ${label(i + 1)}`);
  const views = seen.map((_, i) => `views ${label(i)}`);
  const byIdOrder = (a: Record<string, unknown>, b: Record<string, unknown>) => (a.id as number) - (b.id as number);
  return {
    articles: rowsTable(articleRows, ['id', 'title', 'category', 'author', 'published', 'tags', 'ageWeeks', ...views, ...gains, 'viewsBefore', 'viewsAfter', 'gain', 'commentsGain', 'collectsGain', 'gainPerDay', 'relativeGain']),
    appeared: rowsTable(appeared.sort(byIdOrder), ['id', 'title', 'category', 'published', 'firstSeen', 'views']),
    vanished: rowsTable(vanished.sort(byIdOrder), ['id', 'title', 'category', 'published', 'lastSeen', 'views']),
    decreased: rowsTable(decreased.sort((a, b) => byIdOrder(a, b) || compareText(String(a.counter), String(b.counter))), ['id', 'title', 'counter', 'from', 'to', 'before', 'after']),
  };
}

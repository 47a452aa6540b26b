/**
 * Growth by group and by age: which tags, authors and categories still gain views, and how fast
 * articles gain by their age in weeks. From growthBetween's articles (with dates, so gains per day).
 */
import type { ColumnTable } from 'arquero';
import { bootstrapMedian } from '../stats/bootstrap.ts';
import { medianSorted } from '../stats/quantiles.ts';
import { seedFromText } from '../stats/random.ts';
import { compareText, rowsTable } from './columns.ts';
import { SMALL_SAMPLE } from './group-stats.ts';
import { RATE_SCALE, shrunkTypical } from './shrunk-rank.ts';

/** Articles older than this many days that still gain above the archive's median rate keep a topic "alive". */
export const ALIVE_AFTER_DAYS = 90;

interface GrowthRow { id: number; category: string; author: string | null; tags: string[]; ageWeeks: number | null; gain: number; gainPerDay: number | null }

const sorted = (values: number[]) => Float64Array.from(values.filter(Number.isFinite)).sort();

export interface GrowthBoardOptions {
  /** Least articles for a group to be listed. @default 5 */
  minCount?: number;
  /** Bootstrap resamples. @default 1000 */
  resamples?: number;
  /** Bootstrap seed. @default 1 */
  seed?: number;
}

/**
 * Growth by tag, author or category: articles, median gain per day per article with a bootstrap
 * interval, share of all the gain, and whether the group is still alive (its articles older than
 * 90 days gain at a median rate above the archive's median). Ranked by the shrunk typical gain per
 * day (log(1 + gain per day), normal–normal empirical Bayes over the listed groups), so a group
 * of five lucky articles does not top one of fifty.
 * @example growthLeaderboard(growth.articles, 'tag', { minCount: 10 })
 */
export function growthLeaderboard(articles: ColumnTable, by: 'tag' | 'author' | 'category', options: GrowthBoardOptions = {}): ColumnTable {
  const { minCount = 5, resamples = 1000, seed = 1 } = options;
  const rows = articles.objects() as GrowthRow[];
  const totalGain = rows.reduce((s, r) => s + Math.max(0, r.gain), 0);
  const archiveRate = medianSorted(sorted(rows.map((r) => r.gainPerDay ?? NaN)));
  const groups = new Map<string, GrowthRow[]>();
  for (const row of rows) {
    const keys = by === 'tag' ? row.tags : by === 'author' ? (row.author ? [row.author] : []) : [row.category];
    for (const key of keys) {
      let list = groups.get(key);
      if (!list) groups.set(key, (list = []));
      list.push(row);
    }
  }
  const listed = [...groups].filter(([, members]) => members.length >= minCount);
  const shrunk = shrunkTypical(listed.map(([, members]) => members.map((r) => r.gainPerDay ?? NaN)), RATE_SCALE);
  const out = listed.map(([key, members], i) => {
    const rates = sorted(members.map((r) => r.gainPerDay ?? NaN));
    const interval = bootstrapMedian(rates, { resamples, seed: seedFromText(`${by}:${key}`, seed) });
    const old = sorted(members.filter((r) => r.ageWeeks !== null && r.ageWeeks * 7 >= ALIVE_AFTER_DAYS).map((r) => r.gainPerDay ?? NaN));
    const gain = members.reduce((s, r) => s + Math.max(0, r.gain), 0);
    return {
      [by]: key, articles: members.length,
      gainPerDayShrunk: shrunk[i]!.shrunk, gainPerDayShrunkLow: shrunk[i]!.shrunkLow, gainPerDayShrunkHigh: shrunk[i]!.shrunkHigh,
      medianGainPerDay: rates.length ? medianSorted(rates) : null, medianGainPerDayLow: interval?.low ?? null, medianGainPerDayHigh: interval?.high ?? null,
      gainShare: totalGain > 0 ? gain / totalGain : null,
      stillAlive: old.length > 0 && Number.isFinite(archiveRate) && medianSorted(old) > archiveRate,
      smallSample: members.length < SMALL_SAMPLE,
    };
  });
  out.sort((a, b) => (b.gainPerDayShrunk ?? -Infinity) - (a.gainPerDayShrunk ?? -Infinity) || b.articles - a.articles || compareText(String(a[by]), String(b[by])));
  return rowsTable(out, [by, 'articles', 'gainPerDayShrunk', 'gainPerDayShrunkLow', 'gainPerDayShrunkHigh', 'medianGainPerDay', 'medianGainPerDayLow', 'medianGainPerDayHigh', 'gainShare', 'stillAlive', 'smallSample']);
}

/**
 * The decay view: median gain per day by age in weeks (at the last scrape), for all articles and,
 * when given, for each of some tags. One row per (series, week) with articles in it.
 * @example decayByAge(growth.articles, ['AI', '运营'])
 */
export function decayByAge(articles: ColumnTable, tags: readonly string[] = []): ColumnTable {
  const rows = (articles.objects() as GrowthRow[]).filter((r) => r.ageWeeks !== null && r.gainPerDay !== null);
  const series: [string, GrowthRow[]][] = [['all articles', rows], ...tags.map((tag) => [tag, rows.filter((r) => r.tags.includes(tag))] as [string, GrowthRow[]])];
  const out: Record<string, unknown>[] = [];
  for (const [name, members] of series) {
    const byWeek = new Map<number, number[]>();
    for (const row of members) {
      let list = byWeek.get(row.ageWeeks!);
      if (!list) byWeek.set(row.ageWeeks!, (list = []));
      list.push(row.gainPerDay!);
    }
    for (const week of [...byWeek.keys()].sort((a, b) => a - b)) out.push({ series: name, ageWeeks: week, articles: byWeek.get(week)!.length, medianGainPerDay: medianSorted(sorted(byWeek.get(week)!)) });
  }
  return rowsTable(out, ['series', 'ageWeeks', 'articles', 'medianGainPerDay']);
}

/**
 * Rising and fading topics: each tag's share of articles in the latest window against the window
 * before, as a ratio with a 95% interval and a p-value corrected for testing many tags
 * (Benjamini–Hochberg).
 */
import type { ColumnTable } from 'arquero';
import { normalQuantile, normalSurvival } from '../stats/distributions.ts';
import { benjaminiHochberg } from '../stats/tests.ts';
import { articleColumns, compareText, groupRowsOfList, rowsTable, shiftMonth } from './columns.ts';

export { shiftMonth };

/** Options of `risingTopics` and `risingWindows`. */
export interface RisingOptions {
  /** Months in the recent window, ending with the newest month in the data. @default 12 */
  recentMonths?: number;
  /** Months in the baseline window just before it. @default 12 */
  baselineMonths?: number;
  /** Least articles (both windows together) a tag needs to be tested. @default 10 */
  minSupport?: number;
  /** The recent window's last month (`YYYY-MM`). @default the newest month in the data */
  endMonth?: string;
  /** Level tags count as topics too. @default false */
  includeLevelTags?: boolean;
  /** False-discovery rate for calling a tag rising or fading. @default 0.05 */
  fdr?: number;
}

/** Columns of the rising/fading table. */
export const RISING_COLUMNS = [
  'tag', 'direction', 'recentCount', 'baselineCount', 'recentShare', 'baselineShare', 'logRatio', 'ratio',
  'ratioLow', 'ratioHigh', 'p', 'q',
] as const;

/**
 * Compares each tag's share between the two windows. The log of the share ratio uses a 0.5
 * continuity correction; its standard error is the usual one for a ratio of proportions.
 * Rows are sorted by log-ratio (most rising first).
 * @example risingTopics(articles, { recentMonths: 6, baselineMonths: 6 }).filter((d) => d.direction !== 'steady')
 */
export function risingTopics(articles: ColumnTable, options: RisingOptions = {}): ColumnTable {
  const { recentMonths = 12, baselineMonths = 12, minSupport = 10, includeLevelTags = false, fdr = 0.05 } = options;
  const c = articleColumns(articles);
  const newest = options.endMonth ?? c.month.reduce((a, b) => (b > a ? b : a), '');
  const recentStart = shiftMonth(newest, -(recentMonths - 1));
  const baselineStart = shiftMonth(recentStart, -baselineMonths);
  // Per row: 0 in the recent window, 1 in the baseline, -1 outside both.
  const windowOf = new Int8Array(c.n).fill(-1);
  let recentTotal = 0;
  let baselineTotal = 0;
  for (let row = 0; row < c.n; row++) {
    const month = c.month[row]!;
    if (month >= recentStart && month <= newest) {
      windowOf[row] = 0;
      recentTotal++;
    } else if (month >= baselineStart && month < recentStart) {
      windowOf[row] = 1;
      baselineTotal++;
    }
  }
  const counts = new Map<string, [number, number]>();
  for (const [tag, rows] of groupRowsOfList(articles, includeLevelTags ? 'tags' : 'topicTags')) {
    const entry: [number, number] = [0, 0];
    for (let i = 0; i < rows.length; i++) {
      const window = windowOf[rows[i]!]!;
      if (window >= 0) entry[window as 0 | 1]++;
    }
    if (entry[0] + entry[1] > 0) counts.set(tag, entry);
  }
  if (recentTotal === 0 || baselineTotal === 0) return rowsTable([], RISING_COLUMNS);
  const z = normalQuantile(0.975);
  const rows = [];
  for (const [tag, [recent, baseline]] of counts) {
    if (recent + baseline < minSupport) continue;
    const a = recent + 0.5;
    const b = baseline + 0.5;
    const logRatio = Math.log(a / (recentTotal + 0.5)) - Math.log(b / (baselineTotal + 0.5));
    const se = Math.sqrt(1 / a - 1 / (recentTotal + 0.5) + 1 / b - 1 / (baselineTotal + 0.5));
    rows.push({
      tag, recentCount: recent, baselineCount: baseline, recentShare: recent / recentTotal, baselineShare: baseline / baselineTotal,
      logRatio, ratio: Math.exp(logRatio), ratioLow: Math.exp(logRatio - z * se), ratioHigh: Math.exp(logRatio + z * se),
      // A tag on every article of both windows has no sampling error: no evidence of change.
      p: se > 0 ? Math.min(1, 2 * normalSurvival(Math.abs(logRatio / se))) : logRatio === 0 ? 1 : 0,
    });
  }
  const q = benjaminiHochberg(rows.map((r) => r.p));
  const out = rows.map((row, i) => ({
    ...row, q: q[i]!, direction: q[i]! < fdr ? (row.logRatio > 0 ? 'rising' : 'fading') : 'steady',
  }));
  out.sort((x, y) => y.logRatio - x.logRatio || compareText(x.tag, y.tag));
  return rowsTable(out, RISING_COLUMNS);
}

/**
 * The two windows the comparison used, for titles and text.
 * @example risingWindows(articles) // { recent: ['2024-07', '2025-06'], baseline: ['2023-07', '2024-06'] }
 */
export function risingWindows(articles: ColumnTable, options: RisingOptions = {}): { recent: [string, string]; baseline: [string, string] } {
  const { recentMonths = 12, baselineMonths = 12 } = options;
  const months = articles.array('month') as string[];
  const newest = options.endMonth ?? months.reduce((a, b) => (b > a ? b : a), '');
  const recentStart = shiftMonth(newest, -(recentMonths - 1));
  return { recent: [recentStart, newest], baseline: [shiftMonth(recentStart, -baselineMonths), shiftMonth(recentStart, -1)] };
}

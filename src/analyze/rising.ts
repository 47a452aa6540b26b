/**
 * Rising and fading topics: whether a tag is carried by more or fewer articles in the latest
 * window than in the window before, judged within each category and combined over categories
 * (Mantel–Haenszel), with a 95% interval and a p-value corrected for testing many tags
 * (Benjamini–Hochberg). A scraped archive is not a steady sample: when one category is scraped
 * more in the recent window, every tag of that category gains share of the whole archive.
 * Within a category it does not, so a tag is called rising only when it rose inside its
 * categories.
 */
import type { ColumnTable } from 'arquero';
import { normalQuantile, normalSurvival } from '../stats/distributions.ts';
import { benjaminiHochberg } from '../stats/tests.ts';
import { compareText, groupRowsOfColumn, rowsTable, shiftMonth } from './columns.ts';
import { distinctValues, textCodesOf } from './text-codes.ts';

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
  'tag', 'direction', 'recentCount', 'baselineCount', 'recentShare', 'baselineShare', 'categories',
  'logOddsRatio', 'oddsRatio', 'oddsRatioLow', 'oddsRatioHigh', 'p', 'q',
] as const;

/** One category's two-by-two table for a tag: articles with and without it in each window. */
interface Stratum {
  recentWith: number;
  recentWithout: number;
  baselineWith: number;
  baselineWithout: number;
}

/** The Mantel–Haenszel common odds ratio of carrying the tag (recent vs baseline) over categories. */
export interface StratifiedOddsRatio {
  logOddsRatio: number;
  /** Standard error of the log odds ratio (Robins–Breslow–Greenland). */
  se: number;
  /** Two-sided p of the Cochran–Mantel–Haenszel test (continuity-corrected). */
  p: number;
  /** Categories that informed it. */
  strata: number;
}

/**
 * Mantel–Haenszel over categories. Only categories with articles in both windows and the tag in
 * at least one inform it; when the tag is missing from one window everywhere, 0.5 is added to
 * each cell of those categories so the odds ratio stays finite.
 * @returns null when no category informs it
 */
export function mantelHaenszel(strata: readonly Stratum[]): StratifiedOddsRatio | null {
  const informative = strata.filter((t) => t.recentWith + t.recentWithout > 0 && t.baselineWith + t.baselineWithout > 0 && t.recentWith + t.baselineWith > 0);
  if (informative.length === 0) return null;
  // The test uses the counts as they are.
  let observed = 0;
  let expected = 0;
  let variance = 0;
  for (const t of informative) {
    const recent = t.recentWith + t.recentWithout;
    const baseline = t.baselineWith + t.baselineWithout;
    const total = recent + baseline;
    const carrying = t.recentWith + t.baselineWith;
    observed += t.recentWith;
    expected += (recent * carrying) / total;
    variance += total > 1 ? (recent * baseline * carrying * (total - carrying)) / (total * total * (total - 1)) : 0;
  }
  const deviation = Math.max(0, Math.abs(observed - expected) - 0.5);
  const p = variance > 0 ? Math.min(1, 2 * normalSurvival(deviation / Math.sqrt(variance))) : 1;
  const zeroSide = informative.every((t) => t.recentWith === 0 || t.baselineWithout === 0) || informative.every((t) => t.baselineWith === 0 || t.recentWithout === 0);
  const cells = zeroSide
    ? informative.map((t) => ({ a: t.recentWith + 0.5, b: t.recentWithout + 0.5, c: t.baselineWith + 0.5, d: t.baselineWithout + 0.5 }))
    : informative.map((t) => ({ a: t.recentWith, b: t.recentWithout, c: t.baselineWith, d: t.baselineWithout }));
  let sumR = 0, sumS = 0, sumPR = 0, sumPSQR = 0, sumQS = 0;
  for (const { a, b, c, d } of cells) {
    const n = a + b + c + d;
    const r = (a * d) / n;
    const s = (b * c) / n;
    const pTerm = (a + d) / n;
    const qTerm = (b + c) / n;
    sumR += r;
    sumS += s;
    sumPR += pTerm * r;
    sumPSQR += pTerm * s + qTerm * r;
    sumQS += qTerm * s;
  }
  const logOddsRatio = Math.log(sumR / sumS);
  const se = Math.sqrt(sumPR / (2 * sumR * sumR) + sumPSQR / (2 * sumR * sumS) + sumQS / (2 * sumS * sumS));
  return { logOddsRatio, se, p, strata: informative.length };
}

/**
 * Compares how often each tag is carried in the two windows, category by category (see the
 * module comment). Rows are sorted by log odds ratio (most rising first); `categories` is the
 * number of categories that informed the estimate.
 * @example risingTopics(articles, { recentMonths: 6, baselineMonths: 6 }).filter((d) => d.direction !== 'steady')
 */
export function risingTopics(articles: ColumnTable, options: RisingOptions = {}): ColumnTable {
  const { minSupport = 10, includeLevelTags = false, fdr = 0.05 } = options;
  const { recent, baseline } = risingWindows(articles, options);
  const windowOf = rowWindows(articles, { recent, baseline });
  const { numbers: stratumOf, names: { length: strata } } = categoryNumbers(articles);
  // Articles per (category, window): the margins of every tag's tables.
  const totals = new Int32Array(strata * 2);
  for (let row = 0; row < windowOf.length; row++) if (windowOf[row]! >= 0) totals[stratumOf[row]! * 2 + windowOf[row]!]!++;
  let recentTotal = 0;
  let baselineTotal = 0;
  for (let k = 0; k < strata; k++) { recentTotal += totals[k * 2]!; baselineTotal += totals[k * 2 + 1]!; }
  if (recentTotal === 0 || baselineTotal === 0) return rowsTable([], RISING_COLUMNS);
  const z = normalQuantile(0.975);
  const rows = [];
  const counts = new Int32Array(strata * 2);
  for (const [tag, tagRows] of groupRowsOfColumn(articles, includeLevelTags ? 'tags' : 'topicTags')) {
    counts.fill(0);
    for (let i = 0; i < tagRows.length; i++) {
      const row = tagRows[i]!;
      if (windowOf[row]! >= 0) counts[stratumOf[row]! * 2 + windowOf[row]!]!++;
    }
    let recentCount = 0;
    let baselineCount = 0;
    for (let k = 0; k < strata; k++) { recentCount += counts[k * 2]!; baselineCount += counts[k * 2 + 1]!; }
    if (recentCount + baselineCount < minSupport) continue;
    const tables: Stratum[] = [];
    for (let k = 0; k < strata; k++) {
      tables.push({ recentWith: counts[k * 2]!, recentWithout: totals[k * 2]! - counts[k * 2]!, baselineWith: counts[k * 2 + 1]!, baselineWithout: totals[k * 2 + 1]! - counts[k * 2 + 1]! });
    }
    const estimate = mantelHaenszel(tables);
    rows.push({
      tag, recentCount, baselineCount, recentShare: recentCount / recentTotal, baselineShare: baselineCount / baselineTotal, categories: estimate?.strata ?? 0,
      logOddsRatio: estimate?.logOddsRatio ?? null,
      oddsRatio: estimate ? Math.exp(estimate.logOddsRatio) : null,
      oddsRatioLow: estimate ? Math.exp(estimate.logOddsRatio - z * estimate.se) : null,
      oddsRatioHigh: estimate ? Math.exp(estimate.logOddsRatio + z * estimate.se) : null,
      p: estimate?.p ?? null,
    });
  }
  // A tag no category informs (all its articles in categories scraped in one window only) has no test.
  const q = benjaminiHochberg(rows.map((r) => r.p ?? NaN));
  const out = rows.map((row, i) => ({
    ...row, q: row.p === null ? null : q[i]!,
    direction: row.p !== null && q[i]! < fdr ? (row.logOddsRatio! > 0 ? 'rising' : 'fading') : 'steady',
  }));
  out.sort((x, y) => (y.logOddsRatio ?? -Infinity) - (x.logOddsRatio ?? -Infinity) || compareText(x.tag, y.tag));
  return rowsTable(out, RISING_COLUMNS);
}

/**
 * Which window a `YYYY-MM` month is in: 0 the recent one, 1 the baseline, -1 neither.
 * @example windowOfMonth('2025-03', risingWindows(articles)) // 0
 */
export function windowOfMonth(month: string, windows: { recent: [string, string]; baseline: [string, string] }): 0 | 1 | -1 {
  const { recent, baseline } = windows;
  return month >= recent[0] && month <= recent[1] ? 0 : month >= baseline[0] && month <= baseline[1] ? 1 : -1;
}

/**
 * The two windows the comparison uses, for titles and text.
 * @example risingWindows(articles) // { recent: ['2024-07', '2025-06'], baseline: ['2023-07', '2024-06'] }
 */
export function risingWindows(articles: ColumnTable, options: RisingOptions = {}): { recent: [string, string]; baseline: [string, string] } {
  const { recentMonths = 12, baselineMonths = 12 } = options;
  const newest = options.endMonth ?? (distinctValues(articles, 'month') as (string | null)[]).reduce<string>((a, b) => (b !== null && b > a ? b : a), '');
  const recentStart = shiftMonth(newest, -(recentMonths - 1));
  return { recent: [recentStart, newest], baseline: [shiftMonth(recentStart, -baselineMonths), shiftMonth(recentStart, -1)] };
}

/**
 * Each row's window (windowOfMonth; -1 for a row without a month), each distinct month judged
 * once: read off the month column's codes, no string per row (a million rows took ~0.1 s by text).
 * @example rowWindows(articles, risingWindows(articles))[0] // 0, 1 or -1
 */
export function rowWindows(articles: ColumnTable, windows: { recent: [string, string]; baseline: [string, string] }): Int8Array {
  const { codes, values } = textCodesOf(articles, 'month');
  const windowOfCode = Int8Array.from(values, (month) => windowOfMonth(month, windows));
  const out = new Int8Array(codes.length);
  for (let row = 0; row < codes.length; row++) {
    const code = codes[row]!;
    out[row] = code < 0 ? -1 : windowOfCode[code]!;
  }
  return out;
}

/**
 * Each row's category as a number, in order of first appearance (a row without one counts as
 * the category ''), and the categories' names by number.
 * @example const { numbers, names } = categoryNumbers(articles); names[numbers[0]] // 'pd'
 */
export function categoryNumbers(articles: ColumnTable): { numbers: Int32Array; names: string[] } {
  const { codes, values } = textCodesOf(articles, 'category');
  const none = values.length; // the slot of rows without a category
  const numberOfSlot = new Int32Array(values.length + 1).fill(-1);
  const numberOfName = new Map<string, number>();
  const numbers = new Int32Array(codes.length);
  for (let row = 0; row < codes.length; row++) {
    const slot = codes[row]! < 0 ? none : codes[row]!;
    let k = numberOfSlot[slot]!;
    if (k < 0) {
      const name = slot === none ? '' : values[slot]!;
      k = numberOfName.get(name) ?? numberOfName.size;
      numberOfName.set(name, k);
      numberOfSlot[slot] = k;
    }
    numbers[row] = k;
  }
  return { numbers, names: [...numberOfName.keys()] };
}

/**
 * Coverage: how many articles the archive holds per category and month. A scraped archive is not
 * a steady sample of what a site published; when the mix of categories moves between two windows,
 * shares over the whole archive measure the scrape, not the topics. The check says so in words.
 */
import type { ColumnTable } from 'arquero';
import { compareText, firstAndLast, keyIdsOf, rowsTable, shiftMonth } from './columns.ts';
import { categoryNumbers, type RisingOptions, risingWindows, rowWindows } from './rising.ts';

/** Above this total-variation distance between the windows' category mixes, the check warns. */
export const COVERAGE_SHIFT_WARNING = 0.2;

/**
 * Articles per category per month, every pair from the first month to the last (zeros included),
 * months oldest first, categories A–Z.
 * @example categoryCoverage(articles) // rows: month, category, count
 */
export function categoryCoverage(articles: ColumnTable): ColumnTable {
  // A month × category grid of counts on the columns' key ids: no string per row.
  const month = keyIdsOf(articles, 'month');
  const category = keyIdsOf(articles, 'category');
  const names = [...category.keys];
  let none = names.indexOf(''); // a row without a category counts as ''
  if (none < 0) none = names.push('') - 1;
  const count = (m: number, c: number) => grid[m * names.length + c]!;
  const grid = new Int32Array(month.keys.length * names.length);
  for (let row = 0; row < month.keyOffsets.length - 1; row++) {
    const [m, c] = [month.keyOffsets[row]!, category.keyOffsets[row]!];
    if (m < month.keyOffsets[row + 1]!) grid[month.keyIds[m]! * names.length + (c < category.keyOffsets[row + 1]! ? category.keyIds[c]! : none)]!++;
  }
  const months = month.keys.map((_, m) => m).filter((m) => names.some((_, c) => count(m, c) > 0));
  const categories = names.map((_, c) => c).filter((c) => months.some((m) => count(m, c) > 0)).sort((a, b) => compareText(names[a]!, names[b]!));
  const idOf = new Map(months.map((m) => [month.keys[m]!, m]));
  const { first, last } = firstAndLast(months.map((m) => month.keys[m]!));
  const rows = [];
  for (let m = first; m !== null && m <= last!; m = shiftMonth(m, 1)) {
    const at = idOf.get(m);
    for (const c of categories) rows.push({ month: m, category: names[c]!, count: at === undefined ? 0 : count(at, c) });
  }
  return rowsTable(rows, ['month', 'category', 'count']);
}

/** One category's share of each window's articles. */
export interface CategoryShift {
  category: string;
  recentShare: number;
  baselineShare: number;
}

/** The coverage check of two windows. */
export interface CoverageShift {
  recent: [string, string];
  baseline: [string, string];
  /** Total-variation distance between the two windows' category mixes, 0 (same mix) to 1. */
  distance: number;
  /** Every category, the largest move first. */
  categories: CategoryShift[];
  /** A warning in words when the distance is above 0.2, else null. */
  warning: string | null;
}

/**
 * Compares the mix of categories in the recent and baseline windows of risingTopics.
 * @example coverageShift(articles).warning // 'The mix of categories differs strongly …' or null
 */
export function coverageShift(articles: ColumnTable, options: RisingOptions = {}): CoverageShift {
  const { recent, baseline } = risingWindows(articles, options);
  const windowOf = rowWindows(articles, { recent, baseline });
  // Articles per category and window.
  const { numbers, names } = categoryNumbers(articles);
  const counts = new Int32Array(names.length * 2);
  let recentTotal = 0;
  let baselineTotal = 0;
  for (let row = 0; row < windowOf.length; row++) {
    const window = windowOf[row]!;
    if (window === -1) continue;
    counts[numbers[row]! * 2 + window]!++;
    if (window === 0) recentTotal++; else baselineTotal++;
  }
  const categories = names.flatMap((category, k) => {
    const [r, b] = [counts[k * 2]!, counts[k * 2 + 1]!];
    return r + b === 0 ? [] : [{ category, recentShare: recentTotal ? r / recentTotal : 0, baselineShare: baselineTotal ? b / baselineTotal : 0 }];
  }).sort((x, y) => Math.abs(y.recentShare - y.baselineShare) - Math.abs(x.recentShare - x.baselineShare) || compareText(x.category, y.category));
  const distance = recentTotal && baselineTotal ? categories.reduce((s, k) => s + Math.abs(k.recentShare - k.baselineShare), 0) / 2 : 0;
  return { recent, baseline, distance, categories, warning: distance > COVERAGE_SHIFT_WARNING ? shiftWarning(distance, categories, recent, baseline) : null };
}

const percent = (share: number) => `${Math.round(share * 100)}%`;

function shiftWarning(distance: number, categories: CategoryShift[], recent: [string, string], baseline: [string, string]): string {
  const moved = categories.filter((k) => Math.abs(k.recentShare - k.baselineShare) >= 0.05).slice(0, 4)
    .map((k) => `${k.category} ${k.recentShare > k.baselineShare ? 'rose' : 'fell'} from ${percent(k.baselineShare)} to ${percent(k.recentShare)} of articles`);
  return `The mix of categories differs strongly between ${baseline[0]}–${baseline[1]} and ${recent[0]}–${recent[1]} `
    + `(total-variation distance ${distance.toFixed(2)}): ${moved.join('; ')}. `
    + 'Shares of the whole archive reflect what was scraped; rising and fading topics are judged within categories for that reason.';
}

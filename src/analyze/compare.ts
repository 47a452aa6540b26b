/**
 * Compares two groups of articles (two tags, authors, categories, or any two row sets) on raw
 * views and on the cohort index, with intervals, a rank test and an effect size, and says the
 * result in one plain sentence. With too few articles it says so instead of a verdict.
 */
import { from, type ColumnTable } from 'arquero';
import { valuesAt } from '../arrays.ts';
import { collectRate } from '../metrics.ts';
import { bootstrapMedian, bootstrapMedianRatio, bootstrapRatioDifference, type Interval } from '../stats/bootstrap.ts';
import { normalQuantile } from '../stats/distributions.ts';
import { medianSorted } from '../stats/quantiles.ts';
import { mannWhitney } from '../stats/tests.ts';
import { type ArticleColumns, articleColumns, pick, type Rows, sumAt } from './columns.ts';
import { withCohortIndex } from './cohort.ts';
import { collectBeforeRowArrays } from '../free-memory.ts';
import type { Selection } from './select.ts';

/** Options of `compareGroups`. */
export interface CompareOptions {
  /** Fewest articles each group needs for a verdict. @default 5 */
  minCount?: number;
  /** Bootstrap resamples. @default 2000 */
  resamples?: number;
  /** Bootstrap seed. @default 1 */
  seed?: number;
}

/** One measure (raw views, or the cohort index) compared between two groups. */
export interface MeasureComparison {
  measure: 'views' | 'cohortIndex';
  medianA: number | null;
  medianALow: number | null;
  medianAHigh: number | null;
  medianB: number | null;
  medianBLow: number | null;
  medianBHigh: number | null;
  /** Median of A over median of B. */
  ratio: number | null;
  ratioLow: number | null;
  ratioHigh: number | null;
  /** Two-sided Mann–Whitney p-value. */
  p: number | null;
  /** Cliff's delta: P(a > b) − P(a < b). */
  cliffsDelta: number | null;
  /** P(a > b) + ½ P(a = b). */
  superiority: number | null;
}

/** The result of `compareGroups`: both groups, the two measures compared, the collect-rate difference and the finding in a sentence. */
export interface Comparison {
  a: { label: string; kind: string; count: number; collectRate: number | null };
  b: { label: string; kind: string; count: number; collectRate: number | null };
  /** Articles in both groups (they count in each). */
  overlap: number;
  /** False when a group has fewer than `minCount` articles: no verdict then. */
  enough: boolean;
  views: MeasureComparison;
  cohortIndex: MeasureComparison;
  collectRateDifference: number | null;
  collectRateDifferenceLow: number | null;
  collectRateDifferenceHigh: number | null;
  /** The finding in one sentence. */
  sentence: string;
}

function measure(name: MeasureComparison['measure'], a: Float64Array, b: Float64Array, resamples: number, seed: number): MeasureComparison {
  const sa = a.sort();
  const sb = b.sort();
  const ia = bootstrapMedian(sa, { resamples, seed });
  const ib = bootstrapMedian(sb, { resamples, seed: seed + 1 });
  const medianA = sa.length ? medianSorted(sa) : null;
  const medianB = sb.length ? medianSorted(sb) : null;
  const ratioInterval = bootstrapMedianRatio(sa, sb, { resamples, seed: seed + 2 });
  const test = mannWhitney(sa, sb);
  return {
    measure: name,
    medianA, medianALow: ia?.low ?? null, medianAHigh: ia?.high ?? null,
    medianB, medianBLow: ib?.low ?? null, medianBHigh: ib?.high ?? null,
    ratio: medianA !== null && medianB ? medianA / medianB : null,
    ratioLow: ratioInterval?.low ?? null, ratioHigh: ratioInterval?.high ?? null,
    p: test?.p ?? null, cliffsDelta: test?.cliffsDelta ?? null, superiority: test?.superiority ?? null,
  };
}

/** "p = 0.012", "p < 0.001". */
export function formatP(p: number): string {
  return p < 0.001 ? 'p < 0.001' : `p = ${p < 0.01 ? p.toFixed(3) : p.toFixed(2)}`;
}

function describe(selection: Selection, first: boolean): string {
  const subject = first ? 'Articles' : 'those';
  switch (selection.kind) {
    case 'tag': return `${subject} tagged ${selection.label}`;
    case 'author': return `${subject} by ${selection.label}`;
    case 'category': return `${subject} in ${selection.label}`;
    default: return `${subject} in "${selection.label}"`;
  }
}

function ratioText(value: number): string {
  return value >= 10 ? value.toFixed(0) : value.toFixed(1);
}

/** The reader's sentence for a comparison. */
export function comparisonSentence(a: Selection, b: Selection, result: Omit<Comparison, 'sentence'>, minCount: number): string {
  const counts = `${result.a.count} vs ${result.b.count} articles`;
  if (!result.enough) {
    return `Too few articles to compare ${a.label} with ${b.label}: ${counts}; at least ${minCount} in each are needed for a verdict.`;
  }
  const m = result.cohortIndex;
  if (m.ratio === null || m.ratioLow === null || m.ratioHigh === null || m.p === null) {
    return `${describe(a, true)} and ${describe(b, false)} cannot be compared for their age (${counts}).`;
  }
  const interval = `95% interval ${ratioText(m.ratioLow)}–${ratioText(m.ratioHigh)}; ${formatP(m.p)}; ${counts}`;
  const head = `${describe(a, true)} get ${ratioText(m.ratio)}× the views of ${describe(b, false)} for their age`;
  const clear = m.ratioLow > 1 || m.ratioHigh < 1;
  return clear ? `${head} (${interval}).` : `${head}, a difference the data cannot tell apart from chance (${interval}).`;
}

/**
 * Compares group A with group B.
 * @example compareGroups(articles, selectGroup(articles, 'tag', '小红书'), selectGroup(articles, 'tag', '抖音'))
 */
export function compareGroups(articles: ColumnTable, a: Selection, b: Selection, options: CompareOptions = {}): Comparison {
  const { minCount = 5, resamples = 2000, seed = 1 } = options;
  collectBeforeRowArrays();
  const table = articles.columnNames().includes('cohortIndex') ? articles : withCohortIndex(articles);
  const c = articleColumns(table);
  const inA = new Uint8Array(c.n);
  for (let k = 0; k < a.rows.length; k++) inA[a.rows[k]!] = 1;
  let overlap = 0;
  for (let k = 0; k < b.rows.length; k++) overlap += inA[b.rows[k]!]!;
  const rateOf = (rows: Rows) => collectRate(sumAt(c.collects, rows), sumAt(c.views, rows));
  const rateA = rateOf(a.rows);
  const rateB = rateOf(b.rows);
  const rateDifference = collectRateDifferenceInterval(countsOf(c, a.rows), countsOf(c, b.rows), { resamples: Math.min(resamples, 1000), seed: seed + 10 });
  const base = {
    a: { label: a.label, kind: a.kind, count: a.rows.length, collectRate: rateA },
    b: { label: b.label, kind: b.kind, count: b.rows.length, collectRate: rateB },
    overlap,
    enough: a.rows.length >= minCount && b.rows.length >= minCount,
    views: measure('views', pick(c.views, a.rows), pick(c.views, b.rows), resamples, seed),
    cohortIndex: measure('cohortIndex', pick(c.cohortIndex, a.rows), pick(c.cohortIndex, b.rows), resamples, seed + 5),
    collectRateDifference: rateA !== null && rateB !== null ? rateA - rateB : null,
    collectRateDifferenceLow: rateDifference?.low ?? null,
    collectRateDifferenceHigh: rateDifference?.high ?? null,
  };
  // Too few articles on a side: counts and medians only, no interval, ratio, test or effect size.
  const shown = base.enough ? base : {
    ...base, views: withoutInference(base.views), cohortIndex: withoutInference(base.cohortIndex),
    collectRateDifferenceLow: null, collectRateDifferenceHigh: null,
  };
  return { ...shown, sentence: comparisonSentence(a, b, shown, minCount) };
}

/** Views and collects of a group's articles, side by side. */
interface GroupCounts { views: Float64Array; collects: Float64Array }

// Each group's counts side by side once: the resamples then read contiguous arrays (reading the
// table's columns through row numbers took 50 s for two 100,000-article groups).
function countsOf(c: ArticleColumns, rows: readonly number[]): GroupCounts {
  return { views: valuesAt(c.views, rows), collects: valuesAt(c.collects, rows) };
}

/** Above this many articles in the two groups together, the rate difference's interval is the normal one. */
export const RATE_BOOTSTRAP_MAX = 20_000;

/**
 * 95% interval of collect rate A − collect rate B (each Σ collects / Σ views). A bootstrap of the
 * articles for groups up to 20,000 articles together; above, the normal interval of the two
 * ratio estimators (delta method: Var(R) ≈ Σ (c − R·v)² / (n − 1) · n / (Σ v)²), which the
 * bootstrap approaches at that size, where resampling millions of rows took seconds.
 */
function collectRateDifferenceInterval(a: GroupCounts, b: GroupCounts, options: { resamples: number; seed: number }): Interval | null {
  const na = a.views.length;
  const nb = b.views.length;
  if (na < 2 || nb < 2) return null;
  if (na + nb > RATE_BOOTSTRAP_MAX) {
    const ra = rateWithVariance(a);
    const rb = rateWithVariance(b);
    if (!ra || !rb) return null;
    const half = normalQuantile(0.975) * Math.sqrt(ra.variance + rb.variance);
    return { low: ra.rate - rb.rate - half, high: ra.rate - rb.rate + half };
  }
  return bootstrapRatioDifference({ top: a.collects, bottom: a.views }, { top: b.collects, bottom: b.views }, options);
}

/** A group's collect rate and the delta-method variance of it (null without views). */
function rateWithVariance(counts: GroupCounts): { rate: number; variance: number } | null {
  const n = counts.views.length;
  let views = 0;
  let collects = 0;
  for (let i = 0; i < n; i++) { views += counts.views[i]!; collects += counts.collects[i]!; }
  if (views <= 0) return null;
  const rate = collects / views;
  let squares = 0;
  for (let i = 0; i < n; i++) squares += (counts.collects[i]! - rate * counts.views[i]!) ** 2;
  return { rate, variance: (n / (n - 1)) * squares / (views * views) };
}

/** A measure with only its medians kept (too few articles for anything more). */
function withoutInference(m: MeasureComparison): MeasureComparison {
  return {
    ...m, medianALow: null, medianAHigh: null, medianBLow: null, medianBHigh: null,
    ratio: null, ratioLow: null, ratioHigh: null, p: null, cliffsDelta: null, superiority: null,
  };
}

/**
 * The comparison as a table: one row per measure (views, cohort index).
 * @example nb.table('ai-vs-ops', comparisonTable(compareGroups(articles, a, b)))
 */
export function comparisonTable(result: Comparison): ColumnTable {
  return from([result.views, result.cohortIndex].map((m) => ({
    measure: m.measure, groupA: result.a.label, countA: result.a.count, groupB: result.b.label, countB: result.b.count,
    medianA: m.medianA, medianALow: m.medianALow, medianAHigh: m.medianAHigh,
    medianB: m.medianB, medianBLow: m.medianBLow, medianBHigh: m.medianBHigh,
    ratio: m.ratio, ratioLow: m.ratioLow, ratioHigh: m.ratioHigh, p: m.p, cliffsDelta: m.cliffsDelta,
    collectRateA: result.a.collectRate, collectRateB: result.b.collectRate, collectRateDifference: result.collectRateDifference,
    collectRateDifferenceLow: result.collectRateDifferenceLow, collectRateDifferenceHigh: result.collectRateDifferenceHigh,
  })));
}

/**
 * Compares several groups at once (three tags, five authors …) for their age: each group's median
 * cohort index with its interval, a Kruskal–Wallis test across all of them, and every pair with a
 * Mann–Whitney test, the p-values corrected for the number of pairs (Benjamini–Hochberg). Groups
 * with fewer than `minCount` articles are shown with their count and median only and take no
 * part in a test. An article in several groups counts in each.
 */
import type { ColumnTable } from 'arquero';
import { bootstrapMedian, bootstrapMedianRatio } from '../stats/bootstrap.ts';
import { medianSorted } from '../stats/quantiles.ts';
import { seedFromText } from '../stats/random.ts';
import { benjaminiHochberg, kruskalWallis, mannWhitney } from '../stats/tests.ts';
import { articleColumns, pick, rowsTable } from './columns.ts';
import { withCohortIndex } from './cohort.ts';
import { collectBeforeRowArrays } from '../free-memory.ts';
import { formatP } from './compare.ts';
import type { Selection } from './select.ts';

/** Options of `compareMany`. */
export interface CompareManyOptions {
  /** Fewest articles a group needs to take part in the tests. @default 5 */
  minCount?: number;
  /** Bootstrap resamples. @default 2000 */
  resamples?: number;
  /** Bootstrap seed (each group's and pair's stream derives from it and their names). @default 1 */
  seed?: number;
  /** False-discovery rate for calling a pair different. @default 0.05 */
  fdr?: number;
}

/** The result of `compareMany`. */
export interface ManyComparison {
  /** One row per group in the order given: group, count, medianViews, cohortIndex with Low/High, enough. */
  groups: ColumnTable;
  /** One row per pair of groups with enough articles: groupA, groupB, counts, ratio of median cohort indexes with interval, p, q, cliffsDelta, differ. */
  pairs: ColumnTable;
  /** Kruskal–Wallis across the groups with enough articles (null with fewer than two). */
  test: { h: number; df: number; p: number } | null;
  /** The finding in words: which groups differ, or that none do. */
  sentence: string;
}

const ratioText = (value: number) => (value >= 10 ? value.toFixed(0) : value.toFixed(2));

/**
 * Compares several groups of articles.
 * @example compareMany(articles, ['AI', '运营', '产品经理'].map((tag) => selectGroup(articles, 'tag', tag)))
 */
export function compareMany(articles: ColumnTable, selections: readonly Selection[], options: CompareManyOptions = {}): ManyComparison {
  const { minCount = 5, resamples = 2000, seed = 1, fdr = 0.05 } = options;
  collectBeforeRowArrays();
  const table = articles.columnNames().includes('cohortIndex') ? articles : withCohortIndex(articles);
  const c = articleColumns(table);
  const sorted = selections.map((s) => pick(c.cohortIndex, s.rows).sort());
  const enough = selections.map((s) => s.rows.length >= minCount);
  const groups = selections.map((s, i) => {
    const values = sorted[i]!;
    const interval = enough[i] ? bootstrapMedian(values, { resamples, seed: seedFromText(`group:${s.label}`, seed) }) : null;
    const views = pick(c.views, s.rows).sort();
    return {
      group: s.label, count: s.rows.length,
      medianViews: views.length ? medianSorted(views) : null,
      cohortIndex: values.length ? medianSorted(values) : null,
      cohortIndexLow: interval?.low ?? null, cohortIndexHigh: interval?.high ?? null,
      enough: enough[i]!,
    };
  });
  const tested = selections.map((_, i) => i).filter((i) => enough[i]);
  const kw = kruskalWallis(tested.map((i) => sorted[i]!));
  const pairs = [];
  for (let x = 0; x < tested.length; x++) {
    for (let y = x + 1; y < tested.length; y++) {
      const i = tested[x]!;
      const j = tested[y]!;
      const a = selections[i]!;
      const b = selections[j]!;
      const test = mannWhitney(sorted[i]!, sorted[j]!);
      const interval = bootstrapMedianRatio(sorted[i]!, sorted[j]!, { resamples, seed: seedFromText(`pair:${a.label}\u0000${b.label}`, seed) });
      const medianA = groups[i]!.cohortIndex;
      const medianB = groups[j]!.cohortIndex;
      pairs.push({
        groupA: a.label, groupB: b.label, countA: a.rows.length, countB: b.rows.length,
        ratio: medianA !== null && medianB ? medianA / medianB : null, ratioLow: interval?.low ?? null, ratioHigh: interval?.high ?? null,
        p: test?.p ?? null, cliffsDelta: test?.cliffsDelta ?? null,
      });
    }
  }
  const q = benjaminiHochberg(pairs.map((pair) => pair.p ?? NaN));
  const pairRows = pairs.map((pair, k) => ({ ...pair, q: pair.p === null ? null : q[k]!, differ: pair.p !== null && q[k]! < fdr }));
  return {
    groups: rowsTable(groups, ['group', 'count', 'medianViews', 'cohortIndex', 'cohortIndexLow', 'cohortIndexHigh', 'enough']),
    pairs: rowsTable(pairRows, ['groupA', 'groupB', 'countA', 'countB', 'ratio', 'ratioLow', 'ratioHigh', 'p', 'q', 'cliffsDelta', 'differ']),
    test: kw,
    sentence: manySentence(selections, enough, minCount, kw, pairRows, fdr),
  };
}

function manySentence(selections: readonly Selection[], enough: boolean[], minCount: number, kw: ManyComparison['test'],
  pairs: { groupA: string; groupB: string; ratio: number | null; q: number | null; differ: boolean }[], fdr: number): string {
  const few = selections.filter((_, i) => !enough[i]).map((s) => s.label);
  const fewText = few.length ? ` ${few.join(', ')} ${few.length === 1 ? 'has' : 'have'} fewer than ${minCount} articles and ${few.length === 1 ? 'is' : 'are'} left out of the tests.` : '';
  if (!kw) return `Too few groups with at least ${minCount} articles to compare for their age.${fewText}`;
  const head = `Across ${kw.df + 1} groups, views for their age ${kw.p < fdr ? 'differ' : 'do not clearly differ'} (Kruskal–Wallis H = ${kw.h.toFixed(1)}, ${formatP(kw.p)})`;
  const differing = pairs.filter((pair) => pair.differ && pair.ratio !== null)
    .map((pair) => (pair.ratio! >= 1 ? `${pair.groupA} above ${pair.groupB} (${ratioText(pair.ratio!)}×)` : `${pair.groupB} above ${pair.groupA} (${ratioText(1 / pair.ratio!)}×)`));
  const verdict = differing.length
    ? `: ${differing.join('; ')}, with BH-corrected q below ${fdr}.`
    : `; no pair differs beyond chance after correcting for ${pairs.length} ${pairs.length === 1 ? 'pair' : 'pairs'}.`;
  return `${head}${verdict}${fewText}`;
}

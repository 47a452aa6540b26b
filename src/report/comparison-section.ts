/**
 * One head-to-head comparison as notebook cells: the verdict in a sentence, the numbers behind it,
 * and two charts. The compare notebook and `pulse compare --out` both use it, so a number shown
 * in both is computed once.
 */
import type { ColumnTable } from 'arquero';
import { compareGroups, comparisonTable, type Comparison } from '../analyze/compare.ts';
import { compareMany, type ManyComparison } from '../analyze/compare-many.ts';
import { articleColumns, keyCounts, pick, valueOrNull } from '../analyze/columns.ts';
import { textCodesOf } from '../analyze/text-codes.ts';
import { mostProlificAuthors } from '../analyze/authors.ts';
import { type GroupKind, selectGroup, type Selection } from '../analyze/select.ts';
import { topTopicTags } from '../analyze/trends.ts';
import { comparisonDistributionChart, comparisonMonthlyChart, forestChart, type MonthlyMedian } from '../charts/compare-charts.ts';
import { medianSorted } from '../stats/quantiles.ts';
import type { NotebookInput } from './input.ts';
import type { Notebook } from './notebook.ts';
import { count, md, percent } from './text.ts';

/** Two groups of one kind to compare, by name (authors by name or id). */
export interface ComparePair {
  kind: GroupKind;
  a: string;
  b: string;
}

const PLURAL: Record<GroupKind, string> = { tag: 'tags', author: 'authors', category: 'categories', group: 'content groups' };

/**
 * The pairs compared when the user names none: the two most used topic tags, the two most
 * prolific authors and the two largest categories (where there are two).
 * @example defaultPairs(articles) // [{ kind: 'tag', a: '产品经理', b: '运营' }, …]
 */
export function defaultPairs(articles: ColumnTable): ComparePair[] {
  const c = articleColumns(articles);
  const pairs: ComparePair[] = [];
  const tags = topTopicTags(articles, 2);
  if (tags.length === 2) pairs.push({ kind: 'tag', a: tags[0]!, b: tags[1]! });
  const authors = mostProlificAuthors(articles, 2).top;
  if (authors.length >= 2) pairs.push({ kind: 'author', a: authors[0]!.authorKey, b: authors[1]!.authorKey });
  const categories = largestCategories(articles, 2);
  if (categories.length === 2) pairs.push({ kind: 'category', a: categories[0]!, b: categories[1]! });
  return pairs;
}

/**
 * The categories with the most articles, the largest first (equal counts in code-point order of
 * their names); articles without a category are in none. Counted from the column's codes, no
 * row listed.
 * @param count how many to list at most
 * @example largestCategories(articles, 6) // ['operate', 'pd', …]
 */
export function largestCategories(articles: ColumnTable, count: number): string[] {
  return [...keyCounts(articles, 'category')].sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1)).slice(0, count).map(([name]) => name);
}

function monthlyMedians(articles: ColumnTable, selection: Selection): MonthlyMedian[] {
  const c = articleColumns(articles);
  // The selection's rows by month code (a counting sort), months then in text order.
  const { codes, values } = textCodesOf(articles, 'month');
  const starts = new Int32Array(values.length + 1);
  const selected = selection.rows;
  for (let k = 0; k < selected.length; k++) if (codes[selected[k]!]! >= 0) starts[codes[selected[k]!]! + 1]!++;
  for (let m = 0; m < values.length; m++) starts[m + 1]! += starts[m]!;
  const rowsByMonth = new Int32Array(starts[values.length]!);
  const filled = starts.slice(0, values.length);
  for (let k = 0; k < selected.length; k++) if (codes[selected[k]!]! >= 0) rowsByMonth[filled[codes[selected[k]!]!]!++] = selected[k]!;
  const months = values.map((_, m) => m).filter((m) => starts[m + 1]! > starts[m]!).sort((x, y) => (values[x]! < values[y]! ? -1 : 1));
  return months.map((m) => {
    const rows = rowsByMonth.subarray(starts[m]!, starts[m + 1]!);
    return { group: selection.label, month: values[m]!, count: rows.length, median: medianSorted(pick(c.cohortIndex, rows).filter(Number.isFinite).sort()) };
  }).filter((row) => row.median > 0);
}

/**
 * Adds one comparison (sentence, table, distribution and monthly charts) to a notebook.
 * Bootstrap resamples: at least 1,000 (`input.options.resamples` when larger).
 * @throws UnknownGroupError when a name matches no tag, author or category (with the closest names)
 * @returns the comparison, for sentences of your own
 * @example addComparison(nb, input, { kind: 'tag', a: '小红书', b: '抖音' })
 */
export function addComparison(nb: Notebook, input: NotebookInput, pair: ComparePair): Comparison {
  const { articles, context } = input;
  const a = selectGroup(articles, pair.kind, pair.a);
  const b = selectGroup(articles, pair.kind, pair.b);
  const result = compareGroups(articles, a, b, { resamples: Math.max(1000, input.options.resamples) });
  const c = articleColumns(articles);
  const name = `${pair.kind}-${a.label}-vs-${b.label}`;
  nb.markdown(`## ${md(a.label)} vs ${md(b.label)} (${PLURAL[pair.kind]})

**${md(result.sentence)}**

${result.enough ? `On raw views the medians are ${count(result.views.medianA)} and ${count(result.views.medianB)}; the chance that a random article of ${md(a.label)} out-views one of ${md(b.label)} for its age is ${percent(result.cohortIndex.superiority)} (Cliff's delta ${result.cohortIndex.cliffsDelta?.toFixed(2) ?? 'n/a'}). Collect rates: ${percent(result.a.collectRate)} vs ${percent(result.b.collectRate)}.` : ''}${result.overlap ? ` ${count(result.overlap)} articles are in both groups and count in each.` : ''}`);
  nb.table(name, comparisonTable(result), { columns: ['measure', 'countA', 'countB', 'medianA', 'medianALow', 'medianAHigh', 'medianB', 'medianBLow', 'medianBHigh', 'ratio', 'ratioLow', 'ratioHigh', 'p', 'cliffsDelta'] });
  const groups = [a, b].map((s) => ({ label: s.label, values: s.rows.map((row) => valueOrNull(c.cohortIndex[row]!) ?? 0) }));
  nb.chart(`${name}-distribution`, comparisonDistributionChart(groups, 'cohort index', context));
  nb.chart(`${name}-monthly`, comparisonMonthlyChart([...monthlyMedians(articles, a), ...monthlyMedians(articles, b)], 'cohort index', context));
  return result;
}

/** Several groups of one kind to compare at once, by name. */
export interface CompareGroups {
  kind: GroupKind;
  names: readonly string[];
}

/**
 * Adds a comparison of several groups (sentence, forest chart, the groups' table and every pair
 * with BH-corrected p-values) to a notebook. Resamples as in addComparison.
 * @throws UnknownGroupError when a name matches no group of its kind
 * @example addManyComparison(nb, input, { kind: 'tag', names: ['AI', '运营', '产品经理'] })
 */
export function addManyComparison(nb: Notebook, input: NotebookInput, request: CompareGroups): ManyComparison {
  const { articles, context } = input;
  const selections = request.names.map((name) => selectGroup(articles, request.kind, name));
  const result = compareMany(articles, selections, { resamples: Math.max(1000, input.options.resamples) });
  nb.markdown(`## ${selections.map((s) => md(s.label)).join(', ')} (${PLURAL[request.kind]})

**${md(result.sentence)}**

Each group's median cohort index with its 95% bootstrap interval; every pair compared with a Mann–Whitney test, the p-values corrected for the number of pairs (Benjamini–Hochberg q). Articles in several groups count in each.`);
  nb.chart(`${request.kind}-groups-forest`, forestChart(result.groups, context));
  nb.table(`${request.kind}-groups`, result.groups);
  nb.table(`${request.kind}-pairs`, result.pairs);
  return result;
}

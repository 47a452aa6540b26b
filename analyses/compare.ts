/**
 * Compare: two tags, two authors, two categories, head to head, for their age. Without explicit
 * pairs it compares the two most used topic tags, the two most prolific authors and the two
 * largest categories. Run alone:
 *   npx tsx analyses/compare.ts PATH... [--tag A --tag B | --author A --author B | --category A --category B] [--out DIR]
 */
import type { ColumnTable } from 'arquero';
import { compareGroups, comparisonTable } from '../src/analyze/compare.ts';
import { articleColumns, groupRows, valueOrNull } from '../src/analyze/columns.ts';
import { authorKey } from '../src/analyze/engagement.ts';
import { type GroupKind, selectGroup, type Selection } from '../src/analyze/select.ts';
import { topTopicTags } from '../src/analyze/trends.ts';
import { comparisonDistributionChart, comparisonMonthlyChart, type MonthlyMedian } from '../src/charts/compare-charts.ts';
import { addCompareFlags, comparePair } from '../src/cli/compare-flags.ts';
import type { ReportInput } from '../src/report/input.ts';
import { createNotebook, type Notebook } from '../src/report/notebook.ts';
import { isMainModule, runNotebookScript } from '../src/report/run-script.ts';
import { count, md, percent } from '../src/report/text.ts';
import { medianSorted } from '../src/stats/quantiles.ts';

export interface ComparePair {
  kind: GroupKind;
  a: string;
  b: string;
}

const PLURAL: Record<GroupKind, string> = { tag: 'tags', author: 'authors', category: 'categories' };

/** The pairs compared when the user names none. */
export function defaultPairs(articles: ColumnTable): ComparePair[] {
  const c = articleColumns(articles);
  const largest = (keyOf: (row: number) => string | null) =>
    [...groupRows(c.n, keyOf)].sort((x, y) => y[1].length - x[1].length || (x[0] < y[0] ? -1 : 1)).slice(0, 2).map(([key]) => key);
  const pairs: ComparePair[] = [];
  const tags = topTopicTags(articles, 2);
  if (tags.length === 2) pairs.push({ kind: 'tag', a: tags[0]!, b: tags[1]! });
  const authors = largest((row) => authorKey(valueOrNull(c.authorId[row]!), c.author[row] ?? null));
  if (authors.length === 2) pairs.push({ kind: 'author', a: authors[0]!, b: authors[1]! });
  const categories = largest((row) => c.category[row]!);
  if (categories.length === 2) pairs.push({ kind: 'category', a: categories[0]!, b: categories[1]! });
  return pairs;
}

function monthlyMedians(articles: ColumnTable, selection: Selection): MonthlyMedian[] {
  const c = articleColumns(articles);
  const byMonth = groupRows(selection.rows.length, (i) => c.month[selection.rows[i]!]!);
  return [...byMonth].sort((x, y) => (x[0] < y[0] ? -1 : 1)).map(([month, indices]) => ({
    group: selection.label, month, count: indices.length,
    median: medianSorted(Float64Array.from(indices, (i) => c.cohortIndex[selection.rows[i]!] ?? NaN).filter(Number.isFinite).sort()),
  })).filter((row) => row.median > 0);
}

/** Adds one comparison (sentence, table, charts) to a notebook. */
export function addComparison(nb: Notebook, input: ReportInput, pair: ComparePair): void {
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
}

/** Builds the compare notebook. */
export function buildCompare(input: ReportInput): Notebook {
  const nb = createNotebook('Compare');
  const pairs = input.options.compare ?? defaultPairs(input.articles);
  nb.markdown(`# Compare

Head-to-head comparisons, for the articles' age: each article's views are divided by the median views of its publish month (the cohort index) before groups are compared. Intervals are 95% bootstrap intervals (seeded, reproducible); p-values come from the Mann–Whitney U test.${input.options.compare ? '' : ' With no pairs named, this compares the two most used topic tags, the two most prolific authors and the two largest categories.'}`);
  for (const pair of pairs) addComparison(nb, input, pair);
  return nb;
}

if (isMainModule(import.meta.url, 'compare')) {
  await runNotebookScript('compare', buildCompare, {
    configure: addCompareFlags,
    options: (flags) => {
      const pair = comparePair(flags);
      return pair ? { compare: [pair] } : {};
    },
  });
}

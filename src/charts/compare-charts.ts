/**
 * Comparison charts: the distribution of each group on a log scale (box summary, computed here
 * so any group size gives a small file), and monthly medians per group.
 */
import type { TopLevelSpec } from 'vega-lite';
import { medianInPlace, quantilesInPlace } from '../stats/quantiles.ts';
import type { ColumnTable } from 'arquero';
import { type ChartContext, coverage, rowsOf } from './context.ts';
import { intervalChart } from './interval-chart.ts';
import { chartConfig, PALETTE } from './theme.ts';

/** One group of a distribution chart: its label and its values. */
export interface GroupValues {
  label: string;
  values: readonly number[];
}

/**
 * Box summaries (5th, 25th, 50th, 75th, 95th percentiles) of each group on a log axis.
 * @example comparisonDistributionChart([{ label: 'AI', values: [1.2, 0.8] }, { label: '运营', values: [0.9] }], 'cohort index', context)
 */
export function comparisonDistributionChart(groups: readonly GroupValues[], measure: string, context: ChartContext): TopLevelSpec {
  const rows = groups.map((group) => {
    // Order statistics by selection, not a sort: a comparison's group may hold most of a million articles.
    const all = group.values;
    let n = 0;
    const room = new Float64Array(all.length);
    for (let i = 0; i < all.length; i++) if (all[i]! > 0) room[n++] = all[i]!;
    const positive = room.subarray(0, n);
    const [p5, q1, q3, p95] = quantilesInPlace(positive, [0.05, 0.25, 0.75, 0.95]);
    return { group: `${group.label} (${group.values.length})`, p5, q1, median: medianInPlace(positive), q3, p95 };
  }).filter((row) => Number.isFinite(row.median));
  const y = { field: 'group', type: 'nominal' as const, title: null, sort: rows.map((r) => r.group), axis: { labelLimit: 180 } };
  const x = { type: 'quantitative' as const, scale: { type: 'log' as const }, title: `${measure} (log scale)` };
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    config: chartConfig(),
    title: { text: `${measure}: distribution per group`, subtitle: `box: middle half · line: 5th–95th percentile · tick: median · ${context.firstMonth} to ${context.lastMonth}` },
    data: { values: rows },
    width: 480, height: { step: 40 },
    encoding: { y, color: { field: 'group', type: 'nominal', legend: null, sort: rows.map((r) => r.group) } },
    layer: [
      { mark: { type: 'rule' }, encoding: { x: { ...x, field: 'p5' }, x2: { field: 'p95' } } },
      { mark: { type: 'bar', size: 20, opacity: 0.6 }, encoding: { x: { ...x, field: 'q1' }, x2: { field: 'q3' } } },
      { mark: { type: 'tick', size: 26, thickness: 3, color: '#222' }, encoding: { x: { ...x, field: 'median' } } },
    ],
  };
}

/** One group's median in one month, for `comparisonMonthlyChart`. */
export interface MonthlyMedian {
  group: string;
  month: string;
  median: number;
  count: number;
}

/**
 * Monthly median of a measure per group (lines).
 * @example comparisonMonthlyChart([{ group: 'AI', month: '2025-01', count: 12, median: 1.1 }], 'cohort index', context)
 */
export function comparisonMonthlyChart(rows: readonly MonthlyMedian[], measure: string, context: ChartContext): TopLevelSpec {
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    config: chartConfig(),
    title: { text: `Monthly median ${measure} per group`, subtitle: `${context.firstMonth} to ${context.lastMonth} · months with at least one article` },
    data: { values: rows.map((row) => ({ ...row })) },
    width: 560, height: 240,
    mark: { type: 'line', point: { size: 16 }, interpolate: 'monotone' },
    encoding: {
      x: { field: 'month', type: 'temporal', timeUnit: 'utcyearmonth', title: null, axis: { format: '%Y-%m' } },
      y: { field: 'median', type: 'quantitative', scale: { type: 'log' }, title: `median ${measure} (log scale)` },
      // Groups keep the colours (and order) of the distribution chart.
      color: { field: 'group', type: 'nominal', title: null, scale: { domain: [...new Set(rows.map((r) => r.group))], range: PALETTE } },
    },
  };
}

/**
 * Forest chart of compareMany's groups: each group's median cohort index with its 95% interval,
 * highest first; groups too small for an interval drawn grey, as a point.
 * @example nb.chart('forest', forestChart(compareMany(articles, selections).groups, context))
 */
export function forestChart(groups: ColumnTable, context: ChartContext): TopLevelSpec {
  const rows = rowsOf(groups).filter((row) => row.cohortIndex !== null && (row.cohortIndex as number) > 0)
    .sort((a, b) => (b.cohortIndex as number) - (a.cohortIndex as number))
    .map((row) => ({ ...row, label: `${row.group} (${row.count})`, few: !row.enough }));
  return intervalChart(rows, {
    title: 'Views for their age by group (median cohort index, 95% interval)',
    subtitle: [coverage(context), 'label: group (articles) · grey: too few articles for an interval'],
    label: 'label', value: 'cohortIndex', low: 'cohortIndexLow', high: 'cohortIndexHigh', valueTitle: 'median cohort index (log scale)', flag: 'few',
  });
}

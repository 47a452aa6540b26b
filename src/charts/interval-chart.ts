/**
 * A ranked dot-and-interval chart: one row per group, the estimate as a dot and its 95% interval
 * as a line, a reference rule (1.0 = typical for the time). Tag and author leaderboards use it.
 */
import type { TopLevelSpec } from 'vega-lite';
import { chartConfig } from './theme.ts';

/** Options of `intervalChart`: which fields hold the label, the estimate and its interval. */
export interface IntervalChartOptions {
  title: string;
  /** One string per line. */
  subtitle: string[];
  /** Field naming the group (tag, author). */
  label: string;
  value: string;
  low: string;
  high: string;
  /** Axis title of the value. */
  valueTitle: string;
  /** Where the reference rule goes. @default 1 */
  reference?: number;
  /** Field flagging rows whose interval means little (drawn grey). */
  flag?: string;
}

/**
 * Rows must already be sorted and cut to the ones to show.
 * @example intervalChart(rows, { title: 'Tags', subtitle: [], label: 'tag', value: 'cohortIndex', low: 'cohortIndexLow', high: 'cohortIndexHigh', valueTitle: 'cohort index' })
 */
export function intervalChart(rows: Record<string, unknown>[], options: IntervalChartOptions): TopLevelSpec {
  const { label, value, low, high, reference = 1 } = options;
  const order = rows.map((row) => String(row[label]));
  const y = { field: label, type: 'nominal' as const, sort: order, title: null, axis: { labelLimit: 150 } };
  const colour = options.flag
    ? { condition: { test: `datum['${options.flag}']`, value: '#aaa' }, value: '#4e79a7' }
    : { value: '#4e79a7' };
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    config: chartConfig(),
    title: { text: options.title, subtitle: options.subtitle },
    width: 480,
    height: { step: 18 },
    layer: [
      { data: { values: rows }, mark: { type: 'rule', strokeWidth: 2 }, encoding: { y, x: { field: low, type: 'quantitative', scale: { type: 'log' }, title: options.valueTitle }, x2: { field: high }, color: colour } },
      { data: { values: rows }, mark: { type: 'circle', size: 50, opacity: 1 }, encoding: { y, x: { field: value, type: 'quantitative' }, color: colour } },
      { data: { values: [{ reference }] }, mark: { type: 'rule', color: '#e15759', strokeDash: [4, 3] }, encoding: { x: { field: 'reference', type: 'quantitative' } } },
    ],
  };
}

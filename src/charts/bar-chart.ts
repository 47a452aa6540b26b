/**
 * A horizontal bar chart of any table: one bar per row, labelled, longest first. The chart a
 * notebook of your own reaches for first (a leaderboard, counts per group).
 */
import type { ColumnTable } from 'arquero';
import type { TopLevelSpec } from 'vega-lite';
import { rowsOf } from './context.ts';
import { chartConfig } from './theme.ts';

/** Options of `barChart`: which columns make the bars, titles, how many bars. */
export interface BarChartOptions {
  /** Column naming each bar (a tag, an author, a category). */
  label: string;
  /** Numeric column giving each bar's length. */
  value: string;
  /** Chart title. @default `${value} by ${label}` */
  title?: string;
  /** Lines under the title. @default none */
  subtitle?: string | string[];
  /** Axis title of the value. @default the value column's name */
  valueTitle?: string;
  /** Most bars shown (the table's first rows after sorting). @default 25 */
  top?: number;
  /** Sort bars by value, longest first; false keeps the table's order. @default true */
  sort?: boolean;
  /** Width of the plot in pixels. @default 480 */
  width?: number;
}

/**
 * Horizontal bars, one per row of `table`: `label` names it, `value` sets its length. Rows whose
 * value is not a finite number are left out.
 * @example nb.chart('top-tags', barChart(board, { label: 'tag', value: 'medianViews', title: 'Median views by tag' }))
 */
export function barChart(table: ColumnTable | readonly Record<string, unknown>[], options: BarChartOptions): TopLevelSpec {
  const { label, value, top = 25, sort = true, width = 480 } = options;
  let rows = rowsOf(table).filter((row) => typeof row[value] === 'number' && Number.isFinite(row[value]));
  if (sort) rows = [...rows].sort((a, b) => (b[value] as number) - (a[value] as number));
  rows = rows.slice(0, top).map((row) => ({ [label]: row[label] === null || row[label] === undefined ? '' : String(row[label]), [value]: row[value] }));
  const subtitle = options.subtitle === undefined ? undefined : Array.isArray(options.subtitle) ? options.subtitle : [options.subtitle];
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    config: chartConfig(),
    title: { text: options.title ?? `${value} by ${label}`, ...(subtitle ? { subtitle } : {}) },
    width,
    height: { step: 18 },
    data: { values: rows },
    mark: { type: 'bar', color: '#4e79a7' },
    encoding: {
      y: { field: label, type: 'nominal', sort: rows.map((row) => row[label] as string), title: null, axis: { labelLimit: 150 } },
      x: { field: value, type: 'quantitative', title: options.valueTitle ?? value },
      tooltip: [{ field: label, type: 'nominal' }, { field: value, type: 'quantitative', format: ',.4~r' }],
    },
  } as TopLevelSpec;
}

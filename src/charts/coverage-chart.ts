/**
 * The coverage heatmap: articles per category per month, so a reader sees at a glance when a
 * category starts, stops or jumps in the archive.
 */
import type { ColumnTable } from 'arquero';
import type { TopLevelSpec } from 'vega-lite';
import { type ChartContext, coverage, rowsOf } from './context.ts';
import { chartConfig } from './theme.ts';

/**
 * Heatmap of categoryCoverage: months across, categories down, colour by articles (blank: none).
 * @example nb.chart('coverage', coverageHeatmap(categoryCoverage(articles), context))
 */
export function coverageHeatmap(coverageTable: ColumnTable, context: ChartContext): TopLevelSpec {
  const all = rowsOf(coverageTable);
  const months = [...new Set(all.map((row) => String(row.month)))];
  const rows = all.filter((row) => (row.count as number) > 0);
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    config: chartConfig(),
    title: { text: 'Coverage: articles per category per month', subtitle: [coverage(context), 'blank: no article that month'] },
    data: { values: rows },
    width: { step: 8 }, height: { step: 16 },
    mark: 'rect',
    encoding: {
      x: { field: 'month', type: 'ordinal', title: null, scale: { domain: months }, axis: { labelExpr: "slice(datum.value, 5) == '01' ? slice(datum.value, 0, 4) : ''", labelAngle: 0 } },
      y: { field: 'category', type: 'nominal', title: null, axis: { labelLimit: 120 } },
      color: { field: 'count', type: 'quantitative', scale: { type: 'sqrt', scheme: 'blues' }, title: 'articles' },
      tooltip: [{ field: 'month' }, { field: 'category' }, { field: 'count', title: 'articles' }],
    },
  };
}

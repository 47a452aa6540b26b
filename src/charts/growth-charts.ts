/**
 * Growth charts: the decay curve, median views gained per day by age in weeks.
 */
import type { ColumnTable } from 'arquero';
import type { TopLevelSpec } from 'vega-lite';
import { rowsOf } from './context.ts';
import { chartConfig } from './theme.ts';

/**
 * Median views gained per day by the article's age in weeks, one line per series (all articles,
 * then some tags): new articles gain fast and fade; a flat tail is an evergreen.
 * @example nb.chart('decay', decayChart(decayByAge(growth.articles, ['AI'])))
 */
export function decayChart(decay: ColumnTable, subtitle = ''): TopLevelSpec {
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    config: chartConfig(),
    title: { text: 'Views gained per day by age in weeks (median per article)', ...(subtitle ? { subtitle } : {}) },
    width: 560, height: 260,
    data: { values: rowsOf(decay) },
    mark: { type: 'line', point: { size: 14 } },
    encoding: {
      x: { field: 'ageWeeks', type: 'quantitative', title: 'age at the last snapshot (weeks)' },
      y: { field: 'medianGainPerDay', type: 'quantitative', title: 'median views gained per day', scale: { type: 'symlog' } },
      color: { field: 'series', type: 'nominal', title: null },
    },
  } as TopLevelSpec;
}

/**
 * Tag charts: the leaderboard with intervals, tag shares over time, rising and fading topics,
 * co-occurrence.
 */
import type { ColumnTable } from 'arquero';
import type { TopLevelSpec } from 'vega-lite';
import { type ChartContext, coverage, rowsOf } from './context.ts';
import { intervalChart } from './interval-chart.ts';
import { chartConfig } from './theme.ts';

/**
 * Tag leaderboard in its order: the shrunk cohort index with its 95% interval, best first.
 * @param top tags shown @default 25
 * @example nb.chart('tags', tagLeaderboardChart(tagLeaderboard(articles), context))
 */
export function tagLeaderboardChart(tags: ColumnTable, context: ChartContext, top = 25): TopLevelSpec {
  const rows = rowsOf(tags).filter((row) => row.cohortIndexShrunkLow !== null).slice(0, top);
  return intervalChart(rows, {
    title: `Top ${rows.length} tags by views for their age (cohort index shrunk for group size, 95% interval)`,
    subtitle: [coverage(context), '1.0 = typical for the month published · grey: fewer than 30 articles'],
    label: 'tag', value: 'cohortIndexShrunk', low: 'cohortIndexShrunkLow', high: 'cohortIndexShrunkHigh', valueTitle: 'typical cohort index, shrunk (log scale)', flag: 'smallSample',
  });
}

/**
 * Heatmap: each tag's share of a period's articles (tag × period).
 * @example nb.chart('shares', tagShareHeatmap(tagShareByPeriod(articles), context))
 */
export function tagShareHeatmap(shares: ColumnTable, context: ChartContext): TopLevelSpec {
  const rows = rowsOf(shares);
  const tags: string[] = [];
  for (const row of rows) if (!tags.includes(String(row.tag))) tags.push(String(row.tag));
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    config: chartConfig(),
    title: { text: 'Share of articles carrying each top tag, by period', subtitle: coverage(context) },
    data: { values: rows },
    width: { step: 14 }, height: { step: 18 },
    mark: 'rect',
    encoding: {
      x: { field: 'period', type: 'ordinal', title: null, axis: { labelAngle: -90 } },
      y: { field: 'tag', type: 'nominal', sort: tags, title: null },
      color: { field: 'share', type: 'quantitative', scale: { scheme: 'blues' }, title: 'share', legend: { format: '.0%' } },
    },
  };
}

/**
 * Rising and fading topics: the within-category odds ratio of carrying the tag (recent / before)
 * with its 95% interval, log scale.
 * @param top tags shown in each direction @default 12
 * @example nb.chart('rising', risingChart(risingTopics(articles), context, risingWindows(articles)))
 */
export function risingChart(rising: ColumnTable, context: ChartContext, windows: { recent: [string, string]; baseline: [string, string] }, top = 12): TopLevelSpec {
  const all = rowsOf(rising).filter((row) => row.oddsRatio !== null);
  const picked = [...all.slice(0, top), ...all.slice(Math.max(top, all.length - top))];
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    config: chartConfig(),
    title: {
      text: 'Rising and fading topics (odds of carrying the tag within categories, recent vs before)',
      subtitle: [`${windows.recent[0]}–${windows.recent[1]} vs ${windows.baseline[0]}–${windows.baseline[1]} · 95% intervals · colour: BH-corrected verdict`, coverage(context)],
    },
    data: { values: picked },
    width: 480, height: { step: 18 },
    encoding: {
      y: { field: 'tag', type: 'nominal', sort: picked.map((r) => String(r.tag)), title: null, axis: { labelLimit: 150 } },
      color: { field: 'direction', type: 'nominal', scale: { domain: ['rising', 'steady', 'fading'], range: ['#59a14f', '#aaa', '#e15759'] }, title: null },
    },
    layer: [
      { mark: { type: 'rule', strokeWidth: 2 }, encoding: { x: { field: 'oddsRatioLow', type: 'quantitative', scale: { type: 'log' }, title: 'odds ratio within categories, recent / before (log scale)' }, x2: { field: 'oddsRatioHigh' } } },
      { mark: { type: 'circle', size: 50, opacity: 1 }, encoding: { x: { field: 'oddsRatio', type: 'quantitative' } } },
    ],
  };
}

/**
 * Heatmap of lift between the top tags (both halves drawn, diagonal empty). Pairs that share
 * fewer than `minPair` articles are left blank: a lift from one or two articles is noise.
 * @param minPair least shared articles for a cell to be drawn @default 3
 * @example nb.chart('pairs', cooccurrenceHeatmap(tagCooccurrence(articles, { top: 20 }), context))
 */
export function cooccurrenceHeatmap(pairs: ColumnTable, context: ChartContext, minPair = 3): TopLevelSpec {
  const rows = rowsOf(pairs).filter((row) => (row.count as number) >= minPair);
  const mirrored = rows.flatMap((row) => [row, { ...row, tagA: row.tagB, tagB: row.tagA }]);
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    config: chartConfig(),
    title: { text: 'Which top tags appear together', subtitle: [`lift: above 1, together more often than chance · blank: fewer than ${minPair} shared articles`, coverage(context)] },
    data: { values: mirrored },
    width: { step: 18 }, height: { step: 18 },
    mark: 'rect',
    encoding: {
      x: { field: 'tagA', type: 'nominal', title: null, axis: { labelAngle: -60, labelLimit: 100 } },
      y: { field: 'tagB', type: 'nominal', title: null, axis: { labelLimit: 100 } },
      color: { field: 'lift', type: 'quantitative', scale: { type: 'log', scheme: 'blueorange', domainMid: 1 }, title: 'lift' },
      tooltip: [{ field: 'tagA' }, { field: 'tagB' }, { field: 'count' }, { field: 'lift', format: '.2f' }],
    },
  };
}

/**
 * Author charts: the leaderboard with intervals, and output against views for their age.
 */
import type { ColumnTable } from 'arquero';
import type { TopLevelSpec } from 'vega-lite';
import { type ChartContext, coverage, rowsOf } from './context.ts';
import { intervalChart } from './interval-chart.ts';
import { chartConfig } from './theme.ts';

/** Author leaderboard: median cohort index with its 95% interval. */
export function authorLeaderboardChart(authors: ColumnTable, context: ChartContext, top = 25): TopLevelSpec {
  const rows = rowsOf(authors).filter((row) => row.cohortIndexLow !== null).slice(0, top)
    .map((row) => ({ ...row, label: `${row.author} (${row.count})` }));
  return intervalChart(rows, {
    title: `Top ${rows.length} authors by views for their age (median cohort index, 95% interval)`,
    subtitle: [coverage(context), 'label: author (articles) · grey: fewer than 30 articles'],
    label: 'label', value: 'cohortIndex', low: 'cohortIndexLow', high: 'cohortIndexHigh', valueTitle: 'median cohort index (log scale)', flag: 'smallSample',
  });
}

/**
 * Output (articles) against median cohort index, one dot per author; the busiest are labelled.
 * At most `maxAuthors` dots (the most prolific), so the file stays small for any archive.
 */
export function authorOutputChart(authors: ColumnTable, context: ChartContext, labelled = 8, maxAuthors = 1000): TopLevelSpec {
  const all = rowsOf(authors).filter((row) => row.cohortIndex !== null && (row.cohortIndex as number) > 0);
  const rows = all.length > maxAuthors
    ? [...all].sort((a, b) => (b.count as number) - (a.count as number) || String(a.author).localeCompare(String(b.author))).slice(0, maxAuthors)
    : all;
  const busiest = new Set([...rows].sort((a, b) => (b.count as number) - (a.count as number)).slice(0, labelled).map((r) => r.author));
  const values = rows.map((row) => ({ ...row, label: busiest.has(row.author) ? row.author : '' }));
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    config: chartConfig(),
    title: { text: 'Do prolific authors get more views for their age?', subtitle: `${coverage(context)} · one dot per author${rows.length < all.length ? ` (the ${rows.length} most prolific of ${all.length})` : ''} · size: total views` },
    data: { values },
    width: 520, height: 340,
    encoding: {
      x: { field: 'count', type: 'quantitative', scale: { type: 'log' }, title: 'articles (log scale)' },
      y: { field: 'cohortIndex', type: 'quantitative', scale: { type: 'log' }, title: 'median cohort index (log scale)' },
    },
    layer: [
      { mark: { type: 'circle', opacity: 0.5, color: '#4e79a7', aria: false }, encoding: { size: { field: 'totalViews', type: 'quantitative', title: 'total views', legend: null } } },
      { transform: [{ filter: "datum.label !== ''" }], mark: { type: 'text', align: 'left', dx: 6, fontSize: 10, limit: 120 }, encoding: { text: { field: 'label' } } },
    ],
  };
}

/**
 * Author charts: the leaderboard with intervals, and output against views for their age.
 */
import type { ColumnTable } from 'arquero';
import type { TopLevelSpec } from 'vega-lite';
import { type ChartContext, chartValue, coverage, rowsAt } from './context.ts';
import { intervalChart } from './interval-chart.ts';
import { textWidthEm } from './text-metrics.ts';
import { chartConfig } from './theme.ts';
import { columnValues } from '../analyze/columns.ts';

/**
 * Author leaderboard in its order: the shrunk cohort index with its 95% interval.
 * @param top authors shown @default 25
 * @example nb.chart('authors', authorLeaderboardChart(authorLeaderboard(articles), context))
 */
export function authorLeaderboardChart(authors: ColumnTable, context: ChartContext, top = 25): TopLevelSpec {
  const low = columnValues(authors, 'cohortIndexShrunkLow');
  const shown: number[] = [];
  for (let row = 0; row < low.length && shown.length < top; row++) if (chartValue(low[row]) !== null) shown.push(row);
  const rows = rowsAt(authors, shown).map((row) => ({ ...row, label: `${row.author} (${row.count})` }));
  return intervalChart(rows, {
    title: `Top ${rows.length} authors by views for their age (cohort index shrunk for group size, 95% interval)`,
    subtitle: [coverage(context), 'label: author (articles) · grey: fewer than 30 articles'],
    label: 'label', value: 'cohortIndexShrunk', low: 'cohortIndexShrunkLow', high: 'cohortIndexShrunkHigh', valueTitle: 'typical cohort index, shrunk (log scale)', flag: 'smallSample',
  });
}

const OUTPUT_WIDTH = 520;
const OUTPUT_HEIGHT = 340;

/**
 * Which authors to name on the output chart: the busiest first, skipping any whose label would
 * overlap one already placed (positions estimated on the chart's log scales).
 */
function labelsThatFit(rows: readonly Record<string, unknown>[], wanted: number): Set<unknown> {
  const counts = rows.map((r) => Math.log10(r.count as number));
  const indices = rows.map((r) => Math.log10(r.cohortIndex as number));
  // The chart's log scales are "nice": they run from decade to decade around the data.
  const span = (values: number[]) => {
    let low = Infinity;
    let high = -Infinity;
    for (const v of values) {
      if (v < low) low = v;
      if (v > high) high = v;
    }
    return [Math.floor(low), Math.max(Math.ceil(high), Math.floor(low) + 1)] as const;
  };
  const [x0, x1] = span(counts);
  const [y0, y1] = span(indices);
  const boxes: { left: number; right: number; top: number; bottom: number }[] = [];
  const chosen = new Set<unknown>();
  const order = rows.map((_, i) => i).sort((a, b) => (rows[b]!.count as number) - (rows[a]!.count as number));
  for (const i of order) {
    if (chosen.size >= wanted) break;
    const x = ((counts[i]! - x0) / (x1 - x0 || 1)) * OUTPUT_WIDTH + 6;
    const y = OUTPUT_HEIGHT - ((indices[i]! - y0) / (y1 - y0 || 1)) * OUTPUT_HEIGHT;
    const box = { left: x, right: x + textWidthEm(String(rows[i]!.author)) * 10, top: y - 7, bottom: y + 7 };
    if (boxes.some((b) => box.left < b.right && box.right > b.left && box.top < b.bottom && box.bottom > b.top)) continue;
    boxes.push(box);
    chosen.add(rows[i]!.author);
  }
  return chosen;
}

/**
 * Output (articles) against median cohort index, one dot per author; the busiest are named where
 * their labels fit. At most `maxAuthors` dots (the most prolific), so the file stays small.
 * @param labelled authors named on the chart @default 8
 * @param maxAuthors most authors drawn @default 1000
 * @example nb.chart('output', authorOutputChart(authorLeaderboard(articles, { minCount: 1 }), context))
 */
export function authorOutputChart(authors: ColumnTable, context: ChartContext, labelled = 8, maxAuthors = 1000): TopLevelSpec {
  const cohort = columnValues(authors, 'cohortIndex');
  const count = columnValues(authors, 'count') as ArrayLike<number>;
  const author = columnValues(authors, 'author');
  const all: number[] = [];
  for (let row = 0; row < cohort.length; row++) if (chartValue(cohort[row]) !== null && (cohort[row] as number) > 0) all.push(row);
  const rows = rowsAt(authors, all.length > maxAuthors
    ? [...all].sort((a, b) => count[b]! - count[a]! || String(author[a]).localeCompare(String(author[b]))).slice(0, maxAuthors)
    : all);
  const named = rows.length ? labelsThatFit(rows, labelled) : new Set();
  const values = rows.map((row) => ({ ...row, label: named.has(row.author) ? row.author : '' }));
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    config: chartConfig(),
    title: { text: 'Do prolific authors get more views for their age?', subtitle: `${coverage(context)} · one dot per author${rows.length < all.length ? ` (the ${rows.length} most prolific of ${all.length})` : ''} · size: total views` },
    data: { values },
    width: OUTPUT_WIDTH, height: OUTPUT_HEIGHT,
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

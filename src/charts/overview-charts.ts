/**
 * Charts of the whole archive: monthly volume and median views, the views distribution,
 * categories, views against collects, weekdays.
 */
import type { ColumnTable } from 'arquero';
import type { TopLevelSpec } from 'vega-lite';
import { type ChartContext, coverage, rowsOf } from './context.ts';
import { categoryScale, chartConfig, countAxis } from './theme.ts';
import { medianOf } from '../stats/quantiles.ts';

const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

/** Largest value (at least 1), without spreading a large array into arguments. */
function maxOf(values: ArrayLike<number>): number {
  let max = 1;
  for (let i = 0; i < values.length; i++) if (values[i]! > max) max = values[i]!;
  return max;
}

/** Tick values 1, 3, 10, 30, … up to max: readable log axes without crowded labels. */
export function decades(max: number): number[] {
  const ticks: number[] = [];
  for (let p = 1; p <= max * 3; p *= 10) {
    ticks.push(p);
    if (p * 3 <= max * 3) ticks.push(p * 3);
  }
  return ticks;
}

/**
 * Articles per month (bars) and their median views (line), on two axes; `trend` is by month.
 * @example nb.chart('volume', monthlyVolumeChart(trendByPeriod(articles, { by: 'month' }), context))
 */
export function monthlyVolumeChart(trend: ColumnTable, context: ChartContext): TopLevelSpec {
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    config: chartConfig(),
    title: { text: 'Articles per month and their median views', subtitle: coverage(context) },
    width: 640, height: 260,
    data: { values: rowsOf(trend.select('month', 'count', 'medianViews')) },
    encoding: { x: { field: 'month', type: 'temporal', timeUnit: 'utcyearmonth', title: null, axis: { format: '%Y-%m', labelAngle: 0 } } },
    layer: [
      { mark: { type: 'bar', color: '#a0cbe8' }, encoding: { y: { field: 'count', type: 'quantitative', title: 'articles' } } },
      { mark: { type: 'line', color: '#e15759', strokeWidth: 2, point: { size: 12 } }, encoding: { y: { field: 'medianViews', type: 'quantitative', title: 'median views', axis: { ...countAxis(context.locale), titleColor: '#e15759' } } } },
    ],
    resolve: { scale: { y: 'independent' } },
  };
}

/**
 * Histogram of views on a log scale (bins are counted before the chart, so the file stays small).
 * @example nb.chart('views', viewsDistributionChart(articles.array('views'), context))
 */
export function viewsDistributionChart(views: ArrayLike<number>, context: ChartContext): TopLevelSpec {
  const step = 0.1; // bins a tenth of a decade wide
  // Bins up to 10^40 views counted in an array (a Map per article took 0.15 s a million), any other in a Map.
  const dense = new Float64Array(400);
  const counts = new Map<number, number>();
  for (let i = 0; i < views.length; i++) {
    const bin = Math.floor(Math.log10(Math.max(views[i]!, 1)) / step);
    if (bin >= 0 && bin < dense.length) dense[bin]!++;
    else counts.set(bin, (counts.get(bin) ?? 0) + 1);
  }
  dense.forEach((count, bin) => { if (count) counts.set(bin, count); });
  const values = [...counts].sort((a, b) => a[0] - b[0]).map(([bin, count]) => ({
    from: Math.pow(10, bin * step), to: Math.pow(10, (bin + 1) * step), count,
  }));
  const median = medianOf(views) ?? 0;
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    config: chartConfig(),
    title: { text: 'How many views articles get (log scale)', subtitle: `${coverage(context)} · red line: median` },
    width: 640, height: 240,
    layer: [
      {
        data: { values },
        mark: { type: 'rect', color: '#4e79a7' },
        encoding: {
          x: { field: 'from', type: 'quantitative', scale: { type: 'log' }, title: 'views', axis: { ...countAxis(context.locale), values: decades(maxOf(views)) } },
          x2: { field: 'to' },
          y: { field: 'count', type: 'quantitative', title: 'articles' },
        },
      },
      { data: { values: [{ median }] }, mark: { type: 'rule', color: '#e15759', strokeWidth: 2 }, encoding: { x: { field: 'median', type: 'quantitative' } } },
    ],
  };
}

/**
 * Articles and median views per category, categories sorted by median views.
 * @example nb.chart('categories', categoriesChart(engagementSummary(articles, { by: 'category' }), context))
 */
export function categoriesChart(byCategory: ColumnTable, context: ChartContext): TopLevelSpec {
  const colour = { field: 'group', type: 'nominal' as const, scale: categoryScale(context.categories), legend: null };
  const y = { field: 'group', type: 'nominal' as const, sort: { field: 'medianViews', order: 'descending' as const }, title: null };
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    config: chartConfig(),
    title: { text: 'Categories: volume and median views', subtitle: coverage(context) },
    data: { values: rowsOf(byCategory.select('group', 'count', 'medianViews')) },
    hconcat: [
      { width: 260, mark: 'bar', encoding: { y, x: { field: 'count', type: 'quantitative', title: 'articles' }, color: colour } },
      { width: 260, mark: 'bar', encoding: { y: { ...y, axis: null }, x: { field: 'medianViews', type: 'quantitative', title: 'median views', axis: countAxis(context.locale) }, color: colour } },
    ],
  };
}

/**
 * Views against collects, log–log. Above `maxPoints` articles it switches to a binned density
 * (counted here), so the SVG stays small whatever the archive's size.
 * @param maxPoints most articles drawn (a fixed sample beyond) @default 5000
 * @example viewsCollectsChart(articles.array('views'), articles.array('collects'), articles.array('category'), context)
 */
export function viewsCollectsChart(views: ArrayLike<number>, collects: ArrayLike<number>, categories: ArrayLike<string>, context: ChartContext, maxPoints = 5000): TopLevelSpec {
  const base = {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json' as const,
    config: chartConfig(),
    width: 520, height: 380,
  };
  const x = { type: 'quantitative' as const, scale: { type: 'log' as const }, title: 'views', axis: { ...countAxis(context.locale), values: decades(maxOf(views)) } };
  const y = { type: 'quantitative' as const, scale: { type: 'log' as const }, title: 'collects + 1', axis: { values: decades(maxOf(collects) + 1) } };
  if (views.length <= maxPoints) {
    const values = Array.from({ length: views.length }, (_, i) => ({ views: Math.max(views[i]!, 1), collects1: collects[i]! + 1, category: categories[i]! }));
    return {
      ...base,
      title: { text: 'Views against collects (log–log)', subtitle: coverage(context) },
      data: { values },
      // No ARIA label per dot: it tripled the file size.
      mark: { type: 'circle', opacity: 0.45, size: 16, aria: false }, // radius 2: the shortest path text
      encoding: {
        x: { ...x, field: 'views' },
        y: { ...y, field: 'collects1' },
        color: { field: 'category', type: 'nominal', scale: categoryScale(context.categories), title: 'category' },
      },
    };
  }
  const step = 0.1;
  // Cells keyed by a number (a finite bin is below 3,100 for any double): no string per article.
  const cells = new Map<number | string, { x: number; y: number; count: number }>();
  for (let i = 0; i < views.length; i++) {
    const bx = Math.floor(Math.log10(Math.max(views[i]!, 1)) / step);
    const by = Math.floor(Math.log10(collects[i]! + 1) / step);
    const key = Number.isFinite(bx) && Number.isFinite(by) ? bx * 2 ** 20 + by : `${bx},${by}`;
    let cell = cells.get(key);
    if (!cell) cells.set(key, (cell = { x: bx, y: by, count: 0 }));
    cell.count++;
  }
  const values = [...cells.values()].sort((a, b) => a.x - b.x || a.y - b.y).map((c) => ({
    x: 10 ** (c.x * step), x2: 10 ** ((c.x + 1) * step), y: 10 ** (c.y * step), y2: 10 ** ((c.y + 1) * step), count: c.count,
  }));
  return {
    ...base,
    title: { text: 'Views against collects (log–log, density)', subtitle: `${coverage(context)} · binned: too many articles for one dot each` },
    data: { values },
    mark: 'rect',
    encoding: {
      x: { ...x, field: 'x' }, x2: { field: 'x2' },
      y: { ...y, field: 'y' }, y2: { field: 'y2' },
      color: { field: 'count', type: 'quantitative', scale: { type: 'log', scheme: 'blues' }, title: 'articles' },
    },
  };
}

/**
 * Median views and articles by weekday of publication.
 * @example nb.chart('weekdays', weekdayChart(engagementSummary(articles, { by: 'weekday' }), context))
 */
export function weekdayChart(byWeekday: ColumnTable, context: ChartContext): TopLevelSpec {
  const values = rowsOf(byWeekday.select('group', 'count', 'medianViews')).map((row) => ({ ...row, day: WEEKDAYS[Number(row.group) - 1] }));
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    config: chartConfig(),
    title: { text: 'Median views by weekday published', subtitle: `${coverage(context)} · label: articles` },
    width: 420, height: 220,
    data: { values },
    encoding: { x: { field: 'day', type: 'ordinal', sort: WEEKDAYS, title: null, axis: { labelAngle: 0 } } },
    layer: [
      { mark: { type: 'bar', color: '#4e79a7' }, encoding: { y: { field: 'medianViews', type: 'quantitative', title: 'median views', axis: countAxis(context.locale) } } },
      { mark: { type: 'text', dy: -6, color: '#333' }, encoding: { y: { field: 'medianViews', type: 'quantitative' }, text: { field: 'count', type: 'quantitative' } } },
    ],
  };
}

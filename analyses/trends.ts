/**
 * Trends: volume and attention per month, quarter and year, tag shares over time, and the
 * topics rising or fading in the latest year.
 * Run alone: pulse run analyses/trends.ts PATH... [--out DIR]
 */
import { count, createNotebook, listing, md, monthlyVolumeChart, type Notebook, type NotebookInput, percent, risingChart, risingTopics, risingWindows, tagShareByPeriod, tagShareHeatmap, times, trendByPeriod } from '../src/index.ts';

interface RisingRow {
  tag: string; direction: string; recentCount: number; baselineCount: number; recentShare: number; baselineShare: number; ratio: number; q: number;
}

/** Builds the trends notebook. */
export default function trends(input: NotebookInput): Notebook {
  const { articles, context } = input;
  const nb = createNotebook('Trends');
  if (input.articles.numRows() === 0) return nb.markdown('# Trends\n\nNo articles to describe.');
  const monthly = trendByPeriod(articles, { by: 'month' });
  const quarterly = trendByPeriod(articles, { by: 'quarter' });
  const yearly = trendByPeriod(articles, { by: 'year' });
  const quarters = quarterly.objects() as { quarter: string; count: number; medianViews: number }[];
  const busiest = [...quarters].sort((a, b) => b.count - a.count)[0]!;

  nb.markdown(`# Trends

From ${context.firstMonth} to ${context.lastMonth}: the busiest quarter was ${md(busiest.quarter)} with ${count(busiest.count)} articles. Median views per period fall for recent periods partly because their articles have had less time to collect views; the median cohort index of a period is 1.0 by construction, so compare periods by volume and by tag share, not by raw views.`);
  nb.chart('monthly-volume', monthlyVolumeChart(monthly, context));
  nb.table('by-month', monthly, { columns: ['month', 'count', 'medianViews', 'meanViews', 'medianCollects', 'collectRate', 'cohortIndex'], limit: 24 });
  nb.table('by-quarter', quarterly, { limit: 40 });
  nb.table('by-year', yearly, { limit: 20 });

  const shares = tagShareByPeriod(articles, { by: 'quarter', top: 15 });
  nb.markdown(`## Tag shares over time

The 15 most used topic tags, as a share of each quarter's articles.`);
  nb.chart('tag-share', tagShareHeatmap(shares, context));

  const windows = risingWindows(articles);
  const rising = risingTopics(articles);
  const rows = rising.objects() as RisingRow[];
  const up = rows.filter((r) => r.direction === 'rising');
  const down = rows.filter((r) => r.direction === 'fading').reverse();
  const describe = (r: RisingRow) => `${md(r.tag)} (${percent(r.baselineShare)} → ${percent(r.recentShare)}, ${times(r.ratio)})`;
  nb.markdown(`## Rising and fading topics

Each tag's share of articles in ${windows.recent[0]}–${windows.recent[1]} against ${windows.baseline[0]}–${windows.baseline[1]}, for tags on at least 10 articles in the two years together (${count(rows.length)} tags tested). A tag is called rising or fading only when its p-value, corrected for testing that many tags (Benjamini–Hochberg), is below 0.05.

${up.length ? `Rising: ${listing(up.slice(0, 8).map(describe))}.` : 'No tag rose clearly.'} ${down.length ? `Fading: ${listing(down.slice(0, 8).map(describe))}.` : 'No tag faded clearly.'}`);
  if (rows.length) {
    nb.chart('rising-fading', risingChart(rising, context, windows));
    nb.table('rising-fading', rising, { limit: 30 });
  }
  return nb;
}

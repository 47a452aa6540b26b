/**
 * Trends: volume and attention per month, quarter and year, coverage by category, tag shares
 * over time, and the topics rising or fading in the latest year (judged within categories).
 * Run alone: pulse run analyses/trends.ts PATH... [--out DIR]
 */
import { categoryCoverage, count, coverageHeatmap, coverageShift, createNotebook, listing, md, monthlyVolumeChart, noArticlesNotebook, type Notebook, type NotebookInput, percent, risingChart, risingTopics, risingWindows, tagShareByPeriod, tagShareHeatmap, times, trendByPeriod } from '../src/index.ts';

interface RisingRow {
  tag: string; direction: string; recentCount: number; baselineCount: number; recentShare: number; baselineShare: number; oddsRatio: number | null; q: number | null;
}

/** Builds the trends notebook. */
export default function trends(input: NotebookInput): Notebook {
  if (input.articles.numRows() === 0) return noArticlesNotebook('Trends');
  const { articles, context } = input;
  const nb = createNotebook('Trends');
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
  const shift = coverageShift(articles);
  nb.markdown(`## Coverage

Articles per category per month as the archive holds them: a scrape is not a steady sample of what the site published. Between ${windows.baseline[0]}–${windows.baseline[1]} and ${windows.recent[0]}–${windows.recent[1]} the mix of categories moved by a total-variation distance of ${shift.distance.toFixed(2)} (0 = the same mix, 1 = no category in common).${shift.warning ? `\n\n**Warning.** ${md(shift.warning)}` : ''}`);
  nb.chart('coverage', coverageHeatmap(categoryCoverage(articles), context));

  const rising = risingTopics(articles);
  const rows = rising.objects() as RisingRow[];
  const up = rows.filter((r) => r.direction === 'rising');
  const down = rows.filter((r) => r.direction === 'fading').reverse();
  const describe = (r: RisingRow) => `${md(r.tag)} (${percent(r.baselineShare)} → ${percent(r.recentShare)} of all articles, odds ${times(r.oddsRatio ?? NaN)} within categories)`;
  nb.markdown(`## Rising and fading topics

Whether each tag is carried by more or fewer articles in ${windows.recent[0]}–${windows.recent[1]} than in ${windows.baseline[0]}–${windows.baseline[1]}, judged **within each category** and combined over categories (a Mantel–Haenszel odds ratio), so a tag does not rise just because its category was scraped more. Tags on at least 10 articles in the two years together (${count(rows.length)} tags tested); a tag is called rising or fading only when its p-value, corrected for testing that many tags (Benjamini–Hochberg), is below 0.05.

${up.length ? `Rising: ${listing(up.slice(0, 8).map(describe))}.` : 'No tag rose clearly.'} ${down.length ? `Fading: ${listing(down.slice(0, 8).map(describe))}.` : 'No tag faded clearly.'}`);
  if (rows.length) {
    nb.chart('rising-fading', risingChart(rising, context, windows));
    nb.table('rising-fading', rising, { limit: 30 });
  }
  return nb;
}

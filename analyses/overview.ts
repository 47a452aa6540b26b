/**
 * Overview: how big the archive is, how skewed views are, how views depend on age, and what
 * categories, weekdays and collects look like. Run alone: pulse run analyses/overview.ts PATH... [--out DIR]
 */
import { categoriesChart, count, countOf, createNotebook, decimal, engagementSummary, hiddenGems, md, medianOf, monthlyVolumeChart, noArticlesNotebook, type Notebook, type NotebookInput, percent, quantileOf, times, topForTheirAge, trendByPeriod, viewsCollectsChart, viewsDistributionChart, weekdayChart } from '../src/index.ts';

export default function overview(input: NotebookInput): Notebook {
  if (input.articles.numRows() === 0) return noArticlesNotebook('Overview');
  const { articles, context } = input;
  const nb = createNotebook('Overview');
  const views = articles.array('views', Float64Array) as Float64Array;
  const median = medianOf(views) ?? NaN;
  const mean = views.reduce((s, v) => s + v, 0) / views.length;
  const p99 = quantileOf(views, 0.99) ?? NaN;
  const collectsOf = articles.array('collects', Float64Array) as Float64Array;
  const collects = collectsOf.reduce((s, v) => s + v, 0);
  const comments = (articles.array('comments', Float64Array) as Float64Array).reduce((s, v) => s + v, 0);
  const totalViews = views.reduce((s, v) => s + v, 0);
  const byYear = engagementSummary(articles, { by: 'year' });
  const years = byYear.objects() as { group: string; count: number; medianViews: number }[];
  const firstYear = years.find((y) => y.count >= 20) ?? years[0]!;
  const lastYear = [...years].reverse().find((y) => y.count >= 20) ?? years[years.length - 1]!;
  const byCategory = engagementSummary(articles, { by: 'category' });
  // Ranked by the shrunk cohort index: a small category is pulled toward typical until more articles confirm it.
  const categories = (byCategory.objects() as { group: string; count: number; medianViews: number; cohortIndex: number; cohortIndexShrunk: number }[])
    .sort((a, b) => b.cohortIndexShrunk - a.cohortIndexShrunk || b.count - a.count);
  const byWeekday = engagementSummary(articles, { by: 'weekday' });
  const gems = hiddenGems(articles);

  nb.markdown(`# Overview

${count(articles.numRows())} articles published from ${context.firstMonth} to ${context.lastMonth}, in ${count(context.categories.length)} categories. Together they have ${count(totalViews)} views, ${count(collects)} collects and ${count(comments)} comments: readers collect ${percent(collects / totalViews)} of what they view and comment on ${percent(comments / totalViews)}. Ages are measured to ${md(input.load.asOf)}${input.load.asOfGiven ? ' (given with --as-of)' : ', the newest publish date (the archive does not record when it was scraped)'}.`);

  nb.markdown(`## Views are skewed

The median article has **${count(median)}** views but the mean is ${count(mean)}: a few articles pull the average up (the top 1% have more than ${count(p99)}). That is why this report compares medians, not means, and shows intervals.`);
  nb.chart('views-distribution', viewsDistributionChart(views, context));

  const olderMore = firstYear.medianViews > lastYear.medianViews;
  nb.markdown(`## ${olderMore ? 'Older articles have more views' : 'Views by publication year'}

${olderMore ? 'Views keep accumulating after publication: t' : 'T'}he median ${md(firstYear.group)} article has ${count(firstYear.medianViews)} views, the median ${md(lastYear.group)} one ${count(lastYear.medianViews)} (${times(firstYear.medianViews / lastYear.medianViews)}). Any comparison that ignores the publish date mostly measures age, so rankings here use the **cohort index**: an article's views divided by the median views of all articles published in the same month (1.0 = typical for its time).`);
  nb.table('by-year', byYear, { columns: ['group', 'count', 'medianViews', 'q1Views', 'q3Views', 'meanViews', 'medianCollects', 'collectRate'], limit: 30 });
  nb.chart('monthly-volume', monthlyVolumeChart(trendByPeriod(articles), context));

  const best = categories[0]!;
  const worst = categories[categories.length - 1]!;
  nb.markdown(`## Categories

For their age, articles in **${md(best.group)}** do best (typical cohort index ${decimal(best.cohortIndexShrunk)}, median ${decimal(best.cohortIndex)}) and those in **${md(worst.group)}** least well (${decimal(worst.cohortIndexShrunk)}, median ${decimal(worst.cohortIndex)}). The typical cohort index is shrunk: a small category is pulled toward typical until more articles confirm it.`);
  nb.chart('categories', categoriesChart(byCategory, context));
  nb.table('by-category', byCategory, { columns: ['group', 'count', 'medianViews', 'q1Views', 'q3Views', 'medianCollects', 'collectRate', 'commentRate', 'cohortIndexShrunk', 'cohortIndex'], limit: 50 });

  const weekdays = byWeekday.objects() as { group: string; count: number; cohortIndex: number }[];
  const rankedDays = [...weekdays].sort((a, b) => b.cohortIndex - a.cohortIndex);
  const topDay = rankedDays[0]!;
  const lowDay = rankedDays[rankedDays.length - 1]!;
  const dayNames = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
  const busiest = [...weekdays].sort((a, b) => b.count - a.count)[0]!;
  nb.markdown(`## Weekday

Most articles come out on ${dayNames[Number(busiest.group) - 1]} (${count(busiest.count)}). For their age, articles published on ${dayNames[Number(topDay.group) - 1]} do best (median cohort index ${decimal(topDay.cohortIndex)}, ${count(topDay.count)} articles) and those on ${dayNames[Number(lowDay.group) - 1]} least well (${decimal(lowDay.cohortIndex)}, ${count(lowDay.count)} articles)${topDay.count < 100 || lowDay.count < 100 ? '; with fewer than 100 articles on a day, read this as a hint, not a finding' : ''}.`);
  nb.chart('weekday', weekdayChart(byWeekday, context));

  nb.markdown(`## Views and collects

More views bring more collects, but the rate varies a lot between articles.`);
  nb.chart('views-vs-collects', viewsCollectsChart(views, collectsOf, articles.array('category') as string[], context));

  nb.markdown(`## Hidden gems

Articles readers collect at least twice as often as the archive's rate (${percent(collects / totalViews)}) but with views at most 0.75 of typical for their month, and at least 500 views: ${count(gems.numRows())} found. Worth promoting again.`);
  if (gems.numRows() > 0) nb.table('hidden-gems', gems, { columns: ['id', 'title', 'author', 'published', 'views', 'collects', 'collectRate', 'rateMultiple', 'cohortIndex'] });

  // The best for their age: the highest percentile of views among the month's articles.
  const ranked = countOf(articles.array('percentileInAge') as (number | null)[]);
  const topForAge = topForTheirAge(articles);
  nb.markdown(`## Top articles for their age

Each article's **percentile in age** is where its views stand among the articles published in the same month (0–100), and its **score** the quintile (1–5): a score against the archive's own baseline. ${ranked ? `${count(ranked)} articles have one (months with fewer than 30 articles get none); the top ${count(topForAge.numRows())}:` : 'No month has 30 articles yet, so no article has one.'}`);
  if (topForAge.numRows() > 0) nb.table('top-for-their-age', topForAge, { formats: { percentileInAge: 'number' } });
  return nb;
}

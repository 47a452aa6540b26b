/**
 * Example: a notebook that hands the article table to danfo.js (the pandas-like DataFrame library)
 * for a group-by it does well, and shows the result as a table: median views by category × year.
 * Needs danfo.js installed beside content-pulse (README, section "danfo.js").
 * Run: pulse run analyses/examples/danfo-pivot.ts PATH...
 */
import { aq, count, createNotebook, md, type Notebook, type NotebookInput } from '../../src/index.ts';
import { fromDataFrame, toDataFrame } from '../../src/danfo.ts';

export default function danfoPivot(input: NotebookInput): Notebook {
  const { articles } = input;
  // Into danfo: one row per article, only the columns the pivot needs.
  const frame = toDataFrame(articles.select('category', 'year', 'views'));
  const medians = frame.groupby(['category', 'year']).agg({ views: 'median' });
  // Back to arquero, and wide: one row per category, one column per year.
  const long = fromDataFrame(medians);
  const wide = long.groupby('category').pivot('year', 'views_median').orderby('category');
  const years = wide.columnNames().filter((name) => name !== 'category');
  const best = long.orderby(aq.desc('views_median')).object(0) as { category: string; year: number; views_median: number } | undefined;

  return createNotebook('Median views by category and year (danfo.js)')
    .markdown(`# Median views by category and year

Computed with danfo.js from ${count(articles.numRows())} articles in ${count(wide.numRows())} categories over ${count(years.length)} years.${best ? ` The highest median is **${md(best.category)}** in ${best.year}: ${count(best.views_median)} views per article (older years have had longer to gather views).` : ''}`)
    .table('median-views-by-year', wide, { formats: Object.fromEntries(years.map((year) => [year, 'integer' as const])) });
}

/**
 * The scale workload, by content-pulse: load; explode tags; per tag with at least 30 articles:
 * count, median views, collects/views; top 50 by median views to CSV; per month: count and
 * median views to CSV. Usage: workload-pulse.ts FILE OUTDIR [--cache DIR]
 */
import { join } from 'node:path';
import { from } from 'arquero';
import { articleColumns, groupRows } from '../../src/analyze/columns.ts';
import { trendByPeriod } from '../../src/analyze/trends.ts';
import { toCsv } from '../../src/export/csv.ts';
import { writeFileAtomic } from '../../src/io/write-atomic.ts';
import { loadArticles } from '../../src/load/load-articles.ts';
import { medianSorted } from '../../src/stats/quantiles.ts';

const [file, outDir, flag, cacheDir] = process.argv.slice(2);
const start = performance.now();
const { articles } = await loadArticles([file!], flag === '--cache' ? { cache: cacheDir! } : {});
const loaded = performance.now();
const c = articleColumns(articles);
const rows = [];
for (const [tag, tagRows] of groupRows(c.n, (row) => c.tags[row]!)) {
  if (tagRows.length < 30) continue;
  const views = new Float64Array(tagRows.length);
  let collects = 0;
  let total = 0;
  tagRows.forEach((row, i) => {
    views[i] = c.views[row]!;
    collects += c.collects[row]!;
    total += c.views[row]!;
  });
  rows.push({ tag, count: tagRows.length, medianViews: medianSorted(views.sort()), collectRate: total > 0 ? collects / total : null });
}
rows.sort((a, b) => b.medianViews - a.medianViews || (a.tag < b.tag ? -1 : 1));
writeFileAtomic(join(outDir!, 'tags.csv'), toCsv(rows.slice(0, 50), ['tag', 'count', 'medianViews', 'collectRate']));
const months = trendByPeriod(articles.select('month', 'views', 'collects', 'comments', 'viewsPerDay').assign({ cohortIndex: new Array(c.n).fill(null) }));
writeFileAtomic(join(outDir!, 'months.csv'), toCsv(from(months.objects()).objects() as Record<string, unknown>[], ['month', 'count', 'medianViews']));
console.log(JSON.stringify({ articles: c.n, loadMs: Math.round(loaded - start), totalMs: Math.round(performance.now() - start) }));

/**
 * The scale workload, by content-pulse: load; explode tags; per tag with at least 30 articles:
 * count, median views, collects/views; top 50 by median views to CSV; per month: count and
 * median views to CSV. Usage: workload-pulse.ts FILE OUTDIR [--cache DIR]
 */
import { join } from 'node:path';
import { summarizeGroups } from '../../src/analyze/kernels.ts';
import { toCsv } from '../../src/export/csv.ts';
import { writeFileAtomic } from '../../src/io/write-atomic.ts';
import { loadArticles } from '../../src/load/load-articles.ts';

const [file, outDir, flag, cacheDir] = process.argv.slice(2);
const start = performance.now();
const { articles } = await loadArticles([file!], flag === '--cache' ? { cache: cacheDir! } : {});
const loaded = performance.now();
const tags = summarizeGroups(articles, 'tags', 30)
  .sort((a, b) => b.medianViews - a.medianViews || (a.key < b.key ? -1 : 1))
  .slice(0, 50)
  .map((g) => ({ tag: g.key, count: g.count, medianViews: g.medianViews, collectRate: g.collectRate }));
writeFileAtomic(join(outDir!, 'tags.csv'), toCsv(tags, ['tag', 'count', 'medianViews', 'collectRate']));
const months = summarizeGroups(articles, 'month').map((g) => ({ month: g.key, count: g.count, medianViews: g.medianViews }));
writeFileAtomic(join(outDir!, 'months.csv'), toCsv(months, ['month', 'count', 'medianViews']));
console.log(JSON.stringify({ articles: articles.numRows(), loadMs: Math.round(loaded - start), totalMs: Math.round(performance.now() - start) }));

/**
 * Bench case: load an archive in-process N times; prints per-run times, articles/s and peak memory.
 * Usage: load.ts PATH [RUNS]
 */
import { loadArticles } from '../../src/load/load-articles.ts';
import { median, peakMiB, timeIt } from '../measure.ts';

const path = process.argv[2]!;
const runs = Number(process.argv[3] ?? 5);
const times: number[] = [];
let articles = 0;
for (let i = 0; i < runs; i++) {
  times.push(await timeIt(async () => {
    articles = (await loadArticles([path])).stats.loaded;
  }));
}
const medianMs = median(times);
console.log(JSON.stringify({ articles, firstMs: Math.round(times[0]!), medianMs: Math.round(medianMs), articlesPerSecond: Math.round(articles / (medianMs / 1000)), peakMiB: peakMiB() }));

/**
 * Bench case: load an archive in-process N times; prints first and median time, articles/s and
 * peak memory. With a cache folder, the first run fills the cache and the rest read it.
 * Usage: load.ts PATH [RUNS] [CACHE_DIR]
 */
import { loadArticles } from '../../src/load/load-articles.ts';
import { median, peakMiB, timeIt } from '../measure.ts';

const path = process.argv[2]!;
const runs = Number(process.argv[3] ?? 5);
const cache = process.argv[4];
const times: number[] = [];
let articles = 0;
let reused = 0;
for (let i = 0; i < runs; i++) {
  times.push(await timeIt(async () => {
    const result = await loadArticles([path], cache ? { cache } : {});
    articles = result.stats.loaded;
    reused = result.cache?.reused ?? 0;
  }));
}
const rest = cache && times.length > 1 ? times.slice(1) : times;
const medianMs = median(rest);
console.log(JSON.stringify({ articles, reused, firstMs: Math.round(times[0]!), medianMs: Math.round(medianMs), articlesPerSecond: Math.round(articles / (medianMs / 1000)), peakMiB: peakMiB() }));

/**
 * Bench case: a warm load after new files arrive, in one process, as a notebook or a watching
 * tool reloads. Loads PATH through CACHE RUNS times (the cache and this process warm), then
 * renames the prepared folder ADDED into PATH (the files appear at once, as a sync brings them),
 * loads once more, and renames it back out (also when the load fails).
 * Prints the warm median, the load after the addition and peak memory.
 * Usage: load-after-add.ts PATH CACHE ADDED [RUNS]
 */
import { renameSync } from 'node:fs';
import { basename, join } from 'node:path';
import { loadArticles } from '../../src/load/load-articles.ts';
import { median, peakMiB, timeIt } from '../measure.ts';

const [path, cache, added] = process.argv.slice(2) as [string, string, string];
const runs = Number(process.argv[5] ?? 4);
const warm: number[] = [];
for (let i = 0; i < runs; i++) warm.push(await timeIt(() => loadArticles([path], { cache })));
const inside = join(path, basename(added));
renameSync(added, inside);
let result: Awaited<ReturnType<typeof loadArticles>> | undefined;
let afterAddMs: number;
try {
  afterAddMs = await timeIt(async () => {
    result = await loadArticles([path], { cache });
  });
} finally {
  renameSync(inside, added);
}
console.log(JSON.stringify({
  articles: result!.stats.loaded, reused: result!.cache?.reused ?? 0, parsed: result!.cache?.parsed ?? 0,
  warmMedianMs: Math.round(median(warm.slice(1))), afterAddMs: Math.round(afterAddMs), peakMiB: peakMiB(),
}));

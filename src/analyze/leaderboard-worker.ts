/**
 * A helper thread of leaderboardRows: takes chunks of a job's groups from the shared counter,
 * writes each group's leaderboardRow into the shared results and marks the chunk done (or
 * failed, for the calling thread to compute), until no chunk is left. Between jobs it writes the
 * pages of shared memory made ahead (sharedRoomsAhead), CSV rows of a large table
 * (tableToCsvParts) and text left in its source file (readTextAside).
 */
import { parentPort } from 'node:worker_threads';
import { answerCsvJob, type CsvJob } from '../export/csv-aside.ts';
import type { ArticleColumns } from './columns.ts';
import { leaderboardIntervals, leaderboardRow } from './group-stats.ts';
import { type RowsJob, type TouchJob, touchPages, writeRow } from './leaderboard-job.ts';
import type { ReadTextJob } from './helper-threads.ts';
import { readTextsInto } from '../load/table/source-text.ts';

/**
 * Runs leaderboardRow on made-up groups (1 to 40 rows, odd and even) before a job comes: a new
 * thread runs its first thousands of groups slowly until the engine has compiled them (the first
 * chunk of a million articles' author leaderboard: 168 ms on a new thread, 68 ms after this).
 */
function warmUp(): void {
  const n = 4096;
  const values = (scale: number) => Float64Array.from({ length: n }, (_, i) => ((i * 7919) % 1000) * scale);
  const columns = { views: values(10), cohortIndex: values(0.002), collects: values(0.1), comments: values(0.01) } as unknown as ArticleColumns;
  const intervals = leaderboardIntervals({ resamples: 200, seed: 1 });
  const prior = { alpha: 2, beta: 80 };
  for (let g = 0, start = 0; g < 3000; g++) {
    const size = 1 + (g % 40);
    start = (start + size) % (n - size);
    leaderboardRow(columns, Int32Array.from({ length: size }, (_, k) => start + k), prior, intervals);
  }
}

// Intervals by their options, kept from job to job: groups of one size share their draws.
const intervalsBy = new Map<string, ReturnType<typeof leaderboardIntervals>>();

parentPort!.on('message', (job: RowsJob | TouchJob | CsvJob | ReadTextJob) => {
  if ('readText' in job) {
    readTextsInto(job.readText, job.ready);
    return;
  }
  if ('touch' in job) {
    touchPages(job);
    return;
  }
  if ('csv' in job) {
    answerCsvJob(job);
    return;
  }
  const key = `${job.resamples}:${job.seed}`;
  let intervals = intervalsBy.get(key);
  if (!intervals) intervalsBy.set(key, (intervals = leaderboardIntervals({ resamples: job.resamples, seed: job.seed })));
  const columns = job.columns as unknown as ArticleColumns;
  const chunks = job.done.length;
  for (let chunk = Atomics.add(job.cursor, 0, 1); chunk < chunks; chunk = Atomics.add(job.cursor, 0, 1)) {
    let state = 1;
    try {
      for (let at = job.chunks[chunk]!; at < job.chunks[chunk + 1]!; at++) {
        const g = job.order[at]!;
        writeRow(job, g, leaderboardRow(columns, job.rows.subarray(job.offsets[g]!, job.offsets[g + 1]!), job.prior, intervals));
      }
    } catch {
      state = 2;
    }
    Atomics.store(job.done, chunk, state);
    Atomics.notify(job.done, chunk);
  }
});
warmUp();
parentPort!.postMessage('ready');


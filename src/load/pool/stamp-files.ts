/**
 * Stamps (size, mtime) of many files: through the native helper's threads where it is built, else
 * split between this thread and worker threads.
 */
import { nativeFs } from '../native.ts';
import { type FileStamps, statPaths } from '../walk/stat-files.ts';
import { defaultWorkers, WORKER_THRESHOLD } from './schedule.ts';
import { WorkerReserve } from './workers.ts';

/**
 * Stamps (size, mtime) of the paths, in order. The native helper, when built, splits them between
 * `workers` threads of its own; otherwise many files are split between this thread and
 * `workers - 1` worker threads (the workers take a little less: they start ~60 ms late).
 * @param workers threads in all; default one per core (0 or 1: this thread alone)
 * @param threshold fewer paths than this are stamped on this thread alone
 * @param reserve workers started ahead, used before starting new ones
 */
export async function stampFiles(paths: readonly string[], workers = defaultWorkers(), threshold = WORKER_THRESHOLD, reserve = new WorkerReserve()): Promise<FileStamps> {
  // The native helper splits the stats between threads of its own (no worker to start).
  if (nativeFs()) return statPaths(paths, Math.max(1, workers));
  if (workers <= 1 || paths.length < threshold) return statPaths(paths);
  const helpers = reserve.take(workers - 1);
  const share = Math.floor((paths.length / workers) * 0.9);
  const pieces = helpers.map((_, h) => paths.slice(h * share, (h + 1) * share));
  const asked = pieces.map((piece, h) => new Promise<FileStamps>((resolve, reject) => {
    const worker = helpers[h]!;
    worker.once('message', (stamps: FileStamps) => {
      resolve(stamps);
      void worker.terminate();
    });
    worker.once('error', reject);
    worker.postMessage({ stamps: piece });
  }));
  const own = statPaths(paths.slice(helpers.length * share));
  const size = new Float64Array(paths.length);
  const mtimeMs = new Float64Array(paths.length);
  let at = 0;
  for (const stamps of [...(await Promise.all(asked)), own]) {
    size.set(stamps.size, at);
    mtimeMs.set(stamps.mtimeMs, at);
    at += stamps.size.length;
  }
  return { size, mtimeMs };
}

/**
 * When a load uses worker threads, and how many: the whole policy in one place, each rule with
 * its reason. The orchestrator (load-articles.ts) asks these functions and never decides itself.
 */
import { availableParallelism } from 'node:os';

/** Default pool size: one worker per core. */
export function defaultWorkers(): number {
  return availableParallelism();
}

/**
 * Below this many files to parse (or to stamp), starting worker threads costs more than it saves:
 * a worker takes ~60 ms to start and a file ~10 µs to parse.
 */
export const WORKER_THRESHOLD = 20_000;

/** NDJSON files at least this large are scanned in chunks by this thread and the workers (smaller ones scan faster than a worker starts). */
export const NDJSON_SPLIT_BYTES = 32 << 20;

/**
 * Workers for parsing `files` files: the caller's number when given, else one per core from
 * WORKER_THRESHOLD files on, else none (everything on this thread).
 */
export function parseWorkers(files: number, workers?: number): number {
  return workers ?? (files >= WORKER_THRESHOLD ? defaultWorkers() : 0);
}

/**
 * Whether this thread parses batches itself until a worker first replies: only when the pool
 * leaves a core free. With a worker per core, this thread's parsing would take the cores the
 * workers start on and pay the parsers' warm-up a third time (a thread's first ~2,000 files run
 * several times slower, before the optimizing compiler has made its code fast): a cold load of
 * 100,000 markdown files is ~4–7% slower with it (medians 1,384 against 1,325 ms and 1,410
 * against 1,305 ms, 6 and 8 alternated pairs on 2 cores).
 */
export function helpWhileWorkersStart(workers: number): boolean {
  return workers < defaultWorkers();
}

/** Threads to split a large NDJSON file between (the caller's number, else one per core); under 2, it is not split. */
export function ndjsonSplit(workers?: number): number {
  return workers ?? defaultWorkers();
}

/**
 * Workers to start while the walk is still going, once it has found WORKER_THRESHOLD files: all of
 * them beside the native walk (they start while its paths become strings: the load ends 50–170 ms
 * sooner), one beside the JavaScript walk (a second slowed it), none with a cache and the native
 * helper (a rerun then needs no worker: the helper stats the files on threads of its own, and a
 * worker starting beside the walk slowed it).
 */
export function workersAhead(pool: number, cache: boolean, native: boolean): number {
  if (pool <= 1 || (cache && native)) return 0;
  return native ? pool : 1;
}

/**
 * Parses files on a pool of worker threads. Files go out in fixed batches, at most two batches per
 * worker at a time (memory stays bounded), and results are put back by batch number, so the
 * output order never depends on which worker finished first.
 */
import { Worker } from 'node:worker_threads';
import { Utf8Builder, type Utf8Strings } from '../table/batch-text.ts';
import type { DiscoveredFile } from '../walk/discover.ts';
import type { ParsedFile } from '../formats/parsed-file.ts';
import { type PackedFiles, unpackFiles } from './packed-files.ts';
import { WorkerReserve, once } from './workers.ts';

/**
 * Files per message: large enough to amortise messaging (and each batch's fresh arrays and
 * dictionaries), small enough to balance the load — 200 for a few thousand files, up to 500 for
 * many (alternated on the 100k archive: 1.41 -> 1.32 s cold with 500; 1,000 was slower again; on
 * the 3,000-file archive 500 left threads idle: 140 -> 200 ms).
 */
export function batchSize(files: number, workers: number): number {
  return Math.min(500, Math.max(200, Math.floor(files / (Math.max(1, workers) * 50))));
}

/**
 * Parses the files on `workers` threads.
 * @param whenCoreFree called once, when the first worker has no more work (a core is free)
 * @param reserve workers started ahead, used before starting new ones
 * @returns one ParsedFile per input file, in input order
 */
export async function parseInWorkers(
  files: readonly DiscoveredFile[], workers: number, onProgress?: (done: number, total: number) => void, whenCoreFree?: () => void,
  reserve = new WorkerReserve(),
): Promise<ParsedFile[]> {
  const batches: DiscoveredFile[][] = [];
  const size = batchSize(files.length, workers);
  for (let i = 0; i < files.length; i += size) batches.push(files.slice(i, i + size));
  const results = await runBatches<ParsedFile[]>({
    count: batches.length, workers, total: files.length, onProgress, whenCoreFree, reserve,
    message: (batch) => [{ batch, files: batches[batch] }, []],
    fromWorker: (reply: { files: PackedFiles }) => unpackFiles(reply.files),
    here: async (batch) => (await parsers()).parseFilesToBatch(batches[batch]!),
    size: (batch) => batches[batch]!.length,
  });
  return results.flat();
}

/** What the files of a pool parsed to: those of article files, and the others, skipped. */
export interface PoolParsed {
  parsed: ParsedFile[];
  skipped: { path: string; reason: string }[];
}

/** The batches of a pool, parsed: each as the workers packed it or, parsed here, per file; the skipped files. */
export interface PoolBatches {
  batches: (PackedFiles | ParsedFile[])[];
  skipped: PoolParsed['skipped'];
}

/**
 * Parses the files of a path pool on `workers` threads: each batch goes out as its paths' bytes
 * and the workers make the paths, classify and parse them, and their results stay packed (this
 * thread makes no string or object per file; for 100,000 files that, and collecting them, was a
 * third of its work).
 * @returns the batches' results and the skipped files, each in pool order
 */
export async function parsePoolInWorkers(
  pool: Utf8Strings, workers: number, onProgress?: (done: number, total: number) => void, whenCoreFree?: () => void,
  reserve = new WorkerReserve(),
): Promise<PoolBatches> {
  const files = pool.offsets.length - 1;
  const size = batchSize(files, workers);
  const count = Math.ceil(files / size);
  const end = (batch: number) => Math.min(files, (batch + 1) * size);
  const slice = (batch: number) => poolSlice(pool, batch * size, end(batch));
  const results = await runBatches<{ batch: PackedFiles | ParsedFile[]; skipped: PoolParsed['skipped'] }>({
    count, workers, total: files, onProgress, whenCoreFree, reserve,
    message: (batch) => {
      const paths = slice(batch);
      return [{ batch, paths }, [paths.bytes.buffer as ArrayBuffer, paths.offsets.buffer as ArrayBuffer]];
    },
    fromWorker: (reply: { files: PackedFiles; skipped: PoolParsed['skipped'] }) => ({ batch: reply.files, skipped: reply.skipped }),
    here: async (batch) => {
      const { parsed, skipped } = (await parsers()).parsePoolBatch(slice(batch));
      return { batch: parsed, skipped };
    },
    size: (batch) => end(batch) - batch * size,
  });
  return { batches: results.map((result) => result.batch), skipped: results.flatMap((result) => result.skipped) };
}

/** The file parsers, loaded when this thread first parses (workers start meanwhile). */
let parseFile: typeof import('../formats/parse-file.ts') | undefined;

export async function parsers(): Promise<typeof import('../formats/parse-file.ts')> {
  parseFile ??= await import('../formats/parse-file.ts');
  return parseFile;
}

/** Strings from..to-1 of a pool as a pool of their own (a copy: it is sent to a worker). */
export function poolSlice(pool: Utf8Strings, from: number, to: number): Utf8Strings {
  const slice = new Utf8Builder(pool.offsets[to]! - pool.offsets[from]!);
  slice.pushValues(pool, from, to - from);
  return slice.done();
}

/** How runBatches hands out batches and takes back their results. */
export interface BatchJob<R> {
  count: number;
  workers: number;
  /** Files in all, and in a batch (for progress). */
  total: number;
  size: (batch: number) => number;
  onProgress?: (done: number, total: number) => void;
  whenCoreFree?: () => void;
  reserve: WorkerReserve;
  /** The message for a worker, and what it transfers. */
  message: (batch: number) => [unknown, ArrayBuffer[]];
  fromWorker: (reply: never) => R;
  /** The batch parsed on this thread. */
  here: (batch: number) => Promise<R>;
}

/**
 * Runs batches on worker threads, two in flight per worker, and on this thread until a worker
 * first replies; results by batch number, so their order never depends on scheduling.
 */
export async function runBatches<R>(job: BatchJob<R>): Promise<R[]> {
  const { count, workers, total, size, onProgress, reserve } = job;
  const results = new Array<R>(count);
  const coreFree = once(job.whenCoreFree);
  let next = 0;
  let done = 0;
  let replied = false;
  let stopped = false;
  const run = (worker: Worker) => new Promise<void>((resolve, reject) => {
    let inFlight = 0;
    const send = () => {
      if (next >= count) return;
      const batch = next++;
      inFlight++;
      const [message, transfer] = job.message(batch);
      worker.postMessage(message, transfer);
    };
    worker.on('message', (message: { batch: number }) => {
      replied = true;
      inFlight--;
      results[message.batch] = job.fromWorker(message as never);
      done += size(message.batch);
      onProgress?.(done, total);
      send();
      if (inFlight === 0) {
        coreFree();
        resolve();
      }
    });
    worker.on('error', reject);
    // Two batches in flight: the worker starts the next one while this thread takes in the last
    // (waiting for each round trip left the workers idle a quarter of the time).
    send();
    send();
    if (inFlight === 0) resolve();
  });
  // Workers take ~130 ms to start and load the parsers: until one replies, this thread, idle
  // otherwise, parses batches itself.
  const helpWhileStarting = async () => {
    while (!replied && !stopped && next < count) {
      const batch = next++;
      results[batch] = await job.here(batch);
      done += size(batch);
      onProgress?.(done, total);
      await new Promise((resolve) => setImmediate(resolve));
    }
  };
  const pool = reserve.take(Math.max(1, Math.min(workers, count)));
  try {
    await Promise.all([...pool.map(run), helpWhileStarting()]);
  } finally {
    stopped = true;
    await Promise.all(pool.map((worker) => worker.terminate()));
  }
  return results;
}

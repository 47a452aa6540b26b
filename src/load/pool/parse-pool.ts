/**
 * Parses files on a pool of worker threads. Files go out in fixed batches, at most two batches per
 * worker at a time (memory stays bounded), and results are put back by batch number, so the
 * output order never depends on which worker finished first.
 */
import { Worker } from 'node:worker_threads';
import type { FileList } from '../walk/file-list.ts';
import type { ParsedFile } from '../formats/parsed-file.ts';
import type { ListParsed } from '../formats/parse-file.ts';
import { type PackedFiles, unpackFiles } from './packed-files.ts';
import { WorkerReserve, once } from './workers.ts';
import { helpWhileWorkersStart } from './schedule.ts';

/**
 * Files per message: large enough to amortise messaging (and each batch's fresh arrays and
 * dictionaries), small enough to balance the load — 200 for a few thousand files, up to 500 for
 * many (alternated on the 100k archive: 1.41 -> 1.32 s cold with 500; 1,000 was slower again; on
 * the 3,000-file archive 500 left threads idle: 140 -> 200 ms).
 */
export function batchSize(files: number, workers: number): number {
  return Math.min(500, Math.max(200, Math.floor(files / (Math.max(1, workers) * 50))));
}

/** The batches of a list, parsed: each as a worker packed it or, parsed here, per file; the skipped files. */
export interface ListBatches {
  batches: (PackedFiles | ParsedFile[])[];
  skipped: ListParsed['skipped'];
}

/**
 * Parses the files of a list on `workers` threads: each batch goes out as its paths' bytes and
 * the kinds known so far, the workers make the paths, tell the other kinds, skip what is not an
 * article file and parse the rest, and their results stay packed (this thread makes no string or
 * object per file; for 100,000 files that, and collecting them, was a third of its work).
 * @param whenCoreFree called once, when the first worker has no more work (a core is free)
 * @param reserve workers started ahead, used before starting new ones
 * @returns the batches' results and the skipped files, each in list order
 */
export async function parseListInWorkers(
  files: FileList, workers: number, onProgress?: (done: number, total: number) => void, whenCoreFree?: () => void,
  reserve = new WorkerReserve(),
): Promise<ListBatches> {
  const size = batchSize(files.length, workers);
  const count = Math.ceil(files.length / size);
  const end = (batch: number) => Math.min(files.length, (batch + 1) * size);
  const slice = (batch: number) => files.slice(batch * size, end(batch));
  const results = await runBatches<{ batch: PackedFiles | ParsedFile[]; skipped: ListParsed['skipped'] }>({
    count, workers, total: files.length, onProgress, whenCoreFree, reserve,
    message: (batch) => {
      const listed = slice(batch);
      const paths = listed.pool();
      const kinds = listed.kindsSoFar();
      return [{ batch, paths, kinds }, [paths.bytes.buffer as ArrayBuffer, paths.offsets.buffer as ArrayBuffer, kinds.buffer as ArrayBuffer]];
    },
    fromWorker: (reply: { files: PackedFiles; skipped: ListParsed['skipped'] }) => ({ batch: reply.files, skipped: reply.skipped }),
    here: async (batch) => {
      const { parsed, skipped } = (await parsers()).parseListed(slice(batch));
      return { batch: parsed, skipped };
    },
    size: (batch) => end(batch) - batch * size,
  });
  return { batches: results.map((result) => result.batch), skipped: results.flatMap((result) => result.skipped) };
}

/**
 * Parses the files on `workers` threads (as parseListInWorkers), each result unpacked: for a list
 * of article files only.
 * @returns one ParsedFile per file, in list order
 */
export async function parseInWorkers(
  files: FileList, workers: number, onProgress?: (done: number, total: number) => void, whenCoreFree?: () => void,
  reserve = new WorkerReserve(),
): Promise<ParsedFile[]> {
  const { batches } = await parseListInWorkers(files, workers, onProgress, whenCoreFree, reserve);
  return batches.flatMap((batch) => (Array.isArray(batch) ? batch : unpackFiles(batch)));
}

/** The file parsers, loaded when this thread first parses (workers start meanwhile). */
let parseFile: typeof import('../formats/parse-file.ts') | undefined;

export async function parsers(): Promise<typeof import('../formats/parse-file.ts')> {
  parseFile ??= await import('../formats/parse-file.ts');
  return parseFile;
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
 * first replies where the pool leaves a core free (helpWhileWorkersStart); results by batch
 * number, so their order never depends on scheduling.
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
  // Workers take ~130 ms to start and load the parsers: until one replies, this thread parses
  // batches itself where a core is left for it (helpWhileWorkersStart).
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
    await Promise.all([...pool.map(run), ...(helpWhileWorkersStart(pool.length) ? [helpWhileStarting()] : [])]);
  } finally {
    stopped = true;
    await Promise.all(pool.map((worker) => worker.terminate()));
  }
  return results;
}

/**
 * Parses files on a pool of worker threads. Files go out in fixed batches, at most two batches per
 * worker at a time (memory stays bounded), and results are put back by batch number, so the
 * output order never depends on which worker finished first.
 */
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { Utf8Builder, type Utf8Strings } from '../table/batch-text.ts';
import type { DiscoveredFile } from '../walk/discover.ts';
import { type ParsedFile, rejectedFile } from '../formats/parsed-file.ts';
import { type ScannedNdjson, scanNdjsonFile } from '../formats/ndjson-scan.ts';
import { type PackedFiles, unpackFiles } from './packed-files.ts';
import { nativeFs } from '../native.ts';
import { type FileStamps, statPaths } from '../walk/stat-files.ts';
import { defaultWorkers, WORKER_THRESHOLD } from './schedule.ts';

/**
 * Files per message: large enough to amortise messaging (and each batch's fresh arrays and
 * dictionaries), small enough to balance the load — 200 for a few thousand files, up to 500 for
 * many (alternated on the 100k archive: 1.41 -> 1.32 s cold with 500; 1,000 was slower again; on
 * the 3,000-file archive 500 left threads idle: 140 -> 200 ms).
 */
function batchSize(files: number, workers: number): number {
  return Math.min(500, Math.max(200, Math.floor(files / (Math.max(1, workers) * 50))));
}

/** The worker script: the TypeScript source under tsx, the built bundle's (dist/parse-worker.js) otherwise. */
export function workerSource(): URL {
  if (import.meta.url.endsWith('.ts')) return new URL('./parse-worker-tsx.mjs', import.meta.url);
  return new URL(import.meta.url.includes('/chunks/') ? '../parse-worker.js' : './parse-worker.js', import.meta.url);
}

/**
 * A new parse worker: the one place a load starts a thread. Each one answers every kind of
 * message (parse a batch of files or of walked paths, scan an NDJSON range, stamp files, check
 * cache sums: parse-worker.ts), so the reserve below serves every stage.
 */
export function startWorker(): Worker {
  return new Worker(workerSource());
}

/**
 * Worker threads started before they are needed (while files are still being discovered) and
 * handed to the first stage that asks: a worker takes ~75 ms to start here. release() terminates
 * the ones nobody took.
 */
export class WorkerReserve {
  private readonly idle: Worker[] = [];
  private readonly dropOnError = new Map<Worker, () => void>();

  /** Workers waiting to be taken. */
  get waiting(): number {
    return this.idle.length;
  }

  /** Starts workers until `count` wait in the reserve. */
  fill(count: number): void {
    while (this.idle.length < count) {
      const worker = startWorker();
      // A worker that fails before anyone took it leaves the reserve (and takes nothing down).
      const drop = () => {
        this.idle.splice(this.idle.indexOf(worker) >>> 0, 1);
        this.dropOnError.delete(worker);
      };
      worker.on('error', drop);
      this.dropOnError.set(worker, drop);
      this.idle.push(worker);
    }
  }

  /** `count` workers: reserved ones first, new ones for the rest. */
  take(count: number): Worker[] {
    const taken = this.idle.splice(0, count);
    for (const worker of taken) {
      worker.off('error', this.dropOnError.get(worker)!);
      this.dropOnError.delete(worker);
    }
    while (taken.length < count) taken.push(startWorker());
    return taken;
  }

  /** Terminates the workers nobody took. */
  async release(): Promise<void> {
    this.dropOnError.clear();
    await Promise.all(this.idle.splice(0).map((worker) => worker.terminate()));
  }
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
async function parsers(): Promise<typeof import('../formats/parse-file.ts')> {
  parseFile ??= await import('../formats/parse-file.ts');
  return parseFile;
}

/** Strings from..to-1 of a pool as a pool of their own (a copy: it is sent to a worker). */
function poolSlice(pool: Utf8Strings, from: number, to: number): Utf8Strings {
  const slice = new Utf8Builder(pool.offsets[to]! - pool.offsets[from]!);
  slice.pushValues(pool, from, to - from);
  return slice.done();
}

/** How runBatches hands out batches and takes back their results. */
interface BatchJob<R> {
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
async function runBatches<R>(job: BatchJob<R>): Promise<R[]> {
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

/** A callback that runs on its first call only. */
function once(callback: (() => void) | undefined): () => void {
  let called = false;
  return () => {
    if (called) return;
    called = true;
    callback?.();
  };
}

/**
 * Offsets that split a file into ranges in proportion to `weights`, each starting at the start
 * of a line.
 */
function lineAlignedSplits(path: string, weights: readonly number[]): number[] {
  const parts = weights.length;
  const total = weights.reduce((sum, weight) => sum + weight, 0);
  const fd = openSync(path, 'r');
  try {
    const size = fstatSync(fd).size;
    const window = new Uint8Array(1 << 16);
    const splits = [0];
    let before = 0;
    for (let k = 1; k < parts; k++) {
      before += weights[k - 1]!;
      let at = Math.max(Math.floor((size * before) / total), splits[splits.length - 1]!);
      for (;;) {
        const read = readSync(fd, window, 0, window.length, at);
        if (read === 0) {
          at = size;
          break;
        }
        const nl = window.subarray(0, read).indexOf(0x0a);
        if (nl >= 0) {
          at += nl + 1;
          break;
        }
        at += read;
      }
      splits.push(at);
    }
    splits.push(size);
    return splits;
  } finally {
    closeSync(fd);
  }
}

/**
 * Scans one large NDJSON file on `workers` threads, each taking a range of whole lines; the
 * batches come back in file order and line numbers are fixed up to count from the file's start.
 * @param whenCoreFree called once, when the first worker has finished (a core is free)
 */
export async function scanNdjsonInWorkers(path: string, workers: number, whenCoreFree?: () => void): Promise<ParsedFile> {
  const coreFree = once(whenCoreFree);
  // This thread scans the first range while workers - 1 threads scan the rest: no thread waits
  // idle, and this thread starts ~100 ms before a worker can, so its range is a little larger.
  const splits = lineAlignedSplits(path, [1.1, ...Array.from({ length: workers - 1 }, () => 1)]);
  const helpers: Worker[] = [];
  const others = splits.slice(1, -1).map((start, k) => new Promise<ScannedNdjson>((resolve, reject) => {
    const worker = startWorker();
    helpers.push(worker);
    worker.once('message', (message: { scanned: ScannedNdjson }) => {
      coreFree();
      resolve(message.scanned);
      void worker.terminate();
    });
    worker.once('error', reject);
    worker.postMessage({ range: k + 1, path, start, end: splits[k + 2]! });
  }));
  let first: ScannedNdjson;
  try {
    first = scanNdjsonFile(path, splits[0], splits[1]);
  } catch (error) {
    await Promise.all(helpers.map((worker) => worker.terminate()));
    throw error;
  }
  coreFree();
  const results = [first, ...(await Promise.all(others))];
  const problem = results.find((result) => result.problem)?.problem;
  if (problem) return rejectedFile(path, problem);
  const out: ParsedFile = { parts: [], rejects: [], warnings: [], itemsSeen: 0 };
  let linesBefore = 0;
  for (const result of results) {
    for (const reject of result.rejects) out.rejects.push({ ...reject, line: reject.line + linesBefore });
    for (const warning of result.warnings) out.warnings.push({ ...warning, line: warning.line + linesBefore });
    if (result.batch.n > 0) out.parts.push({ batch: result.batch, first: 0, count: result.batch.n });
    out.itemsSeen += result.itemsSeen;
    linesBefore += result.lines;
  }
  return out;
}

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
